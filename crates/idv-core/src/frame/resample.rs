//! Crop a region of a [`LumaPlane`] and resample it to a fixed size.
//!
//! Sharpness thresholds only mean something at a known scale: Laplacian variance of the same face
//! drops sharply when it is shrunk or enlarged (capture.md). So the face is resampled to ~200 px
//! wide and the card to 448 px wide before any threshold applies.

use super::plane::check_size;
use super::simd_resample::{RowPlan, weighted_rows};
use super::{FrameError, LumaPlane, Rect};

/// Fixed-point precision of the filter weights: weights of one output sum to `1 << BITS`, and a sum
/// of 255 × weights stays far below `u32::MAX`.
const BITS: u32 = 14;
const ONE: u32 = 1 << BITS;
const HALF: u32 = 1 << (BITS - 1);

/// Separable resampler with a triangle ("bilinear") kernel whose radius grows with the shrink
/// factor, i.e. bilinear interpolation when enlarging and an antialiased (area-like) average when
/// shrinking — the same filter as Pillow's `resize(BILINEAR)`. Pixel centres are aligned
/// (`src = (dst + 0.5) * scale - 0.5`), so a same-size resample is an exact copy.
///
/// Keep one per use site: its filter tables and intermediate buffer are reused, and the tables are
/// only recomputed when the region or output size changes.
#[derive(Debug, Clone, Default)]
pub struct Resampler {
    x: Axis,
    y: Axis,
    /// Horizontal pass output: `region.height` rows of `out_width`.
    tmp: Vec<u8>,
    /// One row of vertical-pass accumulators.
    acc: Vec<u32>,
    /// The horizontal pass's SIMD128 plan for `x` (empty without SIMD128).
    plan: RowPlan,
}

/// Filter taps of one axis: for output `i`, source samples `start[i] .. start[i] + len[i]` with
/// weights `weights[i * taps ..]`.
#[derive(Debug, Clone, Default)]
struct Axis {
    in_len: u32,
    out_len: u32,
    taps: usize,
    spans: Vec<(u32, u32)>,
    weights: Vec<u32>,
}

impl Axis {
    /// Builds the tables for `in_len` -> `out_len`; false when they were already built for it.
    fn prepare(&mut self, in_len: u32, out_len: u32) -> bool {
        if self.in_len == in_len && self.out_len == out_len && !self.spans.is_empty() {
            return false;
        }
        let scale = f64::from(in_len) / f64::from(out_len);
        let support = scale.max(1.0); // triangle of radius 1, stretched when shrinking
        let taps = (support.ceil() as usize) * 2 + 1;
        self.in_len = in_len;
        self.out_len = out_len;
        self.taps = taps;
        self.spans.clear();
        self.weights.clear();
        self.weights.resize(out_len as usize * taps, 0);
        for (i, w_out) in self.weights.chunks_exact_mut(taps).enumerate() {
            let center = (i as f64 + 0.5) * scale;
            let lo = (center - support + 0.5).floor().max(0.0) as u32;
            let hi = ((center + support + 0.5).floor().max(0.0) as u32).min(in_len);
            let n = (hi.saturating_sub(lo) as usize).min(taps).max(1);
            let lo = lo.min(in_len - 1);
            let n = n.min((in_len - lo) as usize);
            let tri = |k: usize| {
                let d = (f64::from(lo) + k as f64 + 0.5 - center).abs() / support;
                (1.0 - d).max(0.0)
            };
            let total: f64 = (0..n).map(tri).sum();
            let mut sum = 0u32;
            let (mut best, mut best_w) = (0usize, 0u32);
            for (k, w) in w_out.iter_mut().take(n).enumerate() {
                *w = if total > 0.0 { (tri(k) / total * f64::from(ONE)).round() as u32 } else { 0 };
                sum += *w;
                if *w > best_w {
                    (best, best_w) = (k, *w);
                }
            }
            // Give the rounding error to the largest weight so that every output sums to ONE
            // exactly: flat input stays flat.
            if let Some(w) = w_out.get_mut(best) {
                *w = (*w + ONE).saturating_sub(sum);
            }
            self.spans.push((lo, n as u32));
        }
        true
    }

    fn capacity(&self) -> usize {
        self.spans.capacity() * size_of::<(u32, u32)>() + self.weights.capacity() * size_of::<u32>()
    }
}

impl Resampler {
    pub fn new() -> Self {
        Self::default()
    }

    /// Height that keeps the aspect ratio of `region` at `out_width`, rounded, at least 1.
    pub fn height_for(region: Rect, out_width: u32) -> u64 {
        let (w, h) = (u64::from(region.width.max(1)), u64::from(region.height));
        ((2 * h * u64::from(out_width) + w) / (2 * w)).max(1)
    }

    /// Resamples `region` of `src` to `out_width` pixels wide, keeping its aspect ratio (see
    /// [`Self::height_for`]), into `dst`.
    pub fn resample(
        &mut self,
        src: &LumaPlane,
        region: Rect,
        out_width: u32,
        dst: &mut LumaPlane,
    ) -> Result<(), FrameError> {
        let out_height = Self::height_for(region, out_width);
        let out_height = u32::try_from(out_height).unwrap_or(u32::MAX);
        self.resample_to(src, region, out_width, out_height, dst)
    }

    /// Resamples `region` of `src` to exactly `out_width` x `out_height` into `dst` (the aspect
    /// ratio may change). Errors: region empty or outside `src`; output empty or larger than
    /// [`crate::frame::RgbaFrame::MAX_SIDE`].
    pub fn resample_to(
        &mut self,
        src: &LumaPlane,
        region: Rect,
        out_width: u32,
        out_height: u32,
        dst: &mut LumaPlane,
    ) -> Result<(), FrameError> {
        let region = src.check_region(region)?;
        check_size(out_width, out_height)?;
        let out = dst.reset(out_width, out_height)?;
        let ow = out_width as usize;
        if (out_width, out_height) == (region.width, region.height) {
            for (o, row) in out.chunks_exact_mut(ow).zip(src.region_rows(region)) {
                o.copy_from_slice(row);
            }
            return Ok(());
        }
        if self.x.prepare(region.width, out_width) {
            self.plan.prepare(&self.x.spans, &self.x.weights, self.x.taps, region.width);
        }
        self.y.prepare(region.height, out_height);
        let (rw, rh) = (region.width as usize, region.height as usize);
        let pw = src.width() as usize;
        let origin = region.y as usize * pw + region.x as usize;
        if self.x.taps > VERTICAL_FIRST_TAPS {
            // Strong horizontal shrink (e.g. the 32×32 stability thumbnail): the vertical pass
            // first, on whole source rows where SIMD128 helps, leaves few rows for the long
            // horizontal filters.
            self.tmp.resize(out_height as usize * rw, 0);
            vertical(&self.y, &mut self.acc, src.data(), pw, origin, rw, &mut self.tmp);
            horizontal(&self.x, &self.plan, self.tmp.chunks_exact(rw), out, ow);
        } else {
            self.tmp.resize(rh * ow, 0);
            horizontal(&self.x, &self.plan, src.region_rows(region), &mut self.tmp, ow);
            vertical(&self.y, &mut self.acc, &self.tmp, ow, 0, ow, out);
        }
        Ok(())
    }

    /// Bytes reserved by the tables and scratch rows.
    pub fn capacity(&self) -> usize {
        self.x.capacity()
            + self.y.capacity()
            + self.tmp.capacity()
            + self.acc.capacity() * size_of::<u32>()
            + self.plan.capacity()
    }
}

/// Horizontal taps above which [`Resampler::resample_to`] filters vertically first.
const VERTICAL_FIRST_TAPS: usize = 8;

/// Horizontal pass: each row of `rows` -> one row of `out` (`ow` samples wide).
fn horizontal<'a>(
    axis: &Axis,
    plan: &RowPlan,
    rows: impl Iterator<Item = &'a [u8]>,
    out: &mut [u8],
    ow: usize,
) {
    let (spans, weights, taps) = (&axis.spans, &axis.weights, axis.taps);
    for (o_row, row) in out.chunks_exact_mut(ow).zip(rows) {
        // The SIMD128 plan does the leading outputs it can; this loop the rest.
        let done = plan.run(row, o_row);
        let outputs = o_row.iter_mut().zip(spans).zip(weights.chunks_exact(taps)).skip(done);
        for ((o, &(lo, n)), w) in outputs {
            let px = row.get(lo as usize..(lo + n) as usize).unwrap_or(&[]);
            let s: u32 = px.iter().zip(w).map(|(&p, &w)| u32::from(p) * w).sum();
            *o = ((s + HALF) >> BITS).min(255) as u8;
        }
    }
}

/// Vertical pass: each row of `out` (`width` samples) is the weighted sum of rows of `src`,
/// whose row `k` starts at `origin + k * stride`.
fn vertical(
    axis: &Axis,
    acc: &mut Vec<u32>,
    src: &[u8],
    stride: usize,
    origin: usize,
    width: usize,
    out: &mut [u8],
) {
    acc.resize(width, 0);
    let (spans, weights, taps) = (&axis.spans, &axis.weights, axis.taps);
    let row = |k: usize| {
        let start = origin + k * stride;
        src.get(start..start + width).unwrap_or(&[])
    };
    for ((o_row, &(lo, n)), w) in
        out.chunks_exact_mut(width).zip(spans).zip(weights.chunks_exact(taps))
    {
        let w = w.get(..n as usize).unwrap_or(w);
        let first = origin + lo as usize * stride;
        let done = weighted_rows(src, stride, first, width, w, o_row);
        acc.fill(0);
        for (k, &wk) in w.iter().enumerate() {
            for (a, &v) in acc.iter_mut().zip(row(lo as usize + k)).skip(done) {
                *a += u32::from(v) * wk;
            }
        }
        for (o, &a) in o_row.iter_mut().zip(acc.iter()).skip(done) {
            *o = ((a + HALF) >> BITS).min(255) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_sum_to_one_for_shrink_and_enlarge() {
        for (i, o) in [(10, 3), (3, 10), (7, 7), (1, 200), (8192, 1), (449, 448)] {
            let mut a = Axis::default();
            a.prepare(i, o);
            for (w, &(lo, n)) in a.weights.chunks_exact(a.taps).zip(&a.spans) {
                assert_eq!(w.iter().sum::<u32>(), ONE, "{i}->{o}");
                assert!(lo + n <= i);
            }
        }
    }
}
