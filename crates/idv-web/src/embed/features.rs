//! What the browser says this document (or an iframe) may use: `featurePolicy` (Chromium) or
//! `permissionsPolicy` (the spec's newer name), and the Permissions API.

use idv_core::capability::PermissionState;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn policy_object(target: &JsValue) -> Option<JsValue> {
    ["permissionsPolicy", "featurePolicy"].into_iter().find_map(|key| {
        js_sys::Reflect::get(target, &key.into()).ok().filter(|v| v.is_object())
    })
}

/// `allowsFeature(feature[, origin])` of `target`'s policy (a `Document` or an
/// `HTMLIFrameElement`); `None` when the browser has no policy API.
pub(crate) fn allows_feature(target: &JsValue, feature: &str, origin: Option<&str>) -> Option<bool> {
    let policy = policy_object(target)?;
    let method = js_sys::Reflect::get(&policy, &"allowsFeature".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let result = match origin {
        Some(origin) => method.call2(&policy, &feature.into(), &origin.into()),
        None => method.call1(&policy, &feature.into()),
    };
    result.ok()?.as_bool()
}

/// The current document, as the policy target.
pub(crate) fn document_value() -> Option<JsValue> {
    web_sys::window()?.document().map(JsValue::from)
}

/// `navigator.permissions.query({ name })`, never prompting; `Unknown` when unsupported.
pub(crate) async fn permission_state(name: &str) -> PermissionState {
    let Some(window) = web_sys::window() else { return PermissionState::Unknown };
    let Ok(permissions) = window.navigator().permissions() else { return PermissionState::Unknown };
    let descriptor = js_sys::Object::new();
    if js_sys::Reflect::set(&descriptor, &"name".into(), &name.into()).is_err() {
        return PermissionState::Unknown;
    }
    let Ok(promise) = permissions.query(&descriptor) else { return PermissionState::Unknown };
    match JsFuture::from(promise).await {
        Ok(status) => js_sys::Reflect::get(&status, &"state".into())
            .ok()
            .and_then(|s| s.as_string())
            .map_or(PermissionState::Unknown, |s| PermissionState::from_name(&s)),
        Err(_) => PermissionState::Unknown,
    }
}

/// True when this page is itself inside a frame.
pub(crate) fn in_iframe() -> bool {
    let Some(window) = web_sys::window() else { return false };
    match window.top() {
        Ok(Some(top)) => JsValue::from(top) != JsValue::from(window),
        _ => false,
    }
}
