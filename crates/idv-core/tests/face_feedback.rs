//! Face feedback without the model: the decision table on hand-made detections, the guide and
//! bounds, option validation and the wire names. `face_scenes.rs` drives the same judge with
//! real detections.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use idv_core::OptionError;
use idv_core::frame::Rect;
use idv_core::roi::face::{
    CameraFacing, Face, FaceBox, FaceCheckOptions, FaceFeedback, FaceJudge, FaceOptionsError, Point,
};

/// A face centred on `(cx, cy)` with eyes `eyes` px apart at `roll` degrees, box 2.5 × eyes.
fn face(cx: f32, cy: f32, eyes: f32, roll: f32) -> Face {
    let side = 2.5 * eyes;
    let (dy, dx) = roll.to_radians().sin_cos();
    let eye = |s: f32| Point {
        x: cx + s * dx * eyes / 2.0,
        y: cy - eyes / 4.0 + s * dy * eyes / 2.0,
    };
    let mut keypoints = [Point { x: cx, y: cy }; 6];
    keypoints[0] = eye(-1.0);
    keypoints[1] = eye(1.0);
    Face {
        bbox: FaceBox {
            x: cx - side / 2.0,
            y: cy - side / 2.0,
            width: side,
            height: side,
        },
        score: 0.9,
        keypoints,
        eye_distance: eyes,
        roll_degrees: roll,
    }
}

/// 480×640 front camera: guide 356×512 at (62, 64), centre (240, 320); eyes 67.5..=121.5 px;
/// centre tolerance ±53.4 px × ±76.8 px; roll ±15°; luma ≥ 60.
fn portrait() -> FaceJudge {
    FaceJudge::new(480, 640, FaceCheckOptions::default()).expect("defaults are valid")
}

#[test]
fn the_judge_uses_the_documented_guide_and_bounds() {
    let j = portrait();
    assert_eq!(j.guide(), Rect::new(62, 64, 356, 512));
    assert_eq!(j.eye_distance_range(), (67.5, 121.5));
    let back = FaceJudge::new(
        480,
        640,
        FaceCheckOptions {
            facing: CameraFacing::Back,
            ..Default::default()
        },
    );
    assert_eq!(back.expect("valid").eye_distance_range(), (45.0, 81.0));
}

#[test]
fn decision_table() {
    use FaceFeedback::*;
    let j = portrait();
    let ok = face(240.0, 320.0, 90.0, 0.0);
    let cases: Vec<(&str, Vec<Face>, Option<f32>, FaceFeedback)> = vec![
        ("none", vec![], Some(120.0), NoFaceDetected),
        ("one", vec![ok], Some(120.0), FaceCompliant),
        (
            "two",
            vec![ok, face(100.0, 100.0, 90.0, 0.0)],
            Some(120.0),
            MultipleFacesDetected,
        ),
        (
            "two, one far",
            vec![face(240.0, 320.0, 20.0, 0.0), ok],
            None,
            MultipleFacesDetected,
        ),
        (
            "eyes 67.4",
            vec![face(240.0, 320.0, 67.4, 0.0)],
            None,
            FaceTooFar,
        ),
        (
            "eyes 67.5",
            vec![face(240.0, 320.0, 67.5, 0.0)],
            None,
            FaceCompliant,
        ),
        (
            "eyes 121.5",
            vec![face(240.0, 320.0, 121.5, 0.0)],
            None,
            FaceCompliant,
        ),
        (
            "eyes 121.6",
            vec![face(240.0, 320.0, 121.6, 0.0)],
            None,
            FaceTooClose,
        ),
        (
            "eyes NaN",
            vec![face(240.0, 320.0, f32::NAN, 0.0)],
            None,
            FaceTooFar,
        ),
        (
            "x -54",
            vec![face(186.0, 320.0, 90.0, 0.0)],
            None,
            FaceOnLeft,
        ),
        (
            "x -53",
            vec![face(187.0, 320.0, 90.0, 0.0)],
            None,
            FaceCompliant,
        ),
        (
            "x +54",
            vec![face(294.0, 320.0, 90.0, 0.0)],
            None,
            FaceOnRight,
        ),
        (
            "y -77",
            vec![face(240.0, 243.0, 90.0, 0.0)],
            None,
            FaceTooHigh,
        ),
        (
            "y +77",
            vec![face(240.0, 397.0, 90.0, 0.0)],
            None,
            FaceTooLow,
        ),
        (
            "y +76",
            vec![face(240.0, 396.0, 90.0, 0.0)],
            None,
            FaceCompliant,
        ),
        (
            "roll 15",
            vec![face(240.0, 320.0, 90.0, 15.0)],
            None,
            FaceCompliant,
        ),
        (
            "roll 15.1",
            vec![face(240.0, 320.0, 90.0, 15.1)],
            None,
            InvalidPose,
        ),
        (
            "roll -40",
            vec![face(240.0, 320.0, 90.0, -40.0)],
            None,
            InvalidPose,
        ),
        (
            "roll NaN",
            vec![face(240.0, 320.0, 90.0, f32::NAN)],
            None,
            InvalidPose,
        ),
        ("luma 59.9", vec![ok], Some(59.9), InsufficientLighting),
        ("luma 60", vec![ok], Some(60.0), FaceCompliant),
        ("luma NaN", vec![ok], Some(f32::NAN), InsufficientLighting),
        // Order: size before position before pose before lighting; x before y.
        (
            "far + left + roll + dark",
            vec![face(100.0, 320.0, 50.0, 40.0)],
            Some(10.0),
            FaceTooFar,
        ),
        (
            "close + low",
            vec![face(240.0, 500.0, 130.0, 0.0)],
            None,
            FaceTooClose,
        ),
        (
            "left + high",
            vec![face(150.0, 200.0, 90.0, 0.0)],
            None,
            FaceOnLeft,
        ),
        (
            "right + roll + dark",
            vec![face(330.0, 320.0, 90.0, 40.0)],
            Some(10.0),
            FaceOnRight,
        ),
        (
            "low + roll",
            vec![face(240.0, 420.0, 90.0, 40.0)],
            None,
            FaceTooLow,
        ),
        (
            "roll + dark",
            vec![face(240.0, 320.0, 90.0, 40.0)],
            Some(10.0),
            InvalidPose,
        ),
    ];
    for (name, faces, luma, want) in cases {
        assert_eq!(j.judge(&faces, luma), want, "{name}");
    }
}

#[test]
fn a_custom_guide_moves_the_target() {
    // AwareID's calculate-ROI example for 480×640: 356×512 at (62, 0).
    let j = FaceJudge::with_guide(
        480,
        640,
        Rect::new(62, 0, 356, 512),
        FaceCheckOptions::default(),
    );
    let j = j.expect("valid");
    assert_eq!(
        j.judge(&[face(240.0, 256.0, 90.0, 0.0)], None),
        FaceFeedback::FaceCompliant
    );
    assert_eq!(
        j.judge(&[face(240.0, 340.0, 90.0, 0.0)], None),
        FaceFeedback::FaceTooLow
    );
}

#[test]
fn feedback_names_are_awareids() {
    use FaceFeedback::*;
    let all = [
        (FaceCompliant, "FACE_COMPLIANT"),
        (NoFaceDetected, "NO_FACE_DETECTED"),
        (MultipleFacesDetected, "MULTIPLE_FACES_DETECTED"),
        (FaceTooFar, "FACE_TOO_FAR"),
        (FaceTooClose, "FACE_TOO_CLOSE"),
        (FaceOnLeft, "FACE_ON_LEFT"),
        (FaceOnRight, "FACE_ON_RIGHT"),
        (FaceTooHigh, "FACE_TOO_HIGH"),
        (FaceTooLow, "FACE_TOO_LOW"),
        (InvalidPose, "INVALID_POSE"),
        (InsufficientLighting, "INSUFFICIENT_LIGHTING"),
    ];
    for (value, name) in all {
        let json = serde_json::to_string(&value).expect("serializes");
        assert_eq!(json, format!("\"{name}\""));
        assert_eq!(
            serde_json::from_str::<FaceFeedback>(&json).expect("parses"),
            value
        );
    }
    let options = serde_json::to_value(FaceCheckOptions::default()).expect("serializes");
    assert_eq!(options["facing"], "front");
    assert_eq!(options["maxEyeDistanceRatio"], 1.35f32 as f64);
}

#[test]
fn invalid_options_are_refused_by_name() {
    let d = FaceCheckOptions::default();
    let bad = [
        (
            FaceCheckOptions {
                min_eye_distance_ratio: f32::NAN,
                ..d
            },
            "minEyeDistanceRatio",
        ),
        (
            FaceCheckOptions {
                min_eye_distance_ratio: -0.5,
                ..d
            },
            "minEyeDistanceRatio",
        ),
        (
            FaceCheckOptions {
                max_eye_distance_ratio: f32::INFINITY,
                ..d
            },
            "maxEyeDistanceRatio",
        ),
        (
            FaceCheckOptions {
                center_tolerance: -0.1,
                ..d
            },
            "centerTolerance",
        ),
        (
            FaceCheckOptions {
                center_tolerance: 1.5,
                ..d
            },
            "centerTolerance",
        ),
        (
            FaceCheckOptions {
                max_roll_degrees: f32::NAN,
                ..d
            },
            "maxRollDegrees",
        ),
        (
            FaceCheckOptions {
                max_roll_degrees: 181.0,
                ..d
            },
            "maxRollDegrees",
        ),
        (
            FaceCheckOptions {
                min_mean_luma: -1.0,
                ..d
            },
            "minMeanLuma",
        ),
        (
            FaceCheckOptions {
                min_mean_luma: 256.0,
                ..d
            },
            "minMeanLuma",
        ),
    ];
    for (options, name) in bad {
        match FaceJudge::new(480, 640, options) {
            Err(FaceOptionsError::Option(OptionError::OutOfRange { field, .. })) => assert_eq!(field, name),
            other => panic!("{name}: {other:?}"),
        }
    }
    let crossed = FaceCheckOptions {
        min_eye_distance_ratio: 1.5,
        max_eye_distance_ratio: 1.2,
        ..d
    };
    assert!(matches!(
        crossed.validate(),
        Err(FaceOptionsError::Option(OptionError::Order { .. }))
    ));
    let equal = FaceCheckOptions {
        min_eye_distance_ratio: 1.2,
        max_eye_distance_ratio: 1.2,
        ..d
    };
    assert!(matches!(
        equal.validate(),
        Err(FaceOptionsError::Option(OptionError::Order { .. }))
    ));
    assert!(matches!(
        FaceJudge::new(0, 640, d),
        Err(FaceOptionsError::CaptureSize { width: 0, .. })
    ));
    let outside = FaceJudge::with_guide(480, 640, Rect::new(300, 0, 200, 100), d);
    assert!(matches!(
        outside,
        Err(FaceOptionsError::Guide { x: 300, .. })
    ));
    let empty = FaceJudge::with_guide(480, 640, Rect::new(0, 0, 0, 100), d);
    assert!(matches!(empty, Err(FaceOptionsError::Guide { .. })));
}
