//! Small typed accessors for the global objects; absence is an error, never a panic.

use wasm_bindgen::JsCast;

/// The browser globals a call needed but did not find (a worker, or a non-browser host).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("no `{0}` in this JavaScript context")]
pub struct MissingGlobal(pub &'static str);

pub(crate) fn window() -> Result<web_sys::Window, MissingGlobal> {
    web_sys::window().ok_or(MissingGlobal("window"))
}

pub(crate) fn document() -> Result<web_sys::Document, MissingGlobal> {
    window()?.document().ok_or(MissingGlobal("document"))
}

/// Creates an element and casts it to its concrete type.
pub(crate) fn create<T: JsCast>(tag: &'static str) -> Result<T, MissingGlobal> {
    document()?
        .create_element(tag)
        .ok()
        .and_then(|el| el.dyn_into::<T>().ok())
        .ok_or(MissingGlobal(tag))
}

/// The `name` field of a thrown `DOMException` (or `Error`), if the value has one.
pub(crate) fn error_name(err: &wasm_bindgen::JsValue) -> Option<String> {
    js_sys::Reflect::get(err, &"name".into()).ok().and_then(|v| v.as_string())
}

/// The `message` field of a thrown error, if any.
pub(crate) fn error_message(err: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(err, &"message".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}
