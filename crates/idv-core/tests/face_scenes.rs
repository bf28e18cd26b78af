//! Face feedback end to end: synthetic 640×480 captures built from the astronaut (fixture
//! frame 0: its face scaled, moved, rotated or pasted twice on mid-grey) run through the real
//! detector and the judge.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod face_support;

use face_support::{detector, frame, scene};
use idv_core::OptionError;
use idv_core::frame::{Rect, RgbaFrame, region_luma_mean};
use idv_core::roi::face::{
    CameraFacing, DetectorOptions, Face, FaceCheckOptions, FaceFeedback, FaceJudge,
    FaceOptionsError,
};

#[test]
fn invalid_detector_options_are_refused_and_leave_the_detector_unchanged() {
    let mut det = detector();
    for (options, name) in [
        (
            DetectorOptions {
                min_score: 0.0,
                ..Default::default()
            },
            "minScore",
        ),
        (
            DetectorOptions {
                min_score: f32::NAN,
                ..Default::default()
            },
            "minScore",
        ),
        (
            DetectorOptions {
                iou_threshold: 1.5,
                ..Default::default()
            },
            "iouThreshold",
        ),
        (
            DetectorOptions {
                iou_threshold: -0.1,
                ..Default::default()
            },
            "iouThreshold",
        ),
    ] {
        match det.set_options(options) {
            Err(FaceOptionsError::Option(OptionError::OutOfRange { field, .. })) => assert_eq!(field, name),
            other => panic!("{name}: {other:?}"),
        }
    }
    assert_eq!(
        *det.options(),
        DetectorOptions {
            min_score: 0.5,
            iou_threshold: 0.3
        }
    );
    det.set_options(DetectorOptions {
        min_score: 0.9,
        iou_threshold: 0.5,
    })
    .expect("valid");
    assert_eq!(det.options().min_score, 0.9);
}

/// Detects on a synthetic capture and judges it with the face box's real mean luma.
fn judge_scene(
    judge: &FaceJudge,
    crop: f32,
    placements: &[(f32, f32, (f32, f32))],
) -> (FaceFeedback, Vec<Face>) {
    let s = scene(&frame(0), crop, placements);
    let f = RgbaFrame::new(&s.data, s.width, s.height).expect("frame");
    let faces = detector().detect(&f, None).expect("detect").to_vec();
    let luma = faces.first().map(|face| {
        let b = face.bbox;
        let (x, y) = (b.x.max(0.0) as u32, b.y.max(0.0) as u32);
        let (w, h) = (
            (b.width as u32).min(640 - x),
            (b.height as u32).min(480 - y),
        );
        region_luma_mean(&f, Rect::new(x, y, w, h)).expect("region") as f32
    });
    (judge.judge(&faces, luma), faces)
}

#[test]
fn synthetic_captures_drive_each_feedback() {
    use FaceFeedback::*;
    // 640×480 front: guide 334×480 at (153, 0), centre (320, 240), tolerance ±50 × ±72 px,
    // eyes 67.5..=121.5 px. The astronaut's eyes are ~37 px apart at scale 1.
    let j = FaceJudge::new(640, 480, FaceCheckOptions::default()).expect("valid");
    let cases = [
        (
            "centred ×2.5",
            300.0,
            vec![(2.5, 0.0, (320.0, 240.0))],
            FaceCompliant,
        ),
        ("left", 300.0, vec![(2.5, 0.0, (200.0, 240.0))], FaceOnLeft),
        (
            "right",
            300.0,
            vec![(2.5, 0.0, (440.0, 240.0))],
            FaceOnRight,
        ),
        ("high", 300.0, vec![(2.5, 0.0, (320.0, 150.0))], FaceTooHigh),
        ("low", 300.0, vec![(2.5, 0.0, (320.0, 330.0))], FaceTooLow),
        ("×1.5", 300.0, vec![(1.5, 0.0, (320.0, 240.0))], FaceTooFar),
        (
            "×4.5",
            300.0,
            vec![(4.5, 0.0, (320.0, 240.0))],
            FaceTooClose,
        ),
        (
            "twice",
            140.0,
            vec![(1.5, 0.0, (200.0, 240.0)), (1.5, 0.0, (440.0, 240.0))],
            MultipleFacesDetected,
        ),
        (
            "rotated 30°",
            300.0,
            vec![(2.5, 30.0, (320.0, 240.0))],
            InvalidPose,
        ),
    ];
    for (name, crop, placements, want) in cases {
        let (got, faces) = judge_scene(&j, crop, &placements);
        assert_eq!(got, want, "{name}: {faces:?}");
    }
    // Measured eye distances follow the scale: ×2.5 ≈ 92, ×1.5 ≈ 57, ×4.5 ≈ 169 px.
    let (_, faces) = judge_scene(&j, 300.0, &[(2.5, 0.0, (320.0, 240.0))]);
    assert!(
        (84.0..100.0).contains(&faces[0].eye_distance),
        "{:?}",
        faces[0]
    );
    let (_, faces) = judge_scene(&j, 300.0, &[(2.5, 30.0, (320.0, 240.0))]);
    assert!(
        (28.0..38.0).contains(&faces[0].roll_degrees),
        "{:?}",
        faces[0]
    );
}

#[test]
fn back_camera_expects_a_smaller_face() {
    use FaceFeedback::*;
    let options = FaceCheckOptions {
        facing: CameraFacing::Back,
        ..Default::default()
    };
    let j = FaceJudge::new(640, 480, options).expect("valid");
    assert_eq!(j.eye_distance_range(), (45.0, 81.0));
    assert_eq!(
        judge_scene(&j, 300.0, &[(1.5, 0.0, (320.0, 240.0))]).0,
        FaceCompliant
    );
    assert_eq!(
        judge_scene(&j, 300.0, &[(2.5, 0.0, (320.0, 240.0))]).0,
        FaceTooClose
    );
}

#[test]
fn lighting_comes_from_the_caller() {
    let j = FaceJudge::new(640, 480, FaceCheckOptions::default()).expect("valid");
    let s = scene(&frame(0), 300.0, &[(2.5, 0.0, (320.0, 240.0))]);
    let f = RgbaFrame::new(&s.data, s.width, s.height).expect("frame");
    let faces = detector().detect(&f, None).expect("detect").to_vec();
    assert_eq!(j.judge(&faces, None), FaceFeedback::FaceCompliant);
    assert_eq!(
        j.judge(&faces, Some(45.0)),
        FaceFeedback::InsufficientLighting
    );
}
