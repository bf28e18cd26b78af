//! The whole per-frame verdict on real frames: the labelled recording and synthetic captures
//! built from it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod face_support;

use idv_core::analyzer::{AnalysisReport, AnalyzeError, AnalyzerOptions, Feedback, FrameAnalyzer, QualityHint};
use idv_core::autocapture::Decision;
use idv_core::frame::RgbaFrame;
use idv_core::roi::face::FaceFeedback;

fn face_analyzer() -> FrameAnalyzer {
    face_analyzer_with(AnalyzerOptions::face())
}

fn face_analyzer_with(options: AnalyzerOptions) -> FrameAnalyzer {
    let mut analyzer = FrameAnalyzer::new(options).unwrap();
    analyzer.load_face_model(&face_support::model_bytes()).unwrap();
    analyzer
}

fn run(analyzer: &mut FrameAnalyzer, frame: &face_support::Rgba, at: f64) -> AnalysisReport {
    let view = RgbaFrame::new(&frame.data, frame.width, frame.height).unwrap();
    analyzer.analyze_rgba(&view, at).unwrap()
}

#[test]
fn the_recorded_astronaut_is_found_but_too_far_for_a_selfie() {
    // At 640×480 the astronaut's eyes are ~39 px apart; a front-camera selfie wants ~90 (AwareID).
    let mut analyzer = face_analyzer();
    for (i, index) in (0..30).step_by(5).enumerate() {
        let report = run(&mut analyzer, &face_support::frame(index), i as f64 * 33.3);
        let faces = report.faces.as_ref().unwrap();
        assert_eq!(faces.len(), 1, "frame {index}");
        assert_eq!(report.feedback, Feedback::Face(FaceFeedback::FaceTooFar), "frame {index}");
        assert!(!report.compliant);
        assert_eq!(report.autocapture, Decision::Discard);
        // The quality region is the face box grown by 25 %, inside the guide.
        assert!(report.region.width < report.guide.width, "{:?} vs {:?}", report.region, report.guide);
    }
    assert!(analyzer.captured().is_none());
}

#[test]
fn a_steady_compliant_selfie_is_captured_after_the_minimum_run() {
    let frame0 = face_support::frame(0);
    let selfie = face_support::scene(&frame0, 300.0, &[(2.5, 0.0, (320.0, 240.0))]);
    // The synthetic selfie is the recording's face enlarged 2.5×, so it is honestly soft: the
    // default floor (Laplacian variance 100 at 200 px) calls it blurry — checked below. For the
    // autocapture mechanics, lower the floor; the relative check (≥ 0.6 × best) stays.
    let soft = run(&mut face_analyzer(), &selfie, 0.0);
    assert!(soft.quality.sharpness.value < 100.0, "enlarged face measured {}", soft.quality.sharpness.value);
    let mut options = AnalyzerOptions::face();
    options.quality.face.sharpness.min_laplacian_variance = soft.quality.sharpness.value * 0.5;
    let mut analyzer = face_analyzer_with(options);
    let mut decisions = Vec::new();
    let mut feedback = Vec::new();
    for i in 0..8 {
        let report = run(&mut analyzer, &selfie, f64::from(i) * 33.3);
        decisions.push(report.autocapture);
        feedback.push(report.feedback);
    }
    // Frame 1 has no previous frame to judge stability against; then 5 compliant frames.
    assert_eq!(feedback[0], Feedback::Quality(QualityHint::HoldStill));
    assert!(feedback[1..].iter().all(|f| *f == Feedback::Face(FaceFeedback::FaceCompliant)), "{feedback:?}");
    assert_eq!(decisions[1], Decision::Keep);
    assert_eq!(decisions[5], Decision::Capture { frame_id: 2 }, "{decisions:?}");
    assert_eq!(decisions[6], Decision::Discard, "fires once");
    let captured = analyzer.captured().expect("captured");
    assert_eq!((captured.frame, captured.width, captured.height), (2, 640, 480));
    assert_eq!(captured.rgba, selfie.data, "the retained pixels are the frame's");
    analyzer.reset();
    assert!(analyzer.captured().is_none());
}

#[test]
fn a_dark_selfie_asks_for_light_or_finds_no_face() {
    let frame0 = face_support::frame(0);
    let selfie = face_support::scene(&frame0, 300.0, &[(2.5, 0.0, (320.0, 240.0))]);
    let darken = |f: &face_support::Rgba, k: f32| {
        let mut out = f.clone();
        for px in out.data.chunks_exact_mut(4) {
            for c in &mut px[..3] {
                *c = (f32::from(*c) * k) as u8;
            }
        }
        out
    };
    let mut analyzer = face_analyzer();
    let dark = darken(&selfie, 0.25);
    let mut last = None;
    for i in 0..3 {
        last = Some(run(&mut analyzer, &dark, f64::from(i) * 33.3));
    }
    let report = last.unwrap();
    // Either the face is still found and the verdict is lighting, or it is not found at all.
    assert!(
        matches!(report.feedback, Feedback::Face(FaceFeedback::InsufficientLighting | FaceFeedback::NoFaceDetected)),
        "{:?} (brightness {})",
        report.feedback,
        report.quality.brightness.value
    );
}

#[test]
fn bad_input_is_a_typed_error() {
    let mut analyzer = FrameAnalyzer::new(AnalyzerOptions::face()).unwrap();
    let frame = vec![0u8; 64 * 48 * 4];
    let view = RgbaFrame::new(&frame, 64, 48).unwrap();
    assert_eq!(analyzer.analyze_rgba(&view, 0.0), Err(AnalyzeError::NoFaceModel));
    assert!(matches!(analyzer.load_face_model(b"not a model"), Err(AnalyzeError::Model(_))));
    let mut analyzer = face_analyzer();
    assert!(matches!(analyzer.analyze_rgba(&view, f64::NAN), Err(AnalyzeError::Time(_))));
    let mut options = AnalyzerOptions::face();
    options.autocapture.autocapture_minimum_frame_count = 0;
    assert!(matches!(FrameAnalyzer::new(options), Err(AnalyzeError::Options(_))));
}
