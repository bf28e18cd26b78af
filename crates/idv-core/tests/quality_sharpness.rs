//! Sharpness: Laplacian variance (checked against hand-computed OpenCV values), blur response,
//! gradient balance under motion blur, best-recent tracker.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod quality_support;

use idv_core::frame::{FrameError, Rect};
use idv_core::quality::{
    FailReason, SharpnessOptions, SharpnessStats, SharpnessTracker, Verdict, judge_sharpness,
    laplacian_variance, sharpness_stats,
};
use quality_support::{box_blur, motion_blur_x, plane, text_like};

#[test]
fn laplacian_variance_of_a_dot_matches_hand_computation() {
    // 3x3, a 9 in the middle. Kernel [0 1 0; 1 -4 1; 0 1 0], reflect-101 borders (OpenCV
    // Laplacian ksize=1 default): centre -36, edge midpoints 9+9 = 18 each (the reflected row
    // holds the 9 twice), corners 0. Mean 36/9 = 4, mean square (4*324 + 1296)/9 = 288,
    // variance 288 - 16 = 272.
    let p = plane(3, 3, |x, y| if (x, y) == (1, 1) { 9 } else { 0 });
    assert_eq!(laplacian_variance(&p, p.bounds()), Ok(272.0));
}

#[test]
fn laplacian_variance_matches_reference_on_irregular_images() {
    // Reference: exact rational arithmetic in a separate reflect-101 implementation.
    let p = plane(5, 4, |x, y| ((x * 37 + y * 91 + x * y * 13) % 256) as u8);
    let v = laplacian_variance(&p, p.bounds()).unwrap();
    assert!((v - 3_493_034.0 / 25.0).abs() < 1e-6, "{v}");
    // A single row: up and down reflect onto the row itself; Laplacians 380, -360, 230, -120.
    let row = [10u8, 200, 30, 90];
    let p = plane(4, 1, |x, _| row[x as usize]);
    assert_eq!(laplacian_variance(&p, p.bounds()), Ok(337_075.0 / 4.0));
}

#[test]
fn a_region_is_measured_as_if_cropped() {
    let big =
        plane(
            9,
            8,
            |x, y| {
                if (x, y) == (4, 3) { 9 } else { (x * 50 % 256) as u8 * u8::from(x > 5) }
            },
        );
    assert_eq!(laplacian_variance(&big, Rect::new(3, 2, 3, 3)), Ok(272.0));
    assert!(matches!(
        laplacian_variance(&big, Rect::new(7, 0, 3, 3)),
        Err(FrameError::Region { .. })
    ));
}

#[test]
fn constant_images_have_exactly_zero_variance() {
    for (w, h, v) in [(1, 1, 0), (1, 7, 255), (6, 1, 13), (200, 120, 128)] {
        let p = plane(w, h, |_, _| v);
        let s = sharpness_stats(&p, p.bounds()).unwrap();
        assert_eq!(s, SharpnessStats { laplacian_variance: 0.0, energy_x: 0, energy_y: 0 });
        assert_eq!(s.gradient_balance(), 1.0);
    }
}

#[test]
fn sharpness_falls_monotonically_with_blur_and_crosses_the_document_floor() {
    let sharp = plane(448, 282, text_like);
    let values: Vec<f64> =
        (0..6).map(|n| laplacian_variance(&box_blur(&sharp, n), sharp.bounds()).unwrap()).collect();
    println!("box blur 0..5: {values:?}");
    assert!(values.windows(2).all(|w| w[1] < w[0]), "{values:?}");
    let floor = f64::from(SharpnessOptions::DOCUMENT.min_laplacian_variance);
    assert!(values[0] > 10.0 * floor, "sharp text is far above the floor: {}", values[0]);
    assert!(values[5] < floor, "5 box blurs fall under the floor: {}", values[5]);
}

#[test]
fn motion_blur_along_x_is_caught_by_the_gradient_balance() {
    let sharp = plane(448, 282, text_like);
    let s = sharpness_stats(&sharp, sharp.bounds()).unwrap();
    let min_balance = f64::from(SharpnessOptions::DOCUMENT.min_gradient_balance);
    println!("sharp: balance {} ex {} ey {}", s.gradient_balance(), s.energy_x, s.energy_y);
    assert!(s.gradient_balance() > 0.5);
    // An isotropic blur keeps the balance.
    let b = sharpness_stats(&box_blur(&sharp, 2), sharp.bounds()).unwrap();
    assert!(b.gradient_balance() > 0.5, "{}", b.gradient_balance());
    for k in [5, 9, 15] {
        let m = sharpness_stats(&motion_blur_x(&sharp, k), sharp.bounds()).unwrap();
        println!("motion {k}: balance {} lap {}", m.gradient_balance(), m.laplacian_variance);
        assert!(m.energy_x < m.energy_y, "blur along x removes horizontal gradients");
        assert!(m.gradient_balance() < min_balance, "k {k}: {}", m.gradient_balance());
    }
    // The same smear along y is caught the same way (balance is symmetric).
    let t = plane(282, 448, |x, y| text_like(y, x));
    let blurred = motion_blur_x(&t, 9);
    let m = sharpness_stats(&blurred, blurred.bounds()).unwrap();
    assert!(m.gradient_balance() < min_balance);
}

#[test]
fn tracker_keeps_the_best_of_the_last_n() {
    let mut t = SharpnessTracker::new(3);
    assert_eq!(t.best(), None);
    assert_eq!(t.push(100.0), 100.0);
    assert_eq!(t.push(300.0), 300.0);
    assert_eq!(t.push(50.0), 300.0);
    assert_eq!(t.push(60.0), 300.0); // ring: 60, 300, 50
    assert_eq!(t.push(70.0), 70.0); // 300 has left: 60, 70, 50
    assert_eq!(t.len(), 3);
    let cap = t.capacity();
    for i in 0..100 {
        t.push(i as f32);
    }
    assert_eq!((t.capacity(), t.best()), (cap, Some(99.0)));
    t.reset();
    assert!(t.is_empty());
    assert_eq!(SharpnessTracker::new(0).push(5.0), 5.0, "history 0 acts as 1");
}

#[test]
fn verdict_needs_both_the_floor_and_the_relative_ratio() {
    let opts = SharpnessOptions::FACE;
    let stats = |v: f64| SharpnessStats { laplacian_variance: v, energy_x: 10, energy_y: 10 };
    let m = judge_sharpness(&stats(120.0), 300.0, &opts);
    assert!(m.laplacian.passed());
    assert_eq!(m.relative.value, 0.4);
    assert_eq!(m.relative.verdict, Verdict::Fail(FailReason::Blurry));
    let m = judge_sharpness(&stats(90.0), 90.0, &opts);
    assert_eq!((m.laplacian.verdict, m.relative.value), (Verdict::Fail(FailReason::Blurry), 1.0));
    let m = judge_sharpness(&stats(180.0), 300.0, &opts);
    assert!(m.laplacian.passed() && m.relative.passed() && m.balance.passed());
    // Flat region: no best to divide by.
    let m = judge_sharpness(&stats(0.0), 0.0, &opts);
    assert_eq!(m.relative.value, 1.0);
    assert!(!m.laplacian.passed());
    let skewed = SharpnessStats { laplacian_variance: 500.0, energy_x: 1, energy_y: 10 };
    let m = judge_sharpness(&skewed, 500.0, &SharpnessOptions::DOCUMENT);
    assert_eq!(m.balance.verdict, Verdict::Fail(FailReason::MotionBlur));
    assert!(
        judge_sharpness(&skewed, 500.0, &SharpnessOptions::FACE).balance.passed(),
        "faces skip it"
    );
}
