//! The candidate peaks of one side's score map: strict local maxima, weighted by their coverage,
//! strongest first.

use super::angles::AngleTable;
use super::band::Band;
use super::search::{Candidate, ScanParams, SideSearch};

/// Local maxima whose mean score is below this are not candidates (cheap pre-filter before the
/// coverage pass).
const MIN_MEAN_SCORE: f64 = 0.2;

/// A sample covers the edge when its signed gradient reaches this fraction of the line's mean.
const COVERAGE_LEVEL: f64 = 0.3;

/// The side a score map was computed for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lines<'a> {
    pub(crate) s: &'a SideSearch,
    pub(crate) table: &'a AngleTable,
    pub(crate) band: &'a Band,
    pub(crate) p: &'a ScanParams,
}

/// Scratch buffers of the peak search, reused frame after frame.
#[derive(Debug, Clone, Default)]
pub(crate) struct Peaks {
    /// Local maxima of one side before sorting.
    found: Vec<Candidate>,
    /// Signed gradients along one line (coverage).
    values: Vec<f64>,
}

impl Peaks {
    pub(crate) fn capacity(&self) -> usize {
        self.found.capacity() * size_of::<Candidate>() + self.values.capacity() * 8
    }

    /// Appends up to `keep` candidates from `map` (one row of `n_offsets` signed scores per
    /// angle of `lines.table`) to `out`: strict local maxima inside the map, scores multiplied by
    /// their coverage, strongest first, offsets at least 3 px apart. Returns the number appended.
    pub(crate) fn collect(
        &mut self,
        map: &[f32],
        n_offsets: usize,
        lines: Lines<'_>,
        keep: usize,
        out: &mut Vec<Candidate>,
    ) -> usize {
        let n_angles = lines.table.angles.len();
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
                let mut c = Candidate {
                    offset: f64::from(o as i32 - lines.s.radius),
                    angle_deg: lines.table.angles.get(a).copied().unwrap_or(0.0),
                    score: f64::from(v),
                    brighter_inside: signed < 0.0,
                };
                c.score *= self.coverage(lines, a, &c);
                found.push(c);
            }
        }
        let start = out.len();
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

    /// Fraction of the samples along `c`'s line (angle `a` of the table) whose signed gradient
    /// (in `c`'s polarity) reaches [`COVERAGE_LEVEL`] of the line's mean signed gradient and at
    /// least the floor. A document's outline runs the whole length of the span; the edges of a
    /// photo, a header's letters or a text line inside it cover only part, and a mean alone
    /// cannot tell a short strong edge from a long weak one.
    fn coverage(&mut self, lines: Lines<'_>, a: usize, c: &Candidate) -> f64 {
        let Lines { s, table, band, p } = lines;
        let t = table.slopes.get(a).copied().unwrap_or(0.0);
        let norm = table.norms.get(a).copied().unwrap_or(1.0);
        let sign = if c.brighter_inside { -1.0 } else { 1.0 } * s.side.outward();
        let across = s.base + c.offset as i32;
        self.values.clear();
        for (k, &sh) in table.shifts(a).iter().enumerate() {
            let [ac, al] = band.at(k, across + sh);
            let n = f64::from(ac) - t * f64::from(al);
            self.values.push(n * norm * sign);
        }
        let total = self.values.len().max(1) as f64;
        let mean = self.values.iter().sum::<f64>() / total;
        let level = (COVERAGE_LEVEL * mean).max(p.floor);
        self.values.iter().filter(|&&v| v >= level).count() as f64 / total
    }
}
