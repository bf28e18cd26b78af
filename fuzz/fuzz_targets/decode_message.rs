//! Vendor postMessage decoding: `decode_message` and `normalize_message`.
//!
//! Input: `message [0xFF origin]`. 0xFF never occurs in UTF-8, so a plain JSON sample (the seed
//! corpus) is a message alone, checked against a fixed list of origins picked by its length.
//! The message goes in as `MessageData::Text` (lossy UTF-8) and, when the bytes are JSON, as
//! `MessageData::Json`, for Jumio, LiveID+ and one of the vendors without a message protocol
//! (which share one decoder), with and without `keep_secrets`.
//!
//! Invariants (besides "never panics"):
//! - an `Ok` event is for the vendor asked, serializes, and round-trips through JSON;
//! - without `keep_secrets`, no secret of the vendor (`secret_keys`) survives in `raw`;
//! - `keep_secrets` changes nothing but `raw`;
//! - `Json(Value::String(s))` decodes exactly like `Text(s)`; an object/array text decodes like
//!   its parsed value whenever both are accepted;
//! - `decode_message` only rejects for size/depth, and `Text` only for size;
//! - `normalize_message`: an origin the rules disallow is always `Err(Rejection::Origin)` with the
//!   vendor and the origin (cut to 256 chars); an allowed one decodes as `decode_message`; the
//!   default rules allow only the vendors' own https hosts, never `null`; empty rules allow none.
#![no_main]

mod common;

use idv_core::events::{
    DecodeOptions, EventBody, MAX_MESSAGE_BYTES, MessageData, OriginRules, Rejection, Vendor,
    decode_message, normalize_message, secret_keys,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::sync::LazyLock;

const ORIGINS: &[&str] = &[
    "https://portal.netverify.com",
    "https://a.b.jumio.ai:443",
    "https://liveid.namirialtsp.com",
    "https://liveid.test.namirialtsp.com",
    "HTTPS://LIVEID.NAMIRIALTSP.COM",
    "https://netverify.com",
    "http://portal.netverify.com",
    "https://portal.netverify.com:8443",
    "https://portal.netverify.com/",
    "https://portal.netverify.com.evil.example",
    "https://evilnetverify.com",
    "null",
    "",
];

static DEFAULT_RULES: LazyLock<OriginRules> = LazyLock::new(OriginRules::with_defaults);
static EMPTY_RULES: LazyLock<OriginRules> = LazyLock::new(OriginRules::empty);

fuzz_target!(|bytes: &[u8]| {
    let (msg, origin) = match bytes.iter().rposition(|&b| b == 0xFF) {
        Some(i) => (&bytes[..i], String::from_utf8_lossy(&bytes[i + 1..]).into_owned()),
        None => (bytes, ORIGINS[bytes.len() % ORIGINS.len()].to_owned()),
    };
    let text = String::from_utf8_lossy(msg).into_owned();
    let json: Option<Value> = serde_json::from_slice(msg).ok();

    // Jumio and LiveID+ have their own decoders; the other four share the generic one (they
    // differ only in the vendor tag), so one of them per input, picked by its length.
    let generic = [Vendor::Authenteq, Vendor::Vult, Vendor::AwareId, Vendor::Capture];
    for vendor in [Vendor::Jumio, Vendor::LiveId, generic[bytes.len() % generic.len()]] {
        let mut results: Vec<(bool, EventBody)> = Vec::new();
        for keep in [false, true] {
            let options = DecodeOptions::default().with_keep_secrets(keep);

            let from_text = decode_message(vendor, MessageData::Text(text.clone()), &options);
            check(vendor, keep, &from_text);
            match &from_text {
                Ok(body) => results.push((keep, body.clone())),
                Err(e) => assert!(
                    matches!(e, Rejection::TooLarge { .. }) && text.len() > MAX_MESSAGE_BYTES,
                    "invariant: a text is rejected only for its size, got {e:?}"
                ),
            }

            let as_json_string =
                decode_message(vendor, MessageData::Json(Value::String(text.clone())), &options);
            assert_eq!(
                as_json_string, from_text,
                "invariant: Json(String(s)) decodes like Text(s)"
            );

            if let Some(json) = &json {
                let from_json = decode_message(vendor, MessageData::Json(json.clone()), &options);
                check(vendor, keep, &from_json);
                if let Err(e) = &from_json {
                    assert!(
                        matches!(e, Rejection::TooLarge { .. } | Rejection::TooDeep { .. }),
                        "invariant: decode_message rejects only for size or depth, got {e:?}"
                    );
                }
                if json.is_object() || json.is_array() {
                    if let (Ok(a), Ok(b)) = (&from_text, &from_json) {
                        assert_eq!(a, b, "invariant: object text decodes like its parsed value");
                    }
                }
            }

            normalize(vendor, &origin, &text, json.as_ref(), &options);
        }
        if let [(false, redacted), (true, kept)] = results.as_slice() {
            common::check_same_but_raw(redacted, kept);
        }
    }
});

fn check(vendor: Vendor, keep: bool, result: &Result<EventBody, Rejection>) {
    let Ok(body) = result else { return };
    assert_eq!(body.vendor, vendor, "invariant: event is for the vendor asked");
    common::check_round_trip(body);
    if !keep {
        if let Some(raw) = &body.raw {
            common::check_redacted(raw, secret_keys(vendor));
        }
    }
}

fn normalize(
    vendor: Vendor,
    origin: &str,
    text: &str,
    json: Option<&Value>,
    options: &DecodeOptions,
) {
    let mut inputs = vec![MessageData::Text(text.to_owned())];
    inputs.extend(json.cloned().map(MessageData::Json));
    let allowed = DEFAULT_RULES.allows(vendor, origin);
    if allowed {
        assert!(
            default_oracle(vendor, origin),
            "invariant: default rules allow only the vendors' own https origins, allowed {origin:?} for {vendor}"
        );
    }
    for data in inputs {
        let r = normalize_message(vendor, origin, data.clone(), &DEFAULT_RULES, options);
        if allowed {
            assert_eq!(
                r,
                decode_message(vendor, data.clone(), options),
                "invariant: an allowed origin decodes like decode_message"
            );
        } else {
            assert_origin_rejection(vendor, origin, &r);
        }
        let r = normalize_message(vendor, origin, data, &EMPTY_RULES, options);
        assert_origin_rejection(vendor, origin, &r);
    }
}

fn assert_origin_rejection(vendor: Vendor, origin: &str, r: &Result<EventBody, Rejection>) {
    let echoed: String = origin.chars().take(256).collect();
    match r {
        Err(Rejection::Origin { vendor: v, origin: o }) if *v == vendor && *o == echoed => {}
        other => panic!("invariant: disallowed origin {origin:?} is Err(Origin), got {other:?}"),
    }
}

/// An independent reading of `DEFAULT_PATTERNS`: https (any case), the default port (absent or
/// 443), and the host one of the vendor's own.
fn default_oracle(vendor: Vendor, origin: &str) -> bool {
    if !origin.is_ascii() || origin.eq_ignore_ascii_case("null") {
        return false;
    }
    let lower = origin.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://") else {
        return false;
    };
    if rest.contains(['/', '?', '#', '@', ' ', '\t', '\n', '\r', '*', '[']) {
        return false;
    }
    let host = match rest.rsplit_once(':') {
        Some((host, port)) => {
            if port.parse::<u16>() != Ok(443) {
                return false;
            }
            host
        }
        None => rest,
    };
    let wildcard_under = |base: &str| {
        host.strip_suffix(base)
            .and_then(|p| p.strip_suffix('.'))
            .is_some_and(|p| !p.is_empty() && p.split('.').all(|l| !l.is_empty()))
    };
    match vendor {
        Vendor::Jumio => wildcard_under("netverify.com") || wildcard_under("jumio.ai"),
        Vendor::LiveId => {
            host == "liveid.test.namirialtsp.com" || host == "liveid.namirialtsp.com"
        }
        _ => false,
    }
}
