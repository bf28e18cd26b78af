//! Synthetic images shared by the `quality_*` tests. Everything is generated; no files.
#![allow(dead_code)]

use idv_core::frame::LumaPlane;

/// A plane whose pixel (x, y) is `f(x, y)`.
pub(crate) fn plane(w: u32, h: u32, f: impl Fn(u32, u32) -> u8) -> LumaPlane {
    let data = (0..h).flat_map(|y| (0..w).map(move |x| (x, y))).map(|(x, y)| f(x, y)).collect();
    LumaPlane::from_pixels(w, h, data).expect("valid plane")
}

/// Grey RGBA pixels (R = G = B, so BT.601 luma equals the grey value exactly).
pub(crate) fn grey_rgba(w: u32, h: u32, f: impl Fn(u32, u32) -> u8) -> Vec<u8> {
    let p = plane(w, h, f);
    p.data().iter().flat_map(|&v| [v, v, v, 255]).collect()
}

/// Deterministic hash in 0..=255 of a cell (no RNG dependency).
pub(crate) fn hash(x: u32, y: u32) -> u32 {
    let mut v = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77);
    v ^= v >> 15;
    v = v.wrapping_mul(0xC2B2_AE3D);
    v ^= v >> 13;
    v & 0xFF
}

/// Text-like pattern: on a grid of 8 x 12 "glyph" cells, each cell draws some of a set of
/// 2-px-thick horizontal and vertical strokes (dark 40 on light 200), chosen by a hash. It has
/// edges in both directions, like print.
pub(crate) fn text_like(x: u32, y: u32) -> u8 {
    let (cx, cy) = (x / 8, y / 12);
    let (ix, iy) = (x % 8, y % 12);
    let bits = hash(cx, cy);
    let vertical = (ix < 2 && bits & 1 != 0) || ((4..6).contains(&ix) && bits & 2 != 0);
    let horizontal = iy < 2 && bits & 4 != 0
        || ((5..7).contains(&iy) && bits & 8 != 0)
        || ((9..11).contains(&iy) && bits & 16 != 0);
    if (vertical && iy < 11) || (horizontal && ix < 6) { 40 } else { 200 }
}

/// 3x3 box blur with clamped borders, applied `n` times.
pub(crate) fn box_blur(p: &LumaPlane, n: u32) -> LumaPlane {
    let mut cur = p.clone();
    for _ in 0..n {
        let (w, h) = (cur.width() as i64, cur.height() as i64);
        let src = cur.data().to_vec();
        let at =
            |x: i64, y: i64| u32::from(src[(y.clamp(0, h - 1) * w + x.clamp(0, w - 1)) as usize]);
        cur = plane(w as u32, h as u32, |x, y| {
            let (x, y) = (i64::from(x), i64::from(y));
            let s: u32 = (-1..=1)
                .flat_map(|dy| (-1..=1).map(move |dx| (dx, dy)))
                .map(|(dx, dy)| at(x + dx, y + dy))
                .sum();
            ((s + 4) / 9) as u8
        });
    }
    cur
}

/// Horizontal moving average over `k` pixels (motion blur along x), clamped borders.
pub(crate) fn motion_blur_x(p: &LumaPlane, k: u32) -> LumaPlane {
    let (w, h) = (p.width() as i64, p.height() as i64);
    let src = p.data();
    let r = i64::from(k / 2);
    plane(w as u32, h as u32, |x, y| {
        let s: u32 = (-r..=r)
            .map(|d| {
                u32::from(src[(i64::from(y) * w + (i64::from(x) + d).clamp(0, w - 1)) as usize])
            })
            .sum();
        let n = 2 * r as u32 + 1;
        ((s + n / 2) / n) as u8
    })
}
