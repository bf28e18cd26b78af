//! The `VideoFrame` path: `new VideoFrame(video)` + `copyTo()` straight into a buffer in Wasm
//! memory. YUV frames are copied as they are (the Y plane comes first: luma for free); RGBA is
//! asked with `copyTo(…, { format: "RGBA" })`. The frame is closed on every path (RAII), and the
//! copy's promise is answered by two closures made once, so a copy allocates nothing in Rust.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use idv_core::frame::LumaRange;
use wasm_bindgen::prelude::*;
use web_sys::{
    HtmlVideoElement, PlaneLayout, VideoFrame, VideoFrameCopyToOptions, VideoPixelFormat,
};

use super::pacing::Signal;
use crate::dom;

/// Closes the frame when it goes out of scope: an unclosed `VideoFrame` pins a camera buffer
/// and stalls capture after a few frames.
struct ClosingFrame(VideoFrame);

impl Drop for ClosingFrame {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// What a copy put into the buffer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Layout {
    /// An 8-bit Y plane at `offset` with `stride` (followed by chroma, ignored).
    Luma {
        offset: u32,
        stride: u32,
        range: LumaRange,
    },
    /// Tightly packed RGBA (stride `4 * width`) at offset 0.
    Rgba,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Copied {
    pub(crate) layout: Layout,
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// `VideoFrame.timestamp`, microseconds.
    pub(crate) timestamp_us: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CopyError {
    /// The video has no frame yet (`InvalidStateError` from the constructor).
    NoFrame,
    /// This browser cannot copy this kind of frame (opaque GPU frames, no RGBA conversion).
    Unsupported(String),
    /// Wasm memory grew during the copy and the view went stale; the next frame will do.
    Detached,
    Failed(String),
}

#[derive(Default)]
struct Slot {
    result: RefCell<Option<Result<JsValue, JsValue>>>,
    signal: Signal,
}

struct Done<'a>(&'a Slot);

impl Future for Done<'_> {
    type Output = Result<JsValue, JsValue>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Some(result) = self.0.result.borrow_mut().take() {
            return Poll::Ready(result);
        }
        self.0.signal.register(cx);
        Poll::Pending
    }
}

type Settle = Closure<dyn FnMut(JsValue)>;

/// Reusable state of the `VideoFrame` path.
pub(crate) struct VideoFrameReader {
    pub(crate) buf: Vec<u8>,
    slot: Rc<Slot>,
    on_ok: Option<Settle>,
    on_err: Option<Settle>,
    rgba: VideoFrameCopyToOptions,
    /// A copy was started and its result not yet taken (the waiting future was dropped).
    in_flight: bool,
}

impl std::fmt::Debug for VideoFrameReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VideoFrameReader")
            .field("capacity", &self.buf.capacity())
            .finish_non_exhaustive()
    }
}

/// True when the browser has `VideoFrame` (WebCodecs).
pub(crate) fn available() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"VideoFrame".into()).unwrap_or(false)
}

fn is_8bit_yuv(format: VideoPixelFormat) -> bool {
    matches!(
        format,
        VideoPixelFormat::I420
            | VideoPixelFormat::I420a
            | VideoPixelFormat::I422
            | VideoPixelFormat::I422a
            | VideoPixelFormat::I444
            | VideoPixelFormat::I444a
            | VideoPixelFormat::Nv12
    )
}

impl VideoFrameReader {
    pub(crate) fn new() -> Self {
        let slot = Rc::new(Slot::default());
        let settle = |ok: bool| {
            let slot = Rc::clone(&slot);
            Closure::new(move |value: JsValue| {
                *slot.result.borrow_mut() = Some(if ok { Ok(value) } else { Err(value) });
                slot.signal.wake();
            })
        };
        let (on_ok, on_err) = (settle(true), settle(false));
        let rgba = VideoFrameCopyToOptions::new();
        rgba.set_format(VideoPixelFormat::Rgba);
        Self {
            buf: Vec::new(),
            slot,
            on_ok: Some(on_ok),
            on_err: Some(on_err),
            rgba,
            in_flight: false,
        }
    }

    /// Copies the video's current frame: its Y plane when `luma` and the frame is 8-bit YUV,
    /// else RGBA.
    pub(crate) async fn copy(
        &mut self,
        video: &HtmlVideoElement,
        luma: bool,
    ) -> Result<Copied, CopyError> {
        if self.in_flight {
            // A copy whose future was dropped: let it land before reusing the buffer.
            let _ = Done(&self.slot).await;
            self.in_flight = false;
        }
        let frame = ClosingFrame(VideoFrame::new_with_html_video_element(video).map_err(|e| {
            match dom::error_name(&e).as_deref() {
                Some("InvalidStateError") => CopyError::NoFrame,
                _ => CopyError::Unsupported(dom::error_message(&e)),
            }
        })?);
        let (width, height) = match frame.0.visible_rect() {
            Some(rect) => (rect.width() as u32, rect.height() as u32),
            None => (frame.0.display_width(), frame.0.display_height()),
        };
        if width == 0 || height == 0 {
            return Err(CopyError::NoFrame);
        }
        let yuv = luma && frame.0.format().is_some_and(is_8bit_yuv);
        let timestamp_us = frame.0.timestamp();
        // Cameras deliver limited range unless the frame says otherwise.
        let range = match yuv && frame.0.color_space().full_range() == Some(true) {
            true => LumaRange::Full,
            false => LumaRange::Limited,
        };
        let size = if yuv {
            frame.0.allocation_size()
        } else {
            frame.0.allocation_size_with_options(&self.rgba)
        }
        .map_err(|e| {
            CopyError::Unsupported(format!(
                "{}: {}",
                dom::error_name(&e).unwrap_or_default(),
                dom::error_message(&e)
            ))
        })?;
        let size = size as usize;
        if self.buf.len() < size {
            self.buf.resize(size, 0);
        }
        // A view of our buffer inside Wasm memory: the browser writes the pixels straight there.
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        let at = self.buf.as_mut_ptr() as usize as u32;
        let view =
            js_sys::Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), at, size as u32);
        let promise: js_sys::Promise = if yuv {
            frame.0.copy_to_with_buffer_source(&view).unchecked_into()
        } else {
            frame
                .0
                .copy_to_with_buffer_source_and_options(&view, &self.rgba)
                .unchecked_into()
        };
        let (Some(on_ok), Some(on_err)) = (&self.on_ok, &self.on_err) else {
            return Err(CopyError::Failed("reader closed".into()));
        };
        let _ = promise.then2(on_ok, on_err);
        self.in_flight = true;
        let result = Done(&self.slot).await;
        self.in_flight = false;
        drop(frame);
        let layouts = result.map_err(|e| match dom::error_name(&e).as_deref() {
            Some("NotSupportedError" | "TypeError") => {
                CopyError::Unsupported(dom::error_message(&e))
            }
            _ => CopyError::Failed(format!(
                "{}: {}",
                dom::error_name(&e).unwrap_or_default(),
                dom::error_message(&e)
            )),
        })?;
        if view.byte_length() == 0 {
            return Err(CopyError::Detached);
        }
        let layout = if yuv {
            let first: PlaneLayout = layouts
                .unchecked_into::<js_sys::Array>()
                .get(0)
                .unchecked_into();
            let (offset, stride) = (first.get_offset(), first.get_stride());
            let end =
                u64::from(offset) + u64::from(stride) * u64::from(height - 1) + u64::from(width);
            if stride < width || end > size as u64 {
                return Err(CopyError::Failed(format!(
                    "unexpected Y plane layout: offset {offset}, stride {stride}"
                )));
            }
            Layout::Luma {
                offset,
                stride,
                range,
            }
        } else {
            Layout::Rgba
        };
        Ok(Copied {
            layout,
            width,
            height,
            timestamp_us,
        })
    }
}

impl Drop for VideoFrameReader {
    fn drop(&mut self) {
        if self.in_flight {
            // The browser may still write into the buffer and call back: leak both rather than
            // let it write into freed memory or call a dropped closure.
            std::mem::forget(std::mem::take(&mut self.buf));
            if let Some(c) = self.on_ok.take() {
                c.forget();
            }
            if let Some(c) = self.on_err.take() {
                c.forget();
            }
        }
    }
}
