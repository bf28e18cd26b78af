//! Stability: mean absolute difference of the region to the previous frame's region.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod quality_support;

use idv_core::frame::{LumaPlane, Rect, Resampler};
use idv_core::quality::{
    FailReason, StabilityOptions, StabilityTracker, Verdict, judge_stability, mean_abs_diff,
};
use quality_support::{plane, text_like};

/// The region resampled to the stability square, as the analyzer does.
fn small(p: &LumaPlane, roi: Rect) -> LumaPlane {
    let mut out = LumaPlane::new();
    let size = StabilityOptions::default().size;
    Resampler::new().resample_to(p, roi, size, size, &mut out).unwrap();
    out
}

#[test]
fn identical_frames_differ_by_exactly_zero() {
    let p = plane(320, 240, text_like);
    let roi = Rect::new(60, 40, 200, 160);
    let mut t = StabilityTracker::new();
    let first = judge_stability(t.update(&small(&p, roi)), &StabilityOptions::default());
    assert_eq!((first.value, first.verdict), (255.0, Verdict::Fail(FailReason::NoHistory)));
    let d = t.update(&small(&p, roi));
    assert_eq!(d, Some(0.0));
    assert!(judge_stability(d, &StabilityOptions::default()).passed());
}

#[test]
fn shifted_content_exceeds_the_threshold() {
    let roi = Rect::new(60, 40, 200, 160);
    let a = small(&plane(320, 240, text_like), roi);
    let opts = StabilityOptions::default();
    for shift in [3, 6, 12] {
        let b = small(&plane(320, 240, |x, y| text_like(x + shift, y)), roi);
        let d = mean_abs_diff(&a, &b).unwrap();
        println!("shift {shift}: {d}");
        let m = judge_stability(Some(d), &opts);
        assert_eq!(m.verdict, Verdict::Fail(FailReason::Moving), "shift {shift}: {d}");
        assert!(d > 2.0 * f64::from(opts.max_mean_abs_diff), "shift {shift}: {d}");
    }
}

/// Smooth, face-like content: large soft gradients.
fn smooth(x: u32, y: u32) -> u8 {
    (128.0 + 60.0 * (f64::from(x) / 15.0).sin() * (f64::from(y) / 18.0).cos()) as u8
}

#[test]
fn roi_jitter_passes_but_a_few_pixels_of_motion_fail_on_smooth_content() {
    let p = plane(320, 240, smooth);
    let a = small(&p, Rect::new(60, 40, 200, 160));
    // The region moves by a pixel and changes size by one: still steady (measured 1.17).
    let jitter = mean_abs_diff(&a, &small(&p, Rect::new(61, 39, 199, 161))).unwrap();
    // The content moves by 3 px under a fixed region: moving (measured 4.75).
    let moved = mean_abs_diff(
        &a,
        &small(&plane(320, 240, |x, y| smooth(x + 3, y)), Rect::new(60, 40, 200, 160)),
    )
    .unwrap();
    println!("jitter {jitter}, moved {moved}");
    let max = f64::from(StabilityOptions::default().max_mean_abs_diff);
    assert!(jitter > 0.5 && jitter <= max, "{jitter}");
    assert!(moved > 2.0 * max, "{moved}");
}

#[test]
fn mean_abs_diff_is_exact_and_size_checked() {
    let a = plane(4, 2, |_, _| 10);
    let b = plane(4, 2, |x, _| if x == 0 { 30 } else { 10 }); // 2 of 8 pixels differ by 20
    assert_eq!(mean_abs_diff(&a, &b), Some(5.0));
    assert_eq!(mean_abs_diff(&b, &a), Some(5.0));
    assert_eq!(mean_abs_diff(&a, &plane(2, 4, |_, _| 10)), None);
    assert_eq!(mean_abs_diff(&LumaPlane::new(), &LumaPlane::new()), None);
    let full = plane(64, 64, |_, _| 255);
    assert_eq!(mean_abs_diff(&full, &plane(64, 64, |_, _| 0)), Some(255.0));
}

#[test]
fn size_change_and_reset_lose_the_history() {
    let mut t = StabilityTracker::new();
    t.update(&plane(8, 8, |_, _| 1));
    assert_eq!(t.update(&plane(8, 4, |_, _| 1)), None);
    assert_eq!(t.update(&plane(8, 4, |_, _| 3)), Some(2.0));
    t.reset();
    assert_eq!(t.update(&plane(8, 4, |_, _| 3)), None);
    let cap = t.capacity();
    for v in 0..5 {
        t.update(&plane(8, 4, |_, _| v));
    }
    assert_eq!(t.capacity(), cap);
}
