//! Origin patterns: `OriginPattern::parse` then `matches`.
//!
//! Input: lines (lossy UTF-8). The first line is the pattern, every other line an origin; each
//! origin is also tried upper- and lower-cased and with its scheme swapped, and the pattern's own
//! serialization, `null` and a few variants are always tried.
//!
//! Invariants (besides "never panics"):
//! - a pattern never matches `null` (any case), nor an origin whose scheme differs from its own;
//! - a matched origin is `scheme://host[:port]` in ASCII: no path, query, fragment, userinfo,
//!   whitespace or wildcard; plain `http` only for `localhost` / `127.0.0.1`;
//! - matching ignores ASCII case;
//! - a wildcard pattern `*.base` matches only strict subdomains of `base`, never `base` itself;
//! - `Display` round-trips through `parse`, and a pattern matches its own origin (a wildcard one,
//!   that origin with a label in place of `*`);
//! - `OriginRules::allows` agrees with `matches` for the vendor allowed, and allows nothing for
//!   another vendor.
#![no_main]

use idv_core::events::{OriginPattern, OriginRules, Vendor};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.split('\n');
    let pattern = lines.next().unwrap_or_default();
    let Ok(p) = OriginPattern::parse(pattern) else {
        return;
    };
    let shown = p.to_string();
    assert_eq!(
        OriginPattern::parse(&shown).as_ref(),
        Ok(&p),
        "invariant: Display round-trips ({pattern:?} shown as {shown:?})"
    );
    let (scheme, rest) = shown.split_once("://").expect("a pattern shows its scheme");
    assert!(scheme == "https" || scheme == "http", "scheme {scheme:?}");
    let wildcard = rest.strip_prefix("*.");
    let host_port = wildcard.unwrap_or(rest);
    let host = host_port.rsplit_once(':').map_or(host_port, |(h, _)| h);
    if scheme == "http" {
        assert!(
            wildcard.is_none() && (host == "localhost" || host == "127.0.0.1"),
            "invariant: plain http only for localhost / 127.0.0.1, parsed {pattern:?}"
        );
    }

    let mut rules = OriginRules::empty();
    rules.allow(Vendor::Vult, p.clone());

    let own = match wildcard {
        Some(base) => format!("{scheme}://a.{base}"),
        None => shown.clone(),
    };
    assert!(p.matches(&own), "invariant: {shown} matches its own origin {own:?}");

    let mut origins: Vec<String> = lines.map(str::to_owned).collect();
    origins.extend([
        own.clone(),
        shown.clone(),
        pattern.to_owned(),
        format!("{scheme}://{host}"),
        format!("{own}:443"),
        format!("{own}:80"),
        format!("{own}/"),
        format!("{own}."),
        format!("user@{own}"),
    ]);
    for o in ["null", "NULL", "Null", "null://", "https://null", "*", ""] {
        origins.push(o.to_owned());
    }
    for o in &origins {
        let m = p.matches(o);
        check_origin(&p, &shown, scheme, host, wildcard.is_some(), o, m);
        assert_eq!(rules.allows(Vendor::Vult, o), m, "invariant: rules agree with the pattern");
        assert!(!rules.allows(Vendor::Jumio, o), "invariant: rules are per vendor");
        for variant in [o.to_ascii_uppercase(), o.to_ascii_lowercase()] {
            assert_eq!(p.matches(&variant), m, "invariant: case-insensitive ({o:?})");
        }
        if let Some((s, tail)) = o.split_once("://") {
            let other = if s.eq_ignore_ascii_case("https") { "http" } else { "https" };
            let swapped = format!("{other}://{tail}");
            let ms = p.matches(&swapped);
            check_origin(&p, &shown, scheme, host, wildcard.is_some(), &swapped, ms);
            assert!(!(m && ms), "invariant: {shown} matches {o:?} and {swapped:?}");
        }
    }
});

fn check_origin(
    p: &OriginPattern,
    shown: &str,
    scheme: &str,
    base: &str,
    wildcard: bool,
    origin: &str,
    matched: bool,
) {
    if !matched {
        return;
    }
    let fail = |why: &str| -> ! { panic!("invariant: {shown} ({p:?}) matched {origin:?}: {why}") };
    if origin.eq_ignore_ascii_case("null") {
        fail("null matched");
    }
    if !origin.is_ascii() {
        fail("non-ASCII origin");
    }
    let Some((s, rest)) = origin.split_once("://") else { fail("no scheme") };
    if !s.eq_ignore_ascii_case(scheme) {
        fail("different scheme");
    }
    if rest.contains(['/', '?', '#', '@', '*', '[', ']', ' ', '\t', '\n', '\r', '\\']) {
        fail("not a bare origin");
    }
    let lower = rest.to_ascii_lowercase();
    let host = lower.rsplit_once(':').map_or(lower.as_str(), |(h, _)| h);
    if host.is_empty() || host.ends_with('.') || host.starts_with('.') || host.contains("..") {
        fail("invalid host");
    }
    if wildcard {
        let sub = host.strip_suffix(base).and_then(|p| p.strip_suffix('.'));
        if !sub.is_some_and(|s| !s.is_empty()) {
            fail("not a strict subdomain of the wildcard's base");
        }
    } else if host != base {
        fail("different host");
    }
}
