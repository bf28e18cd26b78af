//! LiveID+ messages beyond the samples: the undocumented name key, `retry`, closing events by
//! name and by shape, `message` as a JSON string.

use super::common::{UNKNOWN, decode, live, summary};
use idv_core::events::{EventBody, ProgressStep, Vendor};
use serde_json::{Value, json};

#[test]
fn liveid_name_key_is_recognised_wherever_it_is() {
    let ok = |b: &EventBody| b.kind.step() == Some(ProgressStep::DeviceCheckPassed);
    assert!(ok(&decode(Vendor::LiveId, "WEBRTCTEST_OK")));
    assert!(ok(&decode(Vendor::LiveId, " WEBRTCTEST_OK\n")));
    for key in ["event", "eventName", "name", "type", "status", "whatever"] {
        assert!(ok(&live(json!({ key: "WEBRTCTEST_OK" }))), "{key}");
        assert!(
            ok(&decode(
                Vendor::LiveId,
                json!({ key: "WEBRTCTEST_OK" }).to_string()
            )),
            "{key} as string"
        );
    }
    // `type` carrying the name: no failure class.
    let b = live(json!({"type": "WEBRTCTEST_KO", "error": "NotReadableError"}));
    assert_eq!(summary(&b), ("failed", true, None, None));
    assert_eq!(b.message.as_deref(), Some("NotReadableError"));
    let b = live(json!({"event": "WEBRTCTEST_KO", "type": "NETWORK"}));
    assert_eq!(summary(&b), ("failed", true, Some("NETWORK"), None));
    assert_eq!(
        b.message.as_deref(),
        Some("The network and media test failed.")
    );
    // Name keys come first, in order; other keys only for distinctive names, and unambiguous.
    assert_eq!(
        live(json!({"event": "WEBRTCTEST_CALLCANCELLED", "type": "WEBRTCTEST_OK"})).type_name(),
        "cancelled"
    );
    assert_eq!(
        live(json!({"name": "x", "a": "WEBRTCTEST_OK", "b": "WEBRTCTEST_OK"})).type_name(),
        "progress"
    );
    assert_eq!(
        summary(&live(json!({"a": "WEBRTCTEST_OK", "b": "WEBRTCTEST_KO"}))),
        UNKNOWN
    );
    assert_eq!(
        summary(&live(json!({"level": "error", "text": "close"}))),
        UNKNOWN
    );
    assert_eq!(
        summary(&live(json!({"event": "webrtctest_ok"}))),
        UNKNOWN,
        "names are case-sensitive"
    );
    assert_eq!(summary(&live(json!({"event": ["WEBRTCTEST_OK"]}))), UNKNOWN);
    assert_eq!(
        summary(&live(json!({"nested": {"event": "WEBRTCTEST_OK"}}))),
        UNKNOWN,
        "top level only"
    );
}

#[test]
fn liveid_retry_and_call_answered() {
    let step = |v: Value| live(v).kind.step();
    for retry in [json!(true), json!("true")] {
        let b = live(json!({"event": "WEBRTCTEST_CALLNOTANSWERED", "retry": retry}));
        assert_eq!(
            (b.type_name(), b.terminal, b.kind.step()),
            ("progress", false, Some(ProgressStep::OperatorNotAnswered))
        );
    }
    for retry in [
        json!(false),
        json!("false"),
        json!(1),
        json!("yes"),
        json!(null),
    ] {
        let b = live(json!({"event": "WEBRTCTEST_CALLNOTANSWERED", "retry": retry}));
        assert_eq!(summary(&b), ("failed", true, None, None), "{retry}");
    }
    assert_eq!(
        summary(&live(json!({"event": "WEBRTCTEST_CALLNOTANSWERED"}))),
        ("failed", true, None, None)
    );
    assert_eq!(
        summary(&decode(Vendor::LiveId, "WEBRTCTEST_CALLNOTANSWERED")),
        ("failed", true, None, None)
    );
    let b = live(json!({"event": "WEBRTCTEST_CALLANSWERED", "idConf": 77, "callID": "c"}));
    assert_eq!(summary(&b), ("progress", false, None, Some("77")));
    assert_eq!(
        step(json!({"event": "WEBRTCTEST_CALLANSWERED"})),
        Some(ProgressStep::OperatorAnswered)
    );
}

#[test]
fn liveid_closing_events_by_name_and_by_shape() {
    let close = |status: Value, extra: Value| {
        let mut message = json!({"closeStatus": status, "token": "tok-123"});
        if let (Some(m), Some(e)) = (message.as_object_mut(), extra.as_object()) {
            m.extend(e.clone());
        }
        json!({"callID": "c1", "message": message})
    };
    let named = |name: &str, v: Value| {
        let mut v = v;
        v["event"] = json!(name);
        live(v)
    };
    assert_eq!(
        summary(&named("close", close(json!("N"), json!({})))),
        ("completed", true, Some("N"), Some("c1"))
    );
    assert_eq!(
        summary(&named("close", close(json!("S"), json!({})))),
        ("failed", true, Some("S"), Some("c1"))
    );
    assert_eq!(
        summary(&named("close", close(json!("K"), json!({})))),
        ("failed", true, Some("K"), Some("c1"))
    );
    assert_eq!(
        summary(&named(
            "close",
            close(json!("A"), json!({"abortCode": "X9"}))
        )),
        ("failed", true, Some("X9"), Some("c1"))
    );
    assert_eq!(
        summary(&named("close", close(json!("A"), json!({})))),
        ("failed", true, Some("A"), Some("c1"))
    );
    assert_eq!(
        summary(&named("close", close(json!("Z"), json!({})))),
        ("unknown", false, None, Some("c1"))
    );
    assert_eq!(
        summary(&named("close", close(json!("n"), json!({})))),
        ("unknown", false, None, Some("c1"))
    );
    assert_eq!(
        summary(&named("close", json!({"callID": "c1"}))),
        ("unknown", false, None, Some("c1"))
    );
    assert_eq!(
        summary(&named("error", close(json!("K"), json!({})))),
        ("failed", true, Some("K"), Some("c1"))
    );
    assert_eq!(
        summary(&named("error", json!({}))),
        ("failed", true, None, None)
    );
    assert_eq!(
        named("error", json!({})).message.as_deref(),
        Some("The call was closed by an unexpected error.")
    );
    // By shape, without any name; `message` may be a JSON string, parsed into raw.
    assert_eq!(
        summary(&live(close(json!("N"), json!({})))),
        ("completed", true, Some("N"), Some("c1"))
    );
    let mut as_string = close(json!("A"), json!({"abortCode": "DOC"}));
    as_string["message"] = json!(as_string["message"].to_string());
    let b = live(as_string.clone());
    assert_eq!(summary(&b), ("failed", true, Some("DOC"), Some("c1")));
    assert_eq!(
        b.raw.unwrap()["message"],
        json!({"closeStatus": "A", "abortCode": "DOC", "token": "[redacted]"})
    );
    // The whole message posted as a string, with the inner message a string too.
    let b = decode(Vendor::LiveId, as_string.to_string());
    assert_eq!(summary(&b), ("failed", true, Some("DOC"), Some("c1")));
    // Not the shape: no callID, or closeStatus not in message.
    assert_eq!(
        summary(&live(json!({"message": {"closeStatus": "N"}}))),
        UNKNOWN
    );
    assert_eq!(
        summary(&live(json!({"callID": "c", "closeStatus": "N"}))),
        ("unknown", false, None, Some("c"))
    );
    // An unparseable message string stays a string, its token redacted.
    let b = live(json!({"callID": "c", "message": "{\"closeStatus\":\"N\",\"token\":\"tok-123"}));
    assert_eq!(summary(&b), ("unknown", false, None, Some("c")));
    assert_eq!(
        b.raw.unwrap()["message"],
        json!("{\"closeStatus\":\"N\",\"token\":\"[redacted]")
    );
}
