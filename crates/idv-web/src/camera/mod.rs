//! The camera: opening it with constraints, typed failures, and a handle that stops its tracks.
//!
//! - [`CameraStream`]: one `getUserMedia` call and the stream it gave; dropping it stops every
//!   track.
//! - [`Camera`]: the controller most callers want. It owns the current stream, falls back through
//!   resolutions and remembers what worked, switches devices (stopping the old tracks first),
//!   drives the torch, watches `ended`/`mute`, and reports everything as `capture` events into an
//!   attached [`EventStream`](crate::EventStream).
//! - [`list_devices`]: `enumerateDevices()` as typed values.

mod controller;
mod devices;
mod error;
mod events;
mod resolution;
mod track;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MediaStream, MediaStreamTrack, MediaStreamTrackState};

use crate::dom;

pub use controller::{Camera, CameraInfo, SwitchTarget};
pub use devices::{DeviceKind, MediaDeviceSummary, list_cameras, list_devices};
pub use error::CameraError;
pub use resolution::{Size, SizeAttempt, forget_remembered_sizes};
pub use track::TrackSettings;

/// Which way the camera should face. Browsers treat this as a preference (`ideal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FacingMode {
    /// The selfie camera.
    User,
    /// The back camera, for documents.
    Environment,
}

impl FacingMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Environment => "environment",
        }
    }

    /// `"user"` / `"environment"` (the `facingMode` spelling).
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "user" => Some(Self::User),
            "environment" => Some(Self::Environment),
            _ => None,
        }
    }
}

/// How `width`/`height` are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SizeMode {
    /// `{ ideal }`: the browser delivers the nearest size it can; never fails on size.
    #[default]
    Ideal,
    /// `{ exact }`: the browser delivers exactly this size or fails with `OverconstrainedError`
    /// (which [`Camera`] answers by stepping down when [`CameraOptions::fallback`] is on).
    Exact,
}

/// What to ask `getUserMedia` for.
#[derive(Debug, Clone, PartialEq)]
pub struct CameraOptions {
    pub facing: Option<FacingMode>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// How `width`/`height` are asked ([`SizeMode::Ideal`] by default).
    pub size_mode: SizeMode,
    /// With [`SizeMode::Exact`]: when the size is impossible, [`Camera`] steps down
    /// (1920×1080 → 1280×720 → 640×480 → the browser's default) and remembers what worked.
    /// Default true.
    pub fallback: bool,
    /// Also remember the size that worked in `sessionStorage` (survives reloads in the tab;
    /// otherwise only for the life of the page). Default false.
    pub persist_size: bool,
    /// Frames per second, as `ideal`.
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
            size_mode: SizeMode::Ideal,
            fallback: true,
            persist_size: false,
            frame_rate: None,
            device_id: None,
            audio: false,
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
    /// Asks the browser for the camera, once, with exactly these options (no size fallback:
    /// that is [`Camera::open`]'s job). Prompts the user when permission is not yet decided.
    pub async fn open(options: &CameraOptions) -> Result<Self, CameraError> {
        let size = match (options.width, options.height) {
            (None, None) => None,
            (w, h) => Some((w, h)),
        };
        Self::open_sized(options, size).await
    }

    /// Like [`open`](Self::open) with the size replaced: `None` asks for no size at all.
    pub(crate) async fn open_sized(
        options: &CameraOptions,
        size: Option<(Option<u32>, Option<u32>)>,
    ) -> Result<Self, CameraError> {
        let constraints = build_constraints(options, size).map_err(|e| CameraError::from_js(&e))?;
        let stream = get_user_media(&constraints).await?;
        Ok(Self { stream })
    }

    /// Takes ownership of a stream the caller obtained elsewhere; its tracks stop on drop.
    pub fn from_media_stream(stream: MediaStream) -> Self {
        Self { stream }
    }

    /// The underlying stream, to attach to a `<video>` element.
    pub fn media_stream(&self) -> &MediaStream {
        &self.stream
    }

    /// Every track of the stream (video and audio).
    pub fn tracks(&self) -> Vec<MediaStreamTrack> {
        self.stream
            .get_tracks()
            .iter()
            .filter_map(|t| t.dyn_into().ok())
            .collect()
    }

    /// The first video track.
    pub fn video_track(&self) -> Option<MediaStreamTrack> {
        self.stream.get_video_tracks().get(0).dyn_into().ok()
    }

    /// The first audio track.
    pub fn audio_track(&self) -> Option<MediaStreamTrack> {
        self.stream.get_audio_tracks().get(0).dyn_into().ok()
    }

    /// What the video track really delivers (`getSettings()`).
    pub fn settings(&self) -> Option<TrackSettings> {
        self.video_track().map(|t| TrackSettings::of(&t))
    }

    /// True while at least one track is delivering.
    pub fn is_live(&self) -> bool {
        self.tracks()
            .iter()
            .any(|t| t.ready_state() == MediaStreamTrackState::Live)
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

/// `navigator.mediaDevices`, or a typed error where the browser has none.
pub(crate) fn media_devices(window: &web_sys::Window) -> Result<web_sys::MediaDevices, CameraError> {
    window.navigator().media_devices().map_err(|_| CameraError::Unavailable {
        reason: "navigator.mediaDevices is missing",
    })
}

/// `navigator.mediaDevices.getUserMedia(constraints)`, with every failure typed.
pub(crate) async fn get_user_media(
    constraints: &js_sys::Object,
) -> Result<MediaStream, CameraError> {
    let window = dom::window().map_err(|_| CameraError::Unavailable {
        reason: "no window",
    })?;
    if !window.is_secure_context() {
        return Err(CameraError::Unavailable {
            reason: "the page is not a secure context",
        });
    }
    let promise = media_devices(&window)?
        .get_user_media_with_constraints(constraints.unchecked_ref())
        .map_err(|e| CameraError::from_js(&e))?;
    let stream = JsFuture::from(promise)
        .await
        .map_err(|e| CameraError::from_js(&e))?;
    stream
        .dyn_into::<MediaStream>()
        .map_err(|_| CameraError::Other {
            name: "TypeError".into(),
            message: "getUserMedia returned no MediaStream".into(),
        })
}

fn set(target: &js_sys::Object, key: &str, value: &JsValue) -> Result<(), JsValue> {
    js_sys::Reflect::set(target, &key.into(), value).map(drop)
}

fn wrapped(key: &str, value: JsValue) -> Result<JsValue, JsValue> {
    let o = js_sys::Object::new();
    set(&o, key, &value)?;
    Ok(o.into())
}

/// `{ video: { facingMode: {ideal}, width: {ideal|exact}, … }, audio }` as a plain object: the
/// web-sys dictionary setters for constraint unions change between versions, the JS shape does
/// not. `size` overrides the options' size (`None`: ask for none).
fn build_constraints(
    options: &CameraOptions,
    size: Option<(Option<u32>, Option<u32>)>,
) -> Result<js_sys::Object, JsValue> {
    let video = js_sys::Object::new();
    if let Some(facing) = options.facing {
        set(
            &video,
            "facingMode",
            &wrapped("ideal", facing.as_str().into())?,
        )?;
    }
    let size_key = match options.size_mode {
        SizeMode::Ideal => "ideal",
        SizeMode::Exact => "exact",
    };
    if let Some((w, h)) = size {
        if let Some(w) = w {
            set(&video, "width", &wrapped(size_key, w.into())?)?;
        }
        if let Some(h) = h {
            set(&video, "height", &wrapped(size_key, h.into())?)?;
        }
    }
    if let Some(fps) = options.frame_rate {
        set(&video, "frameRate", &wrapped("ideal", fps.into())?)?;
    }
    if let Some(id) = &options.device_id {
        set(&video, "deviceId", &wrapped("exact", id.into())?)?;
    }
    let constraints = js_sys::Object::new();
    set(&constraints, "video", &video)?;
    set(&constraints, "audio", &options.audio.into())?;
    Ok(constraints)
}
