use thiserror::Error;

/// Why a pixel buffer or a region inside it was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum FrameError {
    /// Width or height is zero.
    #[error("frame size {width}x{height} is empty")]
    Empty { width: u32, height: u32 },
    /// Width or height is beyond what the module accepts (see [`crate::frame::RgbaFrame::MAX_SIDE`]).
    #[error("frame size {width}x{height} exceeds the maximum side of {max} px")]
    TooLarge { width: u32, height: u32, max: u32 },
    /// The buffer length does not equal `width * height * 4`.
    #[error("buffer holds {actual} bytes but a {width}x{height} RGBA frame needs {expected}")]
    Length { width: u32, height: u32, expected: u64, actual: u64 },
    /// A region is empty or reaches outside the frame.
    #[error("region {rect:?} is empty or outside the {width}x{height} frame")]
    Region { rect: crate::frame::Rect, width: u32, height: u32 },
}
