//! Glare: saturated fraction inside the margin and the largest 8-connected blob.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod quality_support;

use idv_core::frame::{FrameError, LumaPlane, Rect};
use idv_core::quality::{
    FailReason, GlareDetector, GlareOptions, GlareStats, Verdict, inner_region, judge_glare,
};
use quality_support::plane;

fn inside(r: Rect, x: u32, y: u32) -> bool {
    x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
}

/// 200x100 frame: background 40, card 160x80 at (20, 10) of luma 200, and saturated patches.
fn card(blobs: &[Rect]) -> LumaPlane {
    let card = Rect::new(20, 10, 160, 80);
    plane(200, 100, |x, y| {
        if blobs.iter().any(|b| inside(*b, x, y)) {
            255
        } else if inside(card, x, y) {
            200
        } else {
            40
        }
    })
}

const CARD: Rect = Rect::new(20, 10, 160, 80);
// Margin 5 %: floor(160 * 0.05) = 8 px left/right, floor(80 * 0.05) = 4 px top/bottom.
const INNER: Rect = Rect::new(28, 14, 144, 72);
const INNER_AREA: f32 = 144.0 * 72.0; // 10368

fn measure(p: &LumaPlane) -> GlareStats {
    let o = GlareOptions::default();
    GlareDetector::new().measure(p, CARD, o.level, o.margin).unwrap()
}

#[test]
fn margin_is_five_percent_of_each_side() {
    assert_eq!(inner_region(CARD, 0.05), INNER);
    assert_eq!(inner_region(CARD, 0.0), CARD);
    assert_eq!(inner_region(CARD, f32::NAN), CARD);
    assert_eq!(inner_region(Rect::new(3, 4, 1, 1), 0.45), Rect::new(3, 4, 1, 1));
    assert_eq!(
        inner_region(Rect::new(0, 0, 10, 10), 0.9),
        Rect::new(4, 4, 2, 2),
        "clamped to 0.45"
    );
}

#[test]
fn blob_of_known_size_gives_exact_fractions() {
    // 12 x 12 = 144 saturated pixels: 1.39 % of the inner region.
    let s = measure(&card(&[Rect::new(90, 40, 12, 12)]));
    assert_eq!(s, GlareStats { inner: INNER, saturated: 144, largest_blob: 144, blobs: 1 });
    let m = judge_glare(&s, &GlareOptions::default());
    assert_eq!(m.fraction.value, 144.0 / INNER_AREA);
    assert_eq!(m.fraction.verdict, Verdict::Pass, "1.39 % <= 2 %");
    assert_eq!(m.blob.verdict, Verdict::Fail(FailReason::Glare), "1.39 % > 1 %");
    // 8 x 8 = 64 px (0.62 %) passes both.
    let m = judge_glare(&measure(&card(&[Rect::new(90, 40, 8, 8)])), &GlareOptions::default());
    assert!(m.fraction.passed() && m.blob.passed());
}

#[test]
fn largest_of_two_blobs_is_picked() {
    let s = measure(&card(&[Rect::new(40, 20, 6, 6), Rect::new(100, 50, 10, 10)]));
    assert_eq!((s.saturated, s.largest_blob, s.blobs), (136, 100, 2));
    assert_eq!(s.blob_fraction(), 100.0 / f64::from(INNER_AREA));
    // Many small specks: total above 2 % fails, no blob above 1 %.
    let specks: Vec<Rect> =
        (0..30).map(|i| Rect::new(30 + (i % 10) * 14, 20 + (i / 10) * 20, 9, 9)).collect();
    let s = measure(&card(&specks));
    assert_eq!((s.saturated, s.largest_blob, s.blobs), (30 * 81, 81, 30));
    let m = judge_glare(&s, &GlareOptions::default());
    assert_eq!(
        (m.fraction.verdict, m.blob.verdict),
        (Verdict::Fail(FailReason::Glare), Verdict::Pass)
    );
}

#[test]
fn diagonal_neighbours_join_one_blob() {
    // A diagonal line of 5 pixels: one blob under 8-connectivity.
    let p = plane(10, 10, |x, y| if x == y && (2..7).contains(&x) { 255 } else { 0 });
    let s = GlareDetector::new().measure(&p, p.bounds(), 250, 0.0).unwrap();
    assert_eq!((s.saturated, s.largest_blob, s.blobs), (5, 5, 1));
}

#[test]
fn glare_only_in_the_margin_is_ignored() {
    // Saturated strips along every edge of the card, all within the margin.
    let strips = [
        Rect::new(20, 10, 8, 80),
        Rect::new(172, 10, 8, 80),
        Rect::new(20, 10, 160, 4),
        Rect::new(20, 86, 160, 4),
    ];
    let s = measure(&card(&strips));
    assert_eq!((s.saturated, s.largest_blob, s.blobs), (0, 0, 0));
    let m = judge_glare(&s, &GlareOptions::default());
    assert!(m.fraction.passed() && m.blob.passed());
    // Without a margin they are one frame-shaped blob.
    let s = GlareDetector::new().measure(&card(&strips), CARD, 250, 0.0).unwrap();
    assert_eq!((s.largest_blob, s.blobs), (2 * 8 * 80 + 2 * 144 * 4, 1));
}

#[test]
fn level_is_inclusive() {
    let p = plane(4, 1, |x, _| [249, 250, 251, 255][x as usize]);
    let s = GlareDetector::new().measure(&p, p.bounds(), 250, 0.0).unwrap();
    assert_eq!((s.saturated, s.largest_blob), (3, 3));
}

#[test]
fn region_filling_highlight_on_a_4k_plane_does_not_overflow_the_stack() {
    let p = LumaPlane::from_pixels(3840, 2160, vec![255; 3840 * 2160]).unwrap();
    let mut d = GlareDetector::new();
    let s = d.measure(&p, p.bounds(), 250, 0.0).unwrap();
    assert_eq!((s.saturated, s.largest_blob, s.blobs), (3840 * 2160, 3840 * 2160, 1));
    // A second pass reuses the buffers.
    let cap = d.capacity();
    d.measure(&p, p.bounds(), 250, 0.0).unwrap();
    assert_eq!(d.capacity(), cap);
}

#[test]
fn region_outside_is_refused() {
    let p = card(&[]);
    let r = Rect::new(190, 0, 20, 10);
    assert_eq!(
        GlareDetector::new().measure(&p, r, 250, 0.05),
        Err(FrameError::Region { rect: r, width: 200, height: 100 })
    );
}
