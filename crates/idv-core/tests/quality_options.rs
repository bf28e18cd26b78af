//! Thresholds: documented defaults and validation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use idv_core::quality::{QualityAnalyzer, QualityOptions, SharpnessOptions, Subject};
use idv_core::{OptionError, OrderBound};

/// Edits one threshold of the defaults.
type Change = fn(&mut QualityOptions);

fn field_of(e: OptionError) -> String {
    match e {
        OptionError::OutOfRange { field, .. } => field.into_owned(),
        OptionError::Order { low, .. } => low.into_owned(),
        other => format!("{other:?}"),
    }
}

#[test]
fn defaults_are_the_documented_starting_values_and_valid() {
    let o = QualityOptions::default();
    assert_eq!(o.validate(), Ok(()));
    assert_eq!((o.downscale, o.history), (2, 30));
    assert_eq!(o.face.sharpness, SharpnessOptions::FACE);
    assert_eq!(o.document.sharpness, SharpnessOptions::DOCUMENT);
    assert_eq!(
        (o.face.sharpness.analysis_width, o.face.sharpness.min_laplacian_variance),
        (200, 100.0)
    );
    assert_eq!(
        (o.document.sharpness.analysis_width, o.document.sharpness.min_laplacian_variance),
        (448, 150.0)
    );
    assert_eq!(o.face.sharpness.min_relative, 0.6);
    let e = &o.face.exposure;
    assert_eq!((e.min_mean, e.max_mean, e.dark_level, e.bright_level), (60.0, 200.0, 30, 225));
    assert_eq!((e.max_dark_fraction, e.max_bright_fraction), (0.25, 0.25));
    assert_eq!(o.face.contrast.min_std_dev, 25.0);
    let g = &o.document.glare;
    assert_eq!((g.level, g.margin, g.max_fraction, g.max_blob), (250, 0.05, 0.02, 0.01));
    assert_eq!(o.document.stability.max_mean_abs_diff, 2.0);
    assert_eq!(o.for_subject(Subject::Document), &o.document);
}

#[test]
fn nan_negative_infinite_and_out_of_range_values_are_rejected_by_name() {
    let cases: [(Change, &str); 17] = [
        (
            |o| o.face.sharpness.min_laplacian_variance = f32::NAN,
            "face.sharpness.minLaplacianVariance",
        ),
        (|o| o.document.sharpness.min_relative = 1.5, "document.sharpness.minRelative"),
        (
            |o| o.document.sharpness.min_gradient_balance = -0.1,
            "document.sharpness.minGradientBalance",
        ),
        (|o| o.face.sharpness.analysis_width = 0, "face.sharpness.analysisWidth"),
        (|o| o.face.exposure.max_mean = f32::INFINITY, "face.exposure.maxMean"),
        (|o| o.face.exposure.max_dark_fraction = -0.01, "face.exposure.maxDarkFraction"),
        (|o| o.document.contrast.min_std_dev = f32::NAN, "document.contrast.minStdDev"),
        (|o| o.document.glare.max_fraction = f32::NAN, "document.glare.maxFraction"),
        (|o| o.document.glare.max_blob = 2.0, "document.glare.maxBlob"),
        (|o| o.document.glare.margin = 0.5, "document.glare.margin"),
        (|o| o.document.glare.level = 0, "document.glare.level"),
        (|o| o.face.stability.max_mean_abs_diff = -1.0, "face.stability.maxMeanAbsDiff"),
        (|o| o.face.stability.size = 2, "face.stability.size"),
        (|o| o.downscale = 0, "downscale"),
        (|o| o.history = 0, "history"),
        (|o| o.face.exposure.min_mean = 210.0, "face.exposure.minMean"),
        (|o| o.face.exposure.dark_level = 230, "face.exposure.darkLevel"),
    ];
    for (change, field) in cases {
        let mut o = QualityOptions::default();
        change(&mut o);
        let err = o.validate().unwrap_err();
        assert_eq!(field_of(err), field);
        assert_eq!(field_of(QualityAnalyzer::new(o).unwrap_err()), field, "analyzer refuses too");
    }
}

#[test]
fn errors_carry_the_offending_values() {
    let mut o = QualityOptions::default();
    o.face.exposure.min_mean = 210.0;
    assert_eq!(
        o.validate(),
        Err(OptionError::Order {
            low: "face.exposure.minMean".into(),
            low_value: 210.0,
            high: "face.exposure.maxMean".into(),
            high_value: 200.0,
            bound: OrderBound::AtMost,
        })
    );
    let mut o = QualityOptions::default();
    o.document.glare.max_blob = -0.5;
    let e = o.validate().unwrap_err();
    assert_eq!(
        e,
        OptionError::OutOfRange {
            field: "document.glare.maxBlob".into(),
            value: -0.5,
            min: 0.0,
            max: 1.0
        }
    );
    assert_eq!(e.to_string(), "document.glare.maxBlob = -0.5 is not a finite number in 0..=1");
}

#[test]
fn boundary_values_are_accepted() {
    let mut o = QualityOptions::default();
    o.face.sharpness.min_relative = 1.0;
    o.face.sharpness.min_gradient_balance = 0.0;
    o.face.exposure.min_mean = 200.0; // equal to max_mean
    o.document.glare.margin = 0.0;
    o.document.stability.max_mean_abs_diff = 0.0;
    o.downscale = 1;
    o.history = 1;
    assert_eq!(o.validate(), Ok(()));
}

#[test]
fn options_serialize_with_camel_case_names() {
    let v = serde_json::to_value(QualityOptions::default()).unwrap();
    assert_eq!(v["document"]["sharpness"]["minLaplacianVariance"], 150.0);
    assert_eq!(v["face"]["glare"]["maxBlob"], serde_json::json!(0.01f32));
    assert_eq!(v["history"], 30);
}
