//! idv-core's SIMD128 kernels, run where they exist: this suite is built with
//! `-C target-feature=+simd128` (scripts/test.sh) and runs in Chromium, while the native tests
//! run the scalar code. Each kernel's output is compared with a plain reference computed here,
//! on pseudo-random frames of odd sizes (so the kernels' vector prefixes and the scalar tails
//! both do work) and with values around the saturation levels.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use idv_core::frame::{
    LumaPlane, LumaRange, Rect, Resampler, RgbaFrame, YPlane, luma_of_rgb, region_luma_mean,
};
use idv_core::quality::{
    GlareDetector, Histogram, QualityAnalyzer, QualityOptions, Subject, judge_contrast,
    judge_exposure, sharpness_stats,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The build under test must be the SIMD one, or this suite proves nothing (fails without it).
#[wasm_bindgen_test]
#[allow(clippy::assertions_on_constants)]
fn this_suite_runs_the_simd_build() {
    assert!(cfg!(target_feature = "simd128"), "build the wasm tests with +simd128");
}

/// xorshift32 bytes, biased so that a quarter of them are ≥ 225 (saturation and limited-range
/// clipping paths).
fn bytes(n: usize, seed: u32) -> Vec<u8> {
    let mut s = seed.max(1);
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            if s & 3 == 0 { 225 + (s >> 8) as u8 % 31 } else { (s >> 16) as u8 }
        })
        .collect()
}

const SIZES: [(u32, u32); 7] = [(1, 1), (17, 3), (33, 5), (64, 2), (67, 9), (130, 7), (257, 4)];

/// Box mean of `factor`² blocks of per-pixel values `v(x, y)` (already × 256), floored once.
fn reference_box(w: u32, h: u32, factor: u32, v: impl Fn(u32, u32) -> u32) -> Vec<u8> {
    let (ow, oh) = (w.div_ceil(factor), h.div_ceil(factor));
    let mut out = Vec::new();
    for oy in 0..oh {
        for ox in 0..ow {
            let (mut sum, mut n) = (0u64, 0u64);
            for y in oy * factor..((oy + 1) * factor).min(h) {
                for x in ox * factor..((ox + 1) * factor).min(w) {
                    sum += u64::from(v(x, y));
                    n += 1;
                }
            }
            out.push((sum / (256 * n)) as u8);
        }
    }
    out
}

#[wasm_bindgen_test]
fn rgba_pass_matches_the_reference() {
    for (i, &(w, h)) in SIZES.iter().enumerate() {
        let buf = bytes((w * h * 4) as usize, 7 + i as u32);
        let frame = RgbaFrame::new(&buf, w, h).unwrap();
        let px = |x: u32, y: u32| {
            let o = ((y * w + x) * 4) as usize;
            (buf[o], buf[o + 1], buf[o + 2])
        };
        let saturated = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                let (r, g, b) = px(x, y);
                r >= 250 || g >= 250 || b >= 250
            })
            .count() as u64;
        for factor in [1, 2, 3] {
            let mut plane = LumaPlane::new();
            let stats = plane.fill_from_rgba(&frame, factor).unwrap();
            let expected = reference_box(w, h, factor, |x, y| {
                let (r, g, b) = px(x, y);
                77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b)
            });
            assert_eq!(plane.data(), &expected[..], "{w}x{h} factor {factor}");
            assert_eq!(stats.saturated, saturated, "{w}x{h} factor {factor}");
        }
        let mean = (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .map(|(x, y)| {
                let (r, g, b) = px(x, y);
                u64::from(luma_of_rgb(r, g, b))
            })
            .sum::<u64>() as f64
            / f64::from(w * h);
        assert_eq!(region_luma_mean(&frame, frame.bounds()), Ok(mean), "{w}x{h}");
    }
}

fn expand(v: u8) -> u8 {
    if v <= 16 { 0 } else { (((u32::from(v) - 16) * 255 + 109) / 219).min(255) as u8 }
}

#[wasm_bindgen_test]
fn y_pass_matches_the_reference_in_both_ranges() {
    for (i, &(w, h)) in SIZES.iter().enumerate() {
        let stride = w + 5;
        let buf = bytes((stride * h) as usize, 99 + i as u32);
        let y = YPlane::new(&buf, w, h, stride).unwrap();
        for (range, map) in
            [(LumaRange::Full, (|v| v) as fn(u8) -> u8), (LumaRange::Limited, expand)]
        {
            let sample = |x: u32, yy: u32| map(buf[(yy * stride + x) as usize]);
            let saturated = (0..h)
                .flat_map(|yy| (0..w).map(move |x| (x, yy)))
                .filter(|&(x, yy)| sample(x, yy) >= 250)
                .count() as u64;
            for factor in [1, 2, 3] {
                let mut plane = LumaPlane::new();
                let stats = plane.fill_from_y(&y, range, factor).unwrap();
                let expected = reference_box(w, h, factor, |x, yy| u32::from(sample(x, yy)) << 8);
                assert_eq!(plane.data(), &expected[..], "{w}x{h} {range:?} factor {factor}");
                assert_eq!(stats.saturated, saturated, "{w}x{h} {range:?} factor {factor}");
            }
        }
    }
}

#[wasm_bindgen_test]
fn limited_range_expansion_is_exact_for_every_value() {
    // One 32x2 plane per 64 values: every byte value goes through the vector path.
    let values: Vec<u8> = (0..=255u8).collect();
    for chunk in values.chunks(64) {
        let plane_bytes: Vec<u8> = chunk.to_vec();
        let y = YPlane::new(&plane_bytes, 32, 2, 32).unwrap();
        let mut plane = LumaPlane::new();
        plane.fill_from_y(&y, LumaRange::Limited, 1).unwrap();
        let mut two = LumaPlane::new();
        two.fill_from_y(&y, LumaRange::Limited, 2).unwrap();
        let expected: Vec<u8> = chunk.iter().map(|&v| expand(v)).collect();
        assert_eq!(plane.data(), &expected[..]);
        let pairs: Vec<u8> = (0..16)
            .map(|i| {
                let s: u32 = [2 * i, 2 * i + 1, 32 + 2 * i, 33 + 2 * i]
                    .iter()
                    .map(|&k| u32::from(expected[k]))
                    .sum();
                (s / 4) as u8
            })
            .collect();
        assert_eq!(two.data(), &pairs[..]);
    }
}

/// Reflect-101 index (`dcb|abcd|cba`).
fn reflect(i: i64, len: i64) -> i64 {
    if len == 1 {
        0
    } else if i < 0 {
        -i
    } else if i >= len {
        2 * len - 2 - i
    } else {
        i
    }
}

#[wasm_bindgen_test]
fn sharpness_matches_the_reference() {
    for (i, &(w, h)) in
        [(1u32, 1u32), (2, 2), (17, 3), (40, 9), (67, 13), (130, 5)].iter().enumerate()
    {
        let data = bytes((w * h) as usize, 1234 + i as u32);
        let plane = LumaPlane::from_pixels(w, h, data.clone()).unwrap();
        let at = |x: i64, y: i64| {
            i64::from(data[(reflect(y, h.into()) * i64::from(w) + reflect(x, w.into())) as usize])
        };
        let (mut sum, mut sq, mut ex, mut ey) = (0i128, 0i128, 0u64, 0u64);
        for y in 0..i64::from(h) {
            for x in 0..i64::from(w) {
                let l = at(x, y - 1) + at(x, y + 1) + at(x - 1, y) + at(x + 1, y) - 4 * at(x, y);
                sum += i128::from(l);
                sq += i128::from(l * l);
                if x + 1 < i64::from(w) {
                    ex += (at(x + 1, y) - at(x, y)).pow(2) as u64;
                }
                if y + 1 < i64::from(h) {
                    ey += (at(x, y + 1) - at(x, y)).pow(2) as u64;
                }
            }
        }
        let n = i128::from(w * h);
        let variance = (n * sq - sum * sum) as f64 / (n * n) as f64;
        let stats = sharpness_stats(&plane, plane.bounds()).unwrap();
        assert_eq!(stats.laplacian_variance, variance, "{w}x{h}");
        assert_eq!((stats.energy_x, stats.energy_y), (ex, ey), "{w}x{h}");
        // A region inside a larger plane sees only itself (reflected at its own borders).
        if w > 4 && h > 2 {
            let inner = Rect::new(1, 1, w - 2, h - 1);
            let a = sharpness_stats(&plane, inner).unwrap();
            let crop: Vec<u8> = (1..h)
                .flat_map(|y| data[(y * w + 1) as usize..(y * w + w - 1) as usize].to_vec())
                .collect();
            let b = sharpness_stats(
                &LumaPlane::from_pixels(w - 2, h - 1, crop).unwrap(),
                Rect::new(0, 0, w - 2, h - 1),
            )
            .unwrap();
            assert_eq!(a, b, "{w}x{h} inner");
        }
    }
}

#[wasm_bindgen_test]
fn resampling_keeps_flat_regions_flat_and_crops_only_the_region() {
    let mut data = vec![0u8; 300 * 40];
    for (i, v) in data.iter_mut().enumerate() {
        *v = if (i % 300) < 150 { 37 } else { 201 };
    }
    let plane = LumaPlane::from_pixels(300, 40, data).unwrap();
    let mut r = Resampler::new();
    let mut out = LumaPlane::new();
    for (region, width) in [
        (Rect::new(0, 0, 150, 40), 448),
        (Rect::new(150, 3, 150, 37), 97),
        (Rect::new(10, 0, 120, 40), 32),
    ] {
        r.resample(&plane, region, width, &mut out).unwrap();
        let v = if region.x >= 150 { 201 } else { 37 };
        assert!(out.data().iter().all(|&p| p == v), "{region:?} -> {width}");
    }
}

#[wasm_bindgen_test]
fn glare_counts_and_blobs_match_the_reference() {
    // Random bytes with a quarter ≥ 225: at level 240 many small blobs, at 200 large ones.
    let (w, h) = (67u32, 41u32);
    let data = bytes((w * h) as usize, 4242);
    let plane = LumaPlane::from_pixels(w, h, data.clone()).unwrap();
    let region = Rect::new(3, 2, 61, 37);
    let mut detector = GlareDetector::new();
    for level in [200u8, 240, 250, 255] {
        let stats = detector.measure(&plane, region, level, 0.05).unwrap();
        let inner = stats.inner;
        let hot = |x: u32, y: u32| data[(y * w + x) as usize] >= level;
        let (mut seen, mut largest, mut blobs, mut count) =
            (vec![false; (w * h) as usize], 0u64, 0u64, 0u64);
        for y in inner.y..inner.y + inner.height {
            for x in inner.x..inner.x + inner.width {
                if !hot(x, y) {
                    continue;
                }
                count += 1;
                if seen[(y * w + x) as usize] {
                    continue;
                }
                blobs += 1;
                let (mut size, mut stack) = (0u64, vec![(x, y)]);
                seen[(y * w + x) as usize] = true;
                while let Some((cx, cy)) = stack.pop() {
                    size += 1;
                    for ny in cy.saturating_sub(1)..=(cy + 1).min(inner.y + inner.height - 1) {
                        for nx in cx.saturating_sub(1)..=(cx + 1).min(inner.x + inner.width - 1) {
                            let inside = nx >= inner.x && ny >= inner.y;
                            if inside && hot(nx, ny) && !seen[(ny * w + nx) as usize] {
                                seen[(ny * w + nx) as usize] = true;
                                stack.push((nx, ny));
                            }
                        }
                    }
                }
                largest = largest.max(size);
            }
        }
        assert_eq!(
            (stats.saturated, stats.largest_blob, stats.blobs),
            (count, largest, blobs),
            "level {level}"
        );
    }
}

#[wasm_bindgen_test]
fn exposure_sums_match_the_histogram() {
    // The analyzer judges exposure from vector sums; the public Histogram is the reference.
    let (w, h) = (134u32, 90u32);
    let data = bytes((w * h) as usize, 777);
    let y = YPlane::new(&data, w, h, w).unwrap();
    let options = QualityOptions::default();
    let mut analyzer = QualityAnalyzer::new(options.clone()).unwrap();
    for (roi, subject) in
        [(Rect::new(4, 2, 120, 80), Subject::Face), (Rect::new(0, 0, 134, 90), Subject::Document)]
    {
        let report = analyzer.analyze_luma(&y, LumaRange::Full, roi, subject).unwrap();
        let region = Rect::new(roi.x / 2, roi.y / 2, roi.width / 2, roi.height / 2);
        let hist = Histogram::of_region(analyzer.plane(), region).unwrap();
        let opts = options.for_subject(subject);
        let exposure = judge_exposure(&hist, &opts.exposure);
        assert_eq!(report.brightness, exposure.brightness, "{subject:?}");
        assert_eq!(report.dark_fraction, exposure.dark_fraction, "{subject:?}");
        assert_eq!(report.bright_fraction, exposure.bright_fraction, "{subject:?}");
        assert_eq!(report.contrast, judge_contrast(&hist, &opts.contrast), "{subject:?}");
    }
}
