//! Return URLs and redirect form bodies: `parse_return_url_with` and `parse_form_body(_with)`.
//!
//! Input: the URL / body as lossy UTF-8 (the seed corpus is the sample return URLs and the
//! LiveID+ form body). Each input is parsed with every vendor option (auto-detect and each
//! vendor) and with and without `keep_secrets`.
//!
//! Invariants (besides "never panics"):
//! - Vult/AwareID/capture are `Err(UnsupportedVendor)`; for the others an input within
//!   `MAX_URL_BYTES` is always `Ok` (a LiveID+ result text cannot outgrow its encoding);
//! - a given vendor's event is that vendor's; Authenteq always gives an event;
//! - auto-detection gives the same event as asking for the vendor it detected;
//! - an event serializes and round-trips; without `keep_secrets` no secret of its vendor survives
//!   in `raw`, and `keep_secrets` changes nothing but `raw`;
//! - a form body `s` reads like the URL `?s` (no `#` in `s`) and like `#s` (no `?`/`#` in `s`).
#![no_main]

mod common;

use idv_core::events::{
    DecodeOptions, EventBody, MAX_URL_BYTES, UrlError, Vendor, parse_form_body,
    parse_form_body_with, parse_return_url_with, secret_keys,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let s = String::from_utf8_lossy(bytes).into_owned();
    let vendors = std::iter::once(None).chain(Vendor::ALL.into_iter().map(Some));
    for vendor in vendors {
        let mut pair: Vec<Option<EventBody>> = Vec::new();
        for keep in [false, true] {
            let options = DecodeOptions::default().with_keep_secrets(keep);
            let url = parse_return_url_with(&s, vendor, &options);
            check(&s, vendor, keep, &url);
            let form = parse_form_body_with(&s, vendor, &options);
            check(&s, vendor, keep, &form);
            if !s.contains('#') && s.len() < MAX_URL_BYTES {
                let as_query = parse_return_url_with(&format!("?{s}"), vendor, &options);
                assert_eq!(form, as_query, "invariant: form body `s` reads like URL `?s`");
            }
            if !s.contains(['#', '?']) && s.len() < MAX_URL_BYTES {
                let as_fragment = parse_return_url_with(&format!("#{s}"), vendor, &options);
                assert_eq!(form, as_fragment, "invariant: form body `s` reads like URL `#s`");
            }
            if vendor.is_none() {
                if let Ok(Some(body)) = &url {
                    let asked = parse_return_url_with(&s, Some(body.vendor), &options);
                    assert_eq!(
                        asked.as_ref().ok().and_then(Option::as_ref),
                        Some(body),
                        "invariant: auto-detection equals asking for the detected vendor"
                    );
                }
                if !keep {
                    assert_eq!(form, parse_form_body(&s), "parse_form_body = default options");
                }
            }
            pair.push(url.ok().flatten());
        }
        if let [Some(redacted), Some(kept)] = pair.as_slice() {
            common::check_same_but_raw(redacted, kept);
        }
    }
});

fn check(s: &str, vendor: Option<Vendor>, keep: bool, r: &Result<Option<EventBody>, UrlError>) {
    match vendor {
        Some(v @ (Vendor::Vult | Vendor::AwareId | Vendor::Capture)) => {
            assert!(
                matches!(r, Err(UrlError::UnsupportedVendor(u)) if *u == v),
                "invariant: {v} has no return protocol, got {r:?}"
            );
            return;
        }
        _ => {}
    }
    if s.len() > MAX_URL_BYTES {
        assert!(matches!(r, Err(UrlError::TooLong { .. })), "invariant: too long, got {r:?}");
        return;
    }
    let body = match r {
        Ok(body) => body,
        Err(e) => panic!("invariant: a return URL within the limit is read, got {e:?}"),
    };
    if vendor == Some(Vendor::Authenteq) {
        assert!(body.is_some(), "invariant: Authenteq's return page always gives an event");
    }
    let Some(body) = body else { return };
    if let Some(v) = vendor {
        assert_eq!(body.vendor, v, "invariant: the event is for the vendor asked");
    }
    common::check_round_trip(body);
    if !keep {
        if let Some(raw) = &body.raw {
            common::check_redacted(raw, secret_keys(body.vendor));
        }
    }
}
