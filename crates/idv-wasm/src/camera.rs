//! The camera, microphone, preflight and frame source for JS.
//!
//! - `Camera`: open (with resolution fallback), `switchTo`, `setTorch`, `stop`, device lists,
//!   events into an `EventStream`.
//! - `MicrophoneMeter`: RMS/peak level in dBFS and silence.
//! - `preflight()`: camera and microphone checks as `diagnostic` events and a report.
//! - `FrameSource`: frames of a `<video>` into Wasm memory (`VideoFrame.copyTo` or canvas).
//!
//! Device failures reject with an `Error` whose `name` is `"CameraError"` and whose `code` is
//! the `deviceError` kind (`notAllowed`, `notFound`, `notReadable`, `overconstrained`, …).

mod frames;
mod media;

use idv_core::events::MediaDevice;
use idv_web::camera::{Camera, CameraError, CameraOptions, FacingMode, SizeMode, SwitchTarget};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::convert::{Fields, to_js};
use crate::stream::JsEventStream;

pub use frames::JsFrameSource;
use media::run_preflight;
pub use media::{JsMicrophoneMeter, preflight};

/// A typed JS error: `Error` with `name = "CameraError"`, `code`, `device` and `constraint`.
pub(crate) fn camera_error(error: &CameraError, device: MediaDevice) -> JsValue {
    let e = js_sys::Error::new(&error.explanation(device));
    e.set_name("CameraError");
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&e, &k.into(), v);
    };
    set("code", &error.code().into());
    set(
        "device",
        &match device {
            MediaDevice::Microphone => "microphone",
            _ => "camera",
        }
        .into(),
    );
    if let Some(constraint) = error.constraint() {
        set("constraint", &constraint.into());
    }
    e.into()
}

fn facing(name: Option<String>, context: &str) -> Result<Option<FacingMode>, JsError> {
    name.map(|n| {
        FacingMode::from_name(&n).ok_or_else(|| {
            JsError::new(&format!(
                "{context}: `facingMode` must be \"user\" or \"environment\", got {n:?}"
            ))
        })
    })
    .transpose()
}

fn camera_options(value: &JsValue) -> Result<CameraOptions, JsError> {
    const CONTEXT: &str = "Camera.open";
    let f = Fields::new(value, CONTEXT)?;
    let mut o = CameraOptions::default();
    if let Some(raw) = f.raw("facingMode") {
        o.facing = if raw.is_null() {
            None
        } else {
            facing(f.string("facingMode")?, CONTEXT)?
        };
    }
    if let Some(w) = f.count("width")? {
        o.width = Some(w);
    }
    if let Some(h) = f.count("height")? {
        o.height = Some(h);
    }
    if f.bool("exact")?.unwrap_or(false) {
        o.size_mode = SizeMode::Exact;
    }
    o.fallback = f.bool("fallback")?.unwrap_or(o.fallback);
    o.persist_size = f.bool("persistSize")?.unwrap_or(o.persist_size);
    if let Some(fps) = f.raw("frameRate") {
        let fps = fps
            .as_f64()
            .filter(|v| v.is_finite() && *v > 0.0)
            .ok_or_else(|| JsError::new("Camera.open: `frameRate` must be a positive number"))?;
        o.frame_rate = Some(fps);
    }
    o.device_id = f.string("deviceId")?;
    o.audio = f.bool("audio")?.unwrap_or(false);
    Ok(o)
}

fn switch_target(value: &JsValue) -> Result<SwitchTarget, JsError> {
    const CONTEXT: &str = "Camera.switchTo";
    if value.as_string().as_deref() == Some("next") {
        return Ok(SwitchTarget::Next);
    }
    let f = Fields::new(value, CONTEXT)?;
    if let Some(id) = f.string("deviceId")? {
        return Ok(SwitchTarget::Device(id));
    }
    if let Some(mode) = facing(f.string("facingMode")?, CONTEXT)? {
        return Ok(SwitchTarget::Facing(mode));
    }
    Err(JsError::new(
        "Camera.switchTo: expected \"next\", { deviceId } or { facingMode }",
    ))
}

/// Runs `future` as a Promise that rejects with a `CameraError`.
fn camera_promise<T: serde::Serialize>(
    future: impl Future<Output = Result<T, CameraError>> + 'static,
    device: MediaDevice,
) -> js_sys::Promise {
    future_to_promise(async move {
        match future.await {
            Ok(value) => to_js(&value).map_err(JsValue::from),
            Err(e) => Err(camera_error(&e, device)),
        }
    })
}

/// The camera: one open stream at a time, resolution fallback that remembers what worked,
/// device switching that stops the old tracks first, torch, and `cameraStarted` /
/// `cameraStopped` / `deviceError` events into an attached stream. `stop()` (or garbage
/// collection, or `free()`) stops the tracks.
#[wasm_bindgen(js_name = "Camera")]
#[derive(Debug)]
pub struct JsCamera {
    inner: Camera,
}

impl Default for JsCamera {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen(js_class = "Camera")]
impl JsCamera {
    /// A closed camera; `open()` asks the browser.
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsCamera {
        JsCamera {
            inner: Camera::new(),
        }
    }

    /// Reports the camera's events into `stream` from now on.
    pub fn attach(&self, stream: &JsEventStream) {
        self.inner.set_events(Some(stream.inner.clone()));
    }

    /// Stops reporting events.
    pub fn detach(&self) {
        self.inner.set_events(None);
    }

    /// Opens the camera (stopping the open one first). Rejects with a `CameraError`.
    #[wasm_bindgen(unchecked_return_type = "Promise<CameraInfo>")]
    pub fn open(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CameraOpenOptions | undefined")] options: JsValue,
    ) -> Result<js_sys::Promise, JsError> {
        let options = camera_options(&options)?;
        let camera = self.inner.clone();
        Ok(camera_promise(
            async move { camera.open(options).await },
            MediaDevice::Camera,
        ))
    }

    /// Opens another camera: `"next"`, `{ deviceId }` or `{ facingMode }`. The open camera's
    /// tracks are stopped before the new one is asked for.
    #[wasm_bindgen(js_name = "switchTo", unchecked_return_type = "Promise<CameraInfo>")]
    pub fn switch_to(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SwitchTarget")] target: JsValue,
    ) -> Result<js_sys::Promise, JsError> {
        let target = switch_target(&target)?;
        let camera = self.inner.clone();
        Ok(camera_promise(
            async move { camera.switch_to(target).await },
            MediaDevice::Camera,
        ))
    }

    /// Switches the torch (rejects with code `torchUnsupported` where there is none).
    #[wasm_bindgen(js_name = "setTorch", unchecked_return_type = "Promise<void>")]
    pub fn set_torch(&self, on: bool) -> js_sys::Promise {
        let camera = self.inner.clone();
        future_to_promise(async move {
            camera
                .set_torch(on)
                .await
                .map(|()| JsValue::UNDEFINED)
                .map_err(|e| camera_error(&e, MediaDevice::Camera))
        })
    }

    /// Stops the camera (and cancels an `open` in progress).
    pub fn stop(&self) {
        self.inner.stop();
    }

    /// True while the camera delivers.
    #[wasm_bindgen(getter)]
    pub fn live(&self) -> bool {
        self.inner.is_live()
    }

    /// What the open camera delivers, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "CameraInfo | null")]
    pub fn info(&self) -> Result<JsValue, JsError> {
        match self.inner.info() {
            Some(info) => to_js(&info),
            None => Ok(JsValue::NULL),
        }
    }

    /// Mirror the preview (front camera). The analysed frames are never mirrored.
    #[wasm_bindgen(getter)]
    pub fn mirrored(&self) -> bool {
        self.inner.mirrored()
    }

    /// The open camera has a torch.
    #[wasm_bindgen(getter, js_name = "torchSupported")]
    pub fn torch_supported(&self) -> bool {
        self.inner.torch_supported()
    }

    /// The open stream (for `video.srcObject`), or `null`.
    #[wasm_bindgen(
        getter,
        js_name = "mediaStream",
        unchecked_return_type = "MediaStream | null"
    )]
    pub fn media_stream(&self) -> JsValue {
        self.inner
            .media_stream()
            .map_or(JsValue::NULL, JsValue::from)
    }

    /// Sets (or clears) `transform: scaleX(-1)` on the preview element.
    #[wasm_bindgen(js_name = "applyMirror")]
    pub fn apply_mirror(
        &self,
        #[wasm_bindgen(unchecked_param_type = "HTMLElement")] element: JsValue,
    ) {
        if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
            self.inner.apply_mirror(element);
        }
    }

    /// Every camera, microphone and speaker (labels and ids are empty before permission).
    #[wasm_bindgen(
        js_name = "listDevices",
        unchecked_return_type = "Promise<MediaDeviceSummary[]>"
    )]
    pub fn list_devices() -> js_sys::Promise {
        camera_promise(idv_web::camera::list_devices(), MediaDevice::Camera)
    }

    /// The cameras only.
    #[wasm_bindgen(
        js_name = "listCameras",
        unchecked_return_type = "Promise<MediaDeviceSummary[]>"
    )]
    pub fn list_cameras() -> js_sys::Promise {
        camera_promise(idv_web::camera::list_cameras(), MediaDevice::Camera)
    }

    /// Stops this camera (a second `getUserMedia` beside it fails on many phones), then runs
    /// `preflight(options)` reporting every check as a `diagnostic` event into the attached
    /// stream.
    #[wasm_bindgen(unchecked_return_type = "Promise<PreflightReport>")]
    pub fn preflight(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PreflightOptions | undefined")] options: JsValue,
    ) -> Result<js_sys::Promise, JsError> {
        self.inner.stop();
        run_preflight(&options, self.inner.events())
    }

    /// Forgets the sizes the resolution fallback remembered (memory and sessionStorage).
    #[wasm_bindgen(js_name = "forgetSizes")]
    pub fn forget_sizes() {
        idv_web::camera::forget_remembered_sizes();
    }
}
