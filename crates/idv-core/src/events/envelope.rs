//! The event envelope: the one shape every event has, whatever its source (design.md, "The event
//! stream").
//!
//! JSON field names are the contract: `seq`, `at`, `vendor`, `type`, `terminal`, `sessionId`,
//! `step`, `code`, `message`, `raw`, plus the typed fields of the capture event types. Optional
//! fields are omitted from the JSON when absent. A decoder returns an [`EventBody`] (everything
//! but `seq` and `at`); the event stream numbers and stamps it into an [`Event`].

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::capture::{CameraStarted, CameraStopped, Captured, DeviceError, Diagnostic, Feedback};

/// Who an event is about: a vendor flow, or `capture` for the module's own camera, microphone and
/// quality events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Vendor {
    /// Jumio (KYX and legacy Netverify v4).
    Jumio,
    /// Namirial LiveID+ (`"liveid"`).
    LiveId,
    /// Authenteq (redirect flow only).
    Authenteq,
    /// Vult Security KYC.
    Vult,
    /// AwareID Knomi (`"awareid"`).
    AwareId,
    /// The module's own camera/microphone/quality events.
    Capture,
}

impl Vendor {
    /// Every vendor, in declaration order.
    pub const ALL: [Vendor; 6] = [
        Vendor::Jumio,
        Vendor::LiveId,
        Vendor::Authenteq,
        Vendor::Vult,
        Vendor::AwareId,
        Vendor::Capture,
    ];

    /// The JSON name (`"jumio"`, `"liveid"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Vendor::Jumio => "jumio",
            Vendor::LiveId => "liveid",
            Vendor::Authenteq => "authenteq",
            Vendor::Vult => "vult",
            Vendor::AwareId => "awareid",
            Vendor::Capture => "capture",
        }
    }

    /// The vendor with this JSON name, if any (exact, lowercase).
    pub fn from_name(name: &str) -> Option<Vendor> {
        Vendor::ALL.into_iter().find(|v| v.as_str() == name)
    }
}

impl std::fmt::Display for Vendor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened, for a `progress` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum ProgressStep {
    /// LiveID+ `WEBRTCTEST_OK`: the network and media test passed.
    DeviceCheckPassed,
    /// LiveID+ `WEBRTCTEST_CALLANSWERED`: an operator answered.
    OperatorAnswered,
    /// LiveID+ `WEBRTCTEST_CALLNOTANSWERED` with `retry` true: no operator yet, the user calls again.
    OperatorNotAnswered,
}

/// The `type` of an event and the fields that belong to that type only.
///
/// Serialized with an internal `type` tag, so in TypeScript it is a discriminated union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
#[non_exhaustive]
pub enum EventKind {
    /// The vendor's page loaded (Jumio 510 `loaded`).
    Loaded,
    /// A step inside the vendor flow.
    Progress {
        /// What happened.
        step: ProgressStep,
    },
    /// The flow ended well (from the client's point of view; the server callback is the
    /// authoritative result).
    Completed,
    /// The flow ended with an error or a refusal.
    Failed,
    /// The user cancelled the flow.
    Cancelled,
    /// A message from an allowed vendor origin that no rule recognises; `raw` holds it.
    Unknown,
    /// The camera delivered its first frame.
    CameraStarted(CameraStarted),
    /// The camera stopped.
    CameraStopped(CameraStopped),
    /// A camera or microphone could not be used.
    DeviceError(DeviceError),
    /// Guidance to show the user for the current frame.
    Feedback(Feedback),
    /// A frame was captured (autocapture or manual).
    Captured(Captured),
    /// An embedding-doctor finding or a capability-probe result.
    Diagnostic(Diagnostic),
}

impl EventKind {
    /// The JSON `type` value.
    pub fn type_name(&self) -> &'static str {
        match self {
            EventKind::Loaded => "loaded",
            EventKind::Progress { .. } => "progress",
            EventKind::Completed => "completed",
            EventKind::Failed => "failed",
            EventKind::Cancelled => "cancelled",
            EventKind::Unknown => "unknown",
            EventKind::CameraStarted(_) => "cameraStarted",
            EventKind::CameraStopped(_) => "cameraStopped",
            EventKind::DeviceError(_) => "deviceError",
            EventKind::Feedback(_) => "feedback",
            EventKind::Captured(_) => "captured",
            EventKind::Diagnostic(_) => "diagnostic",
        }
    }

    /// The progress step, for a `progress` event.
    pub fn step(&self) -> Option<ProgressStep> {
        match self {
            EventKind::Progress { step } => Some(*step),
            _ => None,
        }
    }
}

/// An event without its stream position: what decoders and the capture layer produce.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EventBody {
    /// Whose flow (or `capture`).
    pub vendor: Vendor,
    /// The `type` tag and its type-specific fields, flattened into this object.
    #[serde(flatten)]
    pub kind: EventKind,
    /// True when this vendor flow has ended and nothing more is expected from it.
    pub terminal: bool,
    /// The vendor's id for the flow, when the message carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub session_id: Option<String>,
    /// The vendor's code as a string (`"9820"`, a LiveID+ `closeStatus`/`abortCode`, the
    /// `WEBRTCTEST_KO` `type`, or the single-use Authenteq `code` of a completed return).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub code: Option<String>,
    /// A short English explanation, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub message: Option<String>,
    /// The payload as received (parsed when it was a JSON object/array in a string), secrets
    /// redacted unless the integrator opted in. Absent for the module's own events; a received
    /// JSON `null` is kept as `null`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present_value"
    )]
    #[ts(optional)]
    pub raw: Option<Value>,
}

/// `raw: null` in JSON is a received `null`, not an absent field.
fn present_value<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

impl EventBody {
    /// A body of `kind` for `vendor`; `terminal` is false and every optional field absent.
    pub fn new(vendor: Vendor, kind: EventKind) -> Self {
        EventBody {
            vendor,
            kind,
            terminal: false,
            session_id: None,
            code: None,
            message: None,
            raw: None,
        }
    }

    /// An `unknown` event carrying `raw`.
    pub fn unknown(vendor: Vendor, raw: Value) -> Self {
        EventBody::new(vendor, EventKind::Unknown).with_raw(raw)
    }

    /// A capture event (vendor `capture`, not terminal).
    pub fn capture(kind: EventKind) -> Self {
        EventBody::new(Vendor::Capture, kind)
    }

    /// Sets `terminal`.
    #[must_use]
    pub fn with_terminal(mut self, terminal: bool) -> Self {
        self.terminal = terminal;
        self
    }

    /// Sets `sessionId` (`None` leaves it absent).
    #[must_use]
    pub fn with_session_id(mut self, session_id: Option<String>) -> Self {
        self.session_id = session_id;
        self
    }

    /// Sets `code` (`None` leaves it absent).
    #[must_use]
    pub fn with_code(mut self, code: Option<String>) -> Self {
        self.code = code;
        self
    }

    /// Sets `message` (`None` leaves it absent).
    #[must_use]
    pub fn with_message(mut self, message: Option<String>) -> Self {
        self.message = message;
        self
    }

    /// Sets `raw`.
    #[must_use]
    pub fn with_raw(mut self, raw: Value) -> Self {
        self.raw = Some(raw);
        self
    }

    /// The JSON `type` value.
    pub fn type_name(&self) -> &'static str {
        self.kind.type_name()
    }

    /// Numbers and stamps this body into a stream [`Event`].
    pub fn into_event(self, seq: u64, at: impl Into<String>) -> Event {
        Event {
            seq,
            at: at.into(),
            body: self,
        }
    }
}

/// An event as the stream delivers it: `seq` and `at` plus the body's fields, flattened.
///
/// Named `IdvEvent` in TypeScript so that importing it does not shadow the DOM's `Event`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "IdvEvent")]
pub struct Event {
    /// 1, 2, 3 … per stream, no gaps, in the order the module accepted the events.
    #[ts(type = "number")]
    pub seq: u64,
    /// ISO-8601 time the module accepted the event.
    pub at: String,
    /// Everything else.
    #[serde(flatten)]
    pub body: EventBody,
}
