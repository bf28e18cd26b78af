//! The time an event was accepted, as ISO-8601 (UTC, milliseconds).

pub(crate) fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}
