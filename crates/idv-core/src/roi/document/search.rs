//! The per-side line search: gradient images, a coarse (offset, angle) scan with integer
//! sampling, local maxima as candidates, and a sub-pixel refinement with bilinear sampling.
//!
//! A candidate line's strength is the **signed** gradient across it summed along it: texture
//! crossing the line contributes with both signs and cancels, a straight edge adds up. Its score
//! divides that by the summed gradient magnitude along the line plus a floor per sample:
//!
//! `score = |Σ ∇I·n| / (Σ |∇I| + samples × floor)`, in 0..1.
//!
//! A clean edge exactly under the line scores close to 1 whatever its contrast (minus the
//! floor's share); a line through texture or smooth shading scores near 0. The local maxima of
//! that score are then multiplied by their *coverage*, the fraction of the line along which the
//! edge is actually present (see [`Scan::coverage`]): a document's outline spans the whole side,
//! the edges inside a card (photo, header letters, text) do not.

use crate::frame::{LumaPlane, Rect};

use super::geometry::{Line, V2};

/// Central-difference gradients `(I[x+1] - I[x-1], I[y+1] - I[y-1])` (twice the per-pixel
/// slope; replicated borders) and their magnitude (see [`magnitude`]) over a window of the plane,
/// stored twice: row-major for the left and right sides and column-major for the top and bottom
/// sides, so that the scan, which moves a line across its side one pixel at a time, always reads
/// consecutive memory.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gradients {
    x0: i32,
    y0: i32,
    w: i32,
    h: i32,
    /// Lanes are rows (`y`), positions `x`: for the left and right sides.
    rows: Lanes,
    /// Lanes are columns (`x`), positions `y`: for the top and bottom sides.
    cols: Lanes,
}

/// One layout of the gradients: `lanes` lanes of `len` values each. `across` is the component
/// along the lane (the direction a side's lines move in), `along` the other one.
#[derive(Debug, Clone, Default)]
struct Lanes {
    len: usize,
    across: Vec<i16>,
    along: Vec<i16>,
    mag: Vec<i16>,
}

impl Lanes {
    /// Sizes the lanes; values are stale until overwritten (every one is, by `compute`).
    fn reset(&mut self, lanes: usize, len: usize) {
        self.len = len;
        for v in [&mut self.across, &mut self.along, &mut self.mag] {
            v.resize(lanes * len, 0);
        }
    }

    fn capacity(&self) -> usize {
        (self.across.capacity() + self.along.capacity() + self.mag.capacity()) * 2
    }
}

impl Gradients {
    /// Fills the gradients of `window`, which must lie inside `plane` (an unchecked window
    /// yields zeros outside the plane rather than panicking).
    pub(crate) fn compute(&mut self, plane: &LumaPlane, window: Rect) {
        let (pw, ph) = (plane.width() as usize, plane.height() as usize);
        let (w, h) = (window.width as usize, window.height as usize);
        self.x0 = window.x as i32;
        self.y0 = window.y as i32;
        self.w = window.width as i32;
        self.h = window.height as i32;
        self.rows.reset(h, w);
        self.cols.reset(w, h);
        if pw == 0 || ph == 0 || w == 0 {
            return;
        }
        let (x0, x1) = (window.x as usize, window.x as usize + w);
        let rows = &mut self.rows;
        let lanes = rows
            .across
            .chunks_exact_mut(w)
            .zip(rows.along.chunks_exact_mut(w));
        for (j, ((gxs, gys), mags)) in lanes.zip(rows.mag.chunks_exact_mut(w)).enumerate() {
            let y = window.y as usize + j;
            let (Some(up), Some(down)) = (
                plane.row(y.saturating_sub(1) as u32).get(x0..x1),
                plane.row((y + 1).min(ph - 1) as u32).get(x0..x1),
            ) else {
                continue;
            };
            let row = plane.row(y as u32);
            let at = |x: usize| i16::from(row.get(x).copied().unwrap_or(0));
            let cols = gxs.iter_mut().zip(gys.iter_mut()).zip(mags.iter_mut());
            for ((i, ((gx, gy), mag)), (&u, &d)) in cols.enumerate().zip(up.iter().zip(down)) {
                let x = x0 + i;
                *gx = at((x + 1).min(pw - 1)) - at(x.saturating_sub(1));
                *gy = i16::from(d) - i16::from(u);
                *mag = magnitude(*gx, *gy);
            }
        }
        // Column-major copy, with the components swapped: across a top or bottom side is `y`.
        let (rows, cols) = (&self.rows, &mut self.cols);
        for (src, dst) in [
            (&rows.along, &mut cols.across),
            (&rows.across, &mut cols.along),
            (&rows.mag, &mut cols.mag),
        ] {
            for (i, col) in dst.chunks_exact_mut(h).enumerate() {
                for (v, &s) in col.iter_mut().zip(src.iter().skip(i).step_by(w)) {
                    *v = s;
                }
            }
        }
    }

    /// `(gx, gy, magnitude)` at plane pixel `(x, y)`, `None` outside the window.
    #[inline]
    fn get(&self, x: i32, y: i32) -> Option<(i16, i16, i16)> {
        let (i, j) = (x - self.x0, y - self.y0);
        if i < 0 || j < 0 || i >= self.w || j >= self.h {
            return None;
        }
        let k = (j * self.w + i) as usize;
        let r = &self.rows;
        Some((*r.across.get(k)?, *r.along.get(k)?, *r.mag.get(k)?))
    }

    /// Bilinearly interpolated `(gx, gy)` at continuous plane coordinates (pixel centres at
    /// `i + 0.5`); `None` when the four neighbours are not all inside the window.
    fn bilinear(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        let (u, v) = (x - 0.5 - f64::from(self.x0), y - 0.5 - f64::from(self.y0));
        let (fu, fv) = (u.floor(), v.floor());
        // Also false for NaN.
        if !(fu >= 0.0 && fv >= 0.0 && fu < f64::from(self.w - 1) && fv < f64::from(self.h - 1)) {
            return None;
        }
        let (a, b) = (u - fu, v - fv);
        let w = self.w as usize;
        let k = fv as usize * w + fu as usize;
        let r = &self.rows;
        let (gx, gy) = (r.across.get(k..k + w + 2)?, r.along.get(k..k + w + 2)?);
        let mix = |g: &[i16]| {
            let at = |i: usize| f64::from(g.get(i).copied().unwrap_or(0));
            let top = at(0) * (1.0 - a) + at(1) * a;
            let bottom = at(w) * (1.0 - a) + at(w + 1) * a;
            top * (1.0 - b) + bottom * b
        };
        Some((mix(gx), mix(gy)))
    }

    pub(crate) fn capacity(&self) -> usize {
        self.rows.capacity() + self.cols.capacity()
    }
}

/// `sqrt(gx² + gy²)` within 3 %, in integers: `max(a, (7a + 4b) / 8)` with `a = max(|gx|,
/// |gy|)`, `b = min(..)` (exact on the axes, -2.8 % on the diagonal). A square root per pixel
/// cost a quarter of the whole fit.
#[inline]
fn magnitude(gx: i16, gy: i16) -> i16 {
    let (x, y) = (gx.unsigned_abs(), gy.unsigned_abs());
    let (a, b) = (x.max(y), x.min(y));
    a.max((7 * a + 4 * b) / 8) as i16
}

/// A side of the guide, in the order the report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Top,
    Right,
    Bottom,
    Left,
}

impl Side {
    pub(crate) const ALL: [Side; 4] = [Side::Top, Side::Right, Side::Bottom, Side::Left];

    fn vertical(self) -> bool {
        matches!(self, Side::Right | Side::Left)
    }

    /// +1 when the outward normal points down (bottom) or right (right side), else -1.
    fn outward(self) -> f64 {
        match self {
            Side::Top | Side::Left => -1.0,
            Side::Right | Side::Bottom => 1.0,
        }
    }
}

/// One side's search layout in plane pixels.
///
/// Lines are parameterised by an offset `d` and an angle `θ` (degrees, clockwise on screen):
/// a horizontal side's line is `y = base + 0.5 + d + (x - center) tan θ`, a vertical side's
/// `x = base + 0.5 + d - (y - center) tan θ`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SideSearch {
    pub(crate) side: Side,
    /// Row (horizontal side) or column (vertical side) containing the guide's edge.
    base: i32,
    /// Continuous coordinate along the side about which lines rotate (the guide side's middle).
    center: f64,
    /// Half the sampled length along the side.
    half_span: f64,
    /// Offsets `-radius..=radius` are scanned.
    pub(crate) radius: i32,
}

/// A local maximum of the score, refined or not.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Candidate {
    /// Offset `d` in plane pixels (see [`SideSearch`]).
    pub(crate) offset: f64,
    /// Angle in degrees, clockwise on screen.
    pub(crate) angle_deg: f64,
    /// Score in 0..1 (see the module docs).
    pub(crate) score: f64,
    /// True when the inside of the guide is brighter than the outside across this line.
    pub(crate) brighter_inside: bool,
}

/// Guide rectangle in continuous plane coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PlaneGuide {
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    pub(crate) y1: f64,
}

impl SideSearch {
    pub(crate) fn new(side: Side, g: &PlaneGuide, search_fraction: f64, span: f64) -> Self {
        let (w, h) = (g.x1 - g.x0, g.y1 - g.y0);
        let (edge, center, length, depth) = match side {
            Side::Top => (g.y0, (g.x0 + g.x1) / 2.0, w, h),
            Side::Bottom => (g.y1, (g.x0 + g.x1) / 2.0, w, h),
            Side::Left => (g.x0, (g.y0 + g.y1) / 2.0, h, w),
            Side::Right => (g.x1, (g.y0 + g.y1) / 2.0, h, w),
        };
        // `edge - 0.5` rounded: the row whose centre is nearest the guide's edge.
        let base = (edge - 0.5).round() as i32;
        let radius = ((search_fraction * depth).round() as i32).max(2);
        Self {
            side,
            base,
            center,
            half_span: span * length / 2.0,
            radius,
        }
    }

    /// Slope of a line at `angle_deg` in this side's parameterisation.
    fn slope(&self, angle_deg: f64) -> f64 {
        let t = angle_deg.to_radians().tan();
        if self.side.vertical() { -t } else { t }
    }

    /// The line `(offset, angle)` in continuous plane coordinates.
    pub(crate) fn line(&self, offset: f64, angle_deg: f64) -> Line {
        let t = self.slope(angle_deg);
        let across = f64::from(self.base) + 0.5 + offset;
        if self.side.vertical() {
            Line {
                p: V2::new(across, self.center),
                d: V2::new(t, 1.0),
            }
        } else {
            Line {
                p: V2::new(self.center, across),
                d: V2::new(1.0, t),
            }
        }
    }

    /// Offset `d` at which `line` (plane coordinates) crosses this side's middle, `None` when it
    /// runs along the other axis.
    pub(crate) fn offset_of(&self, line: &Line) -> Option<f64> {
        let (along, across) = if self.side.vertical() {
            (line.d.y, line.d.x)
        } else {
            (line.d.x, line.d.y)
        };
        if along.abs() < 1e-9 {
            return None;
        }
        let (p_along, p_across) = if self.side.vertical() {
            (line.p.y, line.p.x)
        } else {
            (line.p.x, line.p.y)
        };
        let at = p_across + (self.center - p_along) * across / along;
        let d = at - (f64::from(self.base) + 0.5);
        d.is_finite().then_some(d)
    }

    /// The region (plane pixels, unclipped) every line of the search can touch.
    pub(crate) fn bounds(&self, max_angle_deg: f64) -> (i32, i32, i32, i32) {
        let lo = self.center - self.half_span - 1.0;
        let hi = self.center + self.half_span + 1.0;
        let sweep = (self.half_span * max_angle_deg.to_radians().tan()).ceil() as i32 + 2;
        let (a0, a1) = (
            self.base - self.radius - sweep,
            self.base + self.radius + sweep,
        );
        let (b0, b1) = (lo.floor() as i32, hi.ceil() as i32);
        if self.side.vertical() {
            (a0, b0, a1, b1)
        } else {
            (b0, a0, b1, a1)
        }
    }

    /// Signed gradient across the line `(offset, angle)` summed along it with bilinear
    /// sampling every pixel, towards the outside of the guide.
    fn strength(&self, g: &Gradients, offset: f64, angle_deg: f64) -> f64 {
        let t = self.slope(angle_deg);
        let n = (2.0 * self.half_span).floor().max(1.0) as i32;
        let start = self.center - self.half_span + 0.5;
        let across0 = f64::from(self.base) + 0.5 + offset;
        let mut sum = 0.0;
        for j in 0..n {
            let s = start + f64::from(j);
            let a = across0 + (s - self.center) * t;
            if self.side.vertical() {
                if let Some((gx, gy)) = g.bilinear(a, s) {
                    sum += gx - t * gy;
                }
            } else if let Some((gx, gy)) = g.bilinear(s, a) {
                sum += gy - t * gx;
            }
        }
        sum * self.side.outward() / (1.0 + t * t).sqrt()
    }

    /// Refines a coarse candidate: offset (±1 px), angle (±1 step), offset again (±0.5 px),
    /// each from 9 evenly spaced lines (see [`best_of`]).
    pub(crate) fn refine(&self, g: &Gradients, c: &Candidate, angle_step: f64) -> Candidate {
        let sign = if c.brighter_inside { -1.0 } else { 1.0 };
        let f = |d: f64, a: f64| sign * self.strength(g, d, a);
        let offset = best_of(c.offset, 1.0 / 4.0, 0.5, |d| f(d, c.angle_deg));
        let angle = best_of(c.angle_deg, angle_step / 4.0, 0.9, |a| f(offset, a));
        let offset = best_of(offset, 1.0 / 8.0, 0.5, |d| f(d, angle));
        Candidate {
            offset,
            angle_deg: angle,
            ..*c
        }
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

/// Scratch buffers of the coarse scan, reused frame after frame.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scan {
    along: Vec<i32>,
    shifts: Vec<i32>,
    angles: Vec<f64>,
    /// `angles.len()` rows of `2 * radius + 1` scores, signed (negative: brighter inside).
    map: Vec<f32>,
    /// Signed gradients along one line (coverage).
    values: Vec<f64>,
    /// Local maxima of one side before sorting.
    found: Vec<Candidate>,
    /// Per-offset sums of the across and along gradient components and of the magnitude.
    acc_across: Vec<i32>,
    acc_along: Vec<i32>,
    acc_mag: Vec<i32>,
}

/// Parameters of the coarse scan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ScanParams {
    pub(crate) max_angle_deg: f64,
    pub(crate) angle_step_deg: f64,
    /// Floor added per sample, in the gradient images' units (twice grey levels per pixel).
    pub(crate) floor: f64,
    /// Pixels between samples along a line.
    pub(crate) step: usize,
}

impl Scan {
    pub(crate) fn capacity(&self) -> usize {
        self.along.capacity() * 4
            + self.shifts.capacity() * 4
            + self.angles.capacity() * 8
            + self.map.capacity() * 4
            + self.values.capacity() * 8
            + self.found.capacity() * size_of::<Candidate>()
            + (self.acc_across.capacity() + self.acc_along.capacity() + self.acc_mag.capacity()) * 4
    }

    /// Scans every (offset, angle) of `s` with integer sampling and appends up to `keep`
    /// candidates (strict local maxima inside the scanned range, strongest first, offsets at
    /// least 3 px apart) to `out`. Returns the number appended.
    pub(crate) fn run(
        &mut self,
        g: &Gradients,
        s: &SideSearch,
        p: &ScanParams,
        keep: usize,
        out: &mut Vec<Candidate>,
    ) -> usize {
        // Angles: one step beyond the allowed range on each side, so that a maximum at the
        // limit is not a local maximum and a document rotated beyond it is not found.
        let n_half = (p.max_angle_deg / p.angle_step_deg).ceil() as i32 + 1;
        self.angles.clear();
        self.angles
            .extend((-n_half..=n_half).map(|i| f64::from(i) * p.angle_step_deg));
        self.along.clear();
        let lo = (s.center - s.half_span).floor() as i32;
        let hi = (s.center + s.half_span).floor() as i32;
        self.along.extend((lo..hi).step_by(p.step.max(1)));
        let n_offsets = (2 * s.radius + 1) as usize;
        self.map.clear();
        self.map.resize(self.angles.len() * n_offsets, 0.0);
        for acc in [&mut self.acc_across, &mut self.acc_along, &mut self.acc_mag] {
            acc.clear();
            acc.resize(n_offsets, 0);
        }
        let samples = self.along.len() as f64;
        let vertical = s.side.vertical();
        // Lanes run across the side; `lane0` is the first lane's coordinate along the side and
        // `pos0` the first position's coordinate across it.
        let (lanes, lane0, pos0, n_lanes) = if vertical {
            (&g.rows, g.y0, g.x0, g.h)
        } else {
            (&g.cols, g.x0, g.y0, g.w)
        };
        let len = lanes.len as i64;
        for (row, &angle) in self.map.chunks_exact_mut(n_offsets).zip(&self.angles) {
            let t = s.slope(angle);
            self.acc_across.fill(0);
            self.acc_along.fill(0);
            self.acc_mag.fill(0);
            for &a in &self.along {
                let lane = a - lane0;
                if lane < 0 || lane >= n_lanes {
                    continue;
                }
                let shift = ((f64::from(a) + 0.5 - s.center) * t).round() as i64;
                // Position in the lane of offset -radius; offsets o with 0 <= first + o < len
                // fall inside the window.
                let first = i64::from(s.base) + shift - i64::from(s.radius) - i64::from(pos0);
                let lo = (-first).clamp(0, n_offsets as i64) as usize;
                let hi = (len - first).clamp(0, n_offsets as i64) as usize;
                if lo >= hi {
                    continue;
                }
                let start = lane as usize * lanes.len + (first + lo as i64) as usize;
                let range = start..start + (hi - lo);
                let (Some(ac), Some(al), Some(mg)) = (
                    lanes.across.get(range.clone()),
                    lanes.along.get(range.clone()),
                    lanes.mag.get(range),
                ) else {
                    continue;
                };
                let (Some(sa), Some(sb), Some(sm)) = (
                    self.acc_across.get_mut(lo..hi),
                    self.acc_along.get_mut(lo..hi),
                    self.acc_mag.get_mut(lo..hi),
                ) else {
                    continue;
                };
                let dst = sa.iter_mut().zip(sb.iter_mut()).zip(sm.iter_mut());
                for (((a, b), m), ((&x, &y), &z)) in dst.zip(ac.iter().zip(al).zip(mg)) {
                    *a += i32::from(x);
                    *b += i32::from(y);
                    *m += i32::from(z);
                }
            }
            let norm = 1.0 / (1.0 + t * t).sqrt();
            let sums = self
                .acc_across
                .iter()
                .zip(&self.acc_along)
                .zip(&self.acc_mag);
            for (cell, ((&ac, &al), &m)) in row.iter_mut().zip(sums) {
                let signed = (f64::from(ac) - t * f64::from(al)) * norm * s.side.outward();
                let score = signed / (f64::from(m) + samples * p.floor);
                *cell = if score.is_finite() { score as f32 } else { 0.0 };
            }
        }
        self.maxima(g, s, p, keep, out)
    }

    fn maxima(
        &mut self,
        g: &Gradients,
        s: &SideSearch,
        p: &ScanParams,
        keep: usize,
        out: &mut Vec<Candidate>,
    ) -> usize {
        let n_offsets = (2 * s.radius + 1) as usize;
        let n_angles = self.angles.len();
        let map = &self.map;
        let at = |a: usize, o: usize| map.get(a * n_offsets + o).map_or(0.0, |v| v.abs());
        // Strict local maxima are never adjacent: at most one per 2×2 block. Reserving that
        // bound keeps the buffer from growing after the first frame.
        let mut found = core::mem::take(&mut self.found);
        found.clear();
        found.reserve(n_angles.div_ceil(2) * n_offsets.div_ceil(2));
        out.reserve(keep);
        for a in 1..n_angles.saturating_sub(1) {
            for o in 1..n_offsets.saturating_sub(1) {
                let v = at(a, o);
                if f64::from(v) < MIN_MEAN_SCORE {
                    continue;
                }
                // Strictly above the neighbours scanned before, at least the ones after: one
                // maximum per plateau.
                let is_max = (0..3).all(|da| {
                    (0..3).all(|dox| {
                        let (na, no) = (a + da - 1, o + dox - 1);
                        let before = (da, dox) < (1, 1);
                        match (da, dox) {
                            (1, 1) => true,
                            _ if before => v > at(na, no),
                            _ => v >= at(na, no),
                        }
                    })
                });
                if !is_max {
                    continue;
                }
                let signed = map.get(a * n_offsets + o).copied().unwrap_or(0.0);
                found.push(Candidate {
                    offset: f64::from(o as i32 - s.radius),
                    angle_deg: self.angles.get(a).copied().unwrap_or(0.0),
                    score: f64::from(v),
                    brighter_inside: signed < 0.0,
                });
            }
        }
        let start = out.len();
        for c in &mut found {
            c.score *= self.coverage(g, s, p, c);
        }
        // Strongest first; drop maxima within 2 px of a stronger one (the same edge at another
        // angle), then keep the best `keep`.
        found.sort_by(|x, y| y.score.total_cmp(&x.score));
        let mut n = 0;
        for &c in &found {
            if n >= keep {
                break;
            }
            let taken = out.get(start..).unwrap_or(&[]);
            if taken.iter().all(|t| (t.offset - c.offset).abs() > 2.0) {
                out.push(c);
                n += 1;
            }
        }
        self.found = found;
        n
    }

    /// Fraction of the samples along `c`'s line whose signed gradient (in `c`'s polarity)
    /// reaches [`COVERAGE_LEVEL`] of the line's mean signed gradient and at least the floor.
    /// A document's outline runs the whole length of the span; the edges of a photo, a header's
    /// letters or a text line inside it cover only part, and a mean alone cannot tell a short
    /// strong edge from a long weak one.
    fn coverage(&mut self, g: &Gradients, s: &SideSearch, p: &ScanParams, c: &Candidate) -> f64 {
        let t = s.slope(c.angle_deg);
        let norm = 1.0 / (1.0 + t * t).sqrt();
        let sign = if c.brighter_inside { -1.0 } else { 1.0 } * s.side.outward();
        let d = c.offset as i32;
        let vertical = s.side.vertical();
        self.values.clear();
        for &a in &self.along {
            let sh = ((f64::from(a) + 0.5 - s.center) * t).round() as i32;
            let across = s.base + d + sh;
            let (x, y) = if vertical { (across, a) } else { (a, across) };
            let v = g.get(x, y).map_or(0.0, |(gx, gy, _)| {
                let (gx, gy) = (f64::from(gx), f64::from(gy));
                let n = if vertical { gx - t * gy } else { gy - t * gx };
                n * norm * sign
            });
            self.values.push(v);
        }
        let total = self.values.len().max(1) as f64;
        let mean = self.values.iter().sum::<f64>() / total;
        let level = (COVERAGE_LEVEL * mean).max(p.floor);
        self.values.iter().filter(|&&v| v >= level).count() as f64 / total
    }
}

/// Local maxima whose mean score is below this are not candidates (cheap pre-filter before the
/// coverage pass).
const MIN_MEAN_SCORE: f64 = 0.2;

/// A sample covers the edge when its signed gradient reaches this fraction of the line's mean.
const COVERAGE_LEVEL: f64 = 0.3;

/// A floor in grey levels per pixel in the gradient images' units: central differences span two
/// pixels, so they are twice the per-pixel slope.
pub(crate) fn floor_units(grey_per_px: f64) -> f64 {
    2.0 * grey_per_px
}
