//! Frame quality metrics: sharpness, exposure, contrast, glare, stability.
//!
//! Every metric works on a region of interest of a [`crate::frame::LumaPlane`] and yields a
//! [`Metric`]: the measured value, the thresholds it was judged against and a [`Verdict`].
//! Thresholds live in [`QualityOptions`] (defaults and their evidence documented there, from
//! `shared/reference/capture.md`). [`QualityAnalyzer`] runs them all on successive frames,
//! reusing its buffers, and returns a [`QualityReport`].
//!
//! | metric | measured on | default (face / document) |
//! |---|---|---|
//! | sharpness | region resampled to 200 / 448 px wide | Laplacian variance ≥ 100 / 150 and ≥ 0.6 × best of last 30 |
//! | gradient balance | same | not checked / ≥ 0.3 |
//! | exposure | region of the downscaled plane | mean 60–200, ≤ 25 % below 30, ≤ 25 % above 225 |
//! | contrast | same | luma std dev ≥ 25 |
//! | glare | same, minus a 5 % margin | ≤ 2 % pixels ≥ 250, largest 8-connected blob ≤ 1 % |
//! | stability | region resampled to 32 × 32 | mean abs difference to previous ≤ 2 |

mod analyzer;
mod exposure;
mod glare;
mod metric;
mod options;
mod report;
mod sharpness;
mod simd;
mod stability;

pub use analyzer::QualityAnalyzer;
pub use exposure::{ExposureMetrics, Histogram, judge_contrast, judge_exposure};
pub use glare::{GlareDetector, GlareMetrics, GlareStats, inner_region, judge_glare};
pub use metric::{FailReason, Metric, Verdict};
pub use options::{
    ContrastOptions, ExposureOptions, GlareOptions, QualityOptions, SharpnessOptions,
    StabilityOptions, SubjectOptions,
};
pub use report::{QualityReport, Subject};
pub use sharpness::{
    SharpnessMetrics, SharpnessStats, SharpnessTracker, judge_sharpness, laplacian_variance,
    sharpness_stats,
};
pub use stability::{StabilityTracker, judge_stability, mean_abs_diff};
