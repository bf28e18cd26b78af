//! Forwards events to a native WebView host as JSON strings.
//!
//! Hosts, in the order they are looked for:
//! - iOS `WKWebView` / WebKitGTK: `window.webkit.messageHandlers.<name>.postMessage(json)`;
//! - React Native (`react-native-webview`): `window.ReactNativeWebView.postMessage(json)`;
//! - Android `WebView`: an object injected with `addJavascriptInterface(obj, "<name>")`, called
//!   as `window.<name>.postMessage(json)`.
//!
//! The host is looked up again until one is found (an Android interface or a WebKit handler
//! exists before page scripts run, but a host may inject later), then cached. See
//! docs/native-bridge.md for the host side.

use wasm_bindgen::{JsCast, JsValue};

/// Which native host receives the events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NativeHost {
    /// `webkit.messageHandlers.<name>` (iOS WKWebView, WebKitGTK).
    WebKit,
    /// `ReactNativeWebView.postMessage`.
    ReactNative,
    /// An Android JavaScript interface `window.<name>.postMessage`.
    Android,
}

/// The target found for a host: the object and its `postMessage` function.
#[derive(Debug)]
pub(crate) struct Bridge {
    name: String,
    found: Option<(NativeHost, JsValue, js_sys::Function)>,
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn post_message_of(target: &JsValue) -> Option<js_sys::Function> {
    get(target, "postMessage")?.dyn_into::<js_sys::Function>().ok()
}

impl Bridge {
    pub(crate) fn new(name: &str) -> Self {
        Self { name: name.to_owned(), found: None }
    }

    /// The host events go to, if any (looks it up when not yet found).
    pub(crate) fn host(&mut self) -> Option<NativeHost> {
        if self.found.is_none() {
            self.found = self.detect();
        }
        self.found.as_ref().map(|(host, _, _)| *host)
    }

    fn detect(&self) -> Option<(NativeHost, JsValue, js_sys::Function)> {
        let window: JsValue = web_sys::window()?.into();
        if let Some(handler) = get(&window, "webkit")
            .and_then(|w| get(&w, "messageHandlers"))
            .and_then(|h| get(&h, &self.name))
            && let Some(post) = post_message_of(&handler)
        {
            return Some((NativeHost::WebKit, handler, post));
        }
        if let Some(rn) = get(&window, "ReactNativeWebView")
            && let Some(post) = post_message_of(&rn)
        {
            return Some((NativeHost::ReactNative, rn, post));
        }
        let injected = get(&window, &self.name)?;
        // Named access on `window` returns an iframe's WindowProxy for `<iframe name=…>`; its
        // postMessage is the cross-document one, not a native interface.
        if injected.is_instance_of::<web_sys::Window>() || get(&injected, "window").is_some() {
            return None;
        }
        let post = post_message_of(&injected)?;
        Some((NativeHost::Android, injected, post))
    }

    /// Sends one event as JSON. Serializes only when a host is there: on an ordinary web page there
    /// is none, and an event costs only the (cheap) host lookup. Returns true when a host took it.
    pub(crate) fn forward(&mut self, event: &idv_core::events::Event) -> bool {
        if self.host().is_none() {
            return false;
        }
        let (Some((_, target, post)), Ok(json)) = (&self.found, serde_json::to_string(event)) else {
            return false;
        };
        post.call1(target, &JsValue::from_str(&json)).is_ok()
    }
}
