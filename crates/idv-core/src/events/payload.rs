//! The input of a decoder ([`MessageData`]), its options ([`DecodeOptions`]), and the one place
//! where a message is size-checked and parsed.
//!
//! Parsing rule: a string is parsed as JSON only when, after leading whitespace, it starts with
//! `{` or `[` — vendors post objects (Jumio posts one as a JSON string). Any other string, and a
//! string that fails to parse (truncated, invalid) or nests deeper than [`MAX_JSON_DEPTH`], is kept
//! as the string itself (`raw` is then that string). So `"null"`, `"510"` or `"WEBRTCTEST_OK"`
//! stay strings and are never confused with the JSON values they spell.

use serde_json::Value;

use super::rejection::{MAX_JSON_DEPTH, MAX_MESSAGE_BYTES, Rejection};

/// What the browser layer hands to a decoder: `event.data` as the vendor posted it.
#[derive(Debug, Clone, PartialEq)]
pub enum MessageData {
    /// A string (Jumio posts a JSON string; other widgets post arbitrary strings).
    Text(String),
    /// A structured-cloned object, already converted to JSON. A `Json(Value::String(s))` is
    /// treated exactly like `Text(s)`.
    Json(Value),
}

impl From<String> for MessageData {
    fn from(s: String) -> Self {
        MessageData::Text(s)
    }
}

impl From<&str> for MessageData {
    fn from(s: &str) -> Self {
        MessageData::Text(s.to_owned())
    }
}

impl From<Value> for MessageData {
    fn from(v: Value) -> Self {
        MessageData::Json(v)
    }
}

/// Options shared by the decoders and the return-URL parser.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeOptions {
    /// Keep secrets (Jumio `authorizationToken`, LiveID+ `message.token`) in `raw`. Default
    /// `false`: they are replaced by `"[redacted]"`.
    pub keep_secrets: bool,
}

impl DecodeOptions {
    /// Sets [`DecodeOptions::keep_secrets`].
    #[must_use]
    pub fn with_keep_secrets(mut self, keep_secrets: bool) -> Self {
        self.keep_secrets = keep_secrets;
        self
    }
}

/// A size-checked message: parsed JSON, or a string that is not (usable) JSON.
#[derive(Debug)]
pub(crate) enum Payload {
    /// A JSON value within the limits.
    Parsed(Value),
    /// A string kept as is.
    Opaque(String),
}

impl Payload {
    /// Checks the limits and parses per the module's rule. A `Json` value over the limits is
    /// rejected (it cannot be represented); a `Text` only for its size.
    pub(crate) fn from_data(data: MessageData) -> Result<Payload, Rejection> {
        match data {
            MessageData::Text(s) | MessageData::Json(Value::String(s)) => Payload::from_text(s),
            MessageData::Json(v) => match check_limits(&v) {
                Ok(()) => Ok(Payload::Parsed(v)),
                Err(rejection) => {
                    drop_iteratively(v);
                    Err(rejection)
                }
            },
        }
    }

    fn from_text(s: String) -> Result<Payload, Rejection> {
        if s.len() > MAX_MESSAGE_BYTES {
            return Err(Rejection::too_large(s.len()));
        }
        Ok(match parse_json_text(&s, MAX_JSON_DEPTH) {
            Some(v) => Payload::Parsed(v),
            None => Payload::Opaque(s),
        })
    }
}

/// Parses `s` if it looks like a JSON object or array, parses completely, and nests at most
/// `max_depth` levels; `None` otherwise. Never panics (serde_json stops at 128 levels itself).
pub(crate) fn parse_json_text(s: &str, max_depth: usize) -> Option<Value> {
    let start = s.trim_start();
    if !(start.starts_with('{') || start.starts_with('[')) {
        return None;
    }
    let v: Value = serde_json::from_str(s).ok()?;
    if depth_exceeds(&v, max_depth) {
        drop_iteratively(v);
        return None;
    }
    Some(v)
}

/// Rejects a value nested deeper than [`MAX_JSON_DEPTH`] or larger than [`MAX_MESSAGE_BYTES`].
fn check_limits(v: &Value) -> Result<(), Rejection> {
    if depth_exceeds(v, MAX_JSON_DEPTH) {
        return Err(Rejection::too_deep());
    }
    match estimated_size_over(v, MAX_MESSAGE_BYTES) {
        Some(size) => Err(Rejection::too_large(size)),
        None => Ok(()),
    }
}

/// True when `v` has more than `max` nested arrays/objects. Iterative: no recursion.
pub(crate) fn depth_exceeds(v: &Value, max: usize) -> bool {
    // (value, nesting level it would have if it is an array/object); the root is level 1.
    let mut stack: Vec<(&Value, usize)> = vec![(v, 1)];
    while let Some((v, level)) = stack.pop() {
        match v {
            Value::Array(a) => {
                if level > max {
                    return true;
                }
                stack.extend(a.iter().map(|c| (c, level + 1)));
            }
            Value::Object(m) => {
                if level > max {
                    return true;
                }
                stack.extend(m.values().map(|c| (c, level + 1)));
            }
            _ => {}
        }
    }
    false
}

/// The serialized size of `v` counted until it passes `limit` (strings counted unescaped, numbers
/// as 8 bytes): `Some(size)` once over the limit, `None` when within it. Iterative.
fn estimated_size_over(v: &Value, limit: usize) -> Option<usize> {
    let mut size = 0usize;
    let mut stack: Vec<&Value> = vec![v];
    while let Some(v) = stack.pop() {
        size = size.saturating_add(match v {
            Value::Null | Value::Bool(_) => 5,
            Value::Number(_) => 8,
            Value::String(s) => s.len().saturating_add(3),
            Value::Array(a) => {
                stack.extend(a.iter());
                2
            }
            Value::Object(m) => {
                for (k, child) in m {
                    size = size.saturating_add(k.len().saturating_add(4));
                    stack.push(child);
                }
                2
            }
        });
        if size > limit {
            return Some(size);
        }
    }
    None
}

/// Drops a value without recursion, so that a pathologically deep value cannot overflow the stack.
pub(crate) fn drop_iteratively(v: Value) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) => stack.extend(a),
            Value::Object(m) => stack.extend(m.into_iter().map(|(_, c)| c)),
            _ => {}
        }
    }
}
