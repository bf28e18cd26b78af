//! Thresholds for every metric, with defaults taken from the measurements and published values in
//! `shared/reference/capture.md`. They are starting points to calibrate on real captures, not
//! truths; every field can be overridden and [`QualityOptions::validate`] refuses values that
//! cannot work. The structs serialize (camelCase) to show the thresholds in use; they do not
//! deserialize, because a plain `#[serde(default)]` would fill a partial `document` object with
//! the *face* defaults — the bindings should start from `QualityOptions::default()` and patch.

use serde::Serialize;

use super::Subject;
use crate::option_error::{OptionError, OrderBound, check_order, check_range};

/// [`check_range`] with `prefix` (`face.`, `document.` or empty) before the field name.
fn range(
    prefix: &str,
    name: &'static str,
    value: f64,
    min: f64,
    max: f64,
) -> Result<(), OptionError> {
    check_range(name, value, min, max).map_err(|e| e.prefixed(prefix))
}

/// [`check_order`] (`low` must not exceed `high`) with `prefix` before the field names.
fn order(
    prefix: &str,
    low: (&'static str, f64),
    high: (&'static str, f64),
) -> Result<(), OptionError> {
    check_order(low, high, OrderBound::AtMost).map_err(|e| e.prefixed(prefix))
}

/// Sharpness: variance of the 4-neighbour Laplacian on the region resampled to `analysis_width`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SharpnessOptions {
    /// Width the region is resampled to before measuring. Laplacian variance depends on scale
    /// (a face crop measured 1028 sharp, 445/73/25 after Gaussian σ 0.5/1/1.5), so thresholds
    /// only hold at a fixed size. Face 200 px, document 448 px.
    pub analysis_width: u32,
    /// Absolute floor. Published "blurry" threshold is 100 (150 stricter): face 100, document 150.
    pub min_laplacian_variance: f32,
    /// Required fraction of the sharpest of the last `history` frames (0.6): noise and JPEG raise
    /// the absolute value, so a frame must also be close to the best this camera has given.
    pub min_relative: f32,
    /// Minimum `min(Ex, Ey) / max(Ex, Ey)` of horizontal/vertical gradient energy; 0 disables.
    /// Motion blur along text lines hardly moves the Laplacian variance of a document but removes
    /// gradient energy across the motion. Document 0.3 (synthetic text at 448 px: 0.72 sharp,
    /// 0.15 / 0.05 after a 5 / 9 px horizontal smear, while its Laplacian variance stays above
    /// 6000; uncalibrated on real cards); face 0 (not checked).
    pub min_gradient_balance: f32,
}

/// Exposure: histogram of the region's luma (on the downscaled plane, not resampled).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExposureOptions {
    /// Mean luma window, 60–200 (capture.md starting values for faces).
    pub min_mean: f32,
    pub max_mean: f32,
    /// Pixels with luma `< dark_level` (30) count as dark.
    pub dark_level: u8,
    /// Pixels with luma `> bright_level` (225) count as bright.
    pub bright_level: u8,
    /// At most 25 % dark and 25 % bright pixels.
    pub max_dark_fraction: f32,
    pub max_bright_fraction: f32,
}

/// Contrast: standard deviation of the region's luma in grey levels (RMS contrast × 255).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContrastOptions {
    /// At least 25 grey levels (capture.md starting value; a published scanner uses a normalised
    /// contrast ≥ 0.15 on a different scale).
    pub min_std_dev: f32,
}

/// Glare: saturated pixels inside the region minus a margin, and their largest 8-connected blob.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GlareOptions {
    /// Luma at or above which a pixel is saturated (250).
    pub level: u8,
    /// Fraction of the region's width (height) ignored on the left and right (top and bottom):
    /// 0.05. Regula's glare check ignores a 5–7 % margin, where the background and card edge are.
    pub margin: f32,
    /// At most 2 % of the inner region saturated.
    pub max_fraction: f32,
    /// Largest blob at most 1 % of the inner region (Regula allows a glared part of 0.01–0.1).
    pub max_blob: f32,
}

/// Stability: mean absolute difference of the region to the previous frame's region.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StabilityOptions {
    /// The region is resampled to `size` x `size` (32) first: the comparison no longer depends on
    /// the region's size, is cheap, and averages sensor noise away (a 200 px region gives ~40
    /// pixels per sample). Smaller also tolerates region jitter better on textured content:
    /// 1 px of jitter on blurred synthetic text measured 4.9 at 64, 2.6 at 32, 1.0 at 16, while a
    /// 3 px shift of smooth content measured 4.8 / 4.75 / 4.5 (synthetic, `tests/quality_stability.rs`).
    pub size: u32,
    /// At most 2 grey levels (measured 0 still, 4–7 while a card slides).
    pub max_mean_abs_diff: f32,
}

/// All thresholds for one kind of subject.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubjectOptions {
    pub sharpness: SharpnessOptions,
    pub exposure: ExposureOptions,
    pub contrast: ContrastOptions,
    pub glare: GlareOptions,
    pub stability: StabilityOptions,
}

/// Options of a [`super::QualityAnalyzer`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QualityOptions {
    /// Box-downscale factor of the one full-frame pass (2: a 1280×720 frame becomes 640×360).
    pub downscale: u32,
    /// How many recent sharpness values "best recent" looks at (30, one second at 30 fps).
    pub history: u32,
    pub face: SubjectOptions,
    pub document: SubjectOptions,
}

impl Default for SharpnessOptions {
    fn default() -> Self {
        Self::FACE
    }
}

impl SharpnessOptions {
    pub const FACE: Self = Self {
        analysis_width: 200,
        min_laplacian_variance: 100.0,
        min_relative: 0.6,
        min_gradient_balance: 0.0,
    };
    pub const DOCUMENT: Self = Self {
        analysis_width: 448,
        min_laplacian_variance: 150.0,
        min_relative: 0.6,
        min_gradient_balance: 0.3,
    };
}

impl Default for ExposureOptions {
    fn default() -> Self {
        Self {
            min_mean: 60.0,
            max_mean: 200.0,
            dark_level: 30,
            bright_level: 225,
            max_dark_fraction: 0.25,
            max_bright_fraction: 0.25,
        }
    }
}

impl Default for ContrastOptions {
    fn default() -> Self {
        Self { min_std_dev: 25.0 }
    }
}

impl Default for GlareOptions {
    fn default() -> Self {
        Self { level: 250, margin: 0.05, max_fraction: 0.02, max_blob: 0.01 }
    }
}

impl Default for StabilityOptions {
    fn default() -> Self {
        Self { size: 32, max_mean_abs_diff: 2.0 }
    }
}

impl Default for SubjectOptions {
    fn default() -> Self {
        Self::face()
    }
}

impl SubjectOptions {
    /// Face defaults. Glare uses the document values (uncalibrated for faces).
    pub fn face() -> Self {
        Self {
            sharpness: SharpnessOptions::FACE,
            exposure: ExposureOptions::default(),
            contrast: ContrastOptions::default(),
            glare: GlareOptions::default(),
            stability: StabilityOptions::default(),
        }
    }

    /// Document defaults. Exposure uses the face values (uncalibrated for documents).
    pub fn document() -> Self {
        Self { sharpness: SharpnessOptions::DOCUMENT, ..Self::face() }
    }

    fn validate(&self, p: &str) -> Result<(), OptionError> {
        let s = &self.sharpness;
        range(p, "sharpness.analysisWidth", f64::from(s.analysis_width), 8.0, 4096.0)?;
        // The Laplacian of 8-bit data lies in -1020..=1020: its variance cannot exceed 1020².
        range(
            p,
            "sharpness.minLaplacianVariance",
            f64::from(s.min_laplacian_variance),
            0.0,
            1_040_400.0,
        )?;
        range(p, "sharpness.minRelative", f64::from(s.min_relative), 0.0, 1.0)?;
        range(p, "sharpness.minGradientBalance", f64::from(s.min_gradient_balance), 0.0, 1.0)?;
        let e = &self.exposure;
        range(p, "exposure.minMean", f64::from(e.min_mean), 0.0, 255.0)?;
        range(p, "exposure.maxMean", f64::from(e.max_mean), 0.0, 255.0)?;
        order(
            p,
            ("exposure.minMean", f64::from(e.min_mean)),
            ("exposure.maxMean", f64::from(e.max_mean)),
        )?;
        order(
            p,
            ("exposure.darkLevel", f64::from(e.dark_level)),
            ("exposure.brightLevel", f64::from(e.bright_level)),
        )?;
        range(p, "exposure.maxDarkFraction", f64::from(e.max_dark_fraction), 0.0, 1.0)?;
        range(p, "exposure.maxBrightFraction", f64::from(e.max_bright_fraction), 0.0, 1.0)?;
        range(p, "contrast.minStdDev", f64::from(self.contrast.min_std_dev), 0.0, 127.5)?;
        let g = &self.glare;
        range(p, "glare.level", f64::from(g.level), 1.0, 255.0)?;
        range(p, "glare.margin", f64::from(g.margin), 0.0, 0.45)?;
        range(p, "glare.maxFraction", f64::from(g.max_fraction), 0.0, 1.0)?;
        range(p, "glare.maxBlob", f64::from(g.max_blob), 0.0, 1.0)?;
        let st = &self.stability;
        range(p, "stability.size", f64::from(st.size), 4.0, 512.0)?;
        range(p, "stability.maxMeanAbsDiff", f64::from(st.max_mean_abs_diff), 0.0, 255.0)
    }
}

impl Default for QualityOptions {
    fn default() -> Self {
        Self {
            downscale: 2,
            history: 30,
            face: SubjectOptions::face(),
            document: SubjectOptions::document(),
        }
    }
}

impl QualityOptions {
    /// Refuses NaN, infinite, negative and out-of-range thresholds and inverted windows.
    pub fn validate(&self) -> Result<(), OptionError> {
        range("", "downscale", f64::from(self.downscale), 1.0, 16.0)?;
        range("", "history", f64::from(self.history), 1.0, 1024.0)?;
        self.face.validate("face.")?;
        self.document.validate("document.")
    }

    /// The thresholds for `kind`.
    pub fn for_subject(&self, kind: Subject) -> &SubjectOptions {
        match kind {
            Subject::Face => &self.face,
            Subject::Document => &self.document,
        }
    }
}
