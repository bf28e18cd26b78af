//! `navigator.mediaDevices.enumerateDevices()` as typed values.

use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::CameraError;
use crate::dom;

/// `MediaDeviceInfo.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DeviceKind {
    VideoInput,
    AudioInput,
    AudioOutput,
}

/// One capture or output device. Before the user granted a permission, browsers hide ids and
/// labels (empty strings) and list at most one device per kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaDeviceSummary {
    pub kind: DeviceKind,
    pub device_id: String,
    pub group_id: String,
    pub label: String,
}

fn text(info: &wasm_bindgen::JsValue, key: &str) -> String {
    js_sys::Reflect::get(info, &key.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Every camera, microphone and audio output the browser lists.
pub async fn list_devices() -> Result<Vec<MediaDeviceSummary>, CameraError> {
    let window = dom::window().map_err(|_| CameraError::Unavailable {
        reason: "no window",
    })?;
    let promise = super::media_devices(&window)?
        .enumerate_devices()
        .map_err(|e| CameraError::from_js(&e))?;
    let list = JsFuture::from(promise)
        .await
        .map_err(|e| CameraError::from_js(&e))?;
    let list: js_sys::Array = list.dyn_into().map_err(|_| CameraError::Other {
        name: "TypeError".into(),
        message: "enumerateDevices returned no array".into(),
    })?;
    Ok(list
        .iter()
        .filter_map(|info| {
            let kind = match text(&info, "kind").as_str() {
                "videoinput" => DeviceKind::VideoInput,
                "audioinput" => DeviceKind::AudioInput,
                "audiooutput" => DeviceKind::AudioOutput,
                _ => return None,
            };
            Some(MediaDeviceSummary {
                kind,
                device_id: text(&info, "deviceId"),
                group_id: text(&info, "groupId"),
                label: text(&info, "label"),
            })
        })
        .collect())
}

/// The cameras only.
pub async fn list_cameras() -> Result<Vec<MediaDeviceSummary>, CameraError> {
    Ok(list_devices()
        .await?
        .into_iter()
        .filter(|d| d.kind == DeviceKind::VideoInput)
        .collect())
}
