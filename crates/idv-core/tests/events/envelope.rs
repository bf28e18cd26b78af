//! The envelope: JSON field names, omission of absent fields, serde round trips, and the
//! TypeScript snapshot `bindings/events.d.ts`.

use idv_core::events::{
    CameraStarted, CameraStopped, CaptureSubject, Captured, DeviceError, DeviceErrorKind,
    Diagnostic, Event, EventBody, EventKind, FacingMode, Feedback, MediaDevice, ProgressStep,
    Severity, StopReason, Vendor, typescript_declarations,
};
use serde_json::{Value, json};

fn every_kind() -> Vec<EventKind> {
    vec![
        EventKind::Loaded,
        EventKind::Progress {
            step: ProgressStep::DeviceCheckPassed,
        },
        EventKind::Progress {
            step: ProgressStep::OperatorAnswered,
        },
        EventKind::Progress {
            step: ProgressStep::OperatorNotAnswered,
        },
        EventKind::Completed,
        EventKind::Failed,
        EventKind::Cancelled,
        EventKind::Unknown,
        EventKind::CameraStarted(CameraStarted {
            width: 1280,
            height: 720,
            facing_mode: Some(FacingMode::Environment),
            frame_rate: Some(29.97),
            label: Some("Back Camera ✓".into()),
        }),
        EventKind::CameraStarted(CameraStarted {
            width: 640,
            height: 480,
            facing_mode: None,
            frame_rate: None,
            label: None,
        }),
        EventKind::CameraStopped(CameraStopped {
            reason: StopReason::TrackEnded,
        }),
        EventKind::DeviceError(DeviceError {
            device: MediaDevice::Camera,
            error: DeviceErrorKind::Overconstrained,
            constraint: Some("facingMode".into()),
        }),
        EventKind::Feedback(Feedback {
            subject: CaptureSubject::Face,
            feedback: "FACE_TOO_FAR".into(),
            compliant: false,
        }),
        EventKind::Captured(Captured {
            subject: CaptureSubject::DocumentFront,
            width: 1920,
            height: 1080,
            mime_type: "image/jpeg".into(),
            bytes: 512_000,
        }),
        EventKind::Diagnostic(Diagnostic {
            check: "iframeAllowCamera".into(),
            severity: Severity::Error,
            passed: false,
            detail: None,
            hint: Some("add `camera` to the iframe's allow attribute".into()),
        }),
    ]
}

#[test]
fn field_names_are_the_contract() {
    let event = EventBody::new(
        Vendor::LiveId,
        EventKind::Progress {
            step: ProgressStep::OperatorAnswered,
        },
    )
    .with_session_id(Some("conf-1".into()))
    .with_code(Some("N".into()))
    .with_message(Some("m".into()))
    .with_raw(json!({"a": 1}))
    .into_event(7, "2024-05-14T09:12:04.220Z");
    let v = serde_json::to_value(&event).unwrap();
    assert_eq!(
        v,
        json!({
            "seq": 7, "at": "2024-05-14T09:12:04.220Z", "vendor": "liveid", "type": "progress",
            "step": "operatorAnswered", "terminal": false, "sessionId": "conf-1", "code": "N",
            "message": "m", "raw": {"a": 1}
        })
    );
}

#[test]
fn absent_fields_are_omitted_and_null_raw_is_kept() {
    let v =
        serde_json::to_value(EventBody::capture(EventKind::Cancelled).into_event(1, "t")).unwrap();
    assert_eq!(
        v,
        json!({"seq": 1, "at": "t", "vendor": "capture", "type": "cancelled", "terminal": false})
    );

    let body = EventBody::unknown(Vendor::Jumio, Value::Null);
    let text = serde_json::to_string(&body).unwrap();
    assert_eq!(
        text,
        r#"{"vendor":"jumio","type":"unknown","terminal":false,"raw":null}"#
    );
    let back: EventBody = serde_json::from_str(&text).unwrap();
    assert_eq!(back.raw, Some(Value::Null));
}

#[test]
fn vendor_names() {
    let names: Vec<Value> = Vendor::ALL
        .iter()
        .map(|v| serde_json::to_value(v).unwrap())
        .collect();
    assert_eq!(
        names,
        vec![
            json!("jumio"),
            json!("liveid"),
            json!("authenteq"),
            json!("vult"),
            json!("awareid"),
            json!("capture")
        ]
    );
    for v in Vendor::ALL {
        assert_eq!(Vendor::from_name(v.as_str()), Some(v));
        assert_eq!(serde_json::to_value(v).unwrap(), json!(v.to_string()));
    }
    assert_eq!(Vendor::from_name("Jumio"), None);
}

#[test]
fn every_kind_round_trips_with_its_type_name() {
    let kinds = every_kind();
    for (i, kind) in kinds.into_iter().enumerate() {
        let type_name = kind.type_name();
        let body = EventBody::new(Vendor::ALL[i % 6], kind)
            .with_terminal(i % 2 == 0)
            .with_session_id((i % 3 == 0).then(|| format!("s{i}")))
            .with_raw(json!({"nested": [1, "two", null, {"x": "é"}]}));
        let event = body
            .clone()
            .into_event(i as u64 + 1, "2026-01-01T00:00:00.000Z");
        let text = serde_json::to_string(&event).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["type"], json!(type_name), "{text}");
        let back: Event = serde_json::from_str(&text).unwrap();
        assert_eq!(back, event, "{text}");
        let back_body: EventBody = serde_json::from_value(value).unwrap();
        assert_eq!(back_body, body);
    }
}

#[test]
fn capture_fields_are_camel_case() {
    let v = serde_json::to_value(EventBody::capture(every_kind()[8].clone())).unwrap();
    assert_eq!(v["type"], "cameraStarted");
    assert_eq!(v["facingMode"], "environment");
    assert_eq!(v["frameRate"], 29.97);
    let v = serde_json::to_value(EventBody::capture(every_kind()[13].clone())).unwrap();
    assert_eq!(v["mimeType"], "image/jpeg");
    assert_eq!(v["subject"], "documentFront");
    let v = serde_json::to_value(EventBody::capture(every_kind()[11].clone())).unwrap();
    assert_eq!(v["error"], "overconstrained");
    assert_eq!(v["device"], "camera");
}

#[test]
fn unknown_type_does_not_deserialize() {
    let r = serde_json::from_str::<EventBody>(
        r#"{"vendor":"jumio","type":"exploded","terminal":true}"#,
    );
    assert!(r.is_err());
}

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/bindings/events.d.ts");

#[test]
fn typescript_snapshot_is_current() {
    let generated = typescript_declarations();
    if std::env::var("UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        std::fs::write(SNAPSHOT, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(SNAPSHOT).unwrap_or_else(|e| {
        panic!("cannot read {SNAPSHOT}: {e}; run `UPDATE_SNAPSHOTS=1 cargo test -p idv-core --test events`")
    });
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || committed.lines().count().min(generated.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "{SNAPSHOT} is out of date (first difference at line {line}).\n\
             Review the change to the event types, then run \
             `UPDATE_SNAPSHOTS=1 cargo test -p idv-core --test events` and commit the file."
        );
    }
}

#[test]
fn typescript_is_a_discriminated_union_of_exports() {
    let ts = typescript_declarations();
    for name in [
        "JsonValue",
        "Vendor",
        "ProgressStep",
        "EventKind",
        "EventBody",
        "IdvEvent",
        "CameraStarted",
        "Diagnostic",
    ] {
        assert!(
            ts.contains(&format!("export type {name} = ")),
            "missing {name}:\n{ts}"
        );
    }
    assert!(ts.contains(r#""type": "cameraStarted""#), "{ts}");
    assert!(ts.contains(r#"{ "type": "progress", "#), "{ts}");
    assert!(ts.contains("step: ProgressStep, }"), "{ts}");
    assert!(ts.contains("sessionId?: string"), "{ts}");
    assert!(ts.contains("seq: number"), "{ts}");
    assert!(!ts.contains("bigint"), "{ts}");
    assert!(!ts.contains("import "), "{ts}");
    assert!(
        !ts.contains("| null,") && !ts.contains("| null }"),
        "optional fields must be `?:`, not nullable:\n{ts}"
    );
}
