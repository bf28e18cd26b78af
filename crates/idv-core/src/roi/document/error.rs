use thiserror::Error;

use crate::frame::{FrameError, Rect};

/// Why a guide could not be computed or a frame could not be searched for a document.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// Capture width or height is zero or beyond [`crate::frame::RgbaFrame::MAX_SIDE`].
    #[error("capture size {width}x{height} is empty or too large")]
    CaptureSize { width: u32, height: u32 },
    /// An option is NaN, infinite or outside its range. `field` is the camelCase name.
    #[error("{field} = {value} is not a finite number in {min}..={max}")]
    Option {
        field: &'static str,
        value: f64,
        min: f64,
        max: f64,
    },
    /// Two options are in the wrong order (e.g. `minFillRatio` above `maxFillRatio`).
    #[error("{low} ({low_value}) must be below {high} ({high_value})")]
    Order {
        low: &'static str,
        low_value: f64,
        high: &'static str,
        high_value: f64,
    },
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

/// `value` must be finite and within `min..=max`.
pub(crate) fn check_range(
    field: &'static str,
    value: f64,
    min: f64,
    max: f64,
) -> Result<(), DocumentError> {
    // `contains` is false for NaN; infinities are outside every finite range.
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(DocumentError::Option {
            field,
            value,
            min,
            max,
        })
    }
}

/// `low` must be strictly below `high`.
pub(crate) fn check_order(
    low: (&'static str, f64),
    high: (&'static str, f64),
) -> Result<(), DocumentError> {
    if low.1 < high.1 {
        Ok(())
    } else {
        Err(DocumentError::Order {
            low: low.0,
            low_value: low.1,
            high: high.0,
            high_value: high.1,
        })
    }
}
