//! Exposure and contrast, both read from one 256-bin luma histogram of the region.

use crate::frame::{FrameError, LumaPlane, Rect};

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
        if self.total == 0 {
            return (0.0, 0.0);
        }
        let (mut s, mut q) = (0u64, 0u64);
        for (v, &c) in (0u64..).zip(&self.bins) {
            s += v * u64::from(c);
            q += v * v * u64::from(c);
        }
        let n = u128::from(self.total);
        let var_num = n * u128::from(q) - u128::from(s) * u128::from(s);
        let mean = s as f64 / self.total as f64;
        let var = var_num as f64 / (n * n) as f64;
        (mean, var.sqrt())
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
    ExposureMetrics {
        brightness: Metric::within(
            h.mean() as f32,
            opts.min_mean,
            opts.max_mean,
            FailReason::TooDark,
            FailReason::TooBright,
        ),
        dark_fraction: Metric::at_most(
            h.fraction_below(opts.dark_level) as f32,
            opts.max_dark_fraction,
            FailReason::TooDark,
        ),
        bright_fraction: Metric::at_most(
            h.fraction_above(opts.bright_level) as f32,
            opts.max_bright_fraction,
            FailReason::TooBright,
        ),
    }
}

/// Judges contrast: luma standard deviation in grey levels. Divide by 255 for the normalised RMS
/// contrast (25 grey levels ≈ 0.098).
pub fn judge_contrast(h: &Histogram, opts: &ContrastOptions) -> Metric {
    Metric::at_least(h.std_dev() as f32, opts.min_std_dev, FailReason::LowContrast)
}
