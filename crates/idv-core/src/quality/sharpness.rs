//! Sharpness: variance of the 4-neighbour Laplacian, horizontal/vertical gradient balance, and a
//! tracker of the best recent value.
//!
//! The Laplacian kernel is `[0 1 0; 1 -4 1; 0 1 0]` with reflect-101 borders (`dcb|abcd|cba`),
//! so the variance equals OpenCV's `cv2.Laplacian(img, cv2.CV_64F, ksize=1).var()` on the crop.
//! It is scale dependent: measure on a region resampled to a fixed width (see
//! [`super::SharpnessOptions::analysis_width`]).

use crate::frame::{FrameError, LumaPlane, Rect};

use super::simd::laplacian_block;
use super::{FailReason, Metric, SharpnessOptions};

/// Everything one pass over a region yields.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SharpnessStats {
    /// Population variance of the Laplacian over every pixel of the region.
    pub laplacian_variance: f64,
    /// Σ (I(x+1, y) − I(x, y))²: energy of horizontal gradients (vertical edges). Motion blur
    /// along x removes it.
    pub energy_x: u64,
    /// Σ (I(x, y+1) − I(x, y))²: energy of vertical gradients (horizontal edges).
    pub energy_y: u64,
}

impl SharpnessStats {
    /// `min(Ex, Ey) / max(Ex, Ey)` in 0..=1: 1 when edges are as strong in both directions, near 0
    /// when one direction has been smeared. 1.0 for a flat region (nothing to compare).
    pub fn gradient_balance(&self) -> f64 {
        let (lo, hi) = (self.energy_x.min(self.energy_y), self.energy_x.max(self.energy_y));
        if hi == 0 { 1.0 } else { lo as f64 / hi as f64 }
    }
}

/// Reflect-101 neighbour index of `i - 1` and `i + 1` in `0..len`.
fn neighbours(i: usize, len: usize) -> (usize, usize) {
    if len == 1 {
        return (0, 0);
    }
    let before = if i == 0 { 1 } else { i - 1 };
    let after = if i + 1 == len { len - 2 } else { i + 1 };
    (before, after)
}

/// Laplacian variance and gradient energies of `region` of `plane`, in one pass.
pub fn sharpness_stats(plane: &LumaPlane, region: Rect) -> Result<SharpnessStats, FrameError> {
    let r = plane.check_region(region)?;
    let (x0, x1) = (r.x as usize, r.x as usize + r.width as usize);
    let h = r.height as usize;
    let row = |i: usize| plane.row(r.y + i as u32).get(x0..x1).unwrap_or(&[]);
    let (mut sum, mut sum_sq, mut ex, mut ey) = (0i64, 0u64, 0u64, 0u64);
    for i in 0..h {
        let (up, down) = neighbours(i, h);
        let (u, c, d) = (row(up), row(i), row(down));
        // The SIMD128 kernel does the interior columns 1..end it can (none without SIMD128).
        let block = laplacian_block(u, c, d, i + 1 < h);
        let (s, q) = laplacian_row(u, c, d, block.end);
        sum += s + block.sum;
        sum_sq += q + block.sum_sq;
        // Column 0 and the columns from `block.end` on (all of them without SIMD128).
        let from = block.end.max(1);
        let first = |r: &[u8]| r.first().copied().unwrap_or(0);
        ex += block.ex;
        ex += c.get(..2).map_or(0, |p| p.windows(2).map(|p| sq_diff(p[0], p[1])).sum::<u64>());
        ex += tail(c, from).windows(2).map(|p| sq_diff(p[0], p[1])).sum::<u64>();
        if i + 1 < h {
            ey += block.ey + sq_diff(first(c), first(d));
            ey +=
                tail(c, from).iter().zip(tail(d, from)).map(|(&a, &b)| sq_diff(a, b)).sum::<u64>();
        }
    }
    // Exact integer numerator n·Σq − (Σs)², so a flat region gives exactly 0.
    let n = i128::from(r.width) * i128::from(r.height);
    let num = n * i128::from(sum_sq) - i128::from(sum) * i128::from(sum);
    let laplacian_variance = num as f64 / (n * n) as f64;
    Ok(SharpnessStats { laplacian_variance, energy_x: ex, energy_y: ey })
}

/// Variance of the 4-neighbour Laplacian over `region` (see [`sharpness_stats`]).
pub fn laplacian_variance(plane: &LumaPlane, region: Rect) -> Result<f64, FrameError> {
    sharpness_stats(plane, region).map(|s| s.laplacian_variance)
}

/// `r[k..]`, empty past the end.
fn tail(r: &[u8], k: usize) -> &[u8] {
    r.get(k..).unwrap_or(&[])
}

#[inline]
fn sq_diff(a: u8, b: u8) -> u64 {
    let d = u64::from(a.abs_diff(b));
    d * d
}

/// Σ L and Σ L² of one row, given the rows above (`u`) and below (`d`), all the same length:
/// the two border columns and the interior from column `start` on (columns `1..start` were
/// done by the SIMD kernel).
fn laplacian_row(u: &[u8], c: &[u8], d: &[u8], start: usize) -> (i64, u64) {
    let lap = |up: u8, down: u8, left: u8, right: u8, mid: u8| {
        i32::from(up) + i32::from(down) + i32::from(left) + i32::from(right) - 4 * i32::from(mid)
    };
    let w = c.len();
    let at = |s: &[u8], i: usize| s.get(i).copied().unwrap_or(0);
    let (mut s, mut q) = (0i64, 0u64);
    let mut add = |l: i32| {
        s += i64::from(l);
        q += u64::from(l.unsigned_abs()) * u64::from(l.unsigned_abs());
    };
    // Borders with reflect-101, then the interior without any index arithmetic.
    for x in [0, w.saturating_sub(1)].into_iter().take(if w > 1 { 2 } else { 1 }) {
        let (l, r) = neighbours(x, w);
        add(lap(at(u, x), at(d, x), at(c, l), at(c, r), at(c, x)));
    }
    if w > 2 {
        let (mut rs, mut rq) = (0i32, 0u64);
        // Centres `start.max(1)..w - 1`: windows of `c` from `start - 1`, `u` and `d` from `start`.
        let from = start.max(1);
        let interior = tail(c, from - 1).windows(3).zip(tail(u, from)).zip(tail(d, from));
        for ((win, &up), &down) in interior {
            let l = lap(up, down, win[0], win[2], win[1]);
            rs += l;
            rq += u64::from(l.unsigned_abs() * l.unsigned_abs());
        }
        s += i64::from(rs);
        q += rq;
    }
    (s, q)
}

/// The last `history` sharpness values, to judge a frame against the best recent one.
///
/// A fixed ring allocated once: pushing never allocates.
#[derive(Debug, Clone, PartialEq)]
pub struct SharpnessTracker {
    ring: Vec<f32>,
    next: usize,
    history: usize,
}

impl SharpnessTracker {
    /// Keeps the last `history` values (at least 1).
    pub fn new(history: u32) -> Self {
        let history = (history as usize).max(1);
        Self { ring: Vec::with_capacity(history), next: 0, history }
    }

    /// Records `value` and returns the best of the recent values, `value` included.
    pub fn push(&mut self, value: f32) -> f32 {
        if self.ring.len() < self.history {
            self.ring.push(value);
        } else if let Some(slot) = self.ring.get_mut(self.next) {
            *slot = value;
        }
        self.next = (self.next + 1) % self.history;
        self.best().unwrap_or(value)
    }

    /// The largest recent value (NaNs ignored), `None` before the first push.
    pub fn best(&self) -> Option<f32> {
        self.ring.iter().copied().reduce(f32::max)
    }

    /// Forgets every value (e.g. when the subject changes and so does the analysis scale).
    pub fn reset(&mut self) {
        self.ring.clear();
        self.next = 0;
    }

    pub fn len(&self) -> usize {
        self.ring.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ring.is_empty()
    }

    /// Bytes reserved by the ring.
    pub fn capacity(&self) -> usize {
        self.ring.capacity() * size_of::<f32>()
    }
}

/// The three sharpness verdicts of a frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SharpnessMetrics {
    /// Laplacian variance at the analysis width, against the absolute floor.
    pub laplacian: Metric,
    /// `value / best recent` against [`SharpnessOptions::min_relative`].
    pub relative: Metric,
    /// Gradient balance against [`SharpnessOptions::min_gradient_balance`] (fails `MotionBlur`).
    pub balance: Metric,
}

/// Judges `stats` given the best recent Laplacian variance (`best`, which includes this frame).
pub fn judge_sharpness(
    stats: &SharpnessStats,
    best: f32,
    opts: &SharpnessOptions,
) -> SharpnessMetrics {
    let value = stats.laplacian_variance as f32;
    let ratio = if best > 0.0 { value / best } else { 1.0 };
    SharpnessMetrics {
        laplacian: Metric::at_least(value, opts.min_laplacian_variance, FailReason::Blurry),
        relative: Metric::at_least(ratio, opts.min_relative, FailReason::Blurry),
        balance: Metric::at_least(
            stats.gradient_balance() as f32,
            opts.min_gradient_balance,
            FailReason::MotionBlur,
        ),
    }
}
