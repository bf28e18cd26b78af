//! The return page: the vendor redirected the user back with its result in the URL. The event
//! goes into the stream once per return, even when the user reloads the page: the consumed
//! return URLs are remembered in `sessionStorage` — as hashes, because a return URL can carry a
//! single-use code (Authenteq) that must not sit in storage.

use idv_core::events::{DecodeOptions, Event, UrlError, Vendor, parse_return_url_with};

use super::EventStream;

const MAX_REMEMBERED: usize = 64;

/// FNV-1a, 64 bits: enough to recognise a URL seen before in this tab, not a secret-grade hash.
fn fingerprint(url: &str) -> String {
    let hash = url.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

/// A JSON array of strings. Read through `Value` (already in the wasm) rather than a derived
/// `Vec<String>` deserializer; `None` for anything else, as serde would refuse it.
fn strings(text: &str) -> Option<Vec<String>> {
    let serde_json::Value::Array(items) = serde_json::from_str(text).ok()? else { return None };
    items
        .into_iter()
        .map(|item| match item {
            serde_json::Value::String(s) => Some(s),
            _ => None,
        })
        .collect()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

impl EventStream {
    fn returns_key(&self) -> String {
        format!("{}:returns", self.options().storage_key())
    }

    fn consumed(&self) -> Vec<String> {
        storage()
            .and_then(|s| s.get_item(&self.returns_key()).ok().flatten())
            .and_then(|text| strings(&text))
            .unwrap_or_default()
    }

    /// Parses a return URL (the page's own `location.href` on a return page) and pushes its
    /// event, unless this very URL was already accepted in this tab. `Ok(None)`: the URL carries
    /// no vendor result, or it was accepted before (then the event is in the history already).
    pub fn accept_return_url(&self, url: &str, vendor: Option<Vendor>) -> Result<Option<Event>, UrlError> {
        let options = DecodeOptions::default().with_keep_secrets(self.options().keep_secrets);
        let Some(body) = parse_return_url_with(url, vendor, &options)? else { return Ok(None) };
        let print = fingerprint(url);
        let mut consumed = self.consumed();
        if consumed.contains(&print) {
            return Ok(None);
        }
        let event = self.push(body);
        consumed.push(print);
        let skip = consumed.len().saturating_sub(MAX_REMEMBERED);
        if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&consumed[skip..])) {
            let _ = storage.set_item(&self.returns_key(), &text);
        }
        self.persist_now();
        Ok(Some(event))
    }
}

#[cfg(test)]
mod tests {
    use super::{fingerprint, strings};

    #[test]
    fn fingerprints_differ_and_are_stable() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_ne!(fingerprint("https://x/?code=1"), fingerprint("https://x/?code=2"));
    }

    #[test]
    fn remembered_prints_read_like_serde() {
        for text in [r#"[]"#, r#"["a","b"]"#, r#"["a",1]"#, r#"{"a":"b"}"#, r#""a""#, "[", ""] {
            assert_eq!(strings(text), serde_json::from_str::<Vec<String>>(text).ok(), "{text}");
        }
    }
}
