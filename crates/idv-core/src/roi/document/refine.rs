//! Sub-pixel refinement of a chosen line: its strength with bilinear sampling of the gradients
//! every pixel along it, maximised over offset and angle. The gradients are computed only in the
//! strip of the plane the refined lines can reach.

use crate::frame::{LumaPlane, Rect};

use super::band::gradient_row;
use super::search::{Candidate, ScanParams, SideSearch};

/// Bilinearly interpolated gradients of a plane inside a window, computed on demand from the
/// plane (only the few lines the refinement visits are sampled, so no gradient image is kept).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sampler<'a> {
    plane: &'a LumaPlane,
    x0: i32,
    y0: i32,
    w: i32,
    h: i32,
}

impl<'a> Sampler<'a> {
    /// Samples `plane`'s gradients inside `window` (which must lie inside the plane; an
    /// unchecked window samples zeros outside the plane rather than panicking).
    pub(crate) fn new(plane: &'a LumaPlane, window: Rect) -> Self {
        let int = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
        Self {
            plane,
            x0: int(window.x),
            y0: int(window.y),
            w: int(window.width),
            h: int(window.height),
        }
    }

    /// `(gx, gy)` at plane pixel `(x, y)` (central differences, replicated borders; zeros outside
    /// the plane).
    fn gradient(&self, x: usize, y: usize) -> (i16, i16) {
        let (pw, ph) = (self.plane.width() as usize, self.plane.height() as usize);
        let row = |y: usize| self.plane.row(y as u32);
        let at = |r: &[u8], x: usize| i16::from(r.get(x).copied().unwrap_or(0));
        let mid = row(y);
        let gx = at(mid, (x + 1).min(pw.saturating_sub(1))) - at(mid, x.saturating_sub(1));
        let gy = at(row((y + 1).min(ph.saturating_sub(1))), x) - at(row(y.saturating_sub(1)), x);
        (gx, gy)
    }

    /// `(gx, gy)` at the four pixels `(x, y)`, `(x + 1, y)`, `(x, y + 1)`, `(x + 1, y + 1)`.
    #[inline]
    pub(crate) fn quad(&self, x: usize, y: usize) -> [(i16, i16); 4] {
        let (pw, ph) = (self.plane.width() as usize, self.plane.height() as usize);
        if x >= 1 && y >= 1 && x + 3 <= pw && y + 3 <= ph {
            // Rows y - 1 ..= y + 2 from one slice each: no border to replicate.
            let data = self.plane.data();
            let get = |y: usize, x: usize, n: usize| data.get(y * pw + x..y * pw + x + n);
            if let (
                Some(&[a0, a1]),
                Some(&[b0, b1, b2, b3]),
                Some(&[c0, c1, c2, c3]),
                Some(&[d0, d1]),
            ) = (
                get(y - 1, x, 2),
                get(y, x - 1, 4),
                get(y + 1, x - 1, 4),
                get(y + 2, x, 2),
            ) {
                let g = |a: u8, b: u8| i16::from(a) - i16::from(b);
                return [
                    (g(b2, b0), g(c1, a0)),
                    (g(b3, b1), g(c2, a1)),
                    (g(c2, c0), g(d0, b1)),
                    (g(c3, c1), g(d1, b2)),
                ];
            }
        }
        [
            self.gradient(x, y),
            self.gradient(x + 1, y),
            self.gradient(x, y + 1),
            self.gradient(x + 1, y + 1),
        ]
    }
}

/// Where one sample of a refined line lies along its side: the same for every line of the side.
#[derive(Debug, Clone, Copy, Default)]
struct AlongSample {
    /// Coordinate along the side minus the side's centre.
    ds: f64,
    /// Bilinear weight of the second pixel along the side.
    frac: f64,
    /// Plane coordinate along the side of the first pixel.
    pixel: i64,
    /// Both pixels lie inside the window along the side.
    inside: bool,
    /// Where the first pixel's line of the patch starts (a row's index for a left or right side,
    /// a column for a top or bottom side), when the patch holds both pixels.
    patch: Option<usize>,
}

/// Buffers of the refinement, reused frame after frame: the samples' positions along the side
/// and the gradients `[gx, gy]` of the strip of the plane the refined lines can reach
/// (row-major, plane pixels `x0..x0 + w` × `y0..y0 + h`; as `f64`, converted once per pixel
/// rather than four times per sample).
#[derive(Debug, Clone, Default)]
pub(crate) struct Refiner {
    samples: Vec<AlongSample>,
    x0: i64,
    y0: i64,
    w: usize,
    h: usize,
    patch: Vec<[f64; 2]>,
}

/// The pixels (inclusive ranges along and across the side) that the lines refined from
/// `(offset, angle)` can sample: offsets within ±1.5 px and angles within ±1 step of it, each
/// sample reading two pixels either way, plus a pixel of margin.
fn strip(s: &SideSearch, offset: f64, angle: f64, step: f64) -> ((i64, i64), (i64, i64)) {
    let n = (2.0 * s.half_span).floor().max(1.0);
    let start = s.center - s.half_span + 0.5;
    let (ds0, ds1) = (start - s.center, start + (n - 1.0) - s.center);
    let (t0, t1) = (s.slope(angle - step), s.slope(angle + step));
    let corners = [ds0 * t0, ds0 * t1, ds1 * t0, ds1 * t1];
    let lo = corners.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = corners.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let across = f64::from(s.base) + 0.5 + offset;
    // Clamped so that the margins below cannot overflow (`as` saturates; NaN becomes 0).
    let pixel = |v: f64| ((v - 0.5).floor() as i64).clamp(-(1 << 40), 1 << 40);
    (
        (pixel(start) - 1, pixel(start + n - 1.0) + 2),
        (pixel(across - 1.5 + lo) - 1, pixel(across + 1.5 + hi) + 2),
    )
}

/// `top * (1 - b) + bottom * b` of the bilinear mixes `c00 (1 - a) + c10 a` (top, `c01` and
/// `c11` bottom), per component.
#[inline]
fn mix(c: [[f64; 2]; 4], a: f64, b: f64) -> [f64; 2] {
    let [c00, c10, c01, c11] = c;
    core::array::from_fn(|i| {
        let top = c00[i] * (1.0 - a) + c10[i] * a;
        let bottom = c01[i] * (1.0 - a) + c11[i] * a;
        top * (1.0 - b) + bottom * b
    })
}

impl Refiner {
    pub(crate) fn capacity(&self) -> usize {
        self.samples.capacity() * size_of::<AlongSample>()
            + self.patch.capacity() * size_of::<[f64; 2]>()
    }

    /// Refines a coarse candidate of side `s` (scanned with `p`) on `plane`'s gradients inside
    /// `window`: offset (±1 px), angle (±1 step), offset again (±0.5 px), each from 9 evenly
    /// spaced lines (see [`best_of`]).
    pub(crate) fn refine(
        &mut self,
        g: &Sampler<'_>,
        s: &SideSearch,
        c: &Candidate,
        p: &ScanParams,
    ) -> Candidate {
        let step = p.angle_step_deg;
        self.prepare(g, s, c, p);
        let sign = if c.brighter_inside { -1.0 } else { 1.0 };
        let f = |d: f64, a: f64| {
            sign * if s.side.vertical() {
                self.strength::<true>(g, s, d, a)
            } else {
                self.strength::<false>(g, s, d, a)
            }
        };
        let offset = best_of(c.offset, 1.0 / 4.0, 0.5, |d| f(d, c.angle_deg));
        let angle = best_of(c.angle_deg, step / 4.0, 0.9, |a| f(offset, a));
        let offset = best_of(offset, 1.0 / 8.0, 0.5, |d| f(d, angle));
        Candidate {
            offset,
            angle_deg: angle,
            ..*c
        }
    }

    /// Fills the patch of gradients around `c`'s line and places the samples along `s`.
    fn prepare(&mut self, g: &Sampler<'_>, s: &SideSearch, c: &Candidate, p: &ScanParams) {
        let vertical = s.side.vertical();
        // The largest strip any candidate can need, reserved once so the buffer stops growing.
        let step = p.angle_step_deg;
        let widest = (p.max_angle_deg / step).ceil() + 1.0;
        let area = |(a, b): ((i64, i64), (i64, i64))| {
            let side = |(lo, hi): (i64, i64)| (hi - lo + 1).max(0);
            usize::try_from(side(a).saturating_mul(side(b))).unwrap_or(usize::MAX)
        };
        // (Never more than the window holds.)
        let window = usize::try_from(i64::from(g.w).max(0) * i64::from(g.h).max(0)).unwrap_or(0);
        let cap = area(strip(s, 0.0, widest * step, step))
            .max(area(strip(s, 0.0, -widest * step, step)))
            .min(window);
        self.patch.clear();
        self.patch.reserve(cap);
        let (along, across) = strip(s, c.offset, c.angle_deg, step);
        let ((x0, x1), (y0, y1)) = if vertical {
            (across, along)
        } else {
            (along, across)
        };
        let (wx0, wy0) = (i64::from(g.x0), i64::from(g.y0));
        let (x0, y0) = (x0.max(wx0), y0.max(wy0));
        let x1 = x1.min(wx0 + i64::from(g.w) - 1);
        let y1 = y1.min(wy0 + i64::from(g.h) - 1);
        let size = |a: i64, b: i64| usize::try_from(b - a + 1).unwrap_or(0);
        let (w, h) = (size(x0, x1), size(y0, y1));
        (self.x0, self.y0, self.w, self.h) = (x0, y0, w, h);
        if w == 0 || h == 0 || w * h > cap {
            // Every sample then reads the plane directly.
            (self.w, self.h) = (0, 0);
        } else {
            self.patch.resize(w * h, [0.0; 2]);
            for (row, y) in self.patch.chunks_exact_mut(w).zip(y0..) {
                gradient_row(g.plane, y as u32, x0 as usize, row, |gx, gy| {
                    [f64::from(gx), f64::from(gy)]
                });
            }
        }

        let n = (2.0 * s.half_span).floor().max(1.0) as i32;
        let start = s.center - s.half_span + 0.5;
        let (w0, len) = if vertical { (g.y0, g.h) } else { (g.x0, g.w) };
        // The patch's first line along the side, its length along it and its stride.
        let (p0, p_len, stride) = if vertical {
            (self.y0, self.h, self.w)
        } else {
            (self.x0, self.w, 1)
        };
        self.samples.clear();
        self.samples.extend((0..n).map(|j| {
            let at = start + f64::from(j);
            let v = at - 0.5 - f64::from(w0);
            let fv = v.floor();
            let pixel = fv as i64 + i64::from(w0);
            let line = usize::try_from(pixel - p0).ok().filter(|&l| l + 1 < p_len);
            AlongSample {
                ds: at - s.center,
                frac: v - fv,
                pixel,
                // Also false for NaN.
                inside: fv >= 0.0 && fv < f64::from(len - 1),
                patch: line.map(|l| l * stride),
            }
        }));
    }

    /// Signed gradient across the line `(offset, angle)` of side `s` (`VERTICAL` for the left
    /// and right sides) summed along it with bilinear sampling every pixel (where all four
    /// neighbours lie inside the window), towards the outside of the guide.
    fn strength<const VERTICAL: bool>(
        &self,
        g: &Sampler<'_>,
        s: &SideSearch,
        offset: f64,
        angle_deg: f64,
    ) -> f64 {
        let t = s.slope(angle_deg);
        let across0 = f64::from(s.base) + 0.5 + offset;
        let (w0, len) = if VERTICAL { (g.x0, g.w) } else { (g.y0, g.h) };
        let (w0f, last) = (f64::from(w0), f64::from(len - 1));
        // The patch's first line across the side, its length across it and its stride.
        let (p0, p_len, stride) = if VERTICAL {
            (self.x0, self.w, 1)
        } else {
            (self.y0, self.h, self.w)
        };
        let mut sum = 0.0;
        for smp in &self.samples {
            let a = across0 + smp.ds * t;
            let u = a - 0.5 - w0f;
            // `floor(u)` in `0..last` exactly when `u` is (`last` is an integer); false for NaN.
            if !(smp.inside && u >= 0.0 && u < last) {
                continue;
            }
            // Truncation is the floor of a non-negative value.
            let cell = u as i64;
            let frac = u - cell as f64;
            let pixel = cell + i64::from(w0);
            let (wx, wy) = if VERTICAL {
                (frac, smp.frac)
            } else {
                (smp.frac, frac)
            };
            let k = usize::try_from(pixel - p0)
                .ok()
                .filter(|&i| i + 1 < p_len)
                .zip(smp.patch)
                .map(|(i, line)| line + i * stride);
            let (x, y) = if VERTICAL {
                (pixel, smp.pixel)
            } else {
                (smp.pixel, pixel)
            };
            let w = self.w;
            let quad = match k.map(|k| (self.patch.get(k..k + 2), self.patch.get(k + w..k + w + 2)))
            {
                Some((Some(&[c00, c10]), Some(&[c01, c11]))) => [c00, c10, c01, c11],
                _ => g
                    .quad(x as usize, y as usize)
                    .map(|(gx, gy)| [f64::from(gx), f64::from(gy)]),
            };
            let [gx, gy] = mix(quad, wx, wy);
            sum += if VERTICAL { gx - t * gy } else { gy - t * gx };
        }
        sum * s.side.outward() / (1.0 + t * t).sqrt()
    }
}

/// Where `f` peaks near `center`, from samples at `center + i * step` for `i` in -4..=4: the
/// centroid of the samples above `level` × the maximum that are contiguous with the maximum
/// (weights `f - level * max`).
///
/// Profiles here are flat-topped, not parabolic: across a sharp edge the two central differences
/// either side of it are equal (a 1 px plateau), and turning a line about its middle keeps it on
/// that plateau for a few tenths of a degree. A parabola through the top three samples then picks
/// an end of the plateau; the centroid of the top finds its middle. Offsets use `level` 0.5, angles
/// 0.9 (the angle profile is wide and often lopsided, so only its top is symmetric).
fn best_of(center: f64, step: f64, level: f64, f: impl Fn(f64) -> f64) -> f64 {
    const HALF: usize = 4;
    let values: [f64; 2 * HALF + 1] =
        core::array::from_fn(|i| f(center + (i as f64 - HALF as f64) * step));
    let (mut best, mut best_v) = (HALF, f64::NEG_INFINITY);
    for (i, &v) in values.iter().enumerate() {
        if v > best_v {
            (best, best_v) = (i, v);
        }
    }
    if best_v.is_nan() || best_v <= 0.0 {
        return center;
    }
    let cut = level * best_v;
    let (mut lo, mut hi) = (best, best);
    while lo > 0 && values.get(lo - 1).is_some_and(|&v| v > cut) {
        lo -= 1;
    }
    while values.get(hi + 1).is_some_and(|&v| v > cut) {
        hi += 1;
    }
    let (mut sw, mut sx) = (0.0, 0.0);
    for (i, &v) in values.iter().enumerate().take(hi + 1).skip(lo) {
        sw += v - cut;
        sx += (v - cut) * (i as f64 - HALF as f64);
    }
    let x = if sw > 0.0 {
        sx / sw
    } else {
        best as f64 - HALF as f64
    };
    center + x * step
}
