//! One AwareID-style feedback value per frame, from the detected faces and the guide.
//!
//! Checks, in this order (the first that fails is the answer):
//!
//! 1. no face → `NO_FACE_DETECTED`;
//! 2. more than one face → `MULTIPLE_FACES_DETECTED` (every detection above the detector's
//!    score threshold counts);
//! 3. eye distance below `min_eye_distance_ratio` × target → `FACE_TOO_FAR`, above
//!    `max_eye_distance_ratio` × target → `FACE_TOO_CLOSE` (target from [`target_eye_distance`]);
//! 4. face box centre left/right of the guide centre by more than `center_tolerance` × guide
//!    width → `FACE_ON_LEFT` / `FACE_ON_RIGHT`, then above/below by more than
//!    `center_tolerance` × guide height → `FACE_TOO_HIGH` / `FACE_TOO_LOW`. Left and right are
//!    the image's as captured (unmirrored), like the coordinates;
//! 5. |roll| above `max_roll_degrees` → `INVALID_POSE` (yaw and pitch are not judged);
//! 6. the caller's mean luma of the face region below `min_mean_luma` (or NaN) →
//!    `INSUFFICIENT_LIGHTING`; skipped when the caller passes `None`;
//! 7. otherwise `FACE_COMPLIANT`.
//!
//! Size before position: a face too far away is also small enough to sit anywhere, and moving
//! closer is what the user must do first.

use serde::{Deserialize, Serialize};

use super::detector::Face;
use super::error::FaceOptionsError;
use super::guide::{CameraFacing, face_guide, target_eye_distance};
use crate::frame::Rect;
use crate::option_error::{OrderBound, check_order, check_range};

/// AwareID's capture feedback vocabulary (the subset computed from face detection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FaceFeedback {
    FaceCompliant,
    NoFaceDetected,
    MultipleFacesDetected,
    FaceTooFar,
    FaceTooClose,
    FaceOnLeft,
    FaceOnRight,
    FaceTooHigh,
    FaceTooLow,
    InvalidPose,
    InsufficientLighting,
}

/// Thresholds of [`FaceJudge`]; defaults are starting points to calibrate on real captures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaceCheckOptions {
    pub facing: CameraFacing,
    /// Too far below 0.75 × target: 67.5 px (front) / 45 px (back) at 480×640.
    pub min_eye_distance_ratio: f32,
    /// Too close above 1.35 × target: 121.5 px (front) / 81 px (back) at 480×640.
    pub max_eye_distance_ratio: f32,
    /// Allowed offset of the face centre from the guide centre, as a fraction of the guide's
    /// width (horizontally) and height (vertically): 0.15, i.e. ±53 px × ±77 px for the
    /// 356×512 front guide at 480×640.
    pub center_tolerance: f32,
    /// Largest accepted |roll| in degrees: 15.
    pub max_roll_degrees: f32,
    /// Smallest accepted mean luma of the face region: 60 (the quality module's face exposure
    /// floor, capture.md).
    pub min_mean_luma: f32,
}

impl Default for FaceCheckOptions {
    fn default() -> Self {
        Self {
            facing: CameraFacing::Front,
            min_eye_distance_ratio: 0.75,
            max_eye_distance_ratio: 1.35,
            center_tolerance: 0.15,
            max_roll_degrees: 15.0,
            min_mean_luma: 60.0,
        }
    }
}

impl FaceCheckOptions {
    /// Ratios in 0.01..=10 with min below max, tolerance 0..=1, roll 0..=180, luma 0..=255;
    /// NaN and infinities are refused.
    pub fn validate(&self) -> Result<(), FaceOptionsError> {
        let (min, max) = (
            f64::from(self.min_eye_distance_ratio),
            f64::from(self.max_eye_distance_ratio),
        );
        check_range("minEyeDistanceRatio", min, 0.01, 10.0)?;
        check_range("maxEyeDistanceRatio", max, 0.01, 10.0)?;
        check_order(
            ("minEyeDistanceRatio", min),
            ("maxEyeDistanceRatio", max),
            OrderBound::Below,
        )?;
        check_range(
            "centerTolerance",
            f64::from(self.center_tolerance),
            0.0,
            1.0,
        )?;
        check_range(
            "maxRollDegrees",
            f64::from(self.max_roll_degrees),
            0.0,
            180.0,
        )?;
        Ok(check_range(
            "minMeanLuma",
            f64::from(self.min_mean_luma),
            0.0,
            255.0,
        )?)
    }
}

/// Judges detections of one capture size against a guide region.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaceJudge {
    guide: Rect,
    /// Accepted eye distance in pixels, `[min, max]`.
    eye_distance: (f32, f32),
    options: FaceCheckOptions,
}

impl FaceJudge {
    /// With the guide of [`face_guide`] for this capture size and `options.facing`.
    pub fn new(
        capture_width: u32,
        capture_height: u32,
        options: FaceCheckOptions,
    ) -> Result<Self, FaceOptionsError> {
        let guide = face_guide(capture_width, capture_height, options.facing)?;
        Self::with_guide(capture_width, capture_height, guide, options)
    }

    /// With a guide of the caller's (e.g. the rectangle of AwareID's calculate-ROI).
    pub fn with_guide(
        capture_width: u32,
        capture_height: u32,
        guide: Rect,
        options: FaceCheckOptions,
    ) -> Result<Self, FaceOptionsError> {
        options.validate()?;
        let target = target_eye_distance(capture_width, capture_height, options.facing)?;
        if !guide.fits_in(capture_width, capture_height) {
            let Rect {
                x,
                y,
                width,
                height,
            } = guide;
            return Err(FaceOptionsError::Guide {
                x,
                y,
                width,
                height,
                capture_width,
                capture_height,
            });
        }
        let eye_distance = (
            target * options.min_eye_distance_ratio,
            target * options.max_eye_distance_ratio,
        );
        Ok(Self {
            guide,
            eye_distance,
            options,
        })
    }

    pub fn guide(&self) -> Rect {
        self.guide
    }

    /// Accepted eye distance in capture pixels, `(min, max)`.
    pub fn eye_distance_range(&self) -> (f32, f32) {
        self.eye_distance
    }

    pub fn options(&self) -> &FaceCheckOptions {
        &self.options
    }

    /// The feedback for one frame's faces (in capture pixels) and the caller's mean luma of the
    /// face region (`None`: lighting not judged). See the module docs for the order of checks.
    pub fn judge(&self, faces: &[Face], mean_luma: Option<f32>) -> FaceFeedback {
        let face = match faces {
            [] => return FaceFeedback::NoFaceDetected,
            [face] => face,
            _ => return FaceFeedback::MultipleFacesDetected,
        };
        let (min_eyes, max_eyes) = self.eye_distance;
        if face.eye_distance.is_nan() || face.eye_distance < min_eyes {
            return FaceFeedback::FaceTooFar;
        }
        if face.eye_distance > max_eyes {
            return FaceFeedback::FaceTooClose;
        }
        let g = self.guide;
        let c = face.bbox.center();
        let tol = self.options.center_tolerance;
        let dx = c.x - (g.x as f32 + g.width as f32 / 2.0);
        let dy = c.y - (g.y as f32 + g.height as f32 / 2.0);
        if dx < -tol * g.width as f32 {
            return FaceFeedback::FaceOnLeft;
        }
        if dx > tol * g.width as f32 {
            return FaceFeedback::FaceOnRight;
        }
        if dy < -tol * g.height as f32 {
            return FaceFeedback::FaceTooHigh;
        }
        if dy > tol * g.height as f32 {
            return FaceFeedback::FaceTooLow;
        }
        if face.roll_degrees.is_nan() || face.roll_degrees.abs() > self.options.max_roll_degrees {
            return FaceFeedback::InvalidPose;
        }
        match mean_luma {
            Some(m) if m.is_nan() || m < self.options.min_mean_luma => {
                FaceFeedback::InsufficientLighting
            }
            _ => FaceFeedback::FaceCompliant,
        }
    }
}
