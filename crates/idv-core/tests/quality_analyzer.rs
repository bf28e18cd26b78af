//! The stateful analyzer end to end on synthetic RGBA frames and Y planes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod quality_support;

use idv_core::frame::{FrameError, LumaPlane, LumaRange, Rect, RgbaFrame, YPlane};
use idv_core::quality::{FailReason, QualityAnalyzer, QualityOptions, Subject, Verdict};
use quality_support::{box_blur, grey_rgba, plane, text_like};

const FACE_ROI: Rect = Rect::new(160, 80, 320, 320);

fn analyzer() -> QualityAnalyzer {
    QualityAnalyzer::new(QualityOptions::default()).unwrap()
}

/// RGBA frame from a luma plane (grey pixels, so luma is exact).
fn rgba_of(p: &LumaPlane) -> Vec<u8> {
    p.data().iter().flat_map(|&v| [v, v, v, 255]).collect()
}

#[test]
fn identical_good_frames_become_compliant_on_the_second_frame() {
    let buf = grey_rgba(640, 480, text_like);
    let f = RgbaFrame::new(&buf, 640, 480).unwrap();
    let mut a = analyzer();
    let first = a.analyze_rgba(&f, FACE_ROI, Subject::Face).unwrap();
    assert_eq!(first.failures().collect::<Vec<_>>(), vec![FailReason::NoHistory]);
    assert!(!first.compliant());
    let second = a.analyze_rgba(&f, FACE_ROI, Subject::Face).unwrap();
    assert!(second.compliant(), "{second:#?}");
    assert_eq!((second.stability.value, second.relative_sharpness.value), (0.0, 1.0));
    // The 320 px ROI is 160 px in the 2x-downscaled plane, enlarged to 200 for sharpness.
    assert_eq!(second.analysis_scale, 1.25);
    assert_eq!(second.frame_saturated_fraction, 0.0);
    assert_eq!((a.plane().width(), a.plane().height()), (320, 240));
}

#[test]
fn buffer_capacity_does_not_change_across_frames_of_the_same_size() {
    let mut a = analyzer();
    let base = plane(640, 480, text_like);
    let buf = rgba_of(&base);
    a.analyze_rgba(&RgbaFrame::new(&buf, 640, 480).unwrap(), FACE_ROI, Subject::Face).unwrap();
    let cap = a.buffer_capacity();
    assert!(cap > 320 * 240);
    // Different content every frame: moving, blurred, dark, with growing glare.
    for i in 0..12u32 {
        let p = match i % 4 {
            0 => plane(640, 480, |x, y| text_like(x + i, y)),
            1 => box_blur(&base, 1),
            2 => plane(640, 480, |x, y| text_like(x, y) / 8),
            _ => plane(640, 480, |x, y| {
                if (300..300 + 10 * i).contains(&x) && y > 200 { 255 } else { text_like(x, y) }
            }),
        };
        let buf = rgba_of(&p);
        a.analyze_rgba(&RgbaFrame::new(&buf, 640, 480).unwrap(), FACE_ROI, Subject::Face).unwrap();
        assert_eq!(a.buffer_capacity(), cap, "frame {i}");
    }
    // The same holds for Y-plane input of the same size.
    let y = YPlane::new(base.data(), 640, 480, 640).unwrap();
    for _ in 0..3 {
        a.analyze_luma(&y, LumaRange::Limited, FACE_ROI, Subject::Face).unwrap();
        assert_eq!(a.buffer_capacity(), cap);
    }
}

#[test]
fn blurring_after_sharp_frames_fails_relative_sharpness() {
    let sharp = plane(640, 480, text_like);
    let blurred = box_blur(&sharp, 2);
    let mut a = analyzer();
    let (s, b) = (rgba_of(&sharp), rgba_of(&blurred));
    let r1 =
        a.analyze_rgba(&RgbaFrame::new(&s, 640, 480).unwrap(), FACE_ROI, Subject::Face).unwrap();
    let r2 =
        a.analyze_rgba(&RgbaFrame::new(&b, 640, 480).unwrap(), FACE_ROI, Subject::Face).unwrap();
    assert!(r2.sharpness.value < r1.sharpness.value);
    assert_eq!(r2.relative_sharpness.value, r2.sharpness.value / r1.sharpness.value);
    assert_eq!(r2.relative_sharpness.verdict, Verdict::Fail(FailReason::Blurry));
    // A fresh analyzer has no sharper memory: the same blurred frame is relatively fine.
    let r = analyzer()
        .analyze_rgba(&RgbaFrame::new(&b, 640, 480).unwrap(), FACE_ROI, Subject::Face)
        .unwrap();
    assert!(r.relative_sharpness.passed());
}

#[test]
fn switching_subject_resets_history() {
    let buf = grey_rgba(640, 480, text_like);
    let f = RgbaFrame::new(&buf, 640, 480).unwrap();
    let mut a = analyzer();
    a.analyze_rgba(&f, FACE_ROI, Subject::Face).unwrap();
    a.analyze_rgba(&f, FACE_ROI, Subject::Face).unwrap();
    let d = a.analyze_rgba(&f, FACE_ROI, Subject::Document).unwrap();
    assert_eq!(d.stability.verdict, Verdict::Fail(FailReason::NoHistory));
    assert_eq!((d.subject, d.sharpness.min), (Subject::Document, Some(150.0)));
    a.reset();
    let r = a.analyze_rgba(&f, FACE_ROI, Subject::Document).unwrap();
    assert_eq!(r.stability.verdict, Verdict::Fail(FailReason::NoHistory));
}

#[test]
fn document_with_a_highlight_fails_glare_and_counts_frame_saturation() {
    // 1280x720 frame, card 640x400 at (320, 160) of luma 200, a 40x40 white highlight.
    let card = Rect::new(320, 160, 640, 400);
    let inside =
        |r: Rect, x: u32, y: u32| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    let hl = Rect::new(600, 300, 40, 40);
    let buf = grey_rgba(1280, 720, |x, y| {
        if inside(hl, x, y) {
            255
        } else if inside(card, x, y) {
            text_like(x, y).max(60)
        } else {
            30
        }
    });
    let r = analyzer()
        .analyze_rgba(&RgbaFrame::new(&buf, 1280, 720).unwrap(), card, Subject::Document)
        .unwrap();
    // Full resolution: 1600 saturated pixels of 921600.
    assert_eq!(r.frame_saturated_fraction, (1600.0 / 921_600.0) as f32);
    // In the plane: card 320x200, inner 288x180 (margins 16 and 10), highlight 20x20 = 400 px.
    let expected = 400.0 / (288.0 * 180.0);
    assert_eq!((r.glare.value, r.glare_blob.value), (expected, expected));
    assert_eq!(r.glare.verdict, Verdict::Pass, "0.77 % <= 2 %");
    let bigger =
        grey_rgba(
            1280,
            720,
            |x, y| {
                if inside(Rect::new(600, 300, 60, 60), x, y) { 255 } else { 200 }
            },
        );
    let r = analyzer()
        .analyze_rgba(&RgbaFrame::new(&bigger, 1280, 720).unwrap(), card, Subject::Document)
        .unwrap();
    assert_eq!(r.glare_blob.verdict, Verdict::Fail(FailReason::Glare), "900/51840 = 1.7 % > 1 %");
    assert!(r.failures().any(|f| f == FailReason::LowContrast));
}

#[test]
fn dark_limited_range_y_plane_is_too_dark() {
    // Limited-range black (16) is luma 0 after expansion, 16 without.
    let data = vec![16u8; 64 * 48];
    let y = YPlane::new(&data, 64, 48, 64).unwrap();
    let roi = Rect::new(8, 8, 48, 32);
    let r = analyzer().analyze_luma(&y, LumaRange::Limited, roi, Subject::Face).unwrap();
    assert_eq!(
        (r.brightness.value, r.brightness.verdict),
        (0.0, Verdict::Fail(FailReason::TooDark))
    );
    assert_eq!(r.dark_fraction.value, 1.0);
    let r = analyzer().analyze_luma(&y, LumaRange::Full, roi, Subject::Face).unwrap();
    assert_eq!(r.brightness.value, 16.0);
    assert_eq!(r.sharpness.value, 0.0, "flat");
    assert_eq!(r.contrast.verdict, Verdict::Fail(FailReason::LowContrast));
}

#[test]
fn tiny_and_odd_frames_work() {
    let mut a = analyzer();
    let buf = [90u8, 90, 90, 255];
    let r = a
        .analyze_rgba(&RgbaFrame::new(&buf, 1, 1).unwrap(), Rect::new(0, 0, 1, 1), Subject::Face)
        .unwrap();
    assert_eq!((r.brightness.value, r.sharpness.value, r.contrast.value), (90.0, 0.0, 0.0));
    assert_eq!(r.analysis_scale, 200.0);
    // 641x481 with the ROI touching the right and bottom edges.
    let buf = grey_rgba(641, 481, text_like);
    let f = RgbaFrame::new(&buf, 641, 481).unwrap();
    let r = a.analyze_rgba(&f, Rect::new(321, 161, 320, 320), Subject::Face).unwrap();
    assert!(r.sharpness.passed());
    assert_eq!((a.plane().width(), a.plane().height()), (321, 241));
}

#[test]
fn regions_outside_the_frame_are_refused() {
    let buf = grey_rgba(64, 48, |_, _| 100);
    let f = RgbaFrame::new(&buf, 64, 48).unwrap();
    let mut a = analyzer();
    let roi = Rect::new(60, 0, 8, 8);
    assert_eq!(
        a.analyze_rgba(&f, roi, Subject::Face),
        Err(FrameError::Region { rect: roi, width: 64, height: 48 })
    );
    assert!(matches!(
        a.analyze_rgba(&f, Rect::new(0, 0, 0, 8), Subject::Face),
        Err(FrameError::Region { .. })
    ));
    let y = YPlane::new(&buf[..64 * 48], 64, 48, 64).unwrap();
    assert_eq!(
        a.analyze_luma(&y, LumaRange::Full, roi, Subject::Face),
        Err(FrameError::Region { rect: roi, width: 64, height: 48 })
    );
    // A 1-px-wide, full-height strip would need a 200 x 9600 analysis plane.
    let tall = grey_rgba(4, 8000, |_, _| 100);
    let f = RgbaFrame::new(&tall, 4, 8000).unwrap();
    assert!(matches!(
        a.analyze_rgba(&f, Rect::new(0, 0, 2, 8000), Subject::Face),
        Err(FrameError::TooLarge { .. })
    ));
}

#[test]
fn report_serializes_with_camel_case_names() {
    let buf = grey_rgba(64, 48, |_, _| 20);
    let r = analyzer()
        .analyze_rgba(
            &RgbaFrame::new(&buf, 64, 48).unwrap(),
            Rect::new(0, 0, 64, 48),
            Subject::Face,
        )
        .unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["subject"], "face");
    assert_eq!(
        v["brightness"]["verdict"],
        serde_json::json!({"status": "fail", "reason": "tooDark"})
    );
    assert_eq!(v["brightness"]["min"], 60.0);
    for key in [
        "analysisScale",
        "frameSaturatedFraction",
        "relativeSharpness",
        "gradientBalance",
        "darkFraction",
        "brightFraction",
        "glareBlob",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v.as_object().map(|o| o.len()), Some(13));
}
