use serde::{Deserialize, Serialize};

use super::error::DocumentError;
use super::guide::DocumentProfile;
use crate::option_error::{OrderBound, check_order, check_range};

/// Thresholds and search ranges of [`super::DocumentDetector`]. Defaults are calibrated on the
/// synthetic fixture video and synthetic cards (`tests/document_*.rs`, `docs/thresholds.md`);
/// they are starting points for real captures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentOptions {
    /// Expected document (aspect 1.586 for ID-1, 1.420 for a passport page).
    pub profile: DocumentProfile,
    /// The frame is box-downscaled by the integer factor that brings its longer side closest to
    /// this many pixels (320: 640×480 → 320×240, 1280×720 → 320×180) before the search.
    pub analysis_size: u32,
    /// Each side's line is searched within ± this fraction of the guide's height (top and
    /// bottom sides) or width (left and right): 0.2, i.e. ±65 px × ±102 px for the 512×323
    /// guide at 640×480. Wide enough to find a card down to ~0.36 of the guide's area (then
    /// reported `DOCUMENT_TOO_FAR`) or somewhat larger than it.
    pub search_fraction: f32,
    /// Lines are searched at angles within ± this many degrees of the guide's sides: 10. The
    /// best angle must lie strictly inside the range, so a document rotated by this much or
    /// more is not found.
    pub max_angle_deg: f32,
    /// Angle step of the coarse search in degrees (1); the chosen lines are then refined to
    /// sub-pixel offsets and fractions of a degree.
    pub angle_step_deg: f32,
    /// Fraction of each guide side (centred) sampled along a candidate line: 0.6. Keeps rounded
    /// corners and a card smaller than the guide out of the mean.
    pub span_fraction: f32,
    /// Added to the mean gradient magnitude when normalising a line's score, in grey levels per
    /// analysis pixel: 4. Without it a faint but straight gradient on a flat desk would score as
    /// high as a real edge.
    pub contrast_floor: f32,
    /// A side is found when its score (|mean signed gradient across the line| divided by the mean
    /// gradient magnitude along it plus `contrast_floor`, in 0..1) reaches this: 0.35.
    pub min_side_score: f32,
    /// The quadrilateral's aspect (mean of top and bottom lengths over mean of left and right)
    /// may differ from the profile's by at most this factor, as |ln(aspect / expected)|: 0.1
    /// (±10 %). An ID-1 card checked against the passport profile is 11.6 % off.
    pub aspect_tolerance: f32,
    /// Opposite sides may differ in angle by at most this many degrees (perspective): 6.
    pub max_skew_deg: f32,
    /// Quadrilateral area / guide area below this: `DOCUMENT_TOO_FAR` (0.5).
    pub min_fill_ratio: f32,
    /// Above this: `DOCUMENT_TOO_CLOSE` (1.3).
    pub max_fill_ratio: f32,
    /// The document's centre may be off the guide's centre by this fraction of the guide's width
    /// (horizontally) or height (vertically): 0.1.
    pub max_center_offset: f32,
    /// Largest |tilt| in degrees before `DOCUMENT_TILTED`: 5.
    pub max_tilt_deg: f32,
    /// Largest corner displacement from one frame to the next, as a fraction of the guide width,
    /// before `HOLD_STILL`: 0.004 (2 px for the 512 px guide at 640×480). The quality analyzer's
    /// stability metric cannot see a card sliding when its region follows the card; the fixture's
    /// slide ends with 7, 7, 5, 4, 3, 1, 1 px per frame. Per frame, so it depends on the frame
    /// rate (tuned for 30 fps).
    pub max_motion: f32,
    /// A corner closer to the frame border than this fraction of the frame's side (or outside
    /// it) means the document is cut: `DOCUMENT_NOT_FULLY_VISIBLE` (0.01).
    pub border_margin: f32,
}

impl Default for DocumentOptions {
    fn default() -> Self {
        Self {
            profile: DocumentProfile::Id1,
            analysis_size: 320,
            search_fraction: 0.2,
            max_angle_deg: 10.0,
            angle_step_deg: 1.0,
            span_fraction: 0.6,
            contrast_floor: 4.0,
            min_side_score: 0.5,
            aspect_tolerance: 0.1,
            max_skew_deg: 6.0,
            min_fill_ratio: 0.5,
            max_fill_ratio: 1.3,
            max_center_offset: 0.1,
            max_tilt_deg: 5.0,
            max_motion: 0.004,
            border_margin: 0.01,
        }
    }
}

impl DocumentOptions {
    /// Refuses NaN, infinite and out-of-range values and inverted windows.
    pub fn validate(&self) -> Result<(), DocumentError> {
        check_range("analysisSize", f64::from(self.analysis_size), 32.0, 4096.0)?;
        check_range(
            "searchFraction",
            f64::from(self.search_fraction),
            0.01,
            0.45,
        )?;
        check_range("maxAngleDeg", f64::from(self.max_angle_deg), 0.5, 30.0)?;
        check_range("angleStepDeg", f64::from(self.angle_step_deg), 0.1, 5.0)?;
        check_order(
            ("angleStepDeg", f64::from(self.angle_step_deg)),
            ("maxAngleDeg", f64::from(self.max_angle_deg)),
            OrderBound::Below,
        )?;
        check_range("spanFraction", f64::from(self.span_fraction), 0.1, 1.0)?;
        check_range("contrastFloor", f64::from(self.contrast_floor), 0.0, 255.0)?;
        check_range("minSideScore", f64::from(self.min_side_score), 0.0, 1.0)?;
        check_range(
            "aspectTolerance",
            f64::from(self.aspect_tolerance),
            0.0,
            1.0,
        )?;
        check_range("maxSkewDeg", f64::from(self.max_skew_deg), 0.0, 60.0)?;
        check_range("minFillRatio", f64::from(self.min_fill_ratio), 0.0, 100.0)?;
        check_range("maxFillRatio", f64::from(self.max_fill_ratio), 0.0, 100.0)?;
        check_order(
            ("minFillRatio", f64::from(self.min_fill_ratio)),
            ("maxFillRatio", f64::from(self.max_fill_ratio)),
            OrderBound::Below,
        )?;
        check_range(
            "maxCenterOffset",
            f64::from(self.max_center_offset),
            0.0,
            10.0,
        )?;
        check_range("maxTiltDeg", f64::from(self.max_tilt_deg), 0.0, 90.0)?;
        check_range("maxMotion", f64::from(self.max_motion), 0.0, 1.0)?;
        Ok(check_range(
            "borderMargin",
            f64::from(self.border_margin),
            0.0,
            0.25,
        )?)
    }

    /// Downscale factor for a `width` x `height` frame: `round(max(width, height) /
    /// analysis_size)`, at least 1.
    pub fn factor_for(&self, width: u32, height: u32) -> u32 {
        let side = u64::from(width.max(height));
        let size = u64::from(self.analysis_size.max(1));
        u32::try_from(((2 * side + size) / (2 * size)).max(1)).unwrap_or(u32::MAX)
    }
}
