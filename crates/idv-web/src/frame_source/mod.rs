//! Frames from the live video into Wasm memory: `VideoFrame.copyTo` where available, canvas
//! `getImageData` as the fallback, paced by the video, with back-pressure.
//!
//! ```text
//! video ──requestVideoFrameCallback──▶ Pacer (counts presented frames, wakes the reader)
//!                                        │
//! FrameSource::next(&mut self) ──────────┘ waits for a frame newer than the last one delivered,
//!     │                                    then copies the video's current frame:
//!     ├─ VideoFrame + copyTo ─▶ Y plane (I420/NV12 as delivered) or RGBA ─┐
//!     └─ canvas drawImage + getImageData ─▶ RGBA ─────────────────────────┴▶ SourceFrame<'_>
//! ```
//!
//! Back-pressure: `next` takes `&mut self` and the frame borrows the source, so at most one frame
//! is in flight. Frames the video presents while the consumer is busy are not queued: they are
//! skipped and counted in [`FrameStats::dropped`]. Buffers are reused; after the first frame of
//! a size nothing is allocated in Rust per frame.

mod pacing;
mod video_frame;

use std::rc::Rc;

use idv_core::frame::{FrameError, LumaRange, RgbaFrame, YPlane};
use serde::Serialize;
use web_sys::HtmlVideoElement;

use crate::canvas_reader::{CanvasFrameReader, ReadError};

pub use pacing::Pacing;
use pacing::{Pacer, Ticks};
use video_frame::{CopyError, Layout, VideoFrameReader};

/// Which way pixels leave the video.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FramePath {
    /// `new VideoFrame(video)` + `copyTo()`.
    VideoFrame,
    /// `drawImage` + `getImageData` on a 2D canvas.
    Canvas,
}

/// Which path to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PathChoice {
    /// `VideoFrame` where the browser has it and can copy the camera's frames, else canvas.
    #[default]
    Auto,
    /// Only `VideoFrame`; an error where it cannot work.
    VideoFrame,
    /// Only the canvas.
    Canvas,
}

/// What the consumer wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PixelFormat {
    /// The Y plane where the frame is YUV (zero conversion); RGBA otherwise (canvas path, RGB
    /// cameras).
    #[default]
    Luma,
    /// Always RGBA (`copyTo` with `format: "RGBA"`, or the canvas).
    Rgba,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FrameSourceOptions {
    pub path: PathChoice,
    pub pixels: PixelFormat,
    pub pacing: Pacing,
}

/// The pixels of one frame, borrowed from the source's buffer.
#[derive(Debug, Clone, Copy)]
pub enum Pixels<'a> {
    /// An 8-bit luma plane as the camera delivered it; `range` says whether it must be expanded
    /// (limited range: black 16, white 235).
    Luma { plane: YPlane<'a>, range: LumaRange },
    /// RGBA8.
    Rgba(RgbaFrame<'a>),
}

/// Where a frame came from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FrameInfo {
    /// 1, 2, 3 … per source, one per delivered frame.
    pub seq: u64,
    /// The frame's media timestamp in microseconds (`VideoFrame.timestamp`, or the video frame
    /// callback's `mediaTime`, or the element's `currentTime`).
    pub timestamp_us: f64,
    pub width: u32,
    pub height: u32,
    pub path: FramePath,
}

/// One frame: valid until the next call on the source.
#[derive(Debug, Clone, Copy)]
pub struct SourceFrame<'a> {
    pub info: FrameInfo,
    pub pixels: Pixels<'a>,
    /// The bytes behind `pixels`: for luma, from the first Y sample on, `stride` bytes per row
    /// (the last row may end at `width`); for RGBA, the packed pixels (`stride = 4 * width`).
    pub raw: &'a [u8],
    pub stride: u32,
}

/// Counters of a source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FrameStats {
    /// Frames handed to the consumer.
    pub delivered: u64,
    /// Frames the video presented that were never delivered because the consumer was busy
    /// (exact with video frame callbacks; not counted with animation frames).
    pub dropped: u64,
    /// Ticks that found no new frame (animation-frame pacing on the `VideoFrame` path).
    pub repeated: u64,
    /// Times the `VideoFrame` path failed and the canvas took over.
    pub fallbacks: u64,
}

/// Why a frame could not be delivered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FrameSourceError {
    /// The video has no frame yet.
    #[error("the video has no frame yet")]
    NoFrame,
    /// The chosen path does not work in this browser.
    #[error("frame path unavailable: {0}")]
    Unsupported(String),
    /// `copyTo` failed.
    #[error("VideoFrame.copyTo failed: {0}")]
    Copy(String),
    #[error(transparent)]
    Canvas(#[from] ReadError),
    #[error(transparent)]
    Frame(#[from] FrameError),
    /// The source was stopped, or its video ended.
    #[error("the frame source stopped")]
    Stopped,
}

/// Stops a running [`FrameSource`] from elsewhere (a waiting `next` returns `Stopped`).
#[derive(Debug, Clone)]
pub struct Stopper(Rc<Ticks>);

impl Stopper {
    pub fn stop(&self) {
        self.0.stop();
    }
}

#[derive(Debug, Clone, Copy)]
enum Current {
    None,
    VideoFrame(video_frame::Copied),
    Canvas,
}

/// Frames of a playing `<video>` (a camera preview) into Wasm memory.
#[derive(Debug)]
pub struct FrameSource {
    video: HtmlVideoElement,
    options: FrameSourceOptions,
    pacer: Pacer,
    /// `None` once the `VideoFrame` path is known not to work here.
    vf: Option<VideoFrameReader>,
    canvas: Option<CanvasFrameReader>,
    current: Current,
    /// `presented` count of the last frame delivered (0: none yet).
    last_presented: u64,
    last_timestamp: Option<f64>,
    seq: u64,
    stats: FrameStats,
}

impl FrameSource {
    /// A source on `video`, which must be playing (or about to) a camera stream.
    pub fn new(
        video: &HtmlVideoElement,
        options: FrameSourceOptions,
    ) -> Result<Self, FrameSourceError> {
        let vf = match options.path {
            PathChoice::Canvas => None,
            _ if video_frame::available() => Some(VideoFrameReader::new()),
            PathChoice::VideoFrame => {
                return Err(FrameSourceError::Unsupported(
                    "no VideoFrame in this browser".into(),
                ));
            }
            PathChoice::Auto => None,
        };
        Ok(Self {
            video: video.clone(),
            options,
            pacer: Pacer::start(video, options.pacing),
            vf,
            canvas: None,
            current: Current::None,
            last_presented: 0,
            last_timestamp: None,
            seq: 0,
            stats: FrameStats::default(),
        })
    }

    /// The path frames currently take.
    pub fn path(&self) -> FramePath {
        if self.vf.is_some() {
            FramePath::VideoFrame
        } else {
            FramePath::Canvas
        }
    }

    /// How frames are paced (`Auto` resolved).
    pub fn pacing(&self) -> Pacing {
        self.pacer.kind()
    }

    pub fn stats(&self) -> FrameStats {
        self.stats
    }

    /// A handle that stops this source from elsewhere.
    pub fn stopper(&self) -> Stopper {
        Stopper(Rc::clone(&self.pacer.ticks))
    }

    /// Waits for a frame newer than the last one delivered and copies it. Frames presented
    /// since the last call, except the newest, are counted as dropped.
    pub async fn next(&mut self) -> Result<SourceFrame<'_>, FrameSourceError> {
        loop {
            let presented = self
                .pacer
                .after(self.last_presented)
                .await
                .ok_or(FrameSourceError::Stopped)?;
            if self.last_presented > 0 && self.pacer.kind() == Pacing::VideoFrameCallback {
                self.stats.dropped += presented.saturating_sub(self.last_presented + 1);
            }
            self.last_presented = presented;
            match self.fill().await {
                Ok(true) => break,
                Ok(false) => self.stats.repeated += 1,
                // Not yet playing, or a stale view after memory growth: wait for the next one.
                Err(FrameSourceError::NoFrame) => {}
                Err(e) => return Err(e),
            }
        }
        self.view()
    }

    /// Copies the video's current frame now, without waiting for a new one (benchmarks, a
    /// single still).
    pub async fn grab(&mut self) -> Result<SourceFrame<'_>, FrameSourceError> {
        self.fill().await?;
        self.view()
    }

    /// Copies the current frame into the buffers; `false` when it is the frame already
    /// delivered.
    async fn fill(&mut self) -> Result<bool, FrameSourceError> {
        if let Some(vf) = self.vf.as_mut() {
            match vf
                .copy(&self.video, self.options.pixels == PixelFormat::Luma)
                .await
            {
                Ok(copied) => {
                    // The buffer now holds this copy, new or not.
                    self.current = Current::VideoFrame(copied);
                    let fresh = self.last_timestamp != Some(copied.timestamp_us);
                    self.last_timestamp = Some(copied.timestamp_us);
                    return Ok(fresh);
                }
                Err(CopyError::NoFrame | CopyError::Detached) => {
                    return Err(FrameSourceError::NoFrame);
                }
                Err(CopyError::Unsupported(_)) if self.options.path == PathChoice::Auto => {
                    // This browser cannot copy these frames: the canvas takes over for good.
                    self.vf = None;
                    self.stats.fallbacks += 1;
                }
                Err(CopyError::Unsupported(why)) => return Err(FrameSourceError::Unsupported(why)),
                Err(CopyError::Failed(why)) => return Err(FrameSourceError::Copy(why)),
            }
        }
        if self.canvas.is_none() {
            self.canvas = Some(CanvasFrameReader::new()?);
        }
        self.current = Current::Canvas;
        Ok(true)
    }

    fn timestamp_now(&self) -> f64 {
        match self.pacer.ticks.media_time.get() {
            Some(t) => t * 1e6,
            None => self.video.current_time() * 1e6,
        }
    }

    /// The frame `fill` prepared (the canvas path reads it here).
    fn view(&mut self) -> Result<SourceFrame<'_>, FrameSourceError> {
        let seq = self.seq + 1;
        match self.current {
            Current::VideoFrame(c) => {
                let buf = self.vf.as_ref().map_or(&[][..], |vf| &vf.buf[..]);
                let info = FrameInfo {
                    seq,
                    timestamp_us: c.timestamp_us,
                    width: c.width,
                    height: c.height,
                    path: FramePath::VideoFrame,
                };
                let (pixels, raw, stride) = match c.layout {
                    Layout::Luma {
                        offset,
                        stride,
                        range,
                    } => {
                        let end = u64::from(stride) * u64::from(c.height - 1) + u64::from(c.width);
                        let raw = buf
                            .get(offset as usize..)
                            .and_then(|b| b.get(..end as usize))
                            .unwrap_or(&[]);
                        (
                            Pixels::Luma {
                                plane: YPlane::new(raw, c.width, c.height, stride)?,
                                range,
                            },
                            raw,
                            stride,
                        )
                    }
                    Layout::Rgba => {
                        let len = usize::try_from(u64::from(c.width) * u64::from(c.height) * 4)
                            .map_err(|_| FrameError::TooLarge {
                                width: c.width,
                                height: c.height,
                                max: RgbaFrame::MAX_SIDE,
                            })?;
                        let raw = buf.get(..len).unwrap_or(&[]);
                        (
                            Pixels::Rgba(RgbaFrame::new(raw, c.width, c.height)?),
                            raw,
                            c.width * 4,
                        )
                    }
                };
                self.seq = seq;
                self.stats.delivered += 1;
                Ok(SourceFrame {
                    info,
                    pixels,
                    raw,
                    stride,
                })
            }
            Current::Canvas => {
                let timestamp_us = self.timestamp_now();
                let canvas = self.canvas.as_mut().ok_or(FrameSourceError::NoFrame)?;
                let frame = canvas.read(&self.video).map_err(|e| match e {
                    ReadError::NoFrame => FrameSourceError::NoFrame,
                    e => FrameSourceError::Canvas(e),
                })?;
                let info = FrameInfo {
                    seq,
                    timestamp_us,
                    width: frame.width(),
                    height: frame.height(),
                    path: FramePath::Canvas,
                };
                self.seq = seq;
                self.stats.delivered += 1;
                Ok(SourceFrame {
                    info,
                    pixels: Pixels::Rgba(frame),
                    raw: frame.data(),
                    stride: frame.width() * 4,
                })
            }
            Current::None => Err(FrameSourceError::NoFrame),
        }
    }
}
