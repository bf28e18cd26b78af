//! Jumio iframe messages (KYX and legacy Netverify v4) and Jumio error codes.
//!
//! `event.data` is documented as a JSON string; an object is accepted too. Mapping:
//!
//! | message | event |
//! |---|---|
//! | `eventType` 510, `payload.value` `loaded` | `loaded` |
//! | `eventType` 510, `payload.value` `success` | `completed`, terminal |
//! | `eventType` 510, `payload.value` `error` | `failed`, terminal, `code` = `payload.metainfo.code`, `message` from [`error_code_message`] |
//! | anything else (other or non-integer `eventType` such as `"510"`, other `payload.value`, a `payload` that is not an object, a foreign object, an array, a non-JSON or truncated string, `""`) | `unknown`, not terminal |
//!
//! `sessionId` is `workflowExecutionId`, else legacy `transactionReference`, whenever the message
//! carries one (string or integer). `metainfo.code` may be an integer (documented) or a string.
//! `raw` is the parsed object (or the string as received) with `authorizationToken` redacted
//! unless [`DecodeOptions::keep_secrets`].

use serde_json::{Map, Value};

use super::envelope::{EventBody, EventKind, Vendor};
use super::lenient;
use super::payload::{DecodeOptions, MessageData, Payload};
use super::redact::{redact_text, redact_value, secret_keys};
use super::rejection::Rejection;

/// The only documented Jumio `eventType`: application state change.
pub const EVENT_TYPE_STATE_CHANGE: i64 = 510;

/// The top level of a Jumio message (fields the mapping needs; the rest stays in `raw`). Every
/// field is read leniently ([`lenient`]): an odd field reads as absent.
#[derive(Debug)]
struct JumioMessage {
    event_type: Option<i64>,
    payload: Option<JumioPayload>,
    workflow_execution_id: Option<String>,
    transaction_reference: Option<String>,
}

impl JumioMessage {
    fn from_map(m: &Map<String, Value>) -> Self {
        JumioMessage {
            event_type: lenient::integer(m.get("eventType")),
            payload: lenient::object(m.get("payload")).map(JumioPayload::from_map),
            workflow_execution_id: lenient::string(m.get("workflowExecutionId")),
            transaction_reference: lenient::string(m.get("transactionReference")),
        }
    }
}

/// `event.data.payload`.
#[derive(Debug)]
struct JumioPayload {
    value: Option<String>,
    /// `metainfo.code`, when `metainfo` is an object.
    code: Option<String>,
}

impl JumioPayload {
    fn from_map(m: &Map<String, Value>) -> Self {
        JumioPayload {
            value: lenient::text(m.get("value")),
            code: lenient::object(m.get("metainfo")).and_then(|m| lenient::string(m.get("code"))),
        }
    }
}

/// Decodes one Jumio message. Total: every input within the limits gives an event.
///
/// # Errors
/// [`Rejection::TooLarge`] / [`Rejection::TooDeep`] when the message cannot be represented.
pub fn decode(data: MessageData, options: &DecodeOptions) -> Result<EventBody, Rejection> {
    let keys = secret_keys(Vendor::Jumio);
    match Payload::from_data(data)? {
        Payload::Opaque(text) => {
            let text = match (options.keep_secrets, redact_text(&text, keys)) {
                (false, Some(redacted)) => redacted,
                _ => text,
            };
            Ok(EventBody::unknown(Vendor::Jumio, Value::String(text)))
        }
        Payload::Parsed(mut raw) => {
            let body = classify(&raw);
            if !options.keep_secrets {
                redact_value(&mut raw, keys);
            }
            Ok(body.with_raw(raw))
        }
    }
}

/// The event for a parsed message, without `raw`.
fn classify(raw: &Value) -> EventBody {
    let Some(msg) = raw.as_object().map(JumioMessage::from_map) else {
        return EventBody::new(Vendor::Jumio, EventKind::Unknown);
    };
    let session_id = msg.workflow_execution_id.or(msg.transaction_reference);
    let unknown =
        EventBody::new(Vendor::Jumio, EventKind::Unknown).with_session_id(session_id.clone());
    if msg.event_type != Some(EVENT_TYPE_STATE_CHANGE) {
        return unknown;
    }
    let Some(payload) = msg.payload else {
        return unknown;
    };
    let body = match payload.value.as_deref() {
        Some("loaded") => EventBody::new(Vendor::Jumio, EventKind::Loaded),
        Some("success") => EventBody::new(Vendor::Jumio, EventKind::Completed).with_terminal(true),
        Some("error") => {
            let code = payload.code;
            let message = code
                .as_deref()
                .and_then(error_code_message)
                .map(str::to_owned);
            EventBody::new(Vendor::Jumio, EventKind::Failed)
                .with_terminal(true)
                .with_code(code)
                .with_message(message)
        }
        _ => return unknown,
    };
    body.with_session_id(session_id)
}

/// Jumio's documented error codes (`metainfo.code` in 510 `error` messages and `errorCode` on the
/// error URL) and their meaning, as Jumio's documentation words it ("our server" made "Jumio's
/// server").
pub const ERROR_CODES: [(&str, &str); 13] = [
    ("9100", "Error occurred on Jumio's server."),
    ("9200", "Authorization token missing, invalid, or expired."),
    ("9210", "Session expired after the user journey started."),
    (
        "9300",
        "Error occurred transmitting an image to Jumio's server.",
    ),
    ("9400", "Error occurred during verification step."),
    ("9800", "User has no network connection."),
    ("9801", "Unexpected error occurred in the client."),
    ("9810", "Problem while communicating with Jumio's server."),
    ("9820", "File upload not enabled and camera unavailable."),
    ("9821", "The biometric face capture process failed."),
    ("9822", "Browser does not support camera."),
    ("9835", "No acceptable submission in 3 attempts."),
    ("9836", "Authentication failure."),
];

/// The documented meaning of a Jumio error code, `None` for an undocumented code.
pub fn error_code_message(code: &str) -> Option<&'static str> {
    ERROR_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, message)| *message)
}
