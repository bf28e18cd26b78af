//! Pixel buffers: validated views over RGBA8 frames and Y planes, rectangles inside them, luma,
//! and the owned [`LumaPlane`] that quality metrics work on.

mod downscale;
mod error;
mod luma;
mod plane;
mod rect;
mod resample;
mod simd;
mod simd_resample;
mod view;

pub use downscale::DownscaleStats;
pub use error::FrameError;
pub use luma::{luma_of_rgb, region_luma_mean};
pub use plane::{LumaPlane, LumaRange, YPlane};
pub use rect::Rect;
pub use resample::Resampler;
pub use view::RgbaFrame;
