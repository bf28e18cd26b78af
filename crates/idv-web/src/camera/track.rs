//! What a video track really delivers (`getSettings()`), what it can do (`getCapabilities()`),
//! and the torch (`applyConstraints({ advanced: [{ torch }] })`).
//!
//! `getCapabilities` and `torch` are not in web-sys' stable API, so they are declared here.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::MediaStreamTrack;

use super::CameraError;

#[wasm_bindgen]
extern "C" {
    /// A `MediaStreamTrack` with the methods web-sys keeps behind its unstable flag.
    #[wasm_bindgen(extends = MediaStreamTrack)]
    type TrackExt;

    /// Absent in old Firefox and some WebViews: `catch` turns the TypeError into an `Err`.
    #[wasm_bindgen(method, catch, js_name = getCapabilities)]
    fn get_capabilities(this: &TrackExt) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = getSettings)]
    fn get_settings_raw(this: &TrackExt) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = applyConstraints)]
    fn apply_constraints_raw(
        this: &TrackExt,
        constraints: &JsValue,
    ) -> Result<js_sys::Promise, JsValue>;
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &key.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn ext(track: &MediaStreamTrack) -> &TrackExt {
    track.unchecked_ref()
}

/// `MediaTrackSettings` of a video track: what the browser actually delivers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrackSettings {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub frame_rate: Option<f64>,
    /// `"user"`, `"environment"`, `"left"`, `"right"` when the device says (desktop webcams and
    /// the fake camera often do not).
    pub facing_mode: Option<String>,
    pub device_id: Option<String>,
    pub group_id: Option<String>,
    /// `"none"` (native size) or `"crop-and-scale"` (the browser resized).
    pub resize_mode: Option<String>,
    /// The device label (empty before permission is granted).
    pub label: String,
}

impl TrackSettings {
    pub fn of(track: &MediaStreamTrack) -> Self {
        let settings = ext(track).get_settings_raw().unwrap_or(JsValue::UNDEFINED);
        let num = |k: &str| get(&settings, k).and_then(|v| v.as_f64());
        let text = |k: &str| {
            get(&settings, k)
                .and_then(|v| v.as_string())
                .filter(|s| !s.is_empty())
        };
        Self {
            width: num("width").map(|v| v.round() as u32),
            height: num("height").map(|v| v.round() as u32),
            frame_rate: num("frameRate"),
            facing_mode: text("facingMode"),
            device_id: text("deviceId"),
            group_id: text("groupId"),
            resize_mode: text("resizeMode"),
            label: track.label(),
        }
    }
}

/// True when the track reports a torch it can switch.
pub(crate) fn torch_supported(track: &MediaStreamTrack) -> bool {
    let Ok(caps) = ext(track).get_capabilities() else {
        return false;
    };
    match get(&caps, "torch") {
        Some(v) if v.as_bool() == Some(true) => true,
        // Some browsers list the possible values: `torch: [false, true]`.
        Some(v) => {
            js_sys::Array::is_array(&v) && js_sys::Array::from(&v).includes(&JsValue::TRUE, 0)
        }
        None => false,
    }
}

/// Switches the torch; `TorchUnsupported` when the track has none.
pub(crate) async fn set_torch(track: &MediaStreamTrack, on: bool) -> Result<(), CameraError> {
    if !torch_supported(track) {
        return Err(CameraError::TorchUnsupported);
    }
    let wrap = |e: JsValue| CameraError::from_js(&e);
    let torch = js_sys::Object::new();
    js_sys::Reflect::set(&torch, &"torch".into(), &on.into()).map_err(wrap)?;
    let constraints = js_sys::Object::new();
    js_sys::Reflect::set(
        &constraints,
        &"advanced".into(),
        &js_sys::Array::of1(&torch),
    )
    .map_err(wrap)?;
    let promise = ext(track)
        .apply_constraints_raw(&constraints)
        .map_err(wrap)?;
    JsFuture::from(promise).await.map_err(wrap)?;
    Ok(())
}
