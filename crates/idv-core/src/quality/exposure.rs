//! Exposure and contrast, both read from one 256-bin luma histogram of the region.

use crate::frame::{FrameError, LumaPlane, Rect};

use super::simd::region_sums;
use super::{ContrastOptions, ExposureOptions, FailReason, Metric};

/// Luma histogram of a region. 1 KiB on the stack; counts are `u32` (a region has at most
/// 8192² = 2²⁶ pixels).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    bins: [u32; 256],
    total: u64,
}

impl Histogram {
    /// Counts the luma values of `region` of `plane`.
    pub fn of_region(plane: &LumaPlane, region: Rect) -> Result<Self, FrameError> {
        let region = plane.check_region(region)?;
        let mut bins = [0u32; 256];
        for row in plane.region_rows(region) {
            for &v in row {
                if let Some(b) = bins.get_mut(usize::from(v)) {
                    *b += 1;
                }
            }
        }
        Ok(Self { bins, total: region.area() })
    }

    pub fn bins(&self) -> &[u32; 256] {
        &self.bins
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// Mean luma in 0..=255.
    pub fn mean(&self) -> f64 {
        self.moments().0
    }

    /// Population standard deviation of luma, in grey levels (0..=127.5).
    pub fn std_dev(&self) -> f64 {
        self.moments().1
    }

    /// `(mean, std_dev)` from exact integer sums.
    pub fn moments(&self) -> (f64, f64) {
        let (mut s, mut q) = (0u64, 0u64);
        for (v, &c) in (0u64..).zip(&self.bins) {
            s += v * u64::from(c);
            q += v * v * u64::from(c);
        }
        moments(self.total, s, q)
    }

    /// Fraction of pixels with luma `< level`.
    pub fn fraction_below(&self, level: u8) -> f64 {
        self.fraction(self.bins.iter().take(usize::from(level)))
    }

    /// Fraction of pixels with luma `> level`.
    pub fn fraction_above(&self, level: u8) -> f64 {
        self.fraction(self.bins.iter().skip(usize::from(level) + 1))
    }

    fn fraction<'a>(&self, bins: impl Iterator<Item = &'a u32>) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        bins.map(|&c| u64::from(c)).sum::<u64>() as f64 / self.total as f64
    }
}

/// `(mean, standard deviation)` of `n` values with sum `s` and sum of squares `q`, from the exact
/// integer numerator `n q − s²` (a flat region gives exactly 0).
fn moments(n: u64, s: u64, q: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 0.0);
    }
    let wide = u128::from(n);
    let var_num = wide * u128::from(q) - u128::from(s) * u128::from(s);
    let mean = s as f64 / n as f64;
    let var = var_num as f64 / (wide * wide) as f64;
    (mean, var.sqrt())
}

/// What exposure and contrast read from a region, without a histogram: the count, Σv, Σv² and the
/// values below `dark` and above `bright`. The same numbers as [`Histogram`] gives for those two
/// levels (exact integers), in one SIMD128 pass where available.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RegionSums {
    dark: u8,
    bright: u8,
    total: u64,
    sum: u64,
    sum_sq: u64,
    below: u64,
    above: u64,
}

impl RegionSums {
    pub(crate) fn of_region(
        plane: &LumaPlane,
        region: Rect,
        dark: u8,
        bright: u8,
    ) -> Result<Self, FrameError> {
        let region = plane.check_region(region)?;
        let mut t =
            Self { dark, bright, total: region.area(), sum: 0, sum_sq: 0, below: 0, above: 0 };
        for row in plane.region_rows(region) {
            let k = region_sums(row, dark, bright);
            (t.sum, t.sum_sq, t.below, t.above) =
                (t.sum + k.sum, t.sum_sq + k.sum_sq, t.below + k.below, t.above + k.above);
            for &v in row.get(k.done..).unwrap_or(&[]) {
                t.sum += u64::from(v);
                t.sum_sq += u64::from(v) * u64::from(v);
                t.below += u64::from(v < dark);
                t.above += u64::from(v > bright);
            }
        }
        Ok(t)
    }

    fn fraction(&self, count: u64) -> f64 {
        if self.total == 0 { 0.0 } else { count as f64 / self.total as f64 }
    }
}

/// The judges' inputs: mean, standard deviation, and the fractions below and above the levels.
pub(crate) trait ExposureInput {
    fn moments(&self) -> (f64, f64);
    fn below(&self, level: u8) -> f64;
    fn above(&self, level: u8) -> f64;
}

impl ExposureInput for Histogram {
    fn moments(&self) -> (f64, f64) {
        Histogram::moments(self)
    }
    fn below(&self, level: u8) -> f64 {
        self.fraction_below(level)
    }
    fn above(&self, level: u8) -> f64 {
        self.fraction_above(level)
    }
}

/// Counts exist only for the levels the sums were built with (the analyzer builds them with the
/// options' levels); another level is a bug, caught in debug builds.
impl ExposureInput for RegionSums {
    fn moments(&self) -> (f64, f64) {
        moments(self.total, self.sum, self.sum_sq)
    }
    fn below(&self, level: u8) -> f64 {
        debug_assert_eq!(level, self.dark, "RegionSums built for another dark level");
        self.fraction(self.below)
    }
    fn above(&self, level: u8) -> f64 {
        debug_assert_eq!(level, self.bright, "RegionSums built for another bright level");
        self.fraction(self.above)
    }
}

/// Exposure verdicts of a region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExposureMetrics {
    /// Mean luma within `min_mean..=max_mean` (`TooDark` / `TooBright`).
    pub brightness: Metric,
    /// Fraction of pixels `< dark_level`, at most `max_dark_fraction` (`TooDark`).
    pub dark_fraction: Metric,
    /// Fraction of pixels `> bright_level`, at most `max_bright_fraction` (`TooBright`).
    pub bright_fraction: Metric,
}

/// Judges the exposure of a histogram.
pub fn judge_exposure(h: &Histogram, opts: &ExposureOptions) -> ExposureMetrics {
    exposure_of(h, opts)
}

pub(crate) fn exposure_of(h: &impl ExposureInput, opts: &ExposureOptions) -> ExposureMetrics {
    ExposureMetrics {
        brightness: Metric::within(
            h.moments().0 as f32,
            opts.min_mean,
            opts.max_mean,
            FailReason::TooDark,
            FailReason::TooBright,
        ),
        dark_fraction: Metric::at_most(
            h.below(opts.dark_level) as f32,
            opts.max_dark_fraction,
            FailReason::TooDark,
        ),
        bright_fraction: Metric::at_most(
            h.above(opts.bright_level) as f32,
            opts.max_bright_fraction,
            FailReason::TooBright,
        ),
    }
}

/// Judges contrast: luma standard deviation in grey levels. Divide by 255 for the normalised RMS
/// contrast (25 grey levels ≈ 0.098).
pub fn judge_contrast(h: &Histogram, opts: &ContrastOptions) -> Metric {
    contrast_of(h, opts)
}

pub(crate) fn contrast_of(h: &impl ExposureInput, opts: &ContrastOptions) -> Metric {
    Metric::at_least(h.moments().1 as f32, opts.min_std_dev, FailReason::LowContrast)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_sums_give_the_histogram_numbers() {
        let mut s = 99u32;
        let data: Vec<u8> = (0..61 * 23)
            .map(|_| {
                s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (s >> 16) as u8
            })
            .collect();
        let plane = LumaPlane::from_pixels(61, 23, data).expect("valid plane");
        for (region, dark, bright) in [(plane.bounds(), 30, 225), (Rect::new(3, 1, 40, 20), 0, 255)]
        {
            let sums = RegionSums::of_region(&plane, region, dark, bright).expect("inside");
            let hist = Histogram::of_region(&plane, region).expect("inside");
            assert_eq!(ExposureInput::moments(&sums), hist.moments());
            assert_eq!(sums.below(dark), hist.fraction_below(dark));
            assert_eq!(sums.above(bright), hist.fraction_above(bright));
        }
    }
}
