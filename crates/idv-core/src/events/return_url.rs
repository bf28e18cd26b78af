//! Return URLs and redirect form bodies: the result a vendor hands back when it sends the user to
//! the integrator's page.
//!
//! The query string and the fragment are both read (query first); in a fragment holding a `?`
//! (hash routing, `#/done?code=…`) only the part after it. Input: a full URL, or `location.search`
//! / `location.hash` (starting with `?` / `#`); a form body (`application/x-www-form-urlencoded`,
//! LiveID+'s default POST) goes through [`parse_form_body`]. Decoding follows `URLSearchParams`
//! (`+` is a space, invalid percent-escapes are kept, invalid UTF-8 becomes U+FFFD).
//!
//! **Query values are display-only**: the user can edit the URL. Drive the UI with them, never a
//! decision; the vendor's server callback (or Authenteq's code exchange) is authoritative.
//!
//! Which vendor ([`parse_return_url`] detects by keys, first match wins):
//!
//! 1. `LiveIDPlusResult` → LiveID+: its value is the closing JSON, decoded exactly like the
//!    postMessage ([`super::liveid::decode`]), so the same event (and the same redaction).
//! 2. `acquisitionStatus` (KYX) or `transactionStatus` (legacy) → Jumio: `SUCCESS` → `completed`,
//!    `ERROR` → `failed` with `code` = `errorCode` and its documented meaning; another value →
//!    `unknown`. `sessionId` = `workflowExecutionId`, else `transactionReference` (not `accountId`,
//!    which names the account, not the flow).
//! 3. `code` → Authenteq.
//! 4. Otherwise `None`: the URL carries no recognised result.
//!
//! Authenteq's return without `code` has nothing that identifies it (its other parameters are the
//! integrator's), so auto-detection cannot see it: a page that knows it is Authenteq's return page
//! calls [`parse_return_url_for`] with [`Vendor::Authenteq`], which always gives a terminal event:
//! a non-blank `code` → `completed` with the code in `code` (single-use, for the backend to
//! exchange; it is also in `raw`); `code` absent or blank → `failed` (send the user back to the
//! start). With a vendor given, only that vendor's keys are read, and `None` means its result keys
//! are absent (never for Authenteq).
//!
//! A result key that appears more than once **with different values** (`code`,
//! `acquisitionStatus`, `transactionStatus`, `LiveIDPlusResult`) makes the result ambiguous: the
//! event is `failed`, terminal, without `code`, and says so in `message` — the caller cannot know
//! which value is genuine, and the user must start again. Repeats with the same value count once.
//! A repeated non-result key (`errorCode`, ids) with different values is treated as absent.
//! `raw` is an object of all parameters (a repeated name maps to an array of its values).

use serde_json::{Map, Value};

use super::envelope::{EventBody, EventKind, Vendor};
use super::jumio::error_code_message;
use super::liveid;
use super::payload::{DecodeOptions, MessageData};
use super::redact::redact_secrets;
use super::rejection::{MAX_MESSAGE_BYTES, Rejection};

/// The longest return URL or form body accepted, in bytes.
pub const MAX_URL_BYTES: usize = MAX_MESSAGE_BYTES;

/// The parameter that carries the LiveID+ closing JSON.
pub const LIVEID_RESULT_PARAM: &str = "LiveIDPlusResult";

/// Why a return URL or form body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UrlError {
    /// Longer than [`MAX_URL_BYTES`].
    #[error("return URL of {len} bytes is over the {limit}-byte limit")]
    TooLong {
        /// Its length in bytes.
        len: u64,
        /// The limit, [`MAX_URL_BYTES`].
        limit: u64,
    },
    /// The vendor has no documented return protocol (Vult, AwareID, capture).
    #[error("{0} has no return-URL protocol")]
    UnsupportedVendor(Vendor),
    /// The LiveID+ result could not be represented (see [`Rejection`]).
    #[error(transparent)]
    Payload(#[from] Rejection),
}

/// The result in a return URL, auto-detecting the vendor (module docs).
///
/// # Errors
/// [`UrlError::TooLong`]; [`UrlError::Payload`] for an unrepresentable LiveID+ result.
pub fn parse_return_url(url: &str) -> Result<Option<EventBody>, UrlError> {
    parse_return_url_with(url, None, &DecodeOptions::default())
}

/// The result in `vendor`'s return URL (module docs).
///
/// # Errors
/// As [`parse_return_url`], and [`UrlError::UnsupportedVendor`].
pub fn parse_return_url_for(vendor: Vendor, url: &str) -> Result<Option<EventBody>, UrlError> {
    parse_return_url_with(url, Some(vendor), &DecodeOptions::default())
}

/// [`parse_return_url`] / [`parse_return_url_for`] with options (`keep_secrets`).
///
/// # Errors
/// As [`parse_return_url_for`].
pub fn parse_return_url_with(
    url: &str,
    vendor: Option<Vendor>,
    options: &DecodeOptions,
) -> Result<Option<EventBody>, UrlError> {
    check_supported(vendor)?;
    check_len(url)?;
    let (before_fragment, fragment) = url.split_once('#').unwrap_or((url, ""));
    let query = before_fragment.split_once('?').map_or("", |(_, q)| q);
    let fragment_query = fragment.split_once('?').map_or(fragment, |(_, q)| q);
    let mut params = Params::parse(query);
    params.pairs.extend(Params::parse(fragment_query).pairs);
    parse_params(&params, vendor, options)
}

/// The result in a redirect form body (LiveID+ posts `LiveIDPlusResult=…` by default), detecting
/// the vendor as [`parse_return_url`] does.
///
/// # Errors
/// As [`parse_return_url`].
pub fn parse_form_body(body: &str) -> Result<Option<EventBody>, UrlError> {
    parse_form_body_with(body, None, &DecodeOptions::default())
}

/// [`parse_form_body`] for a given vendor and with options.
///
/// # Errors
/// As [`parse_return_url_for`].
pub fn parse_form_body_with(
    body: &str,
    vendor: Option<Vendor>,
    options: &DecodeOptions,
) -> Result<Option<EventBody>, UrlError> {
    check_supported(vendor)?;
    check_len(body)?;
    parse_params(&Params::parse(body), vendor, options)
}

fn check_supported(vendor: Option<Vendor>) -> Result<(), UrlError> {
    match vendor {
        Some(v @ (Vendor::Vult | Vendor::AwareId | Vendor::Capture)) => {
            Err(UrlError::UnsupportedVendor(v))
        }
        _ => Ok(()),
    }
}

fn check_len(text: &str) -> Result<(), UrlError> {
    if text.len() > MAX_URL_BYTES {
        return Err(UrlError::TooLong {
            len: text.len() as u64,
            limit: MAX_URL_BYTES as u64,
        });
    }
    Ok(())
}

fn parse_params(
    params: &Params,
    vendor: Option<Vendor>,
    options: &DecodeOptions,
) -> Result<Option<EventBody>, UrlError> {
    let vendor = match vendor {
        Some(v) => v,
        None if params.has(LIVEID_RESULT_PARAM) => Vendor::LiveId,
        None if params.has("acquisitionStatus") || params.has("transactionStatus") => Vendor::Jumio,
        None if params.has("code") => Vendor::Authenteq,
        None => return Ok(None),
    };
    let body = match vendor {
        Vendor::LiveId => match params.lookup(LIVEID_RESULT_PARAM) {
            Lookup::Absent => return Ok(None),
            Lookup::Conflict => ambiguous(Vendor::LiveId, LIVEID_RESULT_PARAM),
            Lookup::One(json) => {
                return Ok(Some(liveid::decode(
                    MessageData::Text(json.to_owned()),
                    options,
                )?));
            }
        },
        Vendor::Jumio => match jumio(params) {
            Some(body) => body,
            None => return Ok(None),
        },
        _ => authenteq(params),
    };
    let mut raw = params.to_raw();
    if !options.keep_secrets {
        redact_secrets(vendor, &mut raw);
    }
    Ok(Some(body.with_raw(raw)))
}

fn jumio(params: &Params) -> Option<EventBody> {
    let (name, status) = match params.lookup("acquisitionStatus") {
        Lookup::Absent => ("transactionStatus", params.lookup("transactionStatus")),
        found => ("acquisitionStatus", found),
    };
    let session_id = params
        .non_blank("workflowExecutionId")
        .or_else(|| params.non_blank("transactionReference"))
        .map(str::to_owned);
    let body = match status {
        Lookup::Absent => return None,
        Lookup::Conflict => return Some(ambiguous(Vendor::Jumio, name)),
        Lookup::One("SUCCESS") => {
            EventBody::new(Vendor::Jumio, EventKind::Completed).with_terminal(true)
        }
        Lookup::One("ERROR") => {
            let code = params.non_blank("errorCode");
            EventBody::new(Vendor::Jumio, EventKind::Failed)
                .with_terminal(true)
                .with_code(code.map(str::to_owned))
                .with_message(code.and_then(error_code_message).map(str::to_owned))
        }
        Lookup::One(_) => EventBody::new(Vendor::Jumio, EventKind::Unknown),
    };
    Some(body.with_session_id(session_id))
}

fn authenteq(params: &Params) -> EventBody {
    let failed = |message: &str| {
        EventBody::new(Vendor::Authenteq, EventKind::Failed)
            .with_terminal(true)
            .with_message(Some(message.to_owned()))
    };
    match params.lookup("code") {
        Lookup::One(code) if !code.trim().is_empty() => EventBody::new(
            Vendor::Authenteq,
            EventKind::Completed,
        )
        .with_terminal(true)
        .with_code(Some(code.to_owned()))
        .with_message(Some(
            "Verification finished; the backend exchanges the single-use code for the result."
                .to_owned(),
        )),
        Lookup::One(_) => failed("Authenteq returned an empty code; start the verification again."),
        Lookup::Absent => {
            failed("Authenteq returned without a code; start the verification again.")
        }
        Lookup::Conflict => ambiguous(Vendor::Authenteq, "code"),
    }
}

fn ambiguous(vendor: Vendor, name: &str) -> EventBody {
    EventBody::new(vendor, EventKind::Failed)
        .with_terminal(true)
        .with_message(Some(format!(
            "Ambiguous return: `{name}` appears with different values; start again."
        )))
}

/// The decoded name/value pairs of a query string or form body, in order.
#[derive(Debug)]
struct Params {
    pairs: Vec<(String, String)>,
}

/// A parameter's value: absent, one value (repeats with the same value count once), or
/// conflicting values.
#[derive(Debug, PartialEq, Eq)]
enum Lookup<'a> {
    Absent,
    One(&'a str),
    Conflict,
}

impl Params {
    fn parse(text: &str) -> Params {
        Params {
            pairs: form_urlencoded::parse(text.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        }
    }

    fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == name)
    }

    fn lookup(&self, name: &str) -> Lookup<'_> {
        let mut found = Lookup::Absent;
        for (_, value) in self.pairs.iter().filter(|(k, _)| k == name) {
            match found {
                Lookup::Absent => found = Lookup::One(value),
                Lookup::One(first) if first == value => {}
                _ => return Lookup::Conflict,
            }
        }
        found
    }

    /// The single, non-blank value of `name`.
    fn non_blank(&self, name: &str) -> Option<&str> {
        match self.lookup(name) {
            Lookup::One(v) if !v.trim().is_empty() => Some(v),
            _ => None,
        }
    }

    /// `{name: value}`; a repeated name maps to an array of its values, in order.
    fn to_raw(&self) -> Value {
        let mut map = Map::new();
        for (k, v) in &self.pairs {
            let value = Value::String(v.clone());
            match map.get_mut(k) {
                Some(Value::Array(values)) => values.push(value),
                Some(first) => {
                    let first = first.take();
                    map.insert(k.clone(), Value::Array(vec![first, value]));
                }
                None => {
                    map.insert(k.clone(), value);
                }
            }
        }
        Value::Object(map)
    }
}
