//! Errors of the face module: loading a model, validating options, running a detection.

use thiserror::Error;

use crate::frame::FrameError;
use crate::option_error::OptionError;

/// Why a TFLite model was refused. Every offset and length of the file is checked, so a truncated
/// or corrupted model gives one of these, never a panic.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ModelError {
    /// Shorter than a header, or the file identifier is not `TFL3`.
    #[error("not a TFLite model: {0}")]
    NotTflite(&'static str),
    /// An offset, length or vtable points outside the file or is inconsistent.
    #[error("malformed flatbuffer at byte {offset}: {what}")]
    Malformed { what: &'static str, offset: usize },
    /// An operator this inference does not implement (TFLite builtin name, or the custom code).
    #[error("unsupported operator {0}")]
    UnsupportedOp(String),
    /// A supported operator with options or tensor types this inference does not implement.
    #[error("unsupported model feature: {0}")]
    Unsupported(String),
    /// Shapes, tensor indices or constants do not fit together.
    #[error("invalid graph: {0}")]
    InvalidGraph(String),
    /// A tensor or the whole set of activations is beyond the size limits.
    #[error("model too large: {0}")]
    TooLarge(String),
    /// The graph is valid but is not a BlazeFace short-range detector (input/output shapes).
    #[error("not a BlazeFace short-range model: {0}")]
    NotBlazeFace(String),
}

/// Why a set of face options, a capture size or a guide was refused.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum FaceOptionsError {
    #[error(transparent)]
    Option(#[from] OptionError),
    /// The capture size is zero or beyond [`crate::frame::RgbaFrame::MAX_SIDE`].
    #[error("capture size {width}x{height} is empty or too large")]
    CaptureSize { width: u32, height: u32 },
    /// The guide region is empty or outside the capture.
    #[error(
        "guide {x},{y} {width}x{height} is empty or outside the {capture_width}x{capture_height} capture"
    )]
    Guide {
        x: u32,
        y: u32,
        width: u32,
        height: u32,
        capture_width: u32,
        capture_height: u32,
    },
}

/// Why a detection could not run.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DetectError {
    /// The frame or the region is invalid.
    #[error(transparent)]
    Frame(#[from] FrameError),
    /// The compiled graph found a buffer of the wrong size (a bug; never expected after a
    /// successful load).
    #[error(transparent)]
    Model(#[from] ModelError),
}
