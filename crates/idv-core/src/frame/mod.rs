//! Pixel buffers: validated views over RGBA8 frames, rectangles inside them, and luma.

mod error;
mod luma;
mod rect;
mod view;

pub use error::FrameError;
pub use luma::{luma_of_rgb, region_luma_mean};
pub use rect::Rect;
pub use view::RgbaFrame;
