//! Redaction of secrets in `raw`.
//!
//! Secrets: Jumio `authorizationToken`, LiveID+ `message.token` (a bearer token). Redaction
//! replaces the value with [`REDACTED`] wherever the vendor's secret key appears, at any depth
//! (so LiveID+ `token` is redacted inside `message` and anywhere else). Strings are scanned too:
//! in a string holding JSON text that could not be parsed (truncated JSON, a `message` that is an
//! unparseable JSON string, a double-encoded payload) the value after `"key":` is replaced up to
//! its closing quote, or to the end of the string when the quote is missing — so a token is never
//! leaked by a message that is cut in the middle.

use serde_json::Value;

use super::envelope::Vendor;

/// What a secret's value is replaced with.
pub const REDACTED: &str = "[redacted]";

const JUMIO_KEYS: &[&str] = &["authorizationToken"];
const LIVEID_KEYS: &[&str] = &["token"];
/// Vendors without a documented message protocol: redact every known secret key.
const ALL_KEYS: &[&str] = &["authorizationToken", "token"];

/// The keys whose values are secrets in `vendor`'s payloads.
pub fn secret_keys(vendor: Vendor) -> &'static [&'static str] {
    match vendor {
        Vendor::Jumio => JUMIO_KEYS,
        Vendor::LiveId => LIVEID_KEYS,
        _ => ALL_KEYS,
    }
}

/// Redacts `vendor`'s secrets in `raw`, in place (see the module docs).
pub fn redact_secrets(vendor: Vendor, raw: &mut Value) {
    redact_value(raw, secret_keys(vendor));
}

/// Replaces the value of every `keys` member at any depth, and secrets inside JSON text held in
/// strings. Iterative: no recursion.
pub(crate) fn redact_value(raw: &mut Value, keys: &[&str]) {
    let mut stack: Vec<&mut Value> = vec![raw];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter_mut() {
                    if keys.contains(&k.as_str()) {
                        *child = Value::String(REDACTED.to_owned());
                    } else {
                        stack.push(child);
                    }
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::String(s) => {
                if let Some(redacted) = redact_text(s, keys) {
                    *s = redacted;
                }
            }
            _ => {}
        }
    }
}

/// Redacts string values of `keys` in JSON-like text: `"key" : "value"`, and the escaped form
/// `\"key\":\"value\"` of double-encoded JSON. Returns `None` when nothing was redacted.
pub(crate) fn redact_text(text: &str, keys: &[&str]) -> Option<String> {
    // One run of value spans per key, each in increasing order (the search moves forward).
    let runs: Vec<Vec<(usize, usize)>> = keys.iter().map(|key| key_spans(text, key)).collect();
    if runs.iter().all(Vec::is_empty) {
        return None;
    }
    let mut next = vec![0; runs.len()];
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    // The runs merged in (start, end) order: a merge, not a sort, which would cost several
    // kilobytes of wasm for the few spans there are.
    while let Some(((start, end), run)) = runs
        .iter()
        .zip(&next)
        .enumerate()
        .filter_map(|(r, (run, &i))| Some((*run.get(i)?, r)))
        .min()
    {
        next[run] += 1;
        if start < pos {
            continue; // overlapping spans (a key inside another key's value)
        }
        out.push_str(text.get(pos..start)?);
        out.push_str(REDACTED);
        pos = end;
    }
    out.push_str(text.get(pos..)?);
    Some(out)
}

/// The value spans of `key` members in `text`, in increasing order.
fn key_spans(text: &str, key: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find(key)) {
        let start = from + found;
        from = start + key.len();
        if let Some(span) = value_span(text.as_bytes(), start, key.len()) {
            from = span.1;
            spans.push(span);
        }
    }
    spans
}

/// For a key found at `bytes[start..start + len]`: if it is a quoted member name followed by `:`
/// and a string value, the byte span of the value's contents. All positions returned are next to
/// ASCII bytes (quotes, backslashes) or at the end, so they are `char` boundaries.
fn value_span(bytes: &[u8], start: usize, len: usize) -> Option<(usize, usize)> {
    let quote_before = start.checked_sub(1).map(|i| bytes[i]) == Some(b'"');
    if !quote_before {
        return None;
    }
    let escaped = start >= 2 && bytes[start - 2] == b'\\';
    let mut i = start + len;
    i = skip_quote(bytes, i, escaped)?;
    i = skip_ws(bytes, i);
    if bytes.get(i) != Some(&b':') {
        return None;
    }
    i = skip_ws(bytes, i + 1);
    let value_start = skip_quote(bytes, i, escaped)?;
    let mut j = value_start;
    while j < bytes.len() {
        match bytes[j] {
            // In escaped (double-encoded) text the closing quote is `\"`.
            b'\\' if escaped && bytes.get(j + 1) == Some(&b'"') => return Some((value_start, j)),
            b'\\' if !escaped => j += 2,
            b'"' => return Some((value_start, j)),
            _ => j += 1,
        }
    }
    Some((value_start, bytes.len()))
}

/// Skips a `"` (or `\"` when `escaped`) at `i`.
fn skip_quote(bytes: &[u8], i: usize, escaped: bool) -> Option<usize> {
    if escaped {
        (bytes.get(i) == Some(&b'\\') && bytes.get(i + 1) == Some(&b'"')).then_some(i + 2)
    } else {
        (bytes.get(i) == Some(&b'"')).then_some(i + 1)
    }
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_plain_escaped_and_truncated_text() {
        let keys = &["token"];
        assert_eq!(
            redact_text(r#"{"token" : "abc\"d", "x":1}"#, keys).as_deref(),
            Some(r#"{"token" : "[redacted]", "x":1}"#)
        );
        assert_eq!(
            redact_text(r#"{\"token\":\"abc\",\"x\":1}"#, keys).as_deref(),
            Some(r#"{\"token\":\"[redacted]\",\"x\":1}"#)
        );
        assert_eq!(
            redact_text(r#"{"token":"eyJhbGciOi"#, keys).as_deref(),
            Some(r#"{"token":"[redacted]"#)
        );
        assert_eq!(redact_text(r#"{"tokens":"a","token":5}"#, keys), None);
        assert_eq!(redact_text("token token\"", keys), None);
        assert_eq!(
            redact_text("\"token\":\"é€", keys).as_deref(),
            Some("\"token\":\"[redacted]")
        );
    }

    #[test]
    fn redacts_values_at_any_depth() {
        let mut v = serde_json::json!({
            "a": [{"token": {"x": 1}}],
            "message": "{\"token\":\"sec",
            "authorizationToken": "keep"
        });
        redact_value(&mut v, &["token"]);
        assert_eq!(
            v,
            serde_json::json!({
                "a": [{"token": "[redacted]"}],
                "message": "{\"token\":\"[redacted]",
                "authorizationToken": "keep"
            })
        );
    }

    /// The spans of all keys sorted together, as the merge must order them.
    fn sorted_oracle(text: &str, keys: &[&str]) -> Option<String> {
        let mut spans: Vec<(usize, usize)> = keys.iter().flat_map(|k| key_spans(text, k)).collect();
        if spans.is_empty() {
            return None;
        }
        spans.sort_unstable();
        let mut out = String::new();
        let mut pos = 0;
        for (start, end) in spans {
            if start < pos {
                continue;
            }
            out.push_str(&text[pos..start]);
            out.push_str(REDACTED);
            pos = end;
        }
        out.push_str(&text[pos..]);
        Some(out)
    }

    #[test]
    fn merging_the_keys_orders_spans_like_a_sort() {
        let parts = [
            r#""token":"a""#,
            r#""authorizationToken":"b""#,
            r#"\"token\":\"c\""#,
            r#""authorizationToken":"x\"token\":\"y""#,
            r#""token":"authorizationToken""#,
            r#""token": "#,
            ", ",
            "é",
            r#"""#,
        ];
        let keys = [
            &["authorizationToken", "token"][..],
            &["token", "authorizationToken"][..],
        ];
        let mut checked = 0;
        for a in parts {
            for b in parts {
                for c in parts {
                    let text = format!("{{{a}{b}{c}");
                    for keys in keys {
                        assert_eq!(
                            redact_text(&text, keys),
                            sorted_oracle(&text, keys),
                            "{text}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 2 * 9 * 9 * 9);
    }
}
