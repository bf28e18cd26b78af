//! The capability probe: what this browser can do, found without prompting the user.

use idv_core::capability::{Capabilities, recommend, webview_kind};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::features::{allows_feature, document_value, in_iframe, permission_state};

/// A minimal module using a SIMD instruction (`i8x16.splat`, `i8x16.popcnt`): valid only where
/// Wasm SIMD is supported.
const SIMD_PROBE: [u8; 30] = [
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98,
];

fn global_has(name: &str) -> bool {
    js_sys::Reflect::get(&js_sys::global(), &name.into()).is_ok_and(|v| !v.is_undefined())
}

fn wasm_simd() -> bool {
    let mut bytes = SIMD_PROBE.to_vec();
    bytes.push(11); // `end`
    js_sys::WebAssembly::validate(&js_sys::Uint8Array::from(bytes.as_slice()).into()).unwrap_or(false)
}

fn video_frame_callback() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"HTMLVideoElement".into())
        .and_then(|c| js_sys::Reflect::get(&c, &"prototype".into()))
        .is_ok_and(|proto| js_sys::Reflect::has(&proto, &"requestVideoFrameCallback".into()).unwrap_or(false))
}

/// Counts of `videoinput` / `audioinput` devices; `None` when enumeration is unavailable.
async fn device_presence() -> (Option<bool>, Option<bool>) {
    let Some(devices) = web_sys::window().and_then(|w| w.navigator().media_devices().ok()) else {
        return (None, None);
    };
    let Ok(promise) = devices.enumerate_devices() else { return (None, None) };
    let Ok(list) = JsFuture::from(promise).await else { return (None, None) };
    let Ok(list) = list.dyn_into::<js_sys::Array>() else { return (None, None) };
    let kind = |want: &str| {
        list.iter().any(|d| js_sys::Reflect::get(&d, &"kind".into()).ok().and_then(|k| k.as_string()).as_deref() == Some(want))
    };
    (Some(kind("videoinput")), Some(kind("audioinput")))
}

/// Probes the browser. Never calls `getUserMedia`, so it never prompts.
pub async fn probe_capabilities() -> Capabilities {
    let window = web_sys::window();
    let secure_context = window.as_ref().is_some_and(|w| w.is_secure_context());
    let media_devices = window
        .as_ref()
        .and_then(|w| w.navigator().media_devices().ok())
        .is_some_and(|d| js_sys::Reflect::has(&d, &"getUserMedia".into()).unwrap_or(false));
    let (has_camera, has_microphone) = device_presence().await;
    let document = document_value().unwrap_or(JsValue::UNDEFINED);
    let user_agent = window.as_ref().and_then(|w| w.navigator().user_agent().ok()).unwrap_or_default();
    Capabilities {
        secure_context,
        media_devices,
        has_camera,
        has_microphone,
        camera_permission: permission_state("camera").await,
        microphone_permission: permission_state("microphone").await,
        camera_allowed_by_policy: allows_feature(&document, "camera", None),
        microphone_allowed_by_policy: allows_feature(&document, "microphone", None),
        in_iframe: in_iframe(),
        wasm_simd: wasm_simd(),
        video_frame: global_has("VideoFrame"),
        offscreen_canvas: global_has("OffscreenCanvas"),
        request_video_frame_callback: video_frame_callback(),
        webview: webview_kind(&user_agent),
    }
}

/// The probe's result and advice as one `diagnostic` event body (`raw` holds both).
pub fn capability_event(capabilities: &Capabilities, needs_microphone: bool) -> idv_core::events::EventBody {
    let advice = recommend(capabilities, needs_microphone);
    let raw = serde_json::json!({ "capabilities": capabilities, "recommendation": advice });
    idv_core::events::EventBody::new(
        idv_core::events::Vendor::Capture,
        idv_core::events::EventKind::Diagnostic(idv_core::events::Diagnostic {
            check: "capabilities".to_owned(),
            severity: if advice.mode == idv_core::capability::LaunchMode::Iframe {
                idv_core::events::Severity::Info
            } else {
                idv_core::events::Severity::Warning
            },
            passed: advice.mode == idv_core::capability::LaunchMode::Iframe,
            detail: Some(format!("recommended launch mode: {:?}", advice.mode)),
            hint: None,
        }),
    )
    .with_raw(raw)
}
