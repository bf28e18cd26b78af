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
    /// A plane's row stride is smaller than its width.
    #[error("stride {stride} is smaller than the plane width {width}")]
    Stride { width: u32, stride: u32 },
    /// A single-channel plane's buffer is shorter than `stride * (height - 1) + width` (or, for
    /// an owned [`crate::frame::LumaPlane`], differs from `width * height`).
    #[error(
        "buffer holds {actual} bytes but a {width}x{height} plane with stride {stride} needs {expected}"
    )]
    PlaneLength { width: u32, height: u32, stride: u32, expected: u64, actual: u64 },
    /// A region was asked of an analyzer before any frame was loaded into it.
    #[error("no frame has been loaded yet")]
    NoFrame,
    /// A downscale factor of zero.
    #[error("downscale factor must be at least 1, got {factor}")]
    Factor { factor: u32 },
}
