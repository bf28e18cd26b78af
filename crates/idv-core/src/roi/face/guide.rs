//! Where the face should be: the guide region and the expected face size.
//!
//! AwareID recommends 480×640 captures with about 90 px between the eyes from a front camera and
//! 60 px from a back camera, and its calculate-ROI answers a rectangle in capture pixels (356×512
//! at x 62 for a 480×640 profile). Here both scale with the capture's **shorter side**:
//!
//! - target eye distance = 90 px (front) or 60 px (back) × `min(width, height) / 480`;
//! - guide width = target × 356 / 90 (≈ 3.96 eye distances), height = width × 512 / 356, both
//!   shrunk by the same factor if the height (or width) would exceed the capture; rounded, and
//!   centred (x and y floored).
//!
//! So 480×640 front gives 356×512 at (62, 64) (AwareID's example, but centred vertically),
//! 480×640 back 237×341 at (121, 149), and 640×480 front 334×480 at (153, 0).

use serde::{Deserialize, Serialize};

use super::error::FaceOptionsError;
use crate::frame::{Rect, RgbaFrame};

/// The shorter side of AwareID's recommended 480×640 capture.
const REFERENCE_SIDE: f32 = 480.0;
/// AwareID's example region for 480×640: 356×512.
const GUIDE_WIDTH_PER_EYE_DISTANCE: f32 = 356.0 / 90.0;
const GUIDE_ASPECT: f32 = 512.0 / 356.0;

/// The camera a capture comes from; it sets the expected face size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CameraFacing {
    /// Selfie camera: about 90 px between the eyes at 480×640.
    #[default]
    Front,
    /// Rear camera held by someone else: about 60 px at 480×640.
    Back,
}

impl CameraFacing {
    /// Eye distance in pixels at the 480 px reference side.
    pub fn reference_eye_distance(self) -> f32 {
        match self {
            Self::Front => 90.0,
            Self::Back => 60.0,
        }
    }
}

fn check_capture(width: u32, height: u32) -> Result<(), FaceOptionsError> {
    if width == 0 || height == 0 || width > RgbaFrame::MAX_SIDE || height > RgbaFrame::MAX_SIDE {
        return Err(FaceOptionsError::CaptureSize { width, height });
    }
    Ok(())
}

/// Expected distance between the eyes in capture pixels (see the module docs).
pub fn target_eye_distance(
    capture_width: u32,
    capture_height: u32,
    facing: CameraFacing,
) -> Result<f32, FaceOptionsError> {
    check_capture(capture_width, capture_height)?;
    let side = capture_width.min(capture_height) as f32;
    Ok(facing.reference_eye_distance() * side / REFERENCE_SIDE)
}

/// The guide rectangle where the face should be (see the module docs for the formula).
pub fn face_guide(
    capture_width: u32,
    capture_height: u32,
    facing: CameraFacing,
) -> Result<Rect, FaceOptionsError> {
    let eyes = target_eye_distance(capture_width, capture_height, facing)?;
    let (cw, ch) = (capture_width as f32, capture_height as f32);
    let mut w = eyes * GUIDE_WIDTH_PER_EYE_DISTANCE;
    let mut h = w * GUIDE_ASPECT;
    let fit = (cw / w).min(ch / h).min(1.0);
    w *= fit;
    h *= fit;
    let width = (w.round() as u32).clamp(1, capture_width);
    let height = (h.round() as u32).clamp(1, capture_height);
    Ok(Rect::new(
        (capture_width - width) / 2,
        (capture_height - height) / 2,
        width,
        height,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_matches_the_documented_examples() {
        assert_eq!(
            face_guide(480, 640, CameraFacing::Front),
            Ok(Rect::new(62, 64, 356, 512))
        );
        assert_eq!(
            face_guide(480, 640, CameraFacing::Back),
            Ok(Rect::new(121, 149, 237, 341))
        );
        assert_eq!(
            face_guide(640, 480, CameraFacing::Front),
            Ok(Rect::new(153, 0, 334, 480))
        );
        assert_eq!(
            face_guide(960, 1280, CameraFacing::Front),
            Ok(Rect::new(124, 128, 712, 1024))
        );
        // A very wide strip: the height limits the guide.
        assert_eq!(
            face_guide(1000, 100, CameraFacing::Front),
            Ok(Rect::new(465, 0, 70, 100))
        );
    }

    #[test]
    fn eye_distance_scales_with_the_shorter_side() {
        assert_eq!(target_eye_distance(480, 640, CameraFacing::Front), Ok(90.0));
        assert_eq!(target_eye_distance(640, 480, CameraFacing::Front), Ok(90.0));
        assert_eq!(target_eye_distance(480, 640, CameraFacing::Back), Ok(60.0));
        assert_eq!(
            target_eye_distance(1280, 720, CameraFacing::Front),
            Ok(135.0)
        );
    }

    #[test]
    fn empty_or_huge_captures_are_refused() {
        for (w, h) in [(0, 640), (480, 0), (9000, 640)] {
            assert_eq!(
                face_guide(w, h, CameraFacing::Front),
                Err(FaceOptionsError::CaptureSize {
                    width: w,
                    height: h
                })
            );
        }
    }
}
