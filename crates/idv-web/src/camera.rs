//! The camera: opening it with constraints, typed failures, and a handle that stops its tracks.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MediaStream, MediaStreamTrack, MediaStreamTrackState};

use crate::dom;

/// Which way the camera should face. Browsers treat this as a preference (`ideal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacingMode {
    /// The selfie camera.
    User,
    /// The back camera, for documents.
    Environment,
}

impl FacingMode {
    fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Environment => "environment",
        }
    }
}

/// What to ask `getUserMedia` for. Sizes and rate are `ideal` values: the browser picks the
/// nearest it can deliver and the caller reads the real settings from the track.
#[derive(Debug, Clone, PartialEq)]
pub struct CameraOptions {
    pub facing: Option<FacingMode>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub frame_rate: Option<f64>,
    /// An exact device, from device enumeration.
    pub device_id: Option<String>,
    /// Also open the microphone in the same stream.
    pub audio: bool,
}

impl Default for CameraOptions {
    fn default() -> Self {
        Self {
            facing: Some(FacingMode::User),
            width: Some(1280),
            height: Some(720),
            frame_rate: None,
            device_id: None,
            audio: false,
        }
    }
}

/// Why the camera could not be opened, mapped from the browser's `DOMException` names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CameraError {
    /// `NotAllowedError` / `SecurityError`: the user or the page's policy refused.
    #[error("camera permission denied ({name})")]
    PermissionDenied { name: String },
    /// `NotFoundError`: no camera (or microphone) matches.
    #[error("no camera or microphone found")]
    NoDevice,
    /// `NotReadableError`: the device exists but another application holds it or it failed.
    #[error("the camera is in use or could not be started")]
    InUse,
    /// `OverconstrainedError`: no device can satisfy the named constraint.
    #[error("no camera satisfies the constraint `{constraint}`")]
    UnsupportedConstraint { constraint: String },
    /// No `navigator.mediaDevices`: an insecure context (plain http off localhost) or an old
    /// WebView.
    #[error("camera unavailable: {reason}")]
    Unavailable { reason: &'static str },
    /// `AbortError` and anything not listed above, with the browser's own name and message.
    #[error("camera failed: {name}: {message}")]
    Other { name: String, message: String },
}

impl CameraError {
    /// Maps a value thrown by `getUserMedia` to its typed error.
    pub fn from_js(err: &JsValue) -> Self {
        let name = dom::error_name(err).unwrap_or_default();
        match name.as_str() {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => {
                Self::PermissionDenied { name }
            }
            "NotFoundError" | "DevicesNotFoundError" => Self::NoDevice,
            "NotReadableError" | "TrackStartError" => Self::InUse,
            "OverconstrainedError" | "ConstraintNotSatisfiedError" => {
                let constraint = js_sys::Reflect::get(err, &"constraint".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                Self::UnsupportedConstraint { constraint }
            }
            _ => Self::Other { name, message: dom::error_message(err) },
        }
    }
}

/// An open camera (and optionally microphone). Dropping it stops every track, so the camera
/// indicator goes off even when the caller forgets to clean up.
#[derive(Debug)]
#[must_use = "dropping the stream stops the camera at once"]
pub struct CameraStream {
    stream: MediaStream,
}

impl CameraStream {
    /// Asks the browser for the camera. Prompts the user when permission is not yet decided.
    pub async fn open(options: &CameraOptions) -> Result<Self, CameraError> {
        let window = dom::window().map_err(|_| CameraError::Unavailable { reason: "no window" })?;
        if !window.is_secure_context() {
            return Err(CameraError::Unavailable { reason: "the page is not a secure context" });
        }
        let devices = window
            .navigator()
            .media_devices()
            .map_err(|_| CameraError::Unavailable { reason: "navigator.mediaDevices is missing" })?;
        let constraints = build_constraints(options).map_err(|e| CameraError::from_js(&e))?;
        let promise = devices
            .get_user_media_with_constraints(constraints.unchecked_ref())
            .map_err(|e| CameraError::from_js(&e))?;
        let stream = JsFuture::from(promise).await.map_err(|e| CameraError::from_js(&e))?;
        let stream = stream
            .dyn_into::<MediaStream>()
            .map_err(|_| CameraError::Other { name: "TypeError".into(), message: "getUserMedia returned no MediaStream".into() })?;
        Ok(Self { stream })
    }

    /// The underlying stream, to attach to a `<video>` element.
    pub fn media_stream(&self) -> &MediaStream {
        &self.stream
    }

    /// Every track of the stream (video and audio).
    pub fn tracks(&self) -> Vec<MediaStreamTrack> {
        self.stream.get_tracks().iter().filter_map(|t| t.dyn_into().ok()).collect()
    }

    /// True while at least one track is delivering.
    pub fn is_live(&self) -> bool {
        self.tracks().iter().any(|t| t.ready_state() == MediaStreamTrackState::Live)
    }

    /// Stops the camera now. Equivalent to dropping the handle.
    pub fn stop(self) {}
}

impl Drop for CameraStream {
    fn drop(&mut self) {
        for track in self.tracks() {
            track.stop();
        }
    }
}

/// `{ video: { facingMode: {ideal}, width: {ideal}, … }, audio }` as a plain object: the web-sys
/// dictionary setters for constraint unions change between versions, the JS shape does not.
fn build_constraints(options: &CameraOptions) -> Result<js_sys::Object, JsValue> {
    let video = js_sys::Object::new();
    let ideal = |value: JsValue| -> Result<JsValue, JsValue> {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &"ideal".into(), &value)?;
        Ok(o.into())
    };
    if let Some(facing) = options.facing {
        js_sys::Reflect::set(&video, &"facingMode".into(), &ideal(facing.as_str().into())?)?;
    }
    if let Some(w) = options.width {
        js_sys::Reflect::set(&video, &"width".into(), &ideal(w.into())?)?;
    }
    if let Some(h) = options.height {
        js_sys::Reflect::set(&video, &"height".into(), &ideal(h.into())?)?;
    }
    if let Some(fps) = options.frame_rate {
        js_sys::Reflect::set(&video, &"frameRate".into(), &ideal(fps.into())?)?;
    }
    if let Some(id) = &options.device_id {
        let exact = js_sys::Object::new();
        js_sys::Reflect::set(&exact, &"exact".into(), &id.into())?;
        js_sys::Reflect::set(&video, &"deviceId".into(), &exact)?;
    }
    let constraints = js_sys::Object::new();
    js_sys::Reflect::set(&constraints, &"video".into(), &video)?;
    js_sys::Reflect::set(&constraints, &"audio".into(), &options.audio.into())?;
    Ok(constraints)
}
