//! The document report: quality failures mapped to document feedback codes by priority, and its
//! JSON (camelCase fields, SCREAMING_SNAKE codes).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod document_support;

use document_support::detect::{H, W, detect, detector, guide};
use document_support::synth::{Card, draw};
use idv_core::quality::{FailReason, Metric, QualityReport, Subject, Verdict};
use idv_core::roi::document::{DocumentFeedback, DocumentOptions, combine_feedback};

/// A passing quality report with `change` applied.
fn quality(change: impl FnOnce(&mut QualityReport)) -> QualityReport {
    let pass = Metric {
        value: 1.0,
        min: None,
        max: None,
        verdict: Verdict::Pass,
    };
    let mut q = QualityReport {
        subject: Subject::Document,
        analysis_scale: 1.0,
        frame_saturated_fraction: 0.0,
        sharpness: pass,
        relative_sharpness: pass,
        gradient_balance: pass,
        brightness: pass,
        dark_fraction: pass,
        bright_fraction: pass,
        contrast: pass,
        glare: pass,
        glare_blob: pass,
        stability: pass,
    };
    change(&mut q);
    q
}

#[test]
fn quality_failures_map_to_document_codes_by_priority() {
    use DocumentFeedback::*;
    let fail = |r| Metric::failed(0.0, r);
    let compliant = DocumentCompliant;
    assert_eq!(combine_feedback(compliant, None), compliant);
    assert_eq!(
        combine_feedback(compliant, Some(&quality(|_| ()))),
        compliant
    );
    type Set = fn(&mut QualityReport, Metric);
    let cases: [(Set, FailReason, DocumentFeedback); 8] = [
        (|q, m| q.glare = m, FailReason::Glare, DocumentGlare),
        (|q, m| q.glare_blob = m, FailReason::Glare, DocumentGlare),
        (
            |q, m| q.bright_fraction = m,
            FailReason::TooBright,
            ExcessiveLighting,
        ),
        (
            |q, m| q.brightness = m,
            FailReason::TooDark,
            InsufficientLighting,
        ),
        (
            |q, m| q.contrast = m,
            FailReason::LowContrast,
            InsufficientLighting,
        ),
        (|q, m| q.sharpness = m, FailReason::Blurry, DocumentBlurry),
        (
            |q, m| q.gradient_balance = m,
            FailReason::MotionBlur,
            DocumentBlurry,
        ),
        (|q, m| q.stability = m, FailReason::NoHistory, HoldStill),
    ];
    for (set, reason, code) in cases {
        let q = quality(|q| set(q, fail(reason)));
        assert_eq!(combine_feedback(compliant, Some(&q)), code, "{reason:?}");
        // Geometry comes first.
        assert_eq!(combine_feedback(DocumentTilted, Some(&q)), DocumentTilted);
    }
    // Priority: glare > too bright > too dark > blur > moving.
    let q = quality(|q| {
        q.stability = fail(FailReason::Moving);
        q.sharpness = fail(FailReason::Blurry);
        q.dark_fraction = fail(FailReason::TooDark);
    });
    assert_eq!(combine_feedback(compliant, Some(&q)), InsufficientLighting);
    let q = quality(|q| {
        q.stability = fail(FailReason::Moving);
        q.glare = fail(FailReason::Glare);
        q.bright_fraction = fail(FailReason::TooBright);
    });
    assert_eq!(combine_feedback(compliant, Some(&q)), DocumentGlare);
    // No document: only exposure can explain it.
    let dark = quality(|q| q.brightness = fail(FailReason::TooDark));
    assert_eq!(
        combine_feedback(NoDocumentDetected, Some(&dark)),
        InsufficientLighting
    );
    let bright = quality(|q| q.bright_fraction = fail(FailReason::TooBright));
    assert_eq!(
        combine_feedback(NoDocumentDetected, Some(&bright)),
        ExcessiveLighting
    );
    let flat = quality(|q| q.contrast = fail(FailReason::LowContrast));
    assert_eq!(
        combine_feedback(NoDocumentDetected, Some(&flat)),
        NoDocumentDetected
    );
}

#[test]
fn report_serializes_camel_case_with_screaming_codes() {
    let mut r = detect(
        &mut detector(),
        &draw(W, H, &Card::id1(320.0, 240.0, 410.0, 0.0)),
        guide(),
    );
    r.apply_quality(Some(&quality(|q| {
        q.glare = Metric::failed(0.1, FailReason::Glare)
    })));
    let v: serde_json::Value = serde_json::to_value(&r).unwrap();
    for key in [
        "found",
        "corners",
        "bounding",
        "fillRatio",
        "tiltDeg",
        "aspect",
        "sideScores",
        "motionPx",
        "guide",
        "geometryFeedback",
        "feedback",
    ] {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
    assert_eq!(v["feedback"], "DOCUMENT_GLARE");
    assert_eq!(v["geometryFeedback"], "DOCUMENT_COMPLIANT");
    assert_eq!(v["corners"][0].as_object().unwrap().len(), 2);
    assert!(v["sideScores"]["top"].as_f64().unwrap() > 0.5);
    let codes = [
        (DocumentFeedback::NoDocumentDetected, "NO_DOCUMENT_DETECTED"),
        (
            DocumentFeedback::DocumentNotFullyVisible,
            "DOCUMENT_NOT_FULLY_VISIBLE",
        ),
        (DocumentFeedback::DocumentTooHigh, "DOCUMENT_TOO_HIGH"),
        (
            DocumentFeedback::InsufficientLighting,
            "INSUFFICIENT_LIGHTING",
        ),
        (DocumentFeedback::HoldStill, "HOLD_STILL"),
    ];
    for (code, name) in codes {
        assert_eq!(serde_json::to_value(code).unwrap(), name);
        assert_eq!(
            serde_json::from_value::<DocumentFeedback>(name.into()).unwrap(),
            code
        );
    }
    let opts = serde_json::to_value(DocumentOptions::default()).unwrap();
    assert_eq!(opts["minSideScore"], 0.5);
    let back: DocumentOptions = serde_json::from_value(opts).unwrap();
    assert_eq!(back, DocumentOptions::default());
    let partial: DocumentOptions = serde_json::from_str(r#"{"maxTiltDeg": 8}"#).unwrap();
    assert_eq!(
        partial,
        DocumentOptions {
            max_tilt_deg: 8.0,
            ..Default::default()
        }
    );
}
