//! Stateless event functions: one message or one return URL to one event.

use idv_core::events::{DecodeOptions, normalize_message, parse_return_url_with};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{Fields, origin_rules, to_js, vendor};

#[derive(Serialize)]
struct Rejected<'a> {
    r#type: &'static str,
    reason: &'a str,
    message: String,
}

/// One vendor `postMessage` to an event body (no `seq`/`at`: those come from a stream), or
/// `{ type: "rejected", reason, message }` when the origin is not allowed or the data cannot be
/// represented. Throws on bad arguments (unknown vendor, malformed origin pattern).
#[wasm_bindgen(js_name = "normalizeMessage", unchecked_return_type = "EventBody | Rejected")]
pub fn normalize_message_js(
    #[wasm_bindgen(unchecked_param_type = "NormalizeInput")] input: JsValue,
) -> Result<JsValue, JsError> {
    const CONTEXT: &str = "normalizeMessage";
    let fields = Fields::new(&input, CONTEXT)?;
    let vendor = vendor(fields.string("vendor")?, CONTEXT)?;
    let origin = fields
        .string("origin")?
        .ok_or_else(|| JsError::new("normalizeMessage: `origin` (a string) is required"))?;
    let rules = origin_rules(vendor, &fields.strings("allowedOrigins")?, CONTEXT)?;
    let options = DecodeOptions::default().with_keep_secrets(fields.bool("keepSecrets")?.unwrap_or(false));
    let data = idv_web::stream::message_data(&fields.raw("data").unwrap_or(JsValue::UNDEFINED));
    let result = data.and_then(|data| normalize_message(vendor, &origin, data, &rules, &options));
    match result {
        Ok(body) => to_js(&body),
        Err(rejection) => {
            to_js(&Rejected { r#type: "rejected", reason: rejection.reason(), message: rejection.to_string() })
        }
    }
}

/// The result a vendor's redirect carries in a return URL (query or fragment), or `null` when
/// the URL carries none. With `vendor`, the URL is read as that vendor's return page (needed for
/// Authenteq, whose failed return has no distinguishing parameter). Query values are editable
/// by the user: show them, but take decisions on the vendor's server callback.
#[wasm_bindgen(js_name = "parseReturnUrl", unchecked_return_type = "EventBody | null")]
pub fn parse_return_url_js(
    url: &str,
    #[wasm_bindgen(unchecked_param_type = "Vendor | undefined")] vendor_name: Option<String>,
) -> Result<JsValue, JsError> {
    let vendor = vendor_name.map(|name| vendor(Some(name), "parseReturnUrl")).transpose()?;
    match parse_return_url_with(url, vendor, &DecodeOptions::default()) {
        Ok(Some(body)) => to_js(&body),
        Ok(None) => Ok(JsValue::NULL),
        Err(e) => Err(JsError::new(&format!("parseReturnUrl: {e}"))),
    }
}
