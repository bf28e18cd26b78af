//! Synthetic cards drawn on a luma plane: a flat rectangle (bright or dark) with a few text bars,
//! rotated, anti-aliased by 4×4 supersampling along its outline, on a textured background.

use idv_core::frame::LumaPlane;

/// Deterministic hash in 0..=255 (no RNG dependency).
pub(crate) fn hash(x: u32, y: u32) -> u32 {
    let mut v = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77);
    v ^= v >> 15;
    v = v.wrapping_mul(0xC2B2_AE3D);
    v ^= v >> 13;
    v & 0xFF
}

/// Background: mid-grey with blotchy texture (8 px cells, ±20) and fine noise (±8), like a wood
/// or fabric desk: luma about 72..128.
pub(crate) fn background(x: u32, y: u32) -> f32 {
    let cell = hash(x / 8, y / 8) as f32 / 255.0;
    let fine = hash(x, y) as f32 / 255.0;
    100.0 + 40.0 * (cell - 0.5) + 16.0 * (fine - 0.5)
}

/// A card: centre, size, rotation (degrees, clockwise on screen) and its flat luma.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Card {
    pub(crate) cx: f32,
    pub(crate) cy: f32,
    pub(crate) w: f32,
    pub(crate) h: f32,
    pub(crate) angle_deg: f32,
    pub(crate) luma: f32,
}

impl Card {
    /// An ID-1 card (aspect 85.60 / 53.98) `w` px wide, centred at (`cx`, `cy`).
    pub(crate) fn id1(cx: f32, cy: f32, w: f32, angle_deg: f32) -> Self {
        Self {
            cx,
            cy,
            w,
            h: w * 53.98 / 85.60,
            angle_deg,
            luma: 210.0,
        }
    }

    /// Corners TL, TR, BR, BL in continuous pixel coordinates.
    pub(crate) fn corners(&self) -> [(f32, f32); 4] {
        let (s, c) = self.angle_deg.to_radians().sin_cos();
        let (hw, hh) = (self.w / 2.0, self.h / 2.0);
        [(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)]
            .map(|(x, y)| (self.cx + x * c - y * s, self.cy + x * s + y * c))
    }

    /// The point in the card's own frame (origin at its top-left corner, unrotated).
    fn local(&self, sc: (f32, f32), x: f32, y: f32) -> (f32, f32) {
        let (s, c) = sc;
        let (dx, dy) = (x - self.cx, y - self.cy);
        (
            dx * c + dy * s + self.w / 2.0,
            -dx * s + dy * c + self.h / 2.0,
        )
    }
}

/// A `w` x `h` plane with `card` drawn over [`background`].
pub(crate) fn draw(w: u32, h: u32, card: &Card) -> LumaPlane {
    let sc = card.angle_deg.to_radians().sin_cos();
    let inside = |x: f32, y: f32| {
        let (u, v) = card.local(sc, x, y);
        (0.0..=card.w).contains(&u) && (0.0..=card.h).contains(&v)
    };
    let mut data = Vec::with_capacity((w * h) as usize);
    for y in 0..h {
        for x in 0..w {
            let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
            let (u, v) = card.local(sc, px, py);
            // Distance to the outline in the card's frame: supersample only within 1 px of it.
            let edge = u.min(card.w - u).min(v).min(card.h - v);
            let a = if edge > 1.0 {
                1.0
            } else if edge < -1.0 {
                0.0
            } else {
                let mut n = 0u32;
                for sy in 0..4 {
                    for sx in 0..4 {
                        let qx = x as f32 + (sx as f32 + 0.5) / 4.0;
                        let qy = y as f32 + (sy as f32 + 0.5) / 4.0;
                        n += u32::from(inside(qx, qy));
                    }
                }
                n as f32 / 16.0
            };
            let mut value = background(x, y) * (1.0 - a) + card.luma * a;
            if edge > 1.0 && text_bar(card, u, v) {
                value = if card.luma > 128.0 { 50.0 } else { 200.0 };
            }
            data.push(value.round().clamp(0.0, 255.0) as u8);
        }
    }
    LumaPlane::from_pixels(w, h, data).expect("valid plane")
}

/// Bars in the card's own coordinates: 4 text lines in the right 60 % of the card.
fn text_bar(card: &Card, u: f32, v: f32) -> bool {
    let (fu, fv) = (u / card.w, v / card.h);
    fu > 0.38
        && fu < 0.92
        && (0..4).any(|i| {
            let top = 0.25 + 0.15 * i as f32;
            fv > top && fv < top + 0.06
        })
        && hash((u / 9.0) as u32, (v / 7.0) as u32) > 40
}

/// The background alone.
pub(crate) fn desk(w: u32, h: u32) -> LumaPlane {
    let data = (0..h)
        .flat_map(|y| (0..w).map(move |x| background(x, y).round() as u8))
        .collect();
    LumaPlane::from_pixels(w, h, data).expect("valid plane")
}
