//! Other widgets' noise, unicode, the size and depth limits, and the origin check first.

use super::common::{UNKNOWN, decode, live, sample_json, summary};
use idv_core::events::{
    DecodeOptions, EventBody, MAX_JSON_DEPTH, MAX_MESSAGE_BYTES, OriginRules, ProgressStep,
    Rejection, Vendor, decode_message, normalize_message,
};
use serde_json::{Value, json};

#[test]
fn noise_from_an_allowed_origin_is_unknown_with_raw_kept() {
    let texts = [
        "",
        " ",
        "hello",
        "{",
        "[1,",
        "null",
        "510",
        "true",
        "\"quoted\"",
        "{\"a\":",
        "webpackHotUpdate",
    ];
    let values = [
        json!(null),
        json!(0),
        json!(1.5),
        json!(true),
        json!([]),
        json!([1, 2]),
        json!({}),
        json!({"type": "webpackOk"}),
        json!({"source": "react-devtools-bridge", "payload": {"event": "x"}}),
        json!([510, {"value": "success"}]),
        json!(["WEBRTCTEST_OK"]),
    ];
    for vendor in [
        Vendor::Jumio,
        Vendor::LiveId,
        Vendor::Authenteq,
        Vendor::Vult,
        Vendor::AwareId,
    ] {
        for text in texts {
            let b = decode(vendor, text);
            assert_eq!(summary(&b), UNKNOWN, "{vendor} {text:?}");
            assert_eq!(b.vendor, vendor);
            // Non-JSON and truncated strings are kept as the string itself.
            assert_eq!(b.raw, Some(Value::String(text.into())), "{vendor} {text:?}");
        }
        for value in &values {
            let b = decode(vendor, value.clone());
            assert_eq!(summary(&b), UNKNOWN, "{vendor} {value}");
            assert_eq!(b.raw.as_ref(), Some(value), "{vendor} {value}");
        }
    }
}

#[test]
fn a_json_string_value_is_treated_as_text() {
    let text = sample_json("jumio_kyx_510_success.json");
    let a = decode(Vendor::Jumio, text.clone());
    let b = decode(Vendor::Jumio, text.as_str().unwrap());
    assert_eq!(a, b);
    assert_eq!(a.type_name(), "completed");
    assert_eq!(
        decode(Vendor::LiveId, json!("WEBRTCTEST_OK")).kind.step(),
        Some(ProgressStep::DeviceCheckPassed)
    );
}

#[test]
fn unicode_is_kept_intact() {
    let b = live(
        json!({"event": "WEBRTCTEST_KO", "type": "ÉCHEC", "error": "Kamera verweigert – 📷 \u{0}"}),
    );
    assert_eq!(b.code.as_deref(), Some("ÉCHEC"));
    assert_eq!(b.message.as_deref(), Some("Kamera verweigert – 📷 \u{0}"));
    let text = serde_json::to_string(&b).unwrap();
    assert_eq!(serde_json::from_str::<EventBody>(&text).unwrap(), b);
    let b = decode(Vendor::Jumio, "ünïcödé {\"authorizationToken\":\"ключ");
    assert_eq!(
        b.raw,
        Some(json!("ünïcödé {\"authorizationToken\":\"[redacted]"))
    );
    let long = "é".repeat(1000);
    let b = live(json!({"event": "WEBRTCTEST_KO", "error": long}));
    assert_eq!(
        b.message.unwrap().chars().count(),
        256,
        "message is cut; raw keeps it all"
    );
}

#[test]
fn size_limit() {
    let at_limit = "x".repeat(MAX_MESSAGE_BYTES);
    assert_eq!(
        decode(Vendor::Jumio, at_limit.as_str()).type_name(),
        "unknown"
    );
    let over = "x".repeat(MAX_MESSAGE_BYTES + 1);
    let err = decode_message(Vendor::Jumio, over.into(), &DecodeOptions::default()).unwrap_err();
    assert_eq!(
        err,
        Rejection::TooLarge {
            size: MAX_MESSAGE_BYTES as u64 + 1,
            limit: MAX_MESSAGE_BYTES as u64
        }
    );
    assert_eq!(err.reason(), "tooLarge");
    let big = json!({"eventType": 510, "payload": {"value": "success"}, "pad": "y".repeat(MAX_MESSAGE_BYTES)});
    for vendor in [Vendor::Jumio, Vendor::LiveId, Vendor::Vult] {
        let err =
            decode_message(vendor, big.clone().into(), &DecodeOptions::default()).unwrap_err();
        assert!(
            matches!(err, Rejection::TooLarge { limit, .. } if limit == MAX_MESSAGE_BYTES as u64),
            "{err}"
        );
    }
    let wide = Value::Array((0..40_000).map(|i| json!(i)).collect());
    assert!(matches!(
        decode_message(Vendor::LiveId, wide.into(), &DecodeOptions::default()),
        Err(Rejection::TooLarge { .. })
    ));
}

fn nested(depth: usize) -> Value {
    // Built by hand: `json!([v])` would serialize `v` recursively.
    let mut v = json!("WEBRTCTEST_OK");
    for _ in 0..depth {
        v = Value::Array(vec![v]);
    }
    v
}

#[test]
fn deep_nesting_never_panics() {
    // Parsed strings: within the limit, kept parsed; deeper (even past serde_json's own 128-level
    // limit, and far past it), kept as the string.
    for depth in [
        1,
        MAX_JSON_DEPTH,
        MAX_JSON_DEPTH + 1,
        127,
        128,
        129,
        10_000,
        100_000,
    ] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        for vendor in [Vendor::Jumio, Vendor::LiveId, Vendor::AwareId] {
            let b = decode(vendor, text.as_str());
            assert_eq!(summary(&b), UNKNOWN);
            if depth <= MAX_JSON_DEPTH {
                assert!(b.raw.as_ref().unwrap().is_array(), "{depth}");
                // A kept value still round-trips inside the envelope.
                let event = serde_json::to_string(&b.clone().into_event(1, "t")).unwrap();
                assert!(serde_json::from_str::<Value>(&event).is_ok(), "{depth}");
            } else {
                assert_eq!(b.raw, Some(Value::String(text.clone())), "{depth}");
            }
        }
    }
    // JSON values: deeper than the limit is rejected, dropped without recursion.
    assert_eq!(
        decode(Vendor::LiveId, nested(MAX_JSON_DEPTH)).type_name(),
        "unknown"
    );
    for depth in [MAX_JSON_DEPTH + 1, 5_000, 200_000] {
        let err = decode_message(
            Vendor::LiveId,
            nested(depth).into(),
            &DecodeOptions::default(),
        )
        .unwrap_err();
        assert_eq!(
            err,
            Rejection::TooDeep {
                limit: MAX_JSON_DEPTH as u64
            }
        );
    }
    // A LiveID+ `message` string whose parse would make raw too deep stays a string.
    let inner = format!(
        "{}{}",
        "[".repeat(MAX_JSON_DEPTH),
        "]".repeat(MAX_JSON_DEPTH)
    );
    let b = live(json!({"callID": "c", "message": inner}));
    assert_eq!(b.raw.unwrap()["message"], json!(inner));
}

#[test]
fn origin_is_checked_before_the_data() {
    let rules = OriginRules::with_defaults();
    let opts = DecodeOptions::default();
    let ok = normalize_message(
        Vendor::Jumio,
        "https://lon.netverify.com",
        "x".into(),
        &rules,
        &opts,
    );
    assert_eq!(ok.unwrap().type_name(), "unknown");
    // Even an over-limit or too-deep message from a foreign origin is an origin rejection.
    let err = normalize_message(
        Vendor::Jumio,
        "https://evil.example",
        "x".repeat(MAX_MESSAGE_BYTES + 1).into(),
        &rules,
        &opts,
    );
    assert_eq!(
        err.unwrap_err(),
        Rejection::Origin {
            vendor: Vendor::Jumio,
            origin: "https://evil.example".into()
        }
    );
    let err = normalize_message(
        Vendor::LiveId,
        "null",
        nested(100_000).into(),
        &rules,
        &opts,
    )
    .unwrap_err();
    assert_eq!(err.reason(), "origin");
    // The vendor matters: LiveID+'s origin does not speak for Jumio.
    let err = normalize_message(
        Vendor::Jumio,
        "https://liveid.namirialtsp.com",
        "x".into(),
        &rules,
        &opts,
    );
    assert!(matches!(
        err,
        Err(Rejection::Origin {
            vendor: Vendor::Jumio,
            ..
        })
    ));
    // Vendors without default origins accept nothing until the integrator allows an origin.
    assert!(
        normalize_message(
            Vendor::Authenteq,
            "https://app.example.com",
            "x".into(),
            &rules,
            &opts
        )
        .is_err()
    );
    let long_origin = format!("https://{}.example", "a".repeat(1000));
    match normalize_message(Vendor::Jumio, &long_origin, "x".into(), &rules, &opts) {
        Err(Rejection::Origin { origin, .. }) => assert_eq!(origin.chars().count(), 256),
        other => panic!("{other:?}"),
    }
}
