//! `deserialize_with` helpers for the vendors' private serde types: a field of an unexpected JSON
//! type reads as absent instead of failing the whole message, so one odd field never hides the
//! fields that are fine. Each helper accepts any JSON value and never errors on content.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

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

/// Field helper: [`string_or_integer`].
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Value::deserialize(d).map(|v| string_or_integer(&v))
}

/// Field helper: a JSON integer (not a float, not a numeric string).
pub(crate) fn integer<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Value::deserialize(d).map(|v| v.as_i64())
}

/// Field helper: a JSON string, as is (may be empty); `None` for anything else.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Value::deserialize(d).map(|v| match v {
        Value::String(s) => Some(s),
        _ => None,
    })
}

/// Field helper: `true` for JSON `true` or the string `"true"`, `false` for anything else.
pub(crate) fn truthy<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Value::deserialize(d).map(|v| matches!(&v, Value::Bool(true)) || v.as_str() == Some("true"))
}

/// Field helper: a nested struct, only from a JSON object (serde's derive would also accept an
/// array positionally, which must not happen here); `None` when it is not an object or does not
/// fit `T`.
pub(crate) fn object<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> Result<Option<T>, D::Error> {
    Value::deserialize(d).map(|v| from_object(&v))
}

/// `T` from `v` if `v` is a JSON object that fits `T`.
pub(crate) fn from_object<T: DeserializeOwned>(v: &Value) -> Option<T> {
    if v.is_object() {
        T::deserialize(v).ok()
    } else {
        None
    }
}
