//! The reader against serde's derived `Deserialize`: the name tables, every event, and every field
//! altered.

#![allow(clippy::unwrap_used)]

use serde::Serialize;
use serde_json::{Value, json};

use super::names::{
    CAPTURE_SUBJECTS, DEVICE_ERROR_KINDS, FACING_MODES, MEDIA_DEVICES, PROGRESS_STEPS, SEVERITIES,
    STOP_REASONS,
};
use crate::events::capture::{
    CameraStarted, CameraStopped, CaptureSubject, Captured, DeviceError, DeviceErrorKind,
    Diagnostic, FacingMode, Feedback, MediaDevice, Severity, StopReason,
};
use crate::events::envelope::{Event, EventBody, EventKind, ProgressStep, Vendor};

fn names_match_serde<T: Serialize + Copy>(names: &[(&str, T)]) {
    for (name, t) in names {
        assert_eq!(serde_json::to_value(t).unwrap(), json!(name));
    }
}

/// Every variant is listed: the matches are exhaustive, so a new variant fails to compile
/// here until it is added to its table.
#[test]
fn name_tables_are_complete_and_match_serde() {
    fn index<T: PartialEq>(names: &[(&str, T)], t: T) -> usize {
        names.iter().position(|(_, x)| *x == t).unwrap()
    }
    names_match_serde(PROGRESS_STEPS);
    names_match_serde(FACING_MODES);
    names_match_serde(STOP_REASONS);
    names_match_serde(MEDIA_DEVICES);
    names_match_serde(DEVICE_ERROR_KINDS);
    names_match_serde(CAPTURE_SUBJECTS);
    names_match_serde(SEVERITIES);
    for &(_, t) in PROGRESS_STEPS {
        match t {
            ProgressStep::DeviceCheckPassed
            | ProgressStep::OperatorAnswered
            | ProgressStep::OperatorNotAnswered => index(PROGRESS_STEPS, t),
        };
    }
    for &(_, t) in FACING_MODES {
        match t {
            FacingMode::User
            | FacingMode::Environment
            | FacingMode::Left
            | FacingMode::Right => index(FACING_MODES, t),
        };
    }
    for &(_, t) in STOP_REASONS {
        match t {
            StopReason::Requested
            | StopReason::TrackEnded
            | StopReason::PageHidden
            | StopReason::Error => index(STOP_REASONS, t),
        };
    }
    for &(_, t) in MEDIA_DEVICES {
        match t {
            MediaDevice::Camera | MediaDevice::Microphone => index(MEDIA_DEVICES, t),
        };
    }
    for &(_, t) in DEVICE_ERROR_KINDS {
        match t {
            DeviceErrorKind::NotAllowed
            | DeviceErrorKind::NotFound
            | DeviceErrorKind::NotReadable
            | DeviceErrorKind::Overconstrained
            | DeviceErrorKind::Security
            | DeviceErrorKind::Aborted
            | DeviceErrorKind::NotSupported
            | DeviceErrorKind::Other => index(DEVICE_ERROR_KINDS, t),
        };
    }
    for &(_, t) in CAPTURE_SUBJECTS {
        match t {
            CaptureSubject::Face
            | CaptureSubject::DocumentFront
            | CaptureSubject::DocumentBack => index(CAPTURE_SUBJECTS, t),
        };
    }
    for &(_, t) in SEVERITIES {
        match t {
            Severity::Info | Severity::Warning | Severity::Error => index(SEVERITIES, t),
        };
    }
    assert_eq!(PROGRESS_STEPS.len(), 3);
    assert_eq!(FACING_MODES.len(), 4);
    assert_eq!(STOP_REASONS.len(), 4);
    assert_eq!(MEDIA_DEVICES.len(), 2);
    assert_eq!(DEVICE_ERROR_KINDS.len(), 8);
    assert_eq!(CAPTURE_SUBJECTS.len(), 3);
    assert_eq!(SEVERITIES.len(), 3);
}

fn kinds() -> Vec<EventKind> {
    let mut kinds = vec![
        EventKind::Loaded,
        EventKind::Completed,
        EventKind::Failed,
        EventKind::Cancelled,
        EventKind::Unknown,
    ];
    kinds.extend(
        PROGRESS_STEPS
            .iter()
            .map(|&(_, step)| EventKind::Progress { step }),
    );
    for &(_, facing_mode) in FACING_MODES {
        kinds.push(EventKind::CameraStarted(CameraStarted {
            width: 1280,
            height: u32::MAX,
            facing_mode: Some(facing_mode),
            frame_rate: Some(29.97),
            label: Some("Back Camera ✓".into()),
        }));
    }
    kinds.push(EventKind::CameraStarted(CameraStarted {
        width: 0,
        height: 480,
        facing_mode: None,
        frame_rate: Some(30.0),
        label: None,
    }));
    kinds.push(EventKind::CameraStarted(CameraStarted {
        width: 640,
        height: 480,
        facing_mode: None,
        frame_rate: None,
        label: Some(String::new()),
    }));
    for &(_, reason) in STOP_REASONS {
        kinds.push(EventKind::CameraStopped(CameraStopped { reason }));
    }
    for &(_, device) in MEDIA_DEVICES {
        for &(_, error) in DEVICE_ERROR_KINDS {
            kinds.push(EventKind::DeviceError(DeviceError {
                device,
                error,
                constraint: (error == DeviceErrorKind::Overconstrained)
                    .then(|| "facingMode".into()),
            }));
        }
    }
    for &(_, subject) in CAPTURE_SUBJECTS {
        kinds.push(EventKind::Feedback(Feedback {
            subject,
            feedback: "FACE_TOO_FAR".into(),
            compliant: subject == CaptureSubject::Face,
        }));
        kinds.push(EventKind::Captured(Captured {
            subject,
            width: 1920,
            height: 1080,
            mime_type: "image/jpeg".into(),
            bytes: u64::MAX,
        }));
    }
    for &(_, severity) in SEVERITIES {
        kinds.push(EventKind::Diagnostic(Diagnostic {
            check: "iframeAllowCamera".into(),
            severity,
            passed: severity == Severity::Info,
            detail: (severity != Severity::Error).then(|| "d".into()),
            hint: Some("add `camera`".into()),
        }));
    }
    kinds
}

fn events() -> Vec<Event> {
    let raws = [
        None,
        Some(Value::Null),
        Some(json!("text")),
        Some(json!({"nested": [1, -2, 3.5, "two", null, {"x": "é"}], "type": "x"})),
    ];
    let mut events = Vec::new();
    for (i, kind) in kinds().into_iter().enumerate() {
        let mut body = EventBody::new(Vendor::ALL[i % 6], kind)
            .with_terminal(i % 2 == 0)
            .with_session_id((i % 3 == 0).then(|| format!("s{i}")))
            .with_code((i % 4 == 1).then(|| "9820".into()))
            .with_message((i % 5 == 2).then(|| "m\"\n".into()));
        body.raw = raws[i % raws.len()].clone();
        events.push(body.into_event(i as u64 + u64::from(i == 3) * u64::MAX / 2, "t"));
    }
    events
}

fn serde_reads(v: &Value) -> Option<Event> {
    serde_json::from_str(&v.to_string()).ok()
}

#[test]
fn reads_every_event_like_serde() {
    for event in events() {
        let v = serde_json::to_value(&event).unwrap();
        assert_eq!(
            Event::from_json_value(v.clone()).as_ref(),
            Some(&event),
            "{v}"
        );
        assert_eq!(serde_reads(&v).as_ref(), Some(&event), "{v}");
    }
}

/// Every field removed, set to `null`, or given a value of each other JSON type: the reader
/// accepts exactly when serde does, and reads the same event.
#[test]
fn agrees_with_serde_on_altered_events() {
    let replacements = [
        None,
        Some(Value::Null),
        Some(json!(true)),
        Some(json!(0)),
        Some(json!(-1)),
        Some(json!(1.5)),
        Some(json!(4_294_967_296_u64)),
        Some(json!("")),
        Some(json!("error")),
        Some(json!("camera")),
        Some(json!("face")),
        Some(json!("loaded")),
        Some(json!("captured")),
        Some(json!("jumio")),
        Some(json!([])),
        Some(json!({})),
    ];
    let mut checked = 0;
    for event in events() {
        let Value::Object(map) = serde_json::to_value(&event).unwrap() else {
            unreachable!()
        };
        let mut keys: Vec<String> = map.keys().cloned().collect();
        keys.extend(["extra", "raw", "sessionId", "frameRate", "facingMode"].map(String::from));
        for key in &keys {
            for replacement in &replacements {
                let mut altered = map.clone();
                match replacement {
                    None => {
                        altered.remove(key);
                    }
                    Some(r) => {
                        altered.insert(key.clone(), r.clone());
                    }
                }
                let v = Value::Object(altered);
                if key == "type" && replacement.as_ref().is_some_and(Value::is_u64) {
                    // serde also takes a variant index as the tag; the module never writes one.
                    assert_eq!(Event::from_json_value(v), None);
                    continue;
                }
                assert_eq!(Event::from_json_value(v.clone()), serde_reads(&v), "{v}");
                checked += 1;
            }
        }
    }
    assert!(checked > 1000);
    for v in [json!(null), json!([]), json!("x"), json!(1)] {
        assert_eq!(Event::from_json_value(v.clone()), None);
        assert_eq!(serde_reads(&v), None);
    }
}
