//! `FrameSource` for JS: frames of a `<video>` into Wasm memory, handed to a callback as a
//! `Uint8Array` view (no copy) that is valid until the callback returns.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use idv_core::frame::LumaRange;
use idv_web::frame_source::{
    FramePath, FrameSource, FrameSourceError, FrameSourceOptions, FrameStats, Pacing, PathChoice,
    PixelFormat, Pixels, SourceFrame, Stopper,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise, spawn_local};
use web_sys::HtmlVideoElement;

use crate::convert::Fields;

fn parse_options(value: &JsValue) -> Result<FrameSourceOptions, JsError> {
    const CONTEXT: &str = "FrameSource";
    let f = Fields::new(value, CONTEXT)?;
    let wrong =
        |key: &str, allowed: &str| JsError::new(&format!("{CONTEXT}: `{key}` must be {allowed}"));
    let path = match f.string("path")?.as_deref() {
        None | Some("auto") => PathChoice::Auto,
        Some("videoFrame") => PathChoice::VideoFrame,
        Some("canvas") => PathChoice::Canvas,
        Some(_) => return Err(wrong("path", "\"auto\", \"videoFrame\" or \"canvas\"")),
    };
    let pixels = match f.string("pixels")?.as_deref() {
        None | Some("luma") => PixelFormat::Luma,
        Some("rgba") => PixelFormat::Rgba,
        Some(_) => return Err(wrong("pixels", "\"luma\" or \"rgba\"")),
    };
    let pacing = match f.string("pacing")?.as_deref() {
        None | Some("auto") => Pacing::Auto,
        Some("videoFrameCallback") => Pacing::VideoFrameCallback,
        Some("animationFrame") => Pacing::AnimationFrame,
        Some(_) => {
            return Err(wrong(
                "pacing",
                "\"auto\", \"videoFrameCallback\" or \"animationFrame\"",
            ));
        }
    };
    Ok(FrameSourceOptions {
        path,
        pixels,
        pacing,
    })
}

fn path_name(path: FramePath) -> &'static str {
    match path {
        FramePath::VideoFrame => "videoFrame",
        FramePath::Canvas => "canvas",
    }
}

fn pacing_name(pacing: Pacing) -> &'static str {
    match pacing {
        Pacing::VideoFrameCallback => "videoFrameCallback",
        Pacing::AnimationFrame => "animationFrame",
        Pacing::Auto => "auto",
    }
}

fn source_error(e: &FrameSourceError) -> JsValue {
    let error = js_sys::Error::new(&e.to_string());
    error.set_name("FrameSourceError");
    let code = match e {
        FrameSourceError::NoFrame => "noFrame",
        FrameSourceError::Unsupported(_) => "unsupported",
        FrameSourceError::Stopped => "stopped",
        _ => "failed",
    };
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    error.into()
}

/// The frame as a JS object. `copy`: the pixels in a fresh `Uint8Array`; otherwise a view of
/// Wasm memory, valid only until control returns to the source.
fn frame_object(frame: &SourceFrame<'_>, copy: bool) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &k.into(), v).map(drop);
    set("seq", &(frame.info.seq as f64).into())?;
    set("timestampUs", &frame.info.timestamp_us.into())?;
    set("width", &frame.info.width.into())?;
    set("height", &frame.info.height.into())?;
    set("path", &path_name(frame.info.path).into())?;
    set("stride", &frame.stride.into())?;
    match frame.pixels {
        Pixels::Luma { range, .. } => {
            set("format", &"luma".into())?;
            set(
                "range",
                &(if range == LumaRange::Limited {
                    "limited"
                } else {
                    "full"
                })
                .into(),
            )?;
        }
        Pixels::Rgba(_) => set("format", &"rgba".into())?,
    }
    let data = if copy {
        js_sys::Uint8Array::from(frame.raw)
    } else {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        let at = frame.raw.as_ptr() as usize as u32;
        js_sys::Uint8Array::new_with_byte_offset_and_length(
            &memory.buffer(),
            at,
            frame.raw.len() as u32,
        )
    };
    set("data", &data)?;
    Ok(out.into())
}

fn stats_object(stats: FrameStats, path: FramePath, pacing: Pacing) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &k.into(), v).map(drop);
    set("delivered", &(stats.delivered as f64).into())?;
    set("dropped", &(stats.dropped as f64).into())?;
    set("repeated", &(stats.repeated as f64).into())?;
    set("fallbacks", &(stats.fallbacks as f64).into())?;
    set("path", &path_name(path).into())?;
    set("pacing", &pacing_name(pacing).into())?;
    Ok(out.into())
}

struct Shared {
    video: HtmlVideoElement,
    options: FrameSourceOptions,
    /// The source when idle; the running loop (or a pending `next`/`grab`) holds it otherwise.
    source: RefCell<Option<FrameSource>>,
    stopper: RefCell<Option<Stopper>>,
    stats: Cell<(FrameStats, FramePath, Pacing)>,
}

impl Shared {
    fn take(&self) -> Result<FrameSource, JsValue> {
        if let Some(source) = self.source.borrow_mut().take() {
            return Ok(source);
        }
        if self.stopper.borrow().is_some() {
            return Err(
                JsError::new("FrameSource: busy (running, or a next()/grab() is pending)").into(),
            );
        }
        let source = FrameSource::new(&self.video, self.options).map_err(|e| source_error(&e))?;
        *self.stopper.borrow_mut() = Some(source.stopper());
        Ok(source)
    }

    fn give_back(&self, source: FrameSource) {
        self.stats
            .set((source.stats(), source.path(), source.pacing()));
        *self.source.borrow_mut() = Some(source);
    }
}

/// Frames of a playing `<video>` in Wasm memory, paced by the video
/// (`requestVideoFrameCallback`, else `requestAnimationFrame`), one at a time: frames that
/// arrive while the callback (or the promise it returns) is busy are skipped and counted.
#[wasm_bindgen(js_name = "FrameSource")]
pub struct JsFrameSource {
    shared: Rc<Shared>,
}

impl std::fmt::Debug for JsFrameSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrameSource").finish_non_exhaustive()
    }
}

#[wasm_bindgen(js_class = "FrameSource")]
impl JsFrameSource {
    /// A source on `video` (which plays a camera stream).
    #[wasm_bindgen(constructor)]
    pub fn new(
        video: HtmlVideoElement,
        #[wasm_bindgen(unchecked_param_type = "FrameSourceOptions | undefined")] options: JsValue,
    ) -> Result<JsFrameSource, JsError> {
        let options = parse_options(&options)?;
        let stats = (FrameStats::default(), FramePath::Canvas, options.pacing);
        let shared = Shared {
            video,
            options,
            source: RefCell::new(None),
            stopper: RefCell::new(None),
            stats: Cell::new(stats),
        };
        Ok(JsFrameSource {
            shared: Rc::new(shared),
        })
    }

    /// Calls `callback(frame)` for every new frame until the returned function (or `stop()`) is
    /// called. `frame.data` is a view of Wasm memory: read it inside the callback (copy with
    /// `.slice()` to keep it). A callback returning a promise holds the next frame until it
    /// settles. `onError(error)` is called when the source fails (the loop then ends).
    #[wasm_bindgen(unchecked_return_type = "() => void")]
    pub fn start(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(frame: SourceFrame) => void | Promise<void>")]
        callback: js_sys::Function,
        #[wasm_bindgen(unchecked_param_type = "((error: Error) => void) | undefined")]
        on_error: Option<js_sys::Function>,
    ) -> Result<js_sys::Function, JsValue> {
        let mut source = self.shared.take()?;
        let stopper = source.stopper();
        let shared = Rc::clone(&self.shared);
        spawn_local(async move {
            loop {
                let frame = match source.next().await {
                    Ok(frame) => frame,
                    Err(FrameSourceError::Stopped) => break,
                    Err(e) => {
                        if let Some(on_error) = &on_error {
                            let _ = on_error.call1(&JsValue::NULL, &source_error(&e));
                        }
                        break;
                    }
                };
                let returned =
                    frame_object(&frame, false).and_then(|f| callback.call1(&JsValue::NULL, &f));
                match returned {
                    Ok(value) if value.has_type::<js_sys::Promise>() => {
                        let _ = JsFuture::from(js_sys::Promise::from(value)).await;
                    }
                    Ok(_) => {}
                    Err(error) => {
                        if let Some(on_error) = &on_error {
                            let _ = on_error.call1(&JsValue::NULL, &error);
                        }
                    }
                }
                shared
                    .stats
                    .set((source.stats(), source.path(), source.pacing()));
            }
            shared
                .stats
                .set((source.stats(), source.path(), source.pacing()));
            // A stopped source is done; the next start() makes a fresh one.
            shared.stopper.borrow_mut().take();
        });
        let stop = Closure::<dyn FnMut()>::new(move || stopper.stop());
        Ok(stop.into_js_value().unchecked_into())
    }

    /// Stops `start()`'s loop (the callback is not called again).
    pub fn stop(&self) {
        if let Some(stopper) = self.shared.stopper.borrow_mut().take() {
            stopper.stop();
        }
        self.shared.source.borrow_mut().take();
    }

    /// The next new frame, with its pixels copied into a fresh `Uint8Array`.
    #[wasm_bindgen(unchecked_return_type = "Promise<SourceFrame>")]
    pub fn next(&self) -> Result<js_sys::Promise, JsValue> {
        let mut source = self.shared.take()?;
        let shared = Rc::clone(&self.shared);
        Ok(future_to_promise(async move {
            let result = match source.next().await {
                Ok(frame) => frame_object(&frame, true),
                Err(e) => Err(source_error(&e)),
            };
            shared.give_back(source);
            result
        }))
    }

    /// Copies the video's current frame now (no pacing, no duplicate check) and reports how
    /// long the acquisition took inside Wasm (`acquireMs`). With `{ pixels: false }` the pixels
    /// are not copied out (benchmarks).
    #[wasm_bindgen(unchecked_return_type = "Promise<GrabbedFrame>")]
    pub fn grab(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ pixels?: boolean } | undefined")] options: JsValue,
    ) -> Result<js_sys::Promise, JsValue> {
        let with_pixels = Fields::new(&options, "FrameSource.grab")?
            .bool("pixels")?
            .unwrap_or(true);
        let mut source = self.shared.take()?;
        let shared = Rc::clone(&self.shared);
        let performance = web_sys::window().and_then(|w| w.performance());
        Ok(future_to_promise(async move {
            let now = || {
                performance
                    .as_ref()
                    .map_or_else(js_sys::Date::now, web_sys::Performance::now)
            };
            let start = now();
            let result = match source.grab().await {
                Ok(frame) => {
                    let ms = now() - start;
                    frame_object(&frame, with_pixels).and_then(|o| {
                        if !with_pixels {
                            js_sys::Reflect::set(&o, &"data".into(), &JsValue::NULL)?;
                        }
                        js_sys::Reflect::set(&o, &"acquireMs".into(), &ms.into())?;
                        Ok(o)
                    })
                }
                Err(e) => Err(source_error(&e)),
            };
            shared.give_back(source);
            result
        }))
    }

    /// `{ delivered, dropped, repeated, fallbacks, path, pacing }`.
    #[wasm_bindgen(unchecked_return_type = "FrameSourceStats")]
    pub fn stats(&self) -> Result<JsValue, JsValue> {
        if let Some(source) = self.shared.source.borrow().as_ref() {
            return stats_object(source.stats(), source.path(), source.pacing());
        }
        let (stats, path, pacing) = self.shared.stats.get();
        stats_object(stats, path, pacing)
    }
}

impl Drop for JsFrameSource {
    fn drop(&mut self) {
        if let Some(stopper) = self.shared.stopper.borrow_mut().take() {
            stopper.stop();
        }
    }
}
