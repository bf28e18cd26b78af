//! Reads the current video frame as RGBA through a 2D canvas (`drawImage` + `getImageData`).
//!
//! The fallback frame path that every browser has. The pixels are copied into one buffer owned by
//! the reader and reused frame after frame, so reading allocates nothing on the Rust side.

use idv_core::frame::{FrameError, RgbaFrame};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement};

use crate::dom::{self, MissingGlobal};

/// Why a frame could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    #[error(transparent)]
    Missing(#[from] MissingGlobal),
    /// The video has no frame yet (zero size).
    #[error("the video has no frame yet")]
    NoFrame,
    /// The canvas refused (tainted by a cross-origin source, or out of memory).
    #[error("canvas read failed: {0}")]
    Canvas(String),
    #[error(transparent)]
    Frame(#[from] FrameError),
}

/// An off-document canvas and a reusable pixel buffer.
#[derive(Debug)]
pub struct CanvasFrameReader {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    buf: Vec<u8>,
}

impl CanvasFrameReader {
    pub fn new() -> Result<Self, ReadError> {
        let canvas: HtmlCanvasElement = dom::create("canvas")?;
        // Keeps the canvas in CPU memory: getImageData every frame is the whole point.
        let settings = js_sys::Object::new();
        js_sys::Reflect::set(&settings, &"willReadFrequently".into(), &true.into())
            .map_err(|e| ReadError::Canvas(dom::error_message(&e)))?;
        let ctx = canvas
            .get_context_with_context_options("2d", &settings)
            .map_err(|e| ReadError::Canvas(dom::error_message(&e)))?
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(|| ReadError::Canvas("no 2d context".into()))?;
        Ok(Self { canvas, ctx, buf: Vec::new() })
    }

    /// Draws the video's current frame at its natural size and returns a view of its pixels.
    pub fn read(&mut self, video: &HtmlVideoElement) -> Result<RgbaFrame<'_>, ReadError> {
        let (w, h) = (video.video_width(), video.video_height());
        if w == 0 || h == 0 {
            return Err(ReadError::NoFrame);
        }
        if self.canvas.width() != w || self.canvas.height() != h {
            self.canvas.set_width(w);
            self.canvas.set_height(h);
        }
        self.ctx
            .draw_image_with_html_video_element(video, 0.0, 0.0)
            .map_err(|e| ReadError::Canvas(dom::error_message(&e)))?;
        let image = self
            .ctx
            .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
            .map_err(|e| ReadError::Canvas(dom::error_message(&e)))?;
        // `ImageData::data()` would allocate a fresh Vec; copy the typed array into our buffer.
        let data: js_sys::Uint8ClampedArray = js_sys::Reflect::get(&image, &"data".into())
            .ok()
            .and_then(|d| d.dyn_into().ok())
            .ok_or_else(|| ReadError::Canvas("ImageData has no data".into()))?;
        let len = data.length() as usize;
        self.buf.resize(len, 0);
        data.copy_to(&mut self.buf);
        Ok(RgbaFrame::new(&self.buf, w, h)?)
    }
}
