//! BlazeFace on the fixture video (`bash scripts/fixtures.sh`): the astronaut photo, its blur
//! ramp, the ID card, and frames without faces. Positions were measured once with this
//! detector and checked by drawing them on the frame; tolerances are a few pixels.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod face_support;

use std::path::Path;

use face_support::{Rgba, detector, frame};
use idv_core::frame::{Rect, RgbaFrame};
use idv_core::roi::face::{CameraFacing, Face, Keypoint, face_guide};

fn detect_all(
    d: &mut idv_core::roi::face::FaceDetector,
    f: &Rgba,
    region: Option<Rect>,
) -> Vec<Face> {
    let frame = RgbaFrame::new(&f.data, f.width, f.height).expect("frame");
    d.detect(&frame, region).expect("detect").to_vec()
}

fn inside(f: &Face, k: Keypoint) -> bool {
    let (p, b) = (f.keypoint(k), f.bbox);
    p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height
}

fn near(a: f32, b: f32, tol: f32) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn frame_0_has_one_face_at_the_astronauts_face() {
    let mut d = detector();
    let faces = detect_all(&mut d, &frame(0), None);
    assert_eq!(faces.len(), 1, "{faces:?}");
    let f = faces[0];
    // Measured: (245.5, 63.5) 91.7 × 91.7, score 0.763, eyes 30.0 px apart, roll -6.4°.
    let b = f.bbox;
    assert!(near(b.x, 245.5, 3.0) && near(b.y, 63.5, 3.0), "{b:?}");
    assert!(
        near(b.width, 91.7, 4.0) && near(b.height, 91.7, 4.0),
        "{b:?}"
    );
    assert!((0.72..0.80).contains(&f.score), "{}", f.score);
    assert!((27.0..33.0).contains(&f.eye_distance), "{}", f.eye_distance);
    assert!(
        (-10.0..-3.0).contains(&f.roll_degrees),
        "{}",
        f.roll_degrees
    );
    for k in [
        Keypoint::RightEye,
        Keypoint::LeftEye,
        Keypoint::NoseTip,
        Keypoint::Mouth,
    ] {
        assert!(inside(&f, k), "{k:?} outside the box: {f:?}");
    }
    // MediaPipe's order: the subject's right eye is on the image's left; nose below the eyes,
    // mouth below the nose, ears outside the eyes.
    let p = |k| f.keypoint(k);
    assert!(p(Keypoint::RightEye).x < p(Keypoint::LeftEye).x);
    assert!(p(Keypoint::NoseTip).y > p(Keypoint::LeftEye).y.max(p(Keypoint::RightEye).y));
    assert!(p(Keypoint::Mouth).y > p(Keypoint::NoseTip).y);
    assert!(p(Keypoint::RightEarTragion).x < p(Keypoint::RightEye).x);
    assert!(p(Keypoint::LeftEarTragion).x > p(Keypoint::LeftEye).x);
}

#[test]
fn a_region_is_mapped_back_to_frame_coordinates() {
    let mut d = detector();
    let whole = detect_all(&mut d, &frame(0), None);
    let guide = face_guide(640, 480, CameraFacing::Front).expect("guide");
    assert_eq!(guide, Rect::new(153, 0, 334, 480));
    let in_guide = detect_all(&mut d, &frame(0), Some(guide));
    assert_eq!(in_guide.len(), 1);
    let (a, b) = (whole[0].bbox.center(), in_guide[0].bbox.center());
    assert!(near(a.x, b.x, 6.0) && near(a.y, b.y, 6.0), "{a:?} vs {b:?}");
    // The face is larger in the model input: more confident (measured 0.933) and a better eye
    // distance (38.6 px, against 30.0 on the whole frame; the ×1 scene measures 38.8).
    assert!(in_guide[0].score > 0.9, "{}", in_guide[0].score);
    assert!(
        (36.0..41.0).contains(&in_guide[0].eye_distance),
        "{}",
        in_guide[0].eye_distance
    );
    // A region that cuts the face away finds nothing.
    assert!(detect_all(&mut d, &frame(0), Some(Rect::new(400, 0, 240, 300))).is_empty());
}

#[test]
fn the_blur_ramp_keeps_the_face() {
    let mut d = detector();
    let sharp = detect_all(&mut d, &frame(0), None)[0];
    // Same picture (only the frame-number stamp band differs): the same box to 0.01 px.
    let again = detect_all(&mut d, &frame(29), None)[0].bbox;
    assert!(
        near(again.x, sharp.bbox.x, 0.01) && near(again.width, sharp.bbox.width, 0.01),
        "{again:?}"
    );
    let mut last_score = sharp.score;
    // Measured: blur σ up to 4 px lowers the score to 0.641 and the box stays within 5 px.
    for i in (35..60).step_by(8) {
        let faces = detect_all(&mut d, &frame(i), None);
        assert_eq!(faces.len(), 1, "frame {i}");
        let (c, s) = (faces[0].bbox.center(), sharp.bbox.center());
        assert!(
            near(c.x, s.x, 6.0) && near(c.y, s.y, 6.0),
            "frame {i}: {c:?}"
        );
        assert!(
            faces[0].score <= last_score + 0.01 && faces[0].score > 0.6,
            "frame {i}: {}",
            faces[0].score
        );
        last_score = faces[0].score;
    }
}

#[test]
fn no_face_in_uniform_frames_or_the_desk() {
    let mut d = detector();
    for grey in [0u8, 128, 255] {
        assert!(
            detect_all(&mut d, &Rgba::filled(640, 480, [grey; 3]), None).is_empty(),
            "grey {grey}"
        );
    }
    // Frame 90: the card is only entering from the right (x ≥ 600); the rest is desk.
    assert!(detect_all(&mut d, &frame(90), Some(Rect::new(0, 0, 560, 480))).is_empty());
}

/// The ID card's photo (104×132 at (16, 54) of the card) in frame `i`, from labels.json.
fn card_photo(labels: &serde_json::Value, i: usize) -> Option<(f32, f32, f32, f32)> {
    let corner = &labels["frames"][i]["card"]["corners"][0];
    let (x, y) = (corner[0].as_f64()? as f32, corner[1].as_f64()? as f32);
    Some((x + 16.0, y + 54.0, 104.0, 132.0))
}

#[test]
fn card_frames_only_ever_find_the_id_photo() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fixtures/labels.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `bash scripts/fixtures.sh`", path.display()));
    let labels: serde_json::Value = serde_json::from_str(&text).expect("labels.json");
    let mut d = detector();
    let mut found = Vec::new();
    // Sliding (90..120), still (120..150) and glare (150..180): every third frame.
    for i in (90..180).step_by(3) {
        let (px, py, pw, ph) = card_photo(&labels, i).expect("card corners");
        for f in detect_all(&mut d, &frame(i as u64), None) {
            let c = f.bbox.center();
            assert!(
                c.x > px - 10.0 && c.x < px + pw + 10.0 && c.y > py - 10.0 && c.y < py + ph + 10.0,
                "frame {i}: a face away from the card photo: {f:?}"
            );
            found.push((i, f.score));
        }
    }
    // The 104×132 px photo is a ~21 px face in the 128 px input, at the short-range model's
    // limit: found on some sliding frames (score 0.53–0.61), never on the still card. Reported,
    // not a requirement.
    println!("card frames with the ID photo detected: {found:?}");
    assert!(found.iter().all(|&(i, s)| i < 120 && s < 0.7), "{found:?}");
}
