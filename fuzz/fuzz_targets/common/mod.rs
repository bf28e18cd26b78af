//! Invariant checks shared by the event targets (`decode_message`, `return_url`).
//!
//! Every check panics with a message naming the broken invariant, so libFuzzer records the input
//! as a crash. `#[allow(dead_code)]`: each target uses only some of them.
#![allow(dead_code)]

use idv_core::events::{EventBody, REDACTED};
use serde_json::Value;

/// An `Ok` event serializes with serde_json, the JSON parses back into an `EventBody`, and what
/// comes back equals the original (modulo the last bit of floats: serde_json's default float
/// parser is best-effort, and that is not the crate's bug). Same for the stream `Event`, which
/// adds `seq`/`at` and one more level of `flatten`.
pub fn check_round_trip(body: &EventBody) {
    let json = serde_json::to_string(body).expect("invariant: an event serializes");
    let back: EventBody = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("invariant: serialized event parses back ({e}): {json}"));
    if &back != body {
        let (a, b) = (to_value(serde_json::to_value(body)), to_value(serde_json::to_value(&back)));
        assert!(approx_eq(&a, &b), "invariant: event round-trips\n before {a}\n after  {b}");
    }

    let event = body.clone().into_event(7, "2024-05-14T09:15:43.123Z");
    let json = serde_json::to_string(&event).expect("invariant: a stream event serializes");
    let back: idv_core::events::Event = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("invariant: serialized stream event parses back ({e}): {json}"));
    assert_eq!((back.seq, back.at.as_str()), (7, "2024-05-14T09:15:43.123Z"));
    if back != event {
        let (a, b) = (to_value(serde_json::to_value(&event)), to_value(serde_json::to_value(&back)));
        assert!(approx_eq(&a, &b), "invariant: stream event round-trips\n before {a}\n after  {b}");
    }
}

fn to_value(v: Result<Value, serde_json::Error>) -> Value {
    v.expect("invariant: an event converts to a JSON value")
}

/// Structural equality where two floats may differ in their last bits.
fn approx_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if x == y {
                return true;
            }
            match (x.as_f64(), y.as_f64()) {
                (Some(x), Some(y)) => x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs()),
                _ => false,
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| approx_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| approx_eq(v, w)))
        }
        _ => a == b,
    }
}

/// With `keep_secrets: false`, the value of every member named one of `keys`, at any depth of
/// `raw`, is exactly `"[redacted]"`.
///
/// Strings in `raw` holding JSON text (a double-encoded payload, a `message` member that did not
/// parse in place, a too-deep message kept as text) are redacted textually by the crate: there,
/// every *string* value under a secret key must be `"[redacted]"` too. Two documented limits of
/// a textual scan are not asserted: keys written with `\u` escapes, and non-string values.
pub fn check_redacted(raw: &Value, keys: &[&str]) {
    let mut stack = vec![raw];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    if keys.contains(&k.as_str()) {
                        assert!(
                            child.as_str() == Some(REDACTED),
                            "invariant: secret `{k}` redacted, found {child} in {raw}"
                        );
                    } else {
                        stack.push(child);
                    }
                }
            }
            Value::Array(items) => stack.extend(items),
            Value::String(s) => check_text(s, keys, raw),
            _ => {}
        }
    }
}

/// The JSON text inside a string of `raw` (one level: what the crate documents).
fn check_text(text: &str, keys: &[&str], raw: &Value) {
    let start = text.trim_start();
    if !(start.starts_with('{') || start.starts_with('[')) || text.contains("\\u") {
        return;
    }
    let Ok(inner) = serde_json::from_str::<Value>(text) else {
        return;
    };
    let mut stack = vec![&inner];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    if keys.contains(&k.as_str())
                        && let Value::String(s) = child
                    {
                        assert!(
                            s == REDACTED,
                            "invariant: secret `{k}` inside JSON text redacted, found {s:?} in {raw}"
                        );
                    }
                    stack.push(child);
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

/// Everything but `raw` is decided before redaction: `keep_secrets` must not change it.
pub fn check_same_but_raw(redacted: &EventBody, kept: &EventBody) {
    let strip = |b: &EventBody| EventBody { raw: None, ..b.clone() };
    assert_eq!(
        strip(redacted),
        strip(kept),
        "invariant: keep_secrets changes only `raw`"
    );
}
