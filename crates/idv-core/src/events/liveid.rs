//! Namirial LiveID+ iframe messages: the network/media test and call-status events
//! (`WEBRTCTEST_*`) and the call-closing events (`close`, `error`).
//!
//! The vendor does not document which key carries the event name, nor whether `event.data` is a
//! string or an object, so recognition is deliberately broad (vendors.md):
//!
//! 1. **Whole string**: `data` is the name itself (`"WEBRTCTEST_OK"`, surrounding whitespace
//!    ignored).
//! 2. **Name keys**, in this order: `event`, `eventName`, `name`, `type` — the first whose value
//!    is a known name (any of the five `WEBRTCTEST_*` names, `close`, `error`) wins.
//! 3. **Any other top-level string value** equal to a `WEBRTCTEST_*` name, when exactly one such
//!    name appears (two different ones are ambiguous → `unknown`). The generic words `close` and
//!    `error` count only under a name key: an unrelated `{"level":"error"}` is not a call closing.
//! 4. **Shape**: `callID` plus `message.closeStatus` is a `close` event even without a name.
//!
//! `data` may be a JSON string or an object; a `message` member that is itself a JSON string is
//! parsed and stored parsed in `raw` (when it parses; otherwise it stays a string).
//!
//! | message | event |
//! |---|---|
//! | `WEBRTCTEST_OK` | `progress`, step `deviceCheckPassed` |
//! | `WEBRTCTEST_KO` | `failed`, terminal, `code` = `type` (string or number; absent when `type` is the key carrying the name), `message` = `error` |
//! | `WEBRTCTEST_CALLANSWERED` | `progress`, step `operatorAnswered`, `sessionId` = `idConf` |
//! | `WEBRTCTEST_CALLNOTANSWERED` | `retry` `true` or `"true"`: `progress`, step `operatorNotAnswered`; otherwise (false, absent, other) `failed`, terminal |
//! | `WEBRTCTEST_CALLCANCELLED` | `cancelled`, terminal |
//! | `close`, `closeStatus` `N` | `completed`, terminal, `code` `"N"` |
//! | `close`, `closeStatus` `S` / `A` / `K` | `failed`, terminal, `code` = `closeStatus` (for `A`, `abortCode` when present) |
//! | `close` with another or no `closeStatus` | `unknown` (the outcome cannot be told) |
//! | `error` | `failed`, terminal, `code` as for `close` when there is a `closeStatus` |
//! | anything else | `unknown` |
//!
//! `sessionId` is `callID` (string or number), else `idConf`; for `CALLANSWERED`, `idConf` first.
//! Names and close statuses are matched exactly (case-sensitive), as documented.
//! `raw` has every `token` member (LiveID+ `message.token`, a bearer token) redacted unless
//! [`DecodeOptions::keep_secrets`].

use serde_json::{Map, Value};

use super::envelope::{EventBody, EventKind, ProgressStep, Vendor};
use super::lenient;
use super::payload::{DecodeOptions, MessageData, Payload, parse_json_text};
use super::redact::{redact_text, redact_value, secret_keys};
use super::rejection::{MAX_JSON_DEPTH, Rejection};

/// Keys that may carry the event name, in priority order.
pub const NAME_KEYS: [&str; 4] = ["event", "eventName", "name", "type"];

/// The longest vendor-supplied text copied into `message` (the full text stays in `raw`).
const MAX_MESSAGE_CHARS: usize = 256;

/// A recognised LiveID+ event name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LiveEvent {
    TestOk,
    TestKo,
    CallNotAnswered,
    CallAnswered,
    CallCancelled,
    Close,
    Error,
}

impl LiveEvent {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name.trim() {
            "WEBRTCTEST_OK" => LiveEvent::TestOk,
            "WEBRTCTEST_KO" => LiveEvent::TestKo,
            "WEBRTCTEST_CALLNOTANSWERED" => LiveEvent::CallNotAnswered,
            "WEBRTCTEST_CALLANSWERED" => LiveEvent::CallAnswered,
            "WEBRTCTEST_CALLCANCELLED" => LiveEvent::CallCancelled,
            "close" => LiveEvent::Close,
            "error" => LiveEvent::Error,
            _ => return None,
        })
    }

    /// Names unlikely to appear by chance as some other value.
    fn is_distinctive(self) -> bool {
        !matches!(self, LiveEvent::Close | LiveEvent::Error)
    }
}

/// The top-level fields the mapping reads (the rest stays in `raw`). Every field is read
/// leniently ([`lenient`]): an odd field reads as absent.
#[derive(Debug, Default)]
struct LiveMessage {
    /// `callID`.
    call_id: Option<String>,
    /// `idConf`.
    id_conf: Option<String>,
    retry: bool,
    /// `type`.
    failure_type: Option<String>,
    error: Option<String>,
    message: Option<CloseMessage>,
}

impl LiveMessage {
    fn from_map(m: &Map<String, Value>) -> Self {
        LiveMessage {
            call_id: lenient::string(m.get("callID")),
            id_conf: lenient::string(m.get("idConf")),
            retry: lenient::truthy(m.get("retry")),
            failure_type: lenient::string(m.get("type")),
            error: lenient::string(m.get("error")),
            message: lenient::object(m.get("message")).map(CloseMessage::from_map),
        }
    }
}

/// `message` of a call-closing event.
#[derive(Debug, Default)]
struct CloseMessage {
    close_status: Option<String>,
    abort_code: Option<String>,
}

impl CloseMessage {
    fn from_map(m: &Map<String, Value>) -> Self {
        CloseMessage {
            close_status: lenient::string(m.get("closeStatus")),
            abort_code: lenient::string(m.get("abortCode")),
        }
    }
}

/// Decodes one LiveID+ message. Total: every input within the limits gives an event.
///
/// # Errors
/// [`Rejection::TooLarge`] / [`Rejection::TooDeep`] when the message cannot be represented.
pub fn decode(data: MessageData, options: &DecodeOptions) -> Result<EventBody, Rejection> {
    let keys = secret_keys(Vendor::LiveId);
    match Payload::from_data(data)? {
        Payload::Opaque(text) => {
            let body = match LiveEvent::from_name(&text) {
                Some(event) => event_body(event, None, &LiveMessage::default()),
                None => unknown(&LiveMessage::default()),
            };
            let text = match (options.keep_secrets, redact_text(&text, keys)) {
                (false, Some(redacted)) => redacted,
                _ => text,
            };
            Ok(body.with_raw(Value::String(text)))
        }
        Payload::Parsed(mut raw) => {
            parse_message_member(&mut raw);
            let body = classify(&raw);
            if !options.keep_secrets {
                redact_value(&mut raw, keys);
            }
            Ok(body.with_raw(raw))
        }
    }
}

/// Replaces a top-level `message` that is a JSON object/array in a string by the parsed value
/// (keeping the whole `raw` within [`MAX_JSON_DEPTH`]).
fn parse_message_member(raw: &mut Value) {
    if let Some(slot) = raw.get_mut("message")
        && let Value::String(text) = slot
        && let Some(parsed) = parse_json_text(text, MAX_JSON_DEPTH - 1)
    {
        *slot = parsed;
    }
}

/// The event for a parsed message, without `raw`.
fn classify(raw: &Value) -> EventBody {
    let Some(map) = raw.as_object() else {
        return unknown(&LiveMessage::default());
    };
    let msg = LiveMessage::from_map(map);
    if let Some((event, key)) = find_name(map) {
        return event_body(event, Some(key), &msg);
    }
    let closing_shape = msg.call_id.is_some() && close_status(&msg).is_some();
    if closing_shape {
        event_body(LiveEvent::Close, None, &msg)
    } else {
        unknown(&msg)
    }
}

/// The event name and the key that carried it (rules 2 and 3 of the module docs).
fn find_name(map: &Map<String, Value>) -> Option<(LiveEvent, &str)> {
    for key in NAME_KEYS {
        if let Some((event, key)) = map
            .get_key_value(key)
            .and_then(|(k, v)| Some((LiveEvent::from_name(v.as_str()?)?, k.as_str())))
        {
            return Some((event, key));
        }
    }
    let mut found: Option<(LiveEvent, &str)> = None;
    for (key, value) in map {
        if NAME_KEYS.contains(&key.as_str()) {
            continue;
        }
        let Some(event) = value.as_str().and_then(LiveEvent::from_name) else {
            continue;
        };
        if !event.is_distinctive() {
            continue;
        }
        match found {
            None => found = Some((event, key.as_str())),
            Some((previous, _)) if previous == event => {}
            Some(_) => return None,
        }
    }
    found
}

fn close_status(msg: &LiveMessage) -> Option<&str> {
    msg.message.as_ref()?.close_status.as_deref()
}

/// The event for a recognised name. `name_key` is the key that carried the name (`None` for the
/// whole-string and shape rules).
fn event_body(event: LiveEvent, name_key: Option<&str>, msg: &LiveMessage) -> EventBody {
    let session_id = msg.call_id.clone().or_else(|| msg.id_conf.clone());
    let failed = |message: Option<String>| {
        EventBody::new(Vendor::LiveId, EventKind::Failed)
            .with_terminal(true)
            .with_message(message)
    };
    let body = match event {
        LiveEvent::TestOk => progress(ProgressStep::DeviceCheckPassed),
        LiveEvent::TestKo => {
            let code = if name_key == Some("type") {
                None
            } else {
                msg.failure_type.clone()
            };
            let detail = msg
                .error
                .as_deref()
                .map(|e| e.chars().take(MAX_MESSAGE_CHARS).collect());
            failed(detail.or_else(|| Some("The network and media test failed.".to_owned())))
                .with_code(code)
        }
        LiveEvent::CallAnswered => {
            let session_id = msg.id_conf.clone().or_else(|| msg.call_id.clone());
            return progress(ProgressStep::OperatorAnswered).with_session_id(session_id);
        }
        LiveEvent::CallNotAnswered if msg.retry => progress(ProgressStep::OperatorNotAnswered)
            .with_message(Some(
                "No operator answered; the user calls again.".to_owned(),
            )),
        LiveEvent::CallNotAnswered => failed(Some("No operator answered.".to_owned())),
        LiveEvent::CallCancelled => EventBody::new(Vendor::LiveId, EventKind::Cancelled)
            .with_terminal(true)
            .with_message(Some(
                "The user cancelled before an operator answered.".to_owned(),
            )),
        LiveEvent::Close => match close_status(msg) {
            Some("N") => EventBody::new(Vendor::LiveId, EventKind::Completed)
                .with_terminal(true)
                .with_code(Some("N".to_owned()))
                .with_message(close_status_message("N").map(str::to_owned)),
            Some(status @ ("S" | "A" | "K")) => {
                failed(close_status_message(status).map(str::to_owned)).with_code(closing_code(msg))
            }
            _ => return unknown(msg),
        },
        LiveEvent::Error => {
            let message = close_status(msg)
                .filter(|s| *s != "N")
                .and_then(close_status_message)
                .unwrap_or("The call was closed by an unexpected error.");
            failed(Some(message.to_owned())).with_code(closing_code(msg))
        }
    };
    body.with_session_id(session_id)
}

/// `closeStatus`, or `abortCode` for `A` when present.
fn closing_code(msg: &LiveMessage) -> Option<String> {
    let message = msg.message.as_ref()?;
    match message.close_status.as_deref() {
        Some("A") => message.abort_code.clone().or_else(|| Some("A".to_owned())),
        status => status.map(str::to_owned),
    }
}

/// A short English meaning of a documented `closeStatus`.
pub fn close_status_message(status: &str) -> Option<&'static str> {
    Some(match status {
        "N" => "Identification completed.",
        "S" => "The call was suspended by the operator.",
        "A" => "The call was aborted by the operator.",
        "K" => "The call was terminated by the system.",
        _ => return None,
    })
}

fn progress(step: ProgressStep) -> EventBody {
    EventBody::new(Vendor::LiveId, EventKind::Progress { step })
}

fn unknown(msg: &LiveMessage) -> EventBody {
    EventBody::new(Vendor::LiveId, EventKind::Unknown)
        .with_session_id(msg.call_id.clone().or_else(|| msg.id_conf.clone()))
}
