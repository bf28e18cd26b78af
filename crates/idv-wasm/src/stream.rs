//! `createEventStream()` and the `EventStream` class over `idv_web::EventStream`.

use std::cell::RefCell;

use idv_web::{EventStream, NativeHost, StreamOptions};
use wasm_bindgen::prelude::*;

use crate::convert::{Fields, origin_rules, to_js, vendor};

/// One ordered, numbered stream of events from vendor frames, return URLs and capture.
#[wasm_bindgen(js_name = "EventStream")]
#[derive(Debug)]
pub struct JsEventStream {
    pub(crate) inner: EventStream,
}

/// Creates an event stream (see `StreamOptions`). With persistence on (the default), the history
/// a previous page of this tab stored is restored and `seq` continues from it.
#[wasm_bindgen(js_name = "createEventStream")]
pub fn create_event_stream(
    #[wasm_bindgen(unchecked_param_type = "StreamOptions | undefined")] options: JsValue,
) -> Result<JsEventStream, JsError> {
    let fields = Fields::new(&options, "createEventStream")?;
    let mut o = StreamOptions::default();
    if let Some(name) = fields.string("name")? {
        if name.is_empty() {
            return Err(JsError::new("createEventStream: `name` must not be empty"));
        }
        o.name = name;
    }
    if let Some(n) = fields.count("historyLimit")? {
        o.history_limit = (n as usize).max(1);
    }
    o.persist = fields.bool("persist")?.unwrap_or(o.persist);
    if let Some(n) = fields.count("persistLimit")? {
        o.persist_limit = n as usize;
    }
    if let Some(n) = fields.count("persistMaxBytes")? {
        o.persist_max_bytes = n as usize;
    }
    o.keep_secrets = fields.bool("keepSecrets")?.unwrap_or(o.keep_secrets);
    o.native_bridge = fields.bool("nativeBridge")?.unwrap_or(o.native_bridge);
    if let Some(name) = fields.string("bridgeName")? {
        o.bridge_name = name;
    }
    Ok(JsEventStream { inner: EventStream::new(o) })
}

/// Reports an exception a subscriber threw the way event dispatch does (`reportError`), so it
/// shows in the console without stopping delivery to the other subscribers.
fn report(error: &JsValue) {
    let global = js_sys::global();
    if let Ok(report) = js_sys::Reflect::get(&global, &"reportError".into())
        && let Some(report) = report.dyn_ref::<js_sys::Function>()
    {
        let _ = report.call1(&global, error);
    }
}

/// A JS function that drops `handle` when called (once; later calls do nothing).
fn dropper<T: 'static>(handle: T) -> js_sys::Function {
    let slot = RefCell::new(Some(handle));
    Closure::<dyn FnMut()>::new(move || drop(slot.borrow_mut().take())).into_js_value().unchecked_into()
}

#[wasm_bindgen(js_class = "EventStream")]
impl JsEventStream {
    /// Calls `callback(event)` for every event from now on, in order; with `{ replay: true }`,
    /// first for the history. Returns the function that unsubscribes. A callback that throws is
    /// reported (`reportError`) and counted; the others still get the event.
    #[wasm_bindgen(unchecked_return_type = "() => void")]
    pub fn subscribe(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(event: IdvEvent) => void")] callback: js_sys::Function,
        #[wasm_bindgen(unchecked_param_type = "SubscribeOptions | undefined")] options: JsValue,
    ) -> Result<js_sys::Function, JsError> {
        let fields = Fields::new(&options, "subscribe")?;
        let replay = fields.bool("replay")?.unwrap_or(false);
        let from_seq = fields.count("fromSeq")?.map_or(0, u64::from);
        let stream = self.inner.clone();
        let deliver = move |event: &idv_core::events::Event| {
            let Ok(value) = to_js(event) else { return };
            if let Err(error) = callback.call1(&JsValue::NULL, &value) {
                stream.note_subscriber_error();
                report(&error);
            }
        };
        let subscription =
            if replay { self.inner.subscribe_from(from_seq, deliver) } else { self.inner.subscribe(deliver) };
        Ok(dropper(subscription))
    }

    /// The events kept in the history window, oldest first.
    #[wasm_bindgen(unchecked_return_type = "IdvEvent[]")]
    pub fn history(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.history())
    }

    /// The `seq` the next event will get.
    #[wasm_bindgen(getter, js_name = "nextSeq")]
    pub fn next_seq(&self) -> f64 {
        self.inner.next_seq() as f64
    }

    /// Accepts messages posted by `iframe`'s window as `vendor`'s, when their origin is one of the
    /// vendor's documented hosts or `allowedOrigins`. Returns the function that stops it.
    #[wasm_bindgen(unchecked_return_type = "() => void")]
    pub fn listen(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Vendor")] vendor_name: String,
        iframe: web_sys::HtmlIFrameElement,
        #[wasm_bindgen(unchecked_param_type = "ListenOptions | undefined")] options: JsValue,
    ) -> Result<js_sys::Function, JsError> {
        let vendor = vendor(Some(vendor_name), "listen")?;
        let fields = Fields::new(&options, "listen")?;
        let rules = origin_rules(vendor, &fields.strings("allowedOrigins")?, "listen")?;
        Ok(dropper(self.inner.register_frame(&iframe, vendor, rules)))
    }

    /// What the stream saw but did not turn into events.
    #[wasm_bindgen(unchecked_return_type = "StreamDiagnostics")]
    pub fn diagnostics(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.diagnostics())
    }

    /// The native WebView host receiving the events, or `null`.
    #[wasm_bindgen(js_name = "nativeHost", unchecked_return_type = "NativeHost | null")]
    pub fn native_host(&self) -> JsValue {
        match self.inner.native_host() {
            Some(NativeHost::WebKit) => "webkit".into(),
            Some(NativeHost::ReactNative) => "reactNative".into(),
            Some(NativeHost::Android) => "android".into(),
            None => JsValue::NULL,
        }
    }

    /// Writes the history to sessionStorage now (it is otherwise written within 200 ms of an
    /// event and when the page is hidden).
    pub fn persist(&self) {
        self.inner.persist_now();
    }

    /// Removes the stream's copy from sessionStorage (the in-memory history stays).
    #[wasm_bindgen(js_name = "clearPersisted")]
    pub fn clear_persisted(&self) {
        self.inner.clear_persisted();
    }
}
