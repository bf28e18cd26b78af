//! Jumio messages beyond the samples: wrong types, missing and extra fields, every documented
//! code, truncation.

use super::common::{UNKNOWN, decode, sample_json, summary};
use idv_core::events::{EventBody, Vendor};
use serde_json::{Value, json};

fn jumio(payload: Value) -> EventBody {
    let mut msg = json!({"eventType": 510, "workflowExecutionId": "wf", "authorizationToken": "secret-token"});
    msg["payload"] = payload;
    decode(Vendor::Jumio, msg)
}

#[test]
fn jumio_wrong_types_missing_and_extra_fields() {
    // Unknown and malformed parts give `unknown`, keeping the session id.
    let u = ("unknown", false, None, Some("wf"));
    assert_eq!(summary(&jumio(json!({"value": "cancelled"}))), u);
    assert_eq!(summary(&jumio(json!({"value": "LOADED"}))), u);
    assert_eq!(summary(&jumio(json!({"value": 1}))), u);
    assert_eq!(summary(&jumio(json!(["success"]))), u, "payload as array");
    assert_eq!(summary(&jumio(json!("success"))), u);
    assert_eq!(summary(&jumio(json!({}))), u);
    assert_eq!(summary(&jumio(Value::Null)), u);
    for event_type in [
        json!("510"),
        json!(510.5),
        json!(511),
        json!(null),
        json!([510]),
    ] {
        let b = decode(
            Vendor::Jumio,
            json!({"eventType": event_type, "payload": {"value": "success"}, "transactionReference": "tr"}),
        );
        assert_eq!(
            summary(&b),
            ("unknown", false, None, Some("tr")),
            "{event_type}"
        );
    }
    let no_type = decode(Vendor::Jumio, json!({"payload": {"value": "success"}}));
    assert_eq!(summary(&no_type), UNKNOWN);
    // Codes: integer (documented) or string; other types or a missing metainfo give no code.
    let failed = |code| ("failed", true, code, Some("wf"));
    assert_eq!(
        summary(&jumio(
            json!({"value": "error", "metainfo": {"code": 9820}})
        )),
        failed(Some("9820"))
    );
    assert_eq!(
        summary(&jumio(
            json!({"value": "error", "metainfo": {"code": "9820"}})
        )),
        failed(Some("9820"))
    );
    assert_eq!(
        summary(&jumio(
            json!({"value": "error", "metainfo": {"code": 1234}})
        )),
        failed(Some("1234"))
    );
    assert_eq!(
        jumio(json!({"value": "error", "metainfo": {"code": 1234}})).message,
        None,
        "undocumented code"
    );
    assert_eq!(
        summary(&jumio(
            json!({"value": "error", "metainfo": {"code": 98.2}})
        )),
        failed(None)
    );
    assert_eq!(
        summary(&jumio(json!({"value": "error", "metainfo": [9820]}))),
        failed(None)
    );
    assert_eq!(summary(&jumio(json!({"value": "error"}))), failed(None));
    // Extra fields are ignored; ids may be integers; wrong-typed ids are dropped, not fatal.
    let b = jumio(json!({"value": "loaded", "extra": {"deep": [1]}, "metainfo": {"code": 1}}));
    assert_eq!(summary(&b), ("loaded", false, None, Some("wf")));
    let b = decode(
        Vendor::Jumio,
        json!({"eventType": 510, "payload": {"value": "success"}, "workflowExecutionId": 42}),
    );
    assert_eq!(b.session_id.as_deref(), Some("42"));
    let b = decode(
        Vendor::Jumio,
        json!({"eventType": 510, "payload": {"value": "success"}, "workflowExecutionId": {}, "transactionReference": "tr"}),
    );
    assert_eq!(b.session_id.as_deref(), Some("tr"));
    assert_eq!(
        jumio(json!({"value": "success"})).raw.unwrap()["authorizationToken"],
        json!("[redacted]")
    );
}

#[test]
fn every_documented_jumio_code_has_its_meaning() {
    let codes = [
        "9100", "9200", "9210", "9300", "9400", "9800", "9801", "9810", "9820", "9821", "9822",
        "9835", "9836",
    ];
    for code in codes {
        let b =
            jumio(json!({"value": "error", "metainfo": {"code": code.parse::<u32>().unwrap()}}));
        assert_eq!(b.code.as_deref(), Some(code));
        let message = b.message.unwrap_or_else(|| panic!("{code} has no message"));
        assert!(
            message.len() > 10 && message.ends_with('.'),
            "{code}: {message}"
        );
    }
    assert_eq!(idv_core::events::jumio::ERROR_CODES.len(), codes.len());
    assert_eq!(
        idv_core::events::jumio::error_code_message("9836"),
        Some("Authentication failure.")
    );
    assert_eq!(idv_core::events::jumio::error_code_message("9999"), None);
}

#[test]
fn truncated_jumio_json_is_unknown_and_its_token_redacted() {
    let text = sample_json("jumio_kyx_510_success.json");
    let text = text.as_str().unwrap();
    let token = sample_json("parsed/jumio_kyx_510_success.json")["authorizationToken"]
        .as_str()
        .unwrap()
        .to_owned();
    for cut in 1..text.len() {
        let b = decode(Vendor::Jumio, &text[..cut]);
        assert_eq!(summary(&b), UNKNOWN, "cut at {cut}");
        let raw = b.raw.unwrap();
        let raw = raw.as_str().unwrap();
        assert!(!raw.contains(&token), "cut at {cut}: {raw}");
        // Only the secret is touched: the rest of the text is as received.
        assert!(raw.starts_with(&text[..cut.min(20)]), "cut at {cut}");
    }
    // Double-encoded (a JSON string of the JSON string) is not unwrapped, and still redacted.
    let double = serde_json::to_string(text).unwrap();
    let b = decode(Vendor::Jumio, double.as_str());
    assert_eq!(summary(&b), UNKNOWN);
    assert!(!b.raw.unwrap().as_str().unwrap().contains(&token));
}
