use thiserror::Error;

use crate::frame::{FrameError, Rect};
use crate::option_error::OptionError;

/// Why a guide could not be computed or a frame could not be searched for a document.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// Capture width or height is zero or beyond [`crate::frame::RgbaFrame::MAX_SIDE`].
    #[error("capture size {width}x{height} is empty or too large")]
    CaptureSize { width: u32, height: u32 },
    /// An option is NaN, infinite, outside its range, or in the wrong order against another.
    #[error(transparent)]
    Option(#[from] OptionError),
    /// The guide is empty or reaches outside the frame.
    #[error("guide {guide:?} is empty or outside the {width}x{height} frame")]
    GuideOutside {
        guide: Rect,
        width: u32,
        height: u32,
    },
    /// The guide is too small to search once the frame is downscaled for analysis.
    #[error("guide {guide:?} is smaller than {min} px on a side after downscaling by {factor}")]
    GuideTooSmall { guide: Rect, factor: u32, min: u32 },
    /// A plane passed to [`super::DocumentDetector::detect_plane`] is not the frame size divided
    /// by the factor (rounded up).
    #[error(
        "plane {plane_width}x{plane_height} is not a {width}x{height} frame downscaled by {factor}"
    )]
    PlaneSize {
        width: u32,
        height: u32,
        factor: u32,
        plane_width: u32,
        plane_height: u32,
    },
    /// The frame or plane itself was refused.
    #[error(transparent)]
    Frame(#[from] FrameError),
}
