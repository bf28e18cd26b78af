//! Reading an [`Event`] back from its JSON value without serde's derived `Deserialize`.
//!
//! The derived impls stay (they are the Rust API); this reader exists for the wasm build, where
//! the derive of an internally tagged enum inside `#[serde(flatten)]` pulls in serde's buffering
//! machinery (`Content`, `FlatMapDeserializer`) for tens of kilobytes. It accepts exactly the JSON
//! the derived impls accept, field by field (the tests compare the two), except two
//! spellings the module never writes: a variant index as the `type` tag (`"type": 0`) and an enum
//! value in serde's externally tagged form (`"step": {"operatorAnswered": null}`). Fields are
//! moved out of the map, so `raw` is not copied.

mod fields;
mod names;
#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use crate::events::capture::{
    CameraStarted, CameraStopped, Captured, DeviceError, Diagnostic, Feedback,
};
use crate::events::envelope::{Event, EventBody, EventKind, Vendor};

use fields::{name, optional, optional_name, optional_string, string, take, u32_field};
use names::{
    CAPTURE_SUBJECTS, DEVICE_ERROR_KINDS, FACING_MODES, MEDIA_DEVICES, PROGRESS_STEPS, SEVERITIES,
    STOP_REASONS,
};

impl Event {
    /// The event a JSON value of [`Event`]'s serialized shape describes; `None` when it does not
    /// describe one (a missing or mistyped field, an unknown `type` or enum value). Accepts what
    /// serde's `Deserialize for Event` accepts (unknown fields are ignored).
    pub fn from_json_value(value: Value) -> Option<Event> {
        let Value::Object(mut map) = value else {
            return None;
        };
        let seq = take(&mut map, "seq")?.as_u64()?;
        let at = string(take(&mut map, "at")?)?;
        let body = EventBody::from_json_map(map)?;
        Some(Event { seq, at, body })
    }
}

impl EventBody {
    fn from_json_map(mut map: Map<String, Value>) -> Option<EventBody> {
        let vendor = Vendor::from_name(take(&mut map, "vendor")?.as_str()?)?;
        let terminal = take(&mut map, "terminal")?.as_bool()?;
        let session_id = optional_string(&mut map, "sessionId")?;
        let code = optional_string(&mut map, "code")?;
        let message = optional_string(&mut map, "message")?;
        // `raw: null` is a received `null`: present, unlike the other optional fields.
        let raw = map.remove("raw");
        let kind = EventKind::from_json_map(map)?;
        Some(EventBody {
            vendor,
            kind,
            terminal,
            session_id,
            code,
            message,
            raw,
        })
    }
}

impl EventKind {
    fn from_json_map(mut map: Map<String, Value>) -> Option<EventKind> {
        let tag = take(&mut map, "type")?;
        let m = &mut map;
        Some(match tag.as_str()? {
            "loaded" => EventKind::Loaded,
            "progress" => EventKind::Progress {
                step: name(m, "step", PROGRESS_STEPS)?,
            },
            "completed" => EventKind::Completed,
            "failed" => EventKind::Failed,
            "cancelled" => EventKind::Cancelled,
            "unknown" => EventKind::Unknown,
            "cameraStarted" => EventKind::CameraStarted(CameraStarted {
                width: u32_field(m, "width")?,
                height: u32_field(m, "height")?,
                facing_mode: optional_name(m, "facingMode", FACING_MODES)?,
                frame_rate: match optional(m, "frameRate") {
                    None => None,
                    Some(v) => Some(v.as_f64()?),
                },
                label: optional_string(m, "label")?,
            }),
            "cameraStopped" => EventKind::CameraStopped(CameraStopped {
                reason: name(m, "reason", STOP_REASONS)?,
            }),
            "deviceError" => EventKind::DeviceError(DeviceError {
                device: name(m, "device", MEDIA_DEVICES)?,
                error: name(m, "error", DEVICE_ERROR_KINDS)?,
                constraint: optional_string(m, "constraint")?,
            }),
            "feedback" => EventKind::Feedback(Feedback {
                subject: name(m, "subject", CAPTURE_SUBJECTS)?,
                feedback: string(take(m, "feedback")?)?,
                compliant: take(m, "compliant")?.as_bool()?,
            }),
            "captured" => EventKind::Captured(Captured {
                subject: name(m, "subject", CAPTURE_SUBJECTS)?,
                width: u32_field(m, "width")?,
                height: u32_field(m, "height")?,
                mime_type: string(take(m, "mimeType")?)?,
                bytes: take(m, "bytes")?.as_u64()?,
            }),
            "diagnostic" => EventKind::Diagnostic(Diagnostic {
                check: string(take(m, "check")?)?,
                severity: name(m, "severity", SEVERITIES)?,
                passed: take(m, "passed")?.as_bool()?,
                detail: optional_string(m, "detail")?,
                hint: optional_string(m, "hint")?,
            }),
            _ => return None,
        })
    }
}
