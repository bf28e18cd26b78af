//! The page's `message` listener: only messages whose `event.source` is a registered vendor
//! frame's window and whose `event.origin` is allowed for that vendor become events.

use std::rc::Rc;

use idv_core::events::{
    Diagnostic, EventBody, EventKind, MAX_MESSAGE_BYTES, MessageData, OriginRules, Rejection,
    Severity, Vendor, normalize_message,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlIFrameElement, MessageEvent};

/// A vendor frame whose messages the stream accepts.
#[derive(Debug)]
pub(crate) struct Registered {
    pub(crate) id: u64,
    pub(crate) frame: HtmlIFrameElement,
    pub(crate) vendor: Vendor,
    pub(crate) rules: Rc<OriginRules>,
    /// Messages accepted from this frame: the embedding doctor's sign of life.
    pub(crate) accepted: Rc<std::cell::Cell<u64>>,
}

/// What the router decided for one message.
#[derive(Debug)]
pub(crate) enum Routed {
    /// Becomes this event.
    Accept(EventBody),
    /// Not from a registered frame: counted, nothing else.
    UnknownSource,
    /// From a registered frame, but its origin is not allowed: counted, nothing else.
    BadOrigin,
    /// From a registered frame and an allowed origin, but not representable: counted, and this
    /// `diagnostic` event says so (the message itself is not kept).
    Unrepresentable(EventBody),
}

/// Finds the registration whose frame window posted `event`.
pub(crate) fn find<'a>(frames: &'a [Registered], event: &MessageEvent) -> Option<&'a Registered> {
    let source: JsValue = event.source()?.into();
    frames.iter().find(|r| r.frame.content_window().is_some_and(|w| JsValue::from(w) == source))
}

pub(crate) fn route(
    frame: Option<(Vendor, Rc<OriginRules>)>,
    origin: &str,
    data: &JsValue,
    keep_secrets: bool,
) -> Routed {
    let Some((vendor, rules)) = frame else { return Routed::UnknownSource };
    // The origin is checked before the data is even converted.
    if !rules.allows(vendor, origin) {
        return Routed::BadOrigin;
    }
    let options = idv_core::events::DecodeOptions::default().with_keep_secrets(keep_secrets);
    let data = match message_data(data) {
        Ok(data) => data,
        Err(rejection) => return Routed::Unrepresentable(unrepresentable(vendor, origin, &rejection)),
    };
    match normalize_message(vendor, origin, data, &rules, &options) {
        Ok(body) => Routed::Accept(body),
        Err(Rejection::Origin { .. }) => Routed::BadOrigin,
        Err(rejection) => Routed::Unrepresentable(unrepresentable(vendor, origin, &rejection)),
    }
}

/// `event.data` (or any value posted) as the decoders take it: strings as they are, anything else through
/// `JSON.stringify` (structured-clone values without a JSON form — cycles, BigInt — are
/// unrepresentable). `undefined` becomes JSON `null`.
pub fn message_data(data: &JsValue) -> Result<MessageData, Rejection> {
    if let Some(text) = data.as_string() {
        return Ok(MessageData::Text(text));
    }
    if data.is_undefined() {
        return Ok(MessageData::Json(serde_json::Value::Null));
    }
    let json = js_sys::JSON::stringify(data)
        .ok()
        .and_then(|s| s.dyn_into::<js_sys::JsString>().ok())
        .and_then(|s| s.as_string())
        .ok_or(Rejection::TooDeep { limit: 0 })?;
    if json.len() > MAX_MESSAGE_BYTES {
        return Err(Rejection::TooLarge { size: json.len() as u64, limit: MAX_MESSAGE_BYTES as u64 });
    }
    // serde_json stops at 128 levels with an error (never a stack overflow): too deep.
    serde_json::from_str(&json).map(MessageData::Json).map_err(|_| Rejection::TooDeep {
        limit: idv_core::events::MAX_JSON_DEPTH as u64,
    })
}

fn unrepresentable(vendor: Vendor, origin: &str, rejection: &Rejection) -> EventBody {
    let detail = match rejection {
        Rejection::TooDeep { limit: 0 } => {
            format!("a message from {vendor} ({origin}) has no JSON form (cyclic or BigInt data) and was not kept")
        }
        other => format!("a message from {vendor} ({origin}) was not kept: {other}"),
    };
    EventBody::new(
        vendor,
        EventKind::Diagnostic(Diagnostic {
            check: "messageRepresentable".to_owned(),
            severity: Severity::Warning,
            passed: false,
            detail: Some(detail),
            hint: Some("the vendor sent data without a JSON form, or over 256 KiB / 64 levels deep: report it to the vendor".to_owned()),
        }),
    )
}

/// Takes from the early buffer (`web/early.js`, `window.__idvEarly`) the messages `frame`'s
/// window posted before it was registered, oldest first, as `(origin, data)`. Messages of other
/// sources stay in the buffer for their own frames.
pub(crate) fn take_early(frame: &HtmlIFrameElement) -> Vec<(String, JsValue)> {
    let Some(window) = web_sys::window() else { return Vec::new() };
    let Some(source) = frame.content_window().map(JsValue::from) else { return Vec::new() };
    let Ok(early) = js_sys::Reflect::get(&window, &"__idvEarly".into()) else { return Vec::new() };
    let Some(messages) = js_sys::Reflect::get(&early, &"messages".into()).ok().and_then(|m| m.dyn_into::<js_sys::Array>().ok())
    else {
        return Vec::new();
    };
    let kept = js_sys::Array::new();
    let mut taken = Vec::new();
    for message in messages.iter() {
        let from = js_sys::Reflect::get(&message, &"source".into()).unwrap_or(JsValue::NULL);
        if from == source {
            let origin = js_sys::Reflect::get(&message, &"origin".into()).ok().and_then(|o| o.as_string()).unwrap_or_default();
            let data = js_sys::Reflect::get(&message, &"data".into()).unwrap_or(JsValue::UNDEFINED);
            taken.push((origin, data));
        } else {
            kept.push(&message);
        }
    }
    let _ = js_sys::Reflect::set(&early, &"messages".into(), &kept);
    taken
}
