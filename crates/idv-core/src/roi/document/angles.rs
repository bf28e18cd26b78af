//! The angle table of one side's coarse scan: the sampled lanes, the angles with their slopes,
//! and where each angle's line crosses each lane, cached while the guide, the plane size and the
//! options stay the same (so the tangents and roundings are not recomputed every frame).
//!
//! A *lane* is a row (left and right sides) or a column (top and bottom) at a sampled coordinate
//! along the side; a line at offset `d` and slope `t` crosses lane `a` at
//! `base + d + round((a + 0.5 - center) t)` across the side. Consecutive lanes crossed at the same
//! shift form a [`Run`]: the scan sums a run with one difference of running sums instead of lane
//! by lane.

use super::search::{ScanParams, SideSearch};

/// Consecutive sampled lanes `start..end` that a line crosses at the same `shift`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) shift: i32,
}

/// The lines one side's scan visits (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct AngleTable {
    /// The side and parameters the table was built for.
    key: Option<(SideSearch, ScanParams)>,
    /// Coordinates along the side of the sampled lanes.
    pub(crate) along: Vec<i32>,
    /// Angles in degrees: one step beyond the allowed range on each side, so that a maximum at
    /// the limit is not a local maximum and a document rotated beyond it is not found.
    pub(crate) angles: Vec<f64>,
    /// Slope of each angle in the side's parameterisation, and `1 / sqrt(1 + t²)`.
    pub(crate) slopes: Vec<f64>,
    pub(crate) norms: Vec<f64>,
    /// `angles.len()` rows of `along.len()` shifts.
    shifts: Vec<i32>,
    runs: Vec<Run>,
    /// Angle `i`'s runs are `runs[run_ends[i - 1]..run_ends[i]]` (from 0 for the first).
    run_ends: Vec<usize>,
    /// Smallest and largest shift of any angle (0 when there are no lanes).
    pub(crate) min_shift: i32,
    pub(crate) max_shift: i32,
}

impl AngleTable {
    /// Rebuilds the table unless it was built for `s` and `p`.
    pub(crate) fn update(&mut self, s: &SideSearch, p: &ScanParams) {
        if self.key == Some((*s, *p)) {
            return;
        }
        let n_half = (p.max_angle_deg / p.angle_step_deg).ceil() as i32 + 1;
        self.angles.clear();
        self.angles
            .extend((-n_half..=n_half).map(|i| f64::from(i) * p.angle_step_deg));
        self.slopes.clear();
        self.slopes.extend(self.angles.iter().map(|&a| s.slope(a)));
        self.norms.clear();
        self.norms
            .extend(self.slopes.iter().map(|&t| 1.0 / (1.0 + t * t).sqrt()));
        self.along.clear();
        let lo = (s.center - s.half_span).floor() as i32;
        let hi = (s.center + s.half_span).floor() as i32;
        self.along.extend((lo..hi).step_by(p.step.max(1)));
        self.shifts.clear();
        self.runs.clear();
        self.run_ends.clear();
        let (mut min_shift, mut max_shift) = (i32::MAX, i32::MIN);
        for &t in &self.slopes {
            let mut run: Option<Run> = None;
            for (k, &a) in self.along.iter().enumerate() {
                let shift = ((f64::from(a) + 0.5 - s.center) * t).round() as i32;
                self.shifts.push(shift);
                (min_shift, max_shift) = (min_shift.min(shift), max_shift.max(shift));
                match &mut run {
                    Some(r) if r.shift == shift => r.end = k + 1,
                    _ => {
                        self.runs.extend(run);
                        run = Some(Run {
                            start: k,
                            end: k + 1,
                            shift,
                        });
                    }
                }
            }
            self.runs.extend(run);
            self.run_ends.push(self.runs.len());
        }
        if min_shift > max_shift {
            (min_shift, max_shift) = (0, 0);
        }
        (self.min_shift, self.max_shift) = (min_shift, max_shift);
        self.key = Some((*s, *p));
    }

    /// The shift of angle `i`'s line at every sampled lane.
    pub(crate) fn shifts(&self, i: usize) -> &[i32] {
        let n = self.along.len();
        self.shifts.get(i * n..(i + 1) * n).unwrap_or(&[])
    }

    /// Angle `i`'s runs.
    pub(crate) fn runs(&self, i: usize) -> &[Run] {
        let start = match i.checked_sub(1) {
            Some(j) => self.run_ends.get(j).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.run_ends.get(i).copied().unwrap_or(start);
        self.runs.get(start..end).unwrap_or(&[])
    }

    pub(crate) fn capacity(&self) -> usize {
        (self.along.capacity() + self.shifts.capacity()) * 4
            + (self.angles.capacity() + self.slopes.capacity() + self.norms.capacity()) * 8
            + self.runs.capacity() * size_of::<Run>()
            + self.run_ends.capacity() * size_of::<usize>()
    }
}
