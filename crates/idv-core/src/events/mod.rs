//! The event envelope, vendor decoders, return-URL parsing and origin rules.
//!
//! - [`EventBody`] / [`Event`]: the one envelope every event has (design.md), with generated
//!   TypeScript types ([`typescript_declarations`]).
//! - [`normalize_message`]: a vendor iframe's `postMessage` → an event, after the origin check.
//!   One decoder module per vendor: [`jumio`], [`liveid`]; vendors without a documented message
//!   protocol (Authenteq, Vult, AwareID, capture) give `unknown` with `raw` kept.
//! - [`parse_return_url`] / [`parse_return_url_for`] / [`parse_form_body`]: the result a vendor
//!   hands back on redirect.
//! - [`OriginRules`]: which origins may speak for which vendor.
//!
//! Totality: every message from an allowed origin becomes exactly one event (`unknown` when no
//! rule recognises it, `raw` kept); only messages that cannot be represented (over
//! [`MAX_MESSAGE_BYTES`] or [`MAX_JSON_DEPTH`]) and disallowed origins are a [`Rejection`].
//! Nothing here panics on any input. Secrets are redacted in `raw` unless
//! [`DecodeOptions::keep_secrets`] ([`redact_secrets`]).

mod capture;
mod envelope;
mod from_json;
pub mod jumio;
mod lenient;
pub mod liveid;
mod origin;
mod payload;
mod redact;
mod rejection;
mod return_url;
mod typescript;

pub use capture::{
    CameraStarted, CameraStopped, CaptureSubject, Captured, DeviceError, DeviceErrorKind,
    Diagnostic, FacingMode, Feedback, MediaDevice, Severity, StopReason,
};
pub use envelope::{Event, EventBody, EventKind, ProgressStep, Vendor};
pub use origin::{DEFAULT_PATTERNS, OriginError, OriginPattern, OriginRules};
pub use payload::{DecodeOptions, MessageData};
pub use redact::{REDACTED, redact_secrets, secret_keys};
pub use rejection::{MAX_JSON_DEPTH, MAX_MESSAGE_BYTES, Rejection};
pub use return_url::{
    LIVEID_RESULT_PARAM, MAX_URL_BYTES, UrlError, parse_form_body, parse_form_body_with,
    parse_return_url, parse_return_url_for, parse_return_url_with,
};
pub use typescript::typescript_declarations;

use payload::{Payload, drop_iteratively};
use serde_json::Value;

/// A vendor iframe's message → an event: checks `origin` against `rules` for `vendor` first
/// (the browser layer has already checked `event.source`), then decodes `data`.
///
/// # Errors
/// [`Rejection::Origin`] when the origin is not allowed for `vendor` (the data is not looked at);
/// [`Rejection::TooLarge`] / [`Rejection::TooDeep`] when the message cannot be represented.
pub fn normalize_message(
    vendor: Vendor,
    origin: &str,
    data: MessageData,
    rules: &OriginRules,
    options: &DecodeOptions,
) -> Result<EventBody, Rejection> {
    if !rules.allows(vendor, origin) {
        if let MessageData::Json(v) = data {
            drop_iteratively(v);
        }
        return Err(Rejection::origin(vendor, origin));
    }
    decode_message(vendor, data, options)
}

/// Decodes a message already known to come from `vendor` (no origin check).
///
/// # Errors
/// [`Rejection::TooLarge`] / [`Rejection::TooDeep`].
pub fn decode_message(
    vendor: Vendor,
    data: MessageData,
    options: &DecodeOptions,
) -> Result<EventBody, Rejection> {
    match vendor {
        Vendor::Jumio => jumio::decode(data, options),
        Vendor::LiveId => liveid::decode(data, options),
        _ => {
            let mut raw = match Payload::from_data(data)? {
                Payload::Parsed(v) => v,
                Payload::Opaque(s) => Value::String(s),
            };
            if !options.keep_secrets {
                redact_secrets(vendor, &mut raw);
            }
            Ok(EventBody::unknown(vendor, raw))
        }
    }
}
