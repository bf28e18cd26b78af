//! Luma plane construction: RGBA and Y-plane passes, downscale, saturation count, resampling,
//! validation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod quality_support;

use idv_core::frame::{
    DownscaleStats, FrameError, LumaPlane, LumaRange, Rect, Resampler, RgbaFrame, YPlane,
    luma_of_rgb,
};
use quality_support::{grey_rgba, hash, plane};

#[test]
fn factor_one_equals_luma_of_rgb_per_pixel() {
    let (w, h) = (7, 5);
    let buf: Vec<u8> = (0..w * h)
        .flat_map(|i| [hash(i, 1) as u8, hash(i, 2) as u8, hash(i, 3) as u8, 0])
        .collect();
    let f = RgbaFrame::new(&buf, w, h).unwrap();
    let mut p = LumaPlane::new();
    p.fill_from_rgba(&f, 1).unwrap();
    assert_eq!((p.width(), p.height()), (7, 5));
    let expected: Vec<u8> = buf.chunks_exact(4).map(|c| luma_of_rgb(c[0], c[1], c[2])).collect();
    assert_eq!(p.data(), &expected[..]);
}

#[test]
fn two_by_two_downscale_of_odd_size_averages_partial_edge_blocks() {
    let vals = [[10, 20, 30], [40, 50, 60], [70, 80, 90]];
    let buf = grey_rgba(3, 3, |x, y| vals[y as usize][x as usize]);
    let f = RgbaFrame::new(&buf, 3, 3).unwrap();
    let mut p = LumaPlane::new();
    let stats = p.fill_from_rgba(&f, 2).unwrap();
    assert_eq!((p.width(), p.height()), (2, 2));
    // (10+20+40+50)/4 = 30, (30+60)/2 = 45, (70+80)/2 = 75, 90 alone.
    assert_eq!(p.data(), &[30, 45, 75, 90]);
    assert_eq!(stats, DownscaleStats { saturated: 0, pixels: 9 });
}

#[test]
fn box_mean_is_floored_like_luma_of_rgb() {
    // A uniform colour block gives exactly luma_of_rgb; 1+2+2+2 = 7 -> 7/4 floors to 1.
    let buf: Vec<u8> = [[200u8, 10, 90, 255]; 4].concat();
    let f = RgbaFrame::new(&buf, 2, 2).unwrap();
    let mut p = LumaPlane::new();
    p.fill_from_rgba(&f, 2).unwrap();
    assert_eq!(p.data(), &[luma_of_rgb(200, 10, 90)]);
    let buf = grey_rgba(2, 2, |x, y| if x + y == 0 { 1 } else { 2 });
    p.fill_from_rgba(&RgbaFrame::new(&buf, 2, 2).unwrap(), 2).unwrap();
    assert_eq!(p.data(), &[1]);
}

#[test]
fn one_by_one_frame_with_any_factor() {
    let buf = [255u8, 255, 255, 255];
    let f = RgbaFrame::new(&buf, 1, 1).unwrap();
    let mut p = LumaPlane::new();
    for factor in [1, 2, 3, 64] {
        let s = p.fill_from_rgba(&f, factor).unwrap();
        assert_eq!((p.width(), p.height(), p.data()), (1, 1, &[255u8][..]));
        assert_eq!(s, DownscaleStats { saturated: 1, pixels: 1 });
    }
    assert_eq!(p.fill_from_rgba(&f, 0), Err(FrameError::Factor { factor: 0 }));
}

#[test]
fn general_factor_handles_partial_blocks() {
    // 4x4 grey 0..16 with factor 3 -> 2x2: blocks of 9, 3, 3 and 1 pixels.
    let buf = grey_rgba(4, 4, |x, y| (y * 4 + x) as u8);
    let mut p = LumaPlane::new();
    p.fill_from_rgba(&RgbaFrame::new(&buf, 4, 4).unwrap(), 3).unwrap();
    // (0+1+2+4+5+6+8+9+10)/9 = 5, (3+7+11)/3 = 7, (12+13+14)/3 = 13, 15.
    assert_eq!(p.data(), &[5, 7, 13, 15]);
}

#[test]
fn saturation_counts_any_channel_at_or_above_250_at_full_resolution() {
    let px: [[u8; 4]; 6] = [
        [250, 0, 0, 255],
        [0, 250, 0, 255],
        [0, 0, 255, 255],
        [249, 249, 249, 255],
        [0, 0, 0, 255],
        [255, 255, 255, 0],
    ];
    let buf = px.concat();
    let f = RgbaFrame::new(&buf, 3, 2).unwrap();
    let mut p = LumaPlane::new();
    for factor in [1, 2, 3] {
        let s = p.fill_from_rgba(&f, factor).unwrap();
        assert_eq!((s.saturated, s.pixels), (4, 6), "factor {factor}");
        assert!((s.saturated_fraction() - 4.0 / 6.0).abs() < 1e-12);
    }
}

#[test]
fn y_plane_with_stride_ignores_padding_and_trailing_chroma() {
    // 3x2 Y plane, stride 5 (padding 255), followed by fake U/V bytes.
    let buf = [10u8, 20, 30, 255, 255, 40, 50, 60, 255, 255, 128, 128, 128];
    let y = YPlane::new(&buf, 3, 2, 5).unwrap();
    let mut p = LumaPlane::new();
    let s = p.fill_from_y(&y, LumaRange::Full, 1).unwrap();
    assert_eq!(p.data(), &[10, 20, 30, 40, 50, 60]);
    assert_eq!(s, DownscaleStats { saturated: 0, pixels: 6 });
    p.fill_from_y(&y, LumaRange::Full, 2).unwrap();
    assert_eq!(p.data(), &[30, 45]); // (10+20+40+50)/4, (30+60)/2
    // The last row need not be padded.
    assert!(YPlane::new(&buf[..8], 3, 2, 5).is_ok());
}

#[test]
fn y_plane_validation() {
    let buf = [0u8; 10];
    assert_eq!(
        YPlane::new(&buf[..7], 3, 2, 5).unwrap_err(),
        FrameError::PlaneLength { width: 3, height: 2, stride: 5, expected: 8, actual: 7 }
    );
    assert_eq!(YPlane::new(&buf, 3, 2, 2).unwrap_err(), FrameError::Stride { width: 3, stride: 2 });
    assert_eq!(YPlane::new(&buf, 0, 2, 5).unwrap_err(), FrameError::Empty { width: 0, height: 2 });
    assert!(matches!(YPlane::new(&buf, 9000, 1, 9000), Err(FrameError::TooLarge { .. })));
    // stride * (height - 1) near u32::MAX is computed in u64, not wrapped.
    assert!(matches!(YPlane::new(&buf, 1, 8192, u32::MAX), Err(FrameError::PlaneLength { .. })));
}

#[test]
fn limited_range_is_expanded_before_saturation_is_counted() {
    let buf = [16u8, 235, 126, 240];
    let y = YPlane::new(&buf, 4, 1, 4).unwrap();
    let mut p = LumaPlane::new();
    let s = p.fill_from_y(&y, LumaRange::Limited, 1).unwrap();
    assert_eq!(p.data(), &[0, 255, 128, 255]);
    assert_eq!(s.saturated, 2);
    let s = p.fill_from_y(&y, LumaRange::Full, 1).unwrap();
    assert_eq!(p.data(), &buf);
    assert_eq!(s.saturated, 0);
}

#[test]
fn refilling_keeps_the_allocation() {
    let big = grey_rgba(64, 48, |x, y| (x ^ y) as u8);
    let small = grey_rgba(30, 20, |x, _| x as u8);
    let mut p = LumaPlane::new();
    p.fill_from_rgba(&RgbaFrame::new(&big, 64, 48).unwrap(), 2).unwrap();
    let ptr = p.data().as_ptr();
    let cap = p.capacity();
    assert_eq!(cap, 32 * 24);
    for _ in 0..3 {
        p.fill_from_rgba(&RgbaFrame::new(&small, 30, 20).unwrap(), 2).unwrap();
        p.fill_from_rgba(&RgbaFrame::new(&big, 64, 48).unwrap(), 2).unwrap();
    }
    assert_eq!((p.capacity(), p.data().as_ptr()), (cap, ptr));
}

#[test]
fn owned_plane_validation_and_max_size() {
    assert!(matches!(
        LumaPlane::from_pixels(8193, 1, vec![0; 8193]),
        Err(FrameError::TooLarge { .. })
    ));
    assert!(matches!(
        LumaPlane::from_pixels(2, 2, vec![0; 3]),
        Err(FrameError::PlaneLength { expected: 4, .. })
    ));
    assert!(matches!(LumaPlane::from_pixels(0, 2, vec![]), Err(FrameError::Empty { .. })));
    // The largest accepted side works end to end (8192 x 1).
    let buf = vec![255u8; 8192 * 4];
    let mut p = LumaPlane::new();
    let s = p.fill_from_rgba(&RgbaFrame::new(&buf, 8192, 1).unwrap(), 2).unwrap();
    assert_eq!((p.width(), p.height(), s.saturated), (4096, 1, 8192));
}

#[test]
fn same_size_resample_is_an_exact_copy_of_the_region() {
    let p = plane(9, 7, |x, y| hash(x, y) as u8);
    let mut out = LumaPlane::new();
    let mut r = Resampler::new();
    r.resample(&p, Rect::new(2, 1, 5, 4), 5, &mut out).unwrap();
    assert_eq!((out.width(), out.height()), (5, 4));
    for y in 0..4 {
        assert_eq!(out.row(y), &p.row(y + 1)[2..7]);
    }
}

#[test]
fn resample_keeps_flat_regions_flat_and_ramps_monotonic() {
    let flat = plane(50, 30, |_, _| 173);
    let mut out = LumaPlane::new();
    let mut r = Resampler::new();
    for w in [1, 7, 20, 200, 448] {
        r.resample(&flat, Rect::new(3, 2, 40, 25), w, &mut out).unwrap();
        assert_eq!(out.height(), ((2 * 25 * w + 40) / 80).max(1)); // round(25 * w / 40)
        assert!(out.data().iter().all(|&v| v == 173), "width {w}");
    }
    let ramp = plane(100, 4, |x, _| (x * 2) as u8);
    for w in [13, 100, 333] {
        r.resample(&ramp, ramp.bounds(), w, &mut out).unwrap();
        assert!(out.row(0).windows(2).all(|p| p[0] <= p[1]), "width {w}");
        // Ends stay near 0 and 198 (shrinking averages a few samples at each end).
        let (first, last) = (out.row(0)[0], out.row(0)[w as usize - 1]);
        assert!(first <= 8 && last >= 190, "width {w}: {first}..{last}");
    }
}

#[test]
fn shrinking_by_two_is_antialiased() {
    // Tent of radius 2 around source centre 1.0: weights 3/7, 3/7, 1/7 on samples 0, 1, 2.
    let p = plane(4, 1, |x, _| if x < 2 { 0 } else { 255 });
    let mut out = LumaPlane::new();
    Resampler::new().resample_to(&p, p.bounds(), 2, 1, &mut out).unwrap();
    assert_eq!(out.data(), &[36, 219]); // 255/7 = 36.4, 255*6/7 = 218.6, rounded
}

#[test]
fn resample_validation() {
    let p = plane(10, 10, |_, _| 0);
    let mut out = LumaPlane::new();
    let mut r = Resampler::new();
    let outside = Rect::new(5, 5, 6, 1);
    assert_eq!(
        r.resample(&p, outside, 10, &mut out),
        Err(FrameError::Region { rect: outside, width: 10, height: 10 })
    );
    assert!(matches!(
        r.resample(&p, Rect::new(0, 0, 0, 3), 10, &mut out),
        Err(FrameError::Region { .. })
    ));
    assert!(matches!(r.resample(&p, p.bounds(), 0, &mut out), Err(FrameError::Empty { .. })));
    // A 1 x 10 strip at 1000 px wide would be 10000 px tall.
    assert!(matches!(
        r.resample(&p, Rect::new(0, 0, 1, 10), 1000, &mut out),
        Err(FrameError::TooLarge { .. })
    ));
    // One pixel region enlarged to the face analysis width.
    let p = plane(3, 3, |x, y| if (x, y) == (1, 1) { 99 } else { 0 });
    r.resample(&p, Rect::new(1, 1, 1, 1), 200, &mut out).unwrap();
    assert_eq!((out.width(), out.height()), (200, 200));
    assert!(out.data().iter().all(|&v| v == 99));
}

/// Naive reference: floor of the mean of `77 R + 150 G + 29 B` over each block, divided by 256.
fn reference(buf: &[u8], w: u32, h: u32, factor: u32) -> Vec<u8> {
    let mut out = Vec::new();
    for oy in 0..h.div_ceil(factor) {
        for ox in 0..w.div_ceil(factor) {
            let (mut sum, mut n) = (0u64, 0u64);
            for y in oy * factor..((oy + 1) * factor).min(h) {
                for x in ox * factor..((ox + 1) * factor).min(w) {
                    let i = ((y * w + x) * 4) as usize;
                    sum += 77 * u64::from(buf[i])
                        + 150 * u64::from(buf[i + 1])
                        + 29 * u64::from(buf[i + 2]);
                    n += 1;
                }
            }
            out.push((sum / (256 * n)) as u8);
        }
    }
    out
}

#[test]
fn every_factor_and_odd_size_matches_the_naive_reference() {
    // Widths around the 256-pixel segments of the 2x2 path, odd and even heights.
    for (w, h) in
        [(1, 1), (2, 1), (1, 3), (3, 2), (5, 5), (255, 3), (256, 2), (257, 3), (513, 5), (1030, 4)]
    {
        let buf: Vec<u8> = (0..w * h * 4).map(|i| hash(i, w) as u8).collect();
        let f = RgbaFrame::new(&buf, w, h).unwrap();
        let grey: Vec<u8> = (0..w * h).map(|i| hash(i, h) as u8).collect();
        let y = YPlane::new(&grey, w, h, w).unwrap();
        let grey_rgba: Vec<u8> = grey.iter().flat_map(|&v| [v, v, v, 0]).collect();
        let mut p = LumaPlane::new();
        for factor in [1, 2, 3, 4] {
            let s = p.fill_from_rgba(&f, factor).unwrap();
            assert_eq!(p.data(), &reference(&buf, w, h, factor)[..], "rgba {w}x{h} / {factor}");
            let sat =
                buf.chunks_exact(4).filter(|c| c[..3].iter().any(|&v| v >= 250)).count() as u64;
            assert_eq!(s.saturated, sat, "rgba {w}x{h} / {factor}");
            let s = p.fill_from_y(&y, LumaRange::Full, factor).unwrap();
            assert_eq!(p.data(), &reference(&grey_rgba, w, h, factor)[..], "y {w}x{h} / {factor}");
            assert_eq!(s.saturated, grey.iter().filter(|&&v| v >= 250).count() as u64);
        }
    }
}
