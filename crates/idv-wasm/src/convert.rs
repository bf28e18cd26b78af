//! Conversions at the JS boundary: reading option objects with type checks, and handing JSON-shaped
//! Rust values to JS.

use serde::Serialize;
use wasm_bindgen::{JsCast, JsError, JsValue};

/// A Rust value as a plain JS object (through JSON, so the shape is exactly the serde one).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("internal: JSON.parse refused serde output"))
}

/// Reads optional, typed fields of an options object; a present field of the wrong type is an
/// error naming the field.
pub(crate) struct Fields<'a> {
    object: Option<&'a JsValue>,
    context: &'static str,
}

impl<'a> Fields<'a> {
    /// `value` may be `undefined`/`null` (every field absent) or an object.
    pub(crate) fn new(value: &'a JsValue, context: &'static str) -> Result<Self, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(Self { object: None, context });
        }
        if !value.is_object() {
            return Err(JsError::new(&format!("{context}: expected an options object")));
        }
        Ok(Self { object: Some(value), context })
    }

    pub(crate) fn raw(&self, key: &str) -> Option<JsValue> {
        let value = js_sys::Reflect::get(self.object?, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined()).then_some(value)
    }

    fn wrong(&self, key: &str, expected: &str) -> JsError {
        JsError::new(&format!("{}: `{key}` must be {expected}", self.context))
    }

    pub(crate) fn string(&self, key: &str) -> Result<Option<String>, JsError> {
        self.raw(key).map(|v| v.as_string().ok_or_else(|| self.wrong(key, "a string"))).transpose()
    }

    pub(crate) fn bool(&self, key: &str) -> Result<Option<bool>, JsError> {
        self.raw(key).map(|v| v.as_bool().ok_or_else(|| self.wrong(key, "a boolean"))).transpose()
    }

    /// A non-negative whole number that fits `u32`.
    pub(crate) fn count(&self, key: &str) -> Result<Option<u32>, JsError> {
        self.raw(key)
            .map(|v| {
                v.as_f64()
                    .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
                    .map(|n| n as u32)
                    .ok_or_else(|| self.wrong(key, "a whole number from 0 to 4294967295"))
            })
            .transpose()
    }

    /// A finite number (range checks belong to the options it sets).
    pub(crate) fn number(&self, key: &str) -> Result<Option<f64>, JsError> {
        self.raw(key)
            .map(|v| v.as_f64().filter(|n| n.is_finite()).ok_or_else(|| self.wrong(key, "a finite number")))
            .transpose()
    }

    pub(crate) fn strings(&self, key: &str) -> Result<Vec<String>, JsError> {
        let Some(value) = self.raw(key) else { return Ok(Vec::new()) };
        let array = value.dyn_into::<js_sys::Array>().map_err(|_| self.wrong(key, "an array of strings"))?;
        array.iter().map(|v| v.as_string().ok_or_else(|| self.wrong(key, "an array of strings"))).collect()
    }
}

/// A vendor name as the event envelope spells it.
pub(crate) fn vendor(name: Option<String>, context: &str) -> Result<idv_core::events::Vendor, JsError> {
    let name = name.ok_or_else(|| JsError::new(&format!("{context}: `vendor` is required")))?;
    idv_core::events::Vendor::from_name(&name).ok_or_else(|| {
        JsError::new(&format!(
            "{context}: unknown vendor {name:?} (expected jumio, liveid, authenteq, vult, awareid or capture)"
        ))
    })
}

/// The vendor's documented origins plus `extra` patterns.
pub(crate) fn origin_rules(
    vendor: idv_core::events::Vendor,
    extra: &[String],
    context: &str,
) -> Result<idv_core::events::OriginRules, JsError> {
    let mut rules = idv_core::events::OriginRules::with_defaults();
    for pattern in extra {
        rules
            .allow_str(vendor, pattern)
            .map_err(|e| JsError::new(&format!("{context}: allowedOrigins {pattern:?}: {e}")))?;
    }
    Ok(rules)
}
