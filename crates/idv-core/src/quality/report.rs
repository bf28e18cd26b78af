use serde::{Deserialize, Serialize};

use super::{FailReason, Metric, Verdict};

/// What the region of interest contains; selects the thresholds and the analysis scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Subject {
    Face,
    Document,
}

/// Every metric of one frame. Serialized with camelCase names for JS.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QualityReport {
    pub subject: Subject,
    /// Analysis width divided by the region's width in the downscaled plane: above 1 the region
    /// was enlarged for the sharpness measurement (less reliable; use a smaller downscale factor
    /// or move closer).
    pub analysis_scale: f32,
    /// Saturated fraction of the whole input frame at full resolution (see
    /// [`crate::frame::DownscaleStats::saturated`]); informative, not judged.
    pub frame_saturated_fraction: f32,
    /// Laplacian variance at the analysis width, against the absolute floor.
    pub sharpness: Metric,
    /// Laplacian variance relative to the best of the recent frames.
    pub relative_sharpness: Metric,
    /// Horizontal/vertical gradient energy balance (motion blur).
    pub gradient_balance: Metric,
    /// Mean luma.
    pub brightness: Metric,
    /// Fraction of dark pixels.
    pub dark_fraction: Metric,
    /// Fraction of bright pixels.
    pub bright_fraction: Metric,
    /// Luma standard deviation.
    pub contrast: Metric,
    /// Saturated fraction of the region minus its margin.
    pub glare: Metric,
    /// Largest saturated blob as a fraction of the region minus its margin.
    pub glare_blob: Metric,
    /// Mean absolute difference to the previous frame.
    pub stability: Metric,
}

impl QualityReport {
    /// Every judged metric with its camelCase name, in a fixed order.
    pub fn metrics(&self) -> [(&'static str, &Metric); 10] {
        [
            ("sharpness", &self.sharpness),
            ("relativeSharpness", &self.relative_sharpness),
            ("gradientBalance", &self.gradient_balance),
            ("brightness", &self.brightness),
            ("darkFraction", &self.dark_fraction),
            ("brightFraction", &self.bright_fraction),
            ("contrast", &self.contrast),
            ("glare", &self.glare),
            ("glareBlob", &self.glare_blob),
            ("stability", &self.stability),
        ]
    }

    /// True when every metric passed.
    pub fn compliant(&self) -> bool {
        self.metrics().iter().all(|(_, m)| m.passed())
    }

    /// The reasons of the failed metrics, in [`Self::metrics`] order (may repeat a reason).
    pub fn failures(&self) -> impl Iterator<Item = FailReason> + '_ {
        self.metrics().into_iter().filter_map(|(_, m)| match m.verdict {
            Verdict::Pass => None,
            Verdict::Fail(r) => Some(r),
        })
    }
}
