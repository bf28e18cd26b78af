//! Lenient field readers for the vendors' private message types: a field of an unexpected JSON
//! type reads as absent instead of failing the whole message, so one odd field never hides the
//! fields that are fine. Each reader takes the field as found (`None` when the key is absent) and
//! never fails.
//!
//! Plain functions over [`Value`] rather than serde `deserialize_with` helpers: derived
//! `Deserialize` impls read through `&Value` cost several kilobytes of wasm per message type.

use serde_json::{Map, Value};

/// A string or integer JSON value as a string (trimmed, non-empty); `None` for anything else.
/// Ids and codes may come either way.
pub(crate) fn string_or_integer(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_owned())
        }
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

/// Field reader: [`string_or_integer`].
pub(crate) fn string(v: Option<&Value>) -> Option<String> {
    v.and_then(string_or_integer)
}

/// Field reader: a JSON integer (not a float, not a numeric string) that fits `i64`.
pub(crate) fn integer(v: Option<&Value>) -> Option<i64> {
    v.and_then(Value::as_i64)
}

/// Field reader: a JSON string, as is (may be empty); `None` for anything else.
pub(crate) fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_owned)
}

/// Field reader: `true` for JSON `true` or the string `"true"`, `false` for anything else.
pub(crate) fn truthy(v: Option<&Value>) -> bool {
    v.is_some_and(|v| matches!(v, Value::Bool(true)) || v.as_str() == Some("true"))
}

/// Field reader: a JSON object (never an array), for a nested message type to read its fields
/// from.
pub(crate) fn object(v: Option<&Value>) -> Option<&Map<String, Value>> {
    v.and_then(Value::as_object)
}
