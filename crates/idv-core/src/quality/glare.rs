//! Glare: saturated pixels inside a region (ignoring a margin) and the largest connected blob.
//!
//! Blobs use **8-connectivity**: a specular highlight is one connected patch, and pixels touching
//! only by a corner (common along the diagonal edge of a highlight once downscaled) belong to it.
//! Labelling is an iterative flood fill with an explicit stack kept in [`GlareDetector`], so a
//! region-filling highlight on a 4K frame neither recurses nor allocates per frame.

use crate::frame::{FrameError, LumaPlane, Rect};

use super::simd::{count_at_least, mask_at_least};
use super::{FailReason, GlareOptions, Metric};

/// What [`GlareDetector::measure`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlareStats {
    /// The region actually inspected: the input region minus its margin.
    pub inner: Rect,
    /// Pixels of `inner` at or above the saturation level.
    pub saturated: u64,
    /// Pixels in the largest 8-connected blob of saturated pixels.
    pub largest_blob: u64,
    /// Number of blobs.
    pub blobs: u64,
}

impl GlareStats {
    /// `saturated / area(inner)`.
    pub fn fraction(&self) -> f64 {
        self.saturated as f64 / self.inner.area().max(1) as f64
    }

    /// `largest_blob / area(inner)`.
    pub fn blob_fraction(&self) -> f64 {
        self.largest_blob as f64 / self.inner.area().max(1) as f64
    }
}

/// `region` shrunk by `floor(width * margin)` on the left and right and `floor(height * margin)`
/// on the top and bottom. `margin` is clamped to 0..=0.45 (NaN counts as 0), so at least one
/// pixel remains.
pub fn inner_region(region: Rect, margin: f32) -> Rect {
    let m = if margin.is_nan() { 0.0 } else { f64::from(margin).clamp(0.0, 0.45) };
    let mx = (f64::from(region.width) * m).floor() as u32;
    let my = (f64::from(region.height) * m).floor() as u32;
    Rect::new(region.x + mx, region.y + my, region.width - 2 * mx, region.height - 2 * my)
}

/// Reusable buffers for glare measurement: a mask of the inner region and the flood-fill stack.
#[derive(Debug, Clone, Default)]
pub struct GlareDetector {
    mask: Vec<u8>,
    stack: Vec<u32>,
}

impl GlareDetector {
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts pixels `>= level` in the inner part of `region` (see [`inner_region`]) and labels
    /// their 8-connected blobs. Buffers grow to the inner area once and are then reused.
    pub fn measure(
        &mut self,
        plane: &LumaPlane,
        region: Rect,
        level: u8,
        margin: f32,
    ) -> Result<GlareStats, FrameError> {
        let region = plane.check_region(region)?;
        let inner = inner_region(region, margin);
        let (w, h) = (inner.width as usize, inner.height as usize);
        let area = w * h;
        // Most frames have no glare: a vector count (SIMD128) proves it without the mask.
        if cfg!(all(target_arch = "wasm32", target_feature = "simd128")) {
            let saturated: u64 = plane.region_rows(inner).map(|row| count_row(row, level)).sum();
            if saturated == 0 {
                return Ok(GlareStats { inner, saturated, largest_blob: 0, blobs: 0 });
            }
        }
        self.mask.resize(area, 0);
        // Every pixel is pushed at most once, so the stack never holds more than `area` entries:
        // reserving that up front means filling never reallocates.
        self.stack.clear();
        self.stack.reserve(area);
        let mut saturated = 0u64;
        for (m_row, row) in self.mask.chunks_exact_mut(w).zip(plane.region_rows(inner)) {
            // The SIMD128 kernel writes the leading whole vectors; this loop the rest.
            let (done, mut n) = mask_at_least(row, level, m_row);
            for (m, &v) in m_row.iter_mut().zip(row).skip(done) {
                let s = u8::from(v >= level);
                *m = s;
                n += u64::from(s);
            }
            saturated += n;
        }
        let (mut largest, mut blobs) = (0u64, 0u64);
        if saturated > 0 {
            // Seeds are rare: skip eight clear mask bytes at a time.
            for base in (0..area).step_by(8) {
                let clear =
                    self.mask.get(base..base + 8).is_some_and(|m| m.iter().all(|&b| b == 0));
                if clear {
                    continue;
                }
                for seed in base..(base + 8).min(area) {
                    if self.mask.get(seed) == Some(&1) {
                        let size = self.fill(seed, w, h);
                        largest = largest.max(size);
                        blobs += 1;
                    }
                }
            }
        }
        Ok(GlareStats { inner, saturated, largest_blob: largest, blobs })
    }

    /// Clears the blob containing `seed` from the mask and returns its size.
    fn fill(&mut self, seed: usize, w: usize, h: usize) -> u64 {
        let mut size = 0u64;
        if let Some(m) = self.mask.get_mut(seed) {
            *m = 0;
        }
        self.stack.push(seed as u32);
        while let Some(i) = self.stack.pop() {
            size += 1;
            let (x, y) = (i as usize % w, i as usize / w);
            for ny in y.saturating_sub(1)..=(y + 1).min(h - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                    let j = ny * w + nx;
                    if let Some(m @ 1) = self.mask.get_mut(j) {
                        *m = 0;
                        self.stack.push(j as u32);
                    }
                }
            }
        }
        size
    }

    /// Bytes reserved by the mask and the stack.
    pub fn capacity(&self) -> usize {
        self.mask.capacity() + self.stack.capacity() * size_of::<u32>()
    }
}

/// Bytes of `row` ≥ `level`.
fn count_row(row: &[u8], level: u8) -> u64 {
    let (done, n) = count_at_least(row, level);
    n + row.get(done..).unwrap_or(&[]).iter().map(|&v| u64::from(v >= level)).sum::<u64>()
}

/// The two glare verdicts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlareMetrics {
    /// Saturated fraction of the inner region, at most `max_fraction`.
    pub fraction: Metric,
    /// Largest blob as a fraction of the inner region, at most `max_blob`.
    pub blob: Metric,
}

pub fn judge_glare(stats: &GlareStats, opts: &GlareOptions) -> GlareMetrics {
    GlareMetrics {
        fraction: Metric::at_most(stats.fraction() as f32, opts.max_fraction, FailReason::Glare),
        blob: Metric::at_most(stats.blob_fraction() as f32, opts.max_blob, FailReason::Glare),
    }
}
