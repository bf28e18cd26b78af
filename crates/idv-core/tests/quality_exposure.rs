//! Exposure (mean luma, dark and bright fractions) and contrast (luma standard deviation).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod quality_support;

use idv_core::frame::{FrameError, Rect};
use idv_core::quality::{
    ContrastOptions, ExposureOptions, FailReason, Histogram, Verdict, judge_contrast,
    judge_exposure,
};
use quality_support::plane;

const TOO_DARK: Verdict = Verdict::Fail(FailReason::TooDark);
const TOO_BRIGHT: Verdict = Verdict::Fail(FailReason::TooBright);

fn hist(w: u32, h: u32, f: impl Fn(u32, u32) -> u8) -> Histogram {
    let p = plane(w, h, f);
    Histogram::of_region(&p, p.bounds()).unwrap()
}

#[test]
fn dark_image_fails_mean_and_dark_fraction() {
    let e = judge_exposure(&hist(40, 30, |_, _| 20), &ExposureOptions::default());
    assert_eq!((e.brightness.value, e.brightness.verdict), (20.0, TOO_DARK));
    assert_eq!((e.dark_fraction.value, e.dark_fraction.verdict), (1.0, TOO_DARK));
    assert_eq!((e.bright_fraction.value, e.bright_fraction.verdict), (0.0, Verdict::Pass));
}

#[test]
fn bright_image_fails_mean_and_bright_fraction() {
    let e = judge_exposure(&hist(40, 30, |_, _| 240), &ExposureOptions::default());
    assert_eq!((e.brightness.value, e.brightness.verdict), (240.0, TOO_BRIGHT));
    assert_eq!((e.bright_fraction.value, e.bright_fraction.verdict), (1.0, TOO_BRIGHT));
    assert_eq!(e.dark_fraction.verdict, Verdict::Pass);
}

#[test]
fn mid_image_passes_with_exact_values() {
    // Checkerboard 100 / 160: mean 130, std 30.
    let h = hist(40, 30, |x, y| if (x + y) % 2 == 0 { 100 } else { 160 });
    let e = judge_exposure(&h, &ExposureOptions::default());
    assert_eq!(e.brightness.value, 130.0);
    assert!(e.brightness.passed() && e.dark_fraction.passed() && e.bright_fraction.passed());
    let c = judge_contrast(&h, &ContrastOptions::default());
    assert_eq!((c.value, c.verdict, c.min), (30.0, Verdict::Pass, Some(25.0)));
}

#[test]
fn low_contrast_image_fails() {
    let h = hist(40, 30, |x, _| if x % 2 == 0 { 120 } else { 130 });
    let c = judge_contrast(&h, &ContrastOptions::default());
    assert_eq!((c.value, c.verdict), (5.0, Verdict::Fail(FailReason::LowContrast)));
    // Constant: exactly zero.
    assert_eq!(hist(5, 5, |_, _| 77).std_dev(), 0.0);
}

#[test]
fn dark_and_bright_levels_are_strict_bounds() {
    // 30 is not dark and 225 is not bright; 29 and 226 are.
    let vals = [29u8, 30, 225, 226];
    let h = hist(4, 1, |x, _| vals[x as usize]);
    assert_eq!((h.fraction_below(30), h.fraction_above(225)), (0.25, 0.25));
    assert_eq!((h.fraction_below(0), h.fraction_above(255)), (0.0, 0.0));
    assert_eq!(h.fraction_below(255) + h.fraction_above(254), 1.0);
}

#[test]
fn too_many_dark_pixels_fail_even_with_a_good_mean() {
    // 30 % at 0 and 70 % at 160: mean 112 is fine, but 30 % > 25 % are dark.
    let e = judge_exposure(
        &hist(10, 10, |x, _| if x < 3 { 0 } else { 160 }),
        &ExposureOptions::default(),
    );
    assert_eq!(e.brightness.value, 112.0);
    assert!(e.brightness.passed());
    assert_eq!(e.dark_fraction.value, 0.3);
    assert_eq!(e.dark_fraction.verdict, TOO_DARK);
    // Exactly 25 % passes (inclusive).
    let e = judge_exposure(
        &hist(4, 10, |x, _| if x < 1 { 255 } else { 120 }),
        &ExposureOptions::default(),
    );
    assert_eq!((e.bright_fraction.value, e.bright_fraction.verdict), (0.25, Verdict::Pass));
}

#[test]
fn histogram_reads_only_the_region() {
    let p = plane(10, 10, |x, _| if x < 5 { 0 } else { 200 });
    let h = Histogram::of_region(&p, Rect::new(5, 2, 5, 3)).unwrap();
    assert_eq!((h.total(), h.mean(), h.bins()[200]), (15, 200.0, 15));
    let h = Histogram::of_region(&p, Rect::new(3, 0, 4, 1)).unwrap();
    assert_eq!((h.mean(), h.std_dev()), (100.0, 100.0));
    assert!(matches!(
        Histogram::of_region(&p, Rect::new(9, 9, 2, 1)),
        Err(FrameError::Region { .. })
    ));
    // A single-pixel region.
    let h = Histogram::of_region(&p, Rect::new(9, 9, 1, 1)).unwrap();
    assert_eq!((h.total(), h.mean(), h.std_dev()), (1, 200.0, 0.0));
}
