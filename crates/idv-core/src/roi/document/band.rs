//! The gradients one side's scan reads, as running sums over its sampled lanes.
//!
//! A side's band covers its sampled lanes (see [`super::angles`]) and every position across the
//! side that a scanned line can reach. Row `k` of the band holds, per position, the sums of
//! `[across, along, magnitude]` over lanes `0..k`, where *across* is the gradient component
//! across the side (`gy` for the top and bottom sides, `gx` for the left and right), *along* the
//! other one and the magnitude that of [`magnitude`]. A line that crosses lanes `start..end` at
//! the same shift then sums them with one subtraction per position, and the gradient at one lane
//! is the difference of two consecutive rows. Pixels outside the window count as zero, as lines
//! skip them.

use crate::frame::{LumaPlane, Rect};

use super::angles::AngleTable;
use super::refine::Refiner;
use super::search::SideSearch;

/// Running gradient sums of one side (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct Band {
    /// Coordinate across the side of the first position.
    pub(crate) pos0: i32,
    /// Positions per row.
    pub(crate) len: usize,
    /// `lanes + 1` rows of `len` sums `[across, along, magnitude]`.
    sums: Vec<[i32; 3]>,
    /// One plane row's `[gx, gy, magnitude]`.
    scratch: Vec<[i16; 3]>,
}

/// The half-open range `lo..hi` clipped to `min..max`, as offsets from `lo`.
fn clip(lo: i64, hi: i64, min: i64, max: i64) -> (usize, usize) {
    let a = (min.max(lo) - lo).max(0);
    let b = (max.min(hi) - lo).max(a);
    (
        usize::try_from(a).unwrap_or(0),
        usize::try_from(b).unwrap_or(0),
    )
}

impl Band {
    /// Fills the band of side `s` (lanes and shifts from `table`) from the gradients of `plane`
    /// inside `window`.
    pub(crate) fn fill(
        &mut self,
        plane: &LumaPlane,
        window: Rect,
        s: &SideSearch,
        table: &AngleTable,
    ) {
        let pos0 = i64::from(s.base) - i64::from(s.radius) + i64::from(table.min_shift);
        let len =
            2 * i64::from(s.radius) + 1 + i64::from(table.max_shift) - i64::from(table.min_shift);
        self.pos0 = i32::try_from(pos0).unwrap_or(0);
        self.len = usize::try_from(len).unwrap_or(0);
        let (len, lanes) = (self.len, table.along.len());
        // Every value is written below (row 0 and positions outside the window with zeros).
        self.sums.resize((lanes + 1) * len, [0; 3]);
        if let Some(first_row) = self.sums.get_mut(..len) {
            first_row.fill([0; 3]);
        }
        let (wx, wy) = (i64::from(window.x), i64::from(window.y));
        let (wx1, wy1) = (wx + i64::from(window.width), wy + i64::from(window.height));
        if s.side.vertical() {
            // Lanes are rows: each is one stretch of a plane row.
            let (ia, ib) = clip(pos0, pos0 + len as i64, wx, wx1);
            self.scratch.resize(ib - ia, [0; 3]);
            for (k, &y) in table.along.iter().enumerate() {
                let (head, tail) = self.sums.split_at_mut((k + 1) * len);
                let (Some(prev), Some(cur)) = (head.get(k * len..), tail.get_mut(..len)) else {
                    continue;
                };
                cur.copy_from_slice(prev);
                let y = i64::from(y);
                if ia >= ib || y < wy || y >= wy1 {
                    continue;
                }
                let x = (pos0 + ia as i64) as usize;
                gradient_row(plane, y as u32, x, &mut self.scratch, with_magnitude);
                let (Some(cur), Some(prev)) = (cur.get_mut(ia..ib), prev.get(ia..ib)) else {
                    continue;
                };
                for ((c, p), g) in cur.iter_mut().zip(prev).zip(&self.scratch) {
                    *c = [
                        p[0] + i32::from(g[0]),
                        p[1] + i32::from(g[1]),
                        p[2] + i32::from(g[2]),
                    ];
                }
            }
        } else {
            // Lanes are columns: each plane row gives one position of every lane.
            let (ia, ib) = clip(pos0, pos0 + len as i64, wy, wy1);
            self.scratch.resize(table.along.len(), [0; 3]);
            let stride = len.max(1);
            for i in (0..ia).chain(ib..len) {
                for c in self.sums.iter_mut().skip(i).step_by(stride) {
                    *c = [0; 3];
                }
            }
            for i in ia..ib {
                let y = (pos0 + i as i64) as u32;
                sampled_row(plane, y, &table.along, (wx, wx1), &mut self.scratch);
                let column = self.sums.iter_mut().skip(len + i).step_by(stride);
                let mut acc = [0i32; 3];
                for (c, g) in column.zip(&self.scratch) {
                    acc = [
                        acc[0] + i32::from(g[1]),
                        acc[1] + i32::from(g[0]),
                        acc[2] + i32::from(g[2]),
                    ];
                    *c = acc;
                }
            }
        }
    }

    /// Row `k` of the sums (lanes `0..k`) from position `first`, `n` long.
    #[inline]
    pub(crate) fn row(&self, k: usize, first: usize, n: usize) -> Option<&[[i32; 3]]> {
        let start = k * self.len + first;
        if first + n > self.len {
            return None;
        }
        self.sums.get(start..start + n)
    }

    /// `[across, along]` at lane `k`, position `pos` across the side (plane coordinate); zeros
    /// outside the band.
    #[inline]
    pub(crate) fn at(&self, k: usize, pos: i32) -> [i32; 2] {
        let Ok(i) = usize::try_from(i64::from(pos) - i64::from(self.pos0)) else {
            return [0, 0];
        };
        match (self.row(k, i, 1), self.row(k + 1, i, 1)) {
            (Some([a]), Some([b])) => [b[0] - a[0], b[1] - a[1]],
            _ => [0, 0],
        }
    }

    pub(crate) fn capacity(&self) -> usize {
        self.sums.capacity() * size_of::<[i32; 3]>() + self.scratch.capacity() * 6
    }
}

/// Fills `out` with `f(gx, gy)` of plane row `y` at columns `x0..x0 + out.len()` (replicated
/// borders; zeros outside the plane).
pub(crate) fn gradient_row<T>(
    plane: &LumaPlane,
    y: u32,
    x0: usize,
    out: &mut [T],
    f: impl Fn(i16, i16) -> T,
) {
    let (pw, ph) = (plane.width() as usize, plane.height());
    let up = plane.row(y.saturating_sub(1));
    let mid = plane.row(y);
    let down = plane.row((y + 1).min(ph.saturating_sub(1)));
    let at = |r: &[u8], x: usize| i16::from(r.get(x).copied().unwrap_or(0));
    let pixel = |x: usize| {
        let gx = at(mid, (x + 1).min(pw.saturating_sub(1))) - at(mid, x.saturating_sub(1));
        f(gx, at(down, x) - at(up, x))
    };
    let x1 = x0 + out.len();
    // Interior columns (both horizontal neighbours inside the row) from zipped slices.
    let (a, b) = (x0.max(1), x1.min(pw.saturating_sub(1)));
    let interior = (a < b)
        .then(|| {
            Some((
                out.get_mut(a - x0..b - x0)?,
                mid.get(a - 1..b - 1)?,
                mid.get(a + 1..b + 1)?,
                up.get(a..b)?,
                down.get(a..b)?,
            ))
        })
        .flatten();
    let Some((o, left, right, up_, down_)) = interior else {
        for (i, o) in out.iter_mut().enumerate() {
            *o = pixel(x0 + i);
        }
        return;
    };
    let pairs = left.iter().zip(right).zip(up_.iter().zip(down_));
    for (o, ((&l, &r), (&u, &d))) in o.iter_mut().zip(pairs) {
        *o = f(i16::from(r) - i16::from(l), i16::from(d) - i16::from(u));
    }
    for x in (x0..a).chain(b..x1) {
        if let Some(o) = out.get_mut(x - x0) {
            *o = pixel(x);
        }
    }
}

/// `[gx, gy, magnitude]` of plane row `y` at columns `xs` (replicated borders; zeros for columns
/// outside `x0..x1`).
fn sampled_row(plane: &LumaPlane, y: u32, xs: &[i32], (x0, x1): (i64, i64), out: &mut [[i16; 3]]) {
    let (pw, ph) = (plane.width() as usize, plane.height());
    let up = plane.row(y.saturating_sub(1));
    let mid = plane.row(y);
    let down = plane.row((y + 1).min(ph.saturating_sub(1)));
    let at = |r: &[u8], x: usize| i16::from(r.get(x).copied().unwrap_or(0));
    for (o, &x) in out.iter_mut().zip(xs) {
        let x = i64::from(x);
        if x < x0 || x >= x1 {
            *o = [0; 3];
            continue;
        }
        let x = x as usize;
        let gx = match mid.get(x.wrapping_sub(1)..x + 2) {
            Some(&[l, _, r]) => i16::from(r) - i16::from(l),
            _ => at(mid, (x + 1).min(pw.saturating_sub(1))) - at(mid, x.saturating_sub(1)),
        };
        let gy = at(down, x) - at(up, x);
        *o = [gx, gy, magnitude(gx, gy)];
    }
}

/// `[gx, gy, magnitude]`.
fn with_magnitude(gx: i16, gy: i16) -> [i16; 3] {
    [gx, gy, magnitude(gx, gy)]
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

/// The gradients the fit reads: each side's band (in [`super::search::Side::ALL`] order) for the
/// scan, and the refinement's strip.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gradients {
    pub(crate) sides: [Band; 4],
    pub(crate) refiner: Refiner,
}

impl Gradients {
    pub(crate) fn capacity(&self) -> usize {
        self.sides.iter().map(Band::capacity).sum::<usize>() + self.refiner.capacity()
    }
}
