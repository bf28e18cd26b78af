//! The guide-anchored document fit on synthetic cards: accuracy over positions, tilts and both
//! polarities, rejection beyond the angle search, empty frames, the passport profile, the RGBA,
//! luma and downscaled-plane inputs, and buffer reuse. (Guides: `document_guide.rs`; feedback
//! codes and motion: `document_feedback.rs`; hostile inputs and options: `document_errors.rs`;
//! the quality mapping and serialization: `document_report.rs`.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod document_support;

use document_support::detect::{H, W, corner_error, detect, detector, guide};
use document_support::synth::{Card, desk, draw};
use idv_core::frame::{LumaPlane, LumaRange, RgbaFrame, YPlane};
use idv_core::roi::document::{
    DocumentDetector, DocumentFeedback, DocumentOptions, DocumentProfile, document_guide,
};

/// Bright and dark cards at 0, ±3, ±7 and ±9.5° and four positions: corners within 1.5 px, tilt
/// within 0.1°; beyond the ±10° search (10.5°, ±12°) nothing is found.
#[test]
fn synthetic_cards_positions_tilts_and_polarity() {
    let mut worst = (0.0f32, 0.0f32);
    for luma in [210.0, 35.0] {
        for angle in [0.0f32, 3.0, -3.0, 7.0, -7.0, 9.5, -9.5, 10.5, 12.0, -12.0] {
            for (ox, oy) in [(0.0f32, 0.0f32), (30.0, -20.0), (-40.0, 25.0), (17.3, 21.7)] {
                let card = Card {
                    luma,
                    ..Card::id1(320.0 + ox, 240.0 + oy, 410.0, angle)
                };
                let mut d = detector();
                let r = detect(&mut d, &draw(W, H, &card), guide());
                let what = format!("luma {luma} angle {angle} offset ({ox}, {oy}): {r:?}");
                if angle.abs() > 10.0 {
                    assert!(!r.found && r.corners.is_none(), "{what}");
                    assert!(!r.feedback.is_compliant(), "{what}");
                    continue;
                }
                assert!(r.found, "{what}");
                let err = corner_error(&r, &card);
                let tilt_err = (r.tilt_deg - angle).abs();
                worst = (worst.0.max(err), worst.1.max(tilt_err));
                assert!(err <= 1.5, "corner error {err}: {what}");
                assert!(tilt_err <= 0.1, "tilt error {tilt_err}: {what}");
                assert!((r.aspect / 1.5858 - 1.0).abs() < 0.01, "{what}");
                assert!(r.side_scores.as_array().iter().all(|&s| s >= 0.5), "{what}");
                let expected = if angle.abs() > 5.0 {
                    DocumentFeedback::DocumentTilted
                } else {
                    DocumentFeedback::DocumentCompliant
                };
                assert_eq!(r.feedback, expected, "{what}");
            }
        }
    }
    println!(
        "synthetic cards: max corner error {:.2} px, max tilt error {:.3}°",
        worst.0, worst.1
    );
}

#[test]
fn desk_flat_and_noise_frames_have_no_document() {
    let flat = LumaPlane::from_pixels(W, H, vec![128; (W * H) as usize]).unwrap();
    let noise = LumaPlane::from_pixels(
        W,
        H,
        (0..W * H)
            .map(|i| document_support::synth::hash(i % W, i / W) as u8)
            .collect(),
    )
    .unwrap();
    for (name, p) in [("desk", desk(W, H)), ("flat", flat), ("noise", noise)] {
        let r = detect(&mut detector(), &p, guide());
        assert!(!r.found, "{name}: {r:?}");
        assert_eq!(r.feedback, DocumentFeedback::NoDocumentDetected, "{name}");
        let best = r.side_scores.as_array().into_iter().fold(0.0f32, f32::max);
        assert!(best < 0.5, "{name}: best side score {best}");
        println!("{name}: best side score {best:.3}");
    }
}

#[test]
fn passport_profile_rejects_an_id1_card_and_finds_a_passport_page() {
    let opts = DocumentOptions {
        profile: DocumentProfile::PassportPage,
        ..Default::default()
    };
    let g = document_guide(W, H, DocumentProfile::PassportPage).unwrap();
    let id1 = Card::id1(320.0, 240.0, 420.0, 0.0);
    let mut d = DocumentDetector::new(opts).unwrap();
    let r = detect(&mut d, &draw(W, H, &id1), g);
    assert!(
        !r.found,
        "ID-1 aspect is 11.6 % off the passport page's: {r:?}"
    );
    let page = Card {
        h: 420.0 * 88.0 / 125.0,
        ..id1
    };
    d.reset();
    let r = detect(&mut d, &draw(W, H, &page), g);
    assert!(r.found && corner_error(&r, &page) < 0.6, "{r:?}");
    assert!((r.aspect - 1.4205).abs() < 0.02);
}

#[test]
fn rgba_luma_and_plane_inputs_agree() {
    let card = Card::id1(318.0, 236.0, 420.0, 2.0);
    let p = draw(W, H, &card);
    let from_luma = detect(&mut detector(), &p, guide());
    let rgba: Vec<u8> = p.data().iter().flat_map(|&v| [v, v, v, 255]).collect();
    let f = RgbaFrame::new(&rgba, W, H).unwrap();
    let from_rgba = detector().detect_rgba(&f, guide()).unwrap();
    assert_eq!(from_luma, from_rgba);
    let mut small = LumaPlane::new();
    let y = YPlane::new(p.data(), W, H, W).unwrap();
    small.fill_from_y(&y, LumaRange::Full, 2).unwrap();
    let from_plane = detector().detect_plane(&small, 2, W, H, guide()).unwrap();
    assert_eq!(from_luma, from_plane);
    // 1280×720: downscaled by 4 to 320×180.
    let big = Card::id1(650.0, 350.0, 820.0, -3.0);
    let g = document_guide(1280, 720, DocumentProfile::Id1).unwrap();
    let r = detect(&mut detector(), &draw(1280, 720, &big), g);
    let err = corner_error(&r, &big);
    assert!(r.found && err < 2.0, "{err}: {r:?}");
    println!("1280x720 card: corner error {err:.2} px (analysis at 1/4 scale)");
}

#[test]
fn buffers_stop_growing_after_the_first_frame() {
    let mut d = detector();
    let frames: Vec<LumaPlane> = [0.0f32, 3.0, -6.0]
        .iter()
        .map(|&a| draw(W, H, &Card::id1(320.0, 240.0, 410.0, a)))
        .collect();
    detect(&mut d, &frames[0], guide());
    let cap = d.buffer_capacity();
    for p in frames.iter().cycle().take(9) {
        detect(&mut d, p, guide());
        assert_eq!(d.buffer_capacity(), cap);
    }
}
