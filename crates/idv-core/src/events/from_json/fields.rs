//! Reading one field out of a JSON object: required or optional, string, `u32` or a name from a
//! table. Every reader moves the value out of the map.

use serde_json::{Map, Value};

pub(super) fn take(map: &mut Map<String, Value>, key: &str) -> Option<Value> {
    map.remove(key)
}

/// An optional field: absent and `null` are both `None`.
pub(super) fn optional(map: &mut Map<String, Value>, key: &str) -> Option<Value> {
    map.remove(key).filter(|v| !v.is_null())
}

pub(super) fn string(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// `Some(None)` when absent or `null`, `None` when present but not a string.
pub(super) fn optional_string(map: &mut Map<String, Value>, key: &str) -> Option<Option<String>> {
    match optional(map, key) {
        None => Some(None),
        Some(v) => string(v).map(Some),
    }
}

pub(super) fn u32_field(map: &mut Map<String, Value>, key: &str) -> Option<u32> {
    u32::try_from(take(map, key)?.as_u64()?).ok()
}

pub(super) fn lookup<T: Copy>(v: &Value, names: &[(&str, T)]) -> Option<T> {
    let s = v.as_str()?;
    names.iter().find(|(n, _)| *n == s).map(|&(_, t)| t)
}

pub(super) fn name<T: Copy>(map: &mut Map<String, Value>, key: &str, names: &[(&str, T)]) -> Option<T> {
    lookup(&take(map, key)?, names)
}

/// `Some(None)` when absent or `null`, `None` when present but not one of `names`.
pub(super) fn optional_name<T: Copy>(
    map: &mut Map<String, Value>,
    key: &str,
    names: &[(&str, T)],
) -> Option<Option<T>> {
    match optional(map, key) {
        None => Some(None),
        Some(v) => lookup(&v, names).map(Some),
    }
}
