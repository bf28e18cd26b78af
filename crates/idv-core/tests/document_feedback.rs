//! Every geometric feedback code of the document fit on synthetic cards (too far, too close,
//! off-centre, cut by the frame) and corner motion between frames (hold still).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod document_support;

use document_support::detect::{H, W, corner_error, detect, detector, guide};
use document_support::synth::{Card, desk, draw};
use idv_core::roi::document::DocumentFeedback;

#[test]
fn size_feedback_too_far_and_too_close() {
    // 0.65 of the guide's width: fill 0.42 < 0.5.
    let far = Card::id1(320.0, 240.0, 333.0, 0.0);
    let r = detect(&mut detector(), &draw(W, H, &far), guide());
    assert!(r.found && r.fill_ratio < 0.5, "{r:?}");
    assert_eq!(r.feedback, DocumentFeedback::DocumentTooFar);
    // 1.2 of the guide's width: fill 1.44 > 1.3, still inside the frame.
    let close = Card::id1(320.0, 240.0, 614.0, 0.0);
    let r = detect(&mut detector(), &draw(W, H, &close), guide());
    assert!(r.found && r.fill_ratio > 1.3, "{r:?}");
    assert_eq!(r.feedback, DocumentFeedback::DocumentTooClose);
    assert!(corner_error(&r, &close) < 1.0);
}

#[test]
fn position_feedback_found_and_from_three_sides() {
    let cases = [
        // Found: all four sides inside their search ranges, centre 10.7 % off.
        (
            Card::id1(265.0, 240.0, 430.0, 0.0),
            true,
            DocumentFeedback::DocumentOnLeft,
        ),
        (
            Card::id1(375.0, 240.0, 430.0, 0.0),
            true,
            DocumentFeedback::DocumentOnRight,
        ),
        // Three sides: the fourth lies beyond its range; its place comes from the aspect ratio.
        (
            Card::id1(250.0, 240.0, 410.0, 0.0),
            false,
            DocumentFeedback::DocumentOnLeft,
        ),
        (
            Card::id1(390.0, 240.0, 410.0, 0.0),
            false,
            DocumentFeedback::DocumentOnRight,
        ),
        (
            Card::id1(320.0, 200.0, 410.0, 0.0),
            false,
            DocumentFeedback::DocumentTooHigh,
        ),
        (
            Card::id1(320.0, 280.0, 410.0, 0.0),
            false,
            DocumentFeedback::DocumentTooLow,
        ),
        // Left edge 10 px outside the frame: cut.
        (
            Card::id1(270.0, 240.0, 560.0, 0.0),
            false,
            DocumentFeedback::DocumentNotFullyVisible,
        ),
    ];
    for (card, found, expected) in cases {
        let r = detect(&mut detector(), &draw(W, H, &card), guide());
        assert_eq!((r.found, r.feedback), (found, expected), "{card:?}: {r:?}");
        assert_eq!(r.corners.is_some(), found);
    }
}

#[test]
fn a_corner_outside_the_frame_is_not_fully_visible() {
    // All four sides are found, but the top-left corner of the tilted card leaves the frame.
    let card = Card::id1(290.0, 240.0, 560.0, -4.0);
    let r = detect(&mut detector(), &draw(W, H, &card), guide());
    assert!(r.found, "{r:?}");
    let c = r.corners.unwrap();
    assert!(
        c.iter()
            .any(|p| p.x < 6.4 || p.y < 4.8 || p.x > 633.6 || p.y > 475.2),
        "{c:?}"
    );
    assert_eq!(r.feedback, DocumentFeedback::DocumentNotFullyVisible);
    let b = r.bounding.unwrap();
    assert!(b.fits_in(W, H), "bounding box clamped to the frame: {b:?}");
}

#[test]
fn corner_motion_between_frames_means_hold_still() {
    let mut d = detector();
    let a = Card::id1(320.0, 240.0, 410.0, 0.0);
    let r = detect(&mut d, &draw(W, H, &a), guide());
    assert_eq!(
        (r.feedback, r.motion_px),
        (DocumentFeedback::DocumentCompliant, None)
    );
    // 1 px: below 0.004 × 512 = 2.05 px.
    let r = detect(&mut d, &draw(W, H, &Card { cx: 321.0, ..a }), guide());
    let m = r.motion_px.unwrap();
    assert!((m - 1.0).abs() < 0.2, "{m}");
    assert_eq!(r.feedback, DocumentFeedback::DocumentCompliant);
    // 4 px.
    let r = detect(&mut d, &draw(W, H, &Card { cx: 325.0, ..a }), guide());
    assert!((r.motion_px.unwrap() - 4.0).abs() < 0.3);
    assert_eq!(r.feedback, DocumentFeedback::HoldStill);
    // A frame without the card forgets the corners; so does reset().
    let r = detect(&mut d, &desk(W, H), guide());
    assert!(!r.found);
    let r = detect(&mut d, &draw(W, H, &a), guide());
    assert_eq!(
        (r.feedback, r.motion_px),
        (DocumentFeedback::DocumentCompliant, None)
    );
    d.reset();
    let r = detect(&mut d, &draw(W, H, &Card { cx: 330.0, ..a }), guide());
    assert_eq!(r.motion_px, None);
}
