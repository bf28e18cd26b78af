//! Stability: how much the region changed since the previous frame.
//!
//! Both frames' regions are resampled to the same small square (see
//! [`super::StabilityOptions::size`]) before comparing, so the region may move or resize a little
//! between frames (detector jitter) and the comparison still lines up.

use crate::frame::LumaPlane;

use super::{FailReason, Metric, StabilityOptions, Verdict};

/// Mean absolute difference of two planes of the same size, in grey levels; `None` when the sizes
/// differ or the planes are empty.
pub fn mean_abs_diff(a: &LumaPlane, b: &LumaPlane) -> Option<f64> {
    if (a.width(), a.height()) != (b.width(), b.height()) || a.is_empty() {
        return None;
    }
    let sum: u64 = a
        .data()
        .chunks(4096)
        .zip(b.data().chunks(4096))
        .map(|(x, y)| {
            u64::from(x.iter().zip(y).map(|(&p, &q)| u32::from(p.abs_diff(q))).sum::<u32>())
        })
        .sum();
    Some(sum as f64 / a.data().len() as f64)
}

/// Keeps the previous frame's small plane. Copying into a kept buffer means no allocation once the
/// first frame has been seen.
#[derive(Debug, Clone, Default)]
pub struct StabilityTracker {
    prev: LumaPlane,
    has_prev: bool,
}

impl StabilityTracker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Difference between `current` and the previous plane (then remembers `current`).
    /// `None` on the first frame after creation or [`Self::reset`], or when the size changed.
    pub fn update(&mut self, current: &LumaPlane) -> Option<f64> {
        let diff = if self.has_prev { mean_abs_diff(&self.prev, current) } else { None };
        self.prev.copy_from(current);
        self.has_prev = true;
        diff
    }

    /// Forgets the previous frame.
    pub fn reset(&mut self) {
        self.has_prev = false;
    }

    /// Bytes reserved by the kept plane.
    pub fn capacity(&self) -> usize {
        self.prev.capacity()
    }
}

/// Judges a difference: at most `max_mean_abs_diff` passes, more fails `Moving`. Without a
/// previous frame the value is 255 (the largest possible difference) and the verdict
/// `NoHistory`: a first frame cannot be known to be steady.
pub fn judge_stability(diff: Option<f64>, opts: &StabilityOptions) -> Metric {
    match diff {
        Some(d) => Metric::at_most(d as f32, opts.max_mean_abs_diff, FailReason::Moving),
        None => Metric {
            value: 255.0,
            min: None,
            max: Some(opts.max_mean_abs_diff),
            verdict: Verdict::Fail(FailReason::NoHistory),
        },
    }
}
