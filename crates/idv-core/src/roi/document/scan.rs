//! The coarse scan of one side: the score of every (offset, angle) line with integer sampling,
//! from the side's [`Band`] of running gradient sums and its [`AngleTable`].

use super::angles::AngleTable;
use super::band::Band;
use super::peaks::{Lines, Peaks};
use super::search::{Candidate, ScanParams, SideSearch};

/// Scratch buffers and per-side tables of the coarse scan, reused frame after frame.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scan {
    /// One table per side, in [`super::search::Side::ALL`] order.
    pub(crate) tables: [AngleTable; 4],
    /// `angles.len()` rows of `2 * radius + 1` scores, signed (negative: brighter inside).
    map: Vec<f32>,
    /// Per-offset sums of the across and along gradient components and of the magnitude.
    acc: Vec<[i32; 3]>,
    peaks: Peaks,
}

impl Scan {
    pub(crate) fn capacity(&self) -> usize {
        self.tables.iter().map(AngleTable::capacity).sum::<usize>()
            + self.map.capacity() * 4
            + self.acc.capacity() * size_of::<[i32; 3]>()
            + self.peaks.capacity()
    }

    /// Scans every (offset, angle) of `s` (the side `side` of [`super::search::Side::ALL`], whose
    /// table is up to date and whose band is filled) and appends up to `keep` candidates (strict
    /// local maxima inside the scanned range, strongest first, offsets at least 3 px apart) to
    /// `out`. Returns the number appended.
    pub(crate) fn run(
        &mut self,
        side: usize,
        band: &Band,
        s: &SideSearch,
        p: &ScanParams,
        keep: usize,
        out: &mut Vec<Candidate>,
    ) -> usize {
        let Some(table) = self.tables.get(side) else {
            return 0;
        };
        let n_offsets = (2 * s.radius + 1) as usize;
        self.map.clear();
        self.map.resize(table.angles.len() * n_offsets, 0.0);
        self.acc.resize(n_offsets, [0; 3]);
        let samples = table.along.len() as f64;
        let outward = s.side.outward();
        // Position in the band of offset -radius at shift 0.
        let origin = i64::from(s.base) - i64::from(s.radius) - i64::from(band.pos0);
        let rows = self.map.chunks_exact_mut(n_offsets);
        for (i, (row, (&t, &norm))) in rows.zip(table.slopes.iter().zip(&table.norms)).enumerate() {
            self.acc.fill([0; 3]);
            for r in table.runs(i) {
                let Ok(first) = usize::try_from(origin + i64::from(r.shift)) else {
                    continue;
                };
                let (Some(hi), Some(lo)) = (
                    band.row(r.end, first, n_offsets),
                    band.row(r.start, first, n_offsets),
                ) else {
                    continue;
                };
                add_difference(&mut self.acc, hi, lo);
            }
            for (cell, &[ac, al, m]) in row.iter_mut().zip(&self.acc) {
                let signed = (f64::from(ac) - t * f64::from(al)) * norm * outward;
                let score = signed / (f64::from(m) + samples * p.floor);
                *cell = if score.is_finite() { score as f32 } else { 0.0 };
            }
        }
        let lines = Lines { s, table, band, p };
        self.peaks.collect(&self.map, n_offsets, lines, keep, out)
    }
}

/// `acc += hi - lo`, element-wise.
#[inline]
fn add_difference(acc: &mut [[i32; 3]], hi: &[[i32; 3]], lo: &[[i32; 3]]) {
    let acc = acc.as_flattened_mut();
    let (hi, lo) = (hi.as_flattened(), lo.as_flattened());
    for (a, (&h, &l)) in acc.iter_mut().zip(hi.iter().zip(lo)) {
        *a += h - l;
    }
}
