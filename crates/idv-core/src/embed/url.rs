//! [`VendorUrl`]: a vendor client's URL, validated, and the origin it will speak from.
//!
//! Read by hand (no `url` crate, which would bloat the wasm), strictly: anything a browser would
//! silently rewrite is refused rather than guessed at, so the origin derived here is the origin
//! the browser will report in `MessageEvent.origin`.
//!
//! - `https://host[:port]/…` only; `http://` only for `localhost` and `127.0.0.1` (tests and
//!   vendor simulators) — the rule [`OriginPattern`] already applies, reused here.
//! - No userinfo (`user:pass@host`): browsers drop it from the origin, phishing pages use it to
//!   disguise the real host.
//! - No whitespace, control characters or backslashes anywhere (browsers strip tabs and
//!   newlines and read `\` as `/`, so `https://evil.com\@vendor.com` is `evil.com`).
//! - The host is an ASCII DNS name or a canonical dotted IPv4 address; IPv6 literals, `%`
//!   escapes, trailing dots and numeric short forms (`127.1`, `0x7f.0.0.1`) are refused.

use crate::events::{OriginError, OriginPattern, OriginRules, Vendor};

use super::error::EmbedError;

/// The longest vendor URL accepted, in bytes (vendor links carry a token; 8 KiB is far above
/// what they use and below what every browser accepts in `src`).
pub const MAX_VENDOR_URL_BYTES: usize = 8 * 1024;

/// A validated vendor client URL (module docs) and its origin.
///
/// `Debug` leaves out the query and fragment: vendor links carry session tokens (Jumio's
/// `web.href`), which must not reach logs. `Display` and [`VendorUrl::as_str`] give it whole.
#[derive(Clone, PartialEq, Eq)]
pub struct VendorUrl {
    href: String,
    origin: OriginPattern,
}

impl VendorUrl {
    /// Validates `url` (module docs).
    ///
    /// # Errors
    /// An [`EmbedError`] naming the problem: [`InvalidUrl`](EmbedError::InvalidUrl),
    /// [`UnsupportedScheme`](EmbedError::UnsupportedScheme),
    /// [`InsecureHttp`](EmbedError::InsecureHttp), [`Userinfo`](EmbedError::Userinfo),
    /// [`MissingHost`](EmbedError::MissingHost), [`InvalidHost`](EmbedError::InvalidHost),
    /// [`Origin`](EmbedError::Origin).
    pub fn parse(url: &str) -> Result<VendorUrl, EmbedError> {
        if url.is_empty() {
            return Err(EmbedError::InvalidUrl("empty"));
        }
        if url.len() > MAX_VENDOR_URL_BYTES {
            return Err(EmbedError::InvalidUrl("longer than 8192 bytes"));
        }
        if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(EmbedError::InvalidUrl("whitespace or control characters"));
        }
        if url.contains('\\') {
            return Err(EmbedError::InvalidUrl("backslash"));
        }
        let (scheme, authority) = split_scheme_authority(url)?;
        if authority.contains('@') {
            return Err(EmbedError::Userinfo);
        }
        if authority.is_empty() || authority.starts_with(':') {
            return Err(EmbedError::MissingHost);
        }
        let origin = origin_from_parts(&scheme, authority).map_err(|e| match e {
            OriginError::InsecureHttp(host) => EmbedError::InsecureHttp(host),
            OriginError::InvalidHost(host) => EmbedError::InvalidHost(host),
            other => EmbedError::Origin(other),
        })?;
        Ok(VendorUrl {
            href: url.to_owned(),
            origin,
        })
    }

    /// The URL exactly as given.
    pub fn as_str(&self) -> &str {
        &self.href
    }

    /// The URL's origin, as an exact (wildcard-free) pattern.
    pub fn origin(&self) -> &OriginPattern {
        &self.origin
    }
}

impl std::fmt::Debug for VendorUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let end = self.href.find(['?', '#']).unwrap_or(self.href.len());
        let elided = if end < self.href.len() { "…" } else { "" };
        write!(f, "VendorUrl({:?}{elided})", &self.href[..end])
    }
}

impl std::fmt::Display for VendorUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.href)
    }
}

/// The origin a frame loaded from `url` speaks from (the one `MessageEvent.origin` will carry),
/// after validating the URL like [`VendorUrl::parse`].
///
/// # Errors
/// As [`VendorUrl::parse`].
pub fn origins_for_url(url: &str) -> Result<OriginPattern, EmbedError> {
    VendorUrl::parse(url).map(|u| u.origin)
}

/// `Ok` when `origin` may speak for `vendor` under `rules` (the vendor's defaults,
/// [`OriginRules::with_defaults`], plus what the integrator added).
///
/// # Errors
/// [`EmbedError::OriginNotAllowed`].
pub fn check_vendor_origin(
    vendor: Vendor,
    origin: &OriginPattern,
    rules: &OriginRules,
) -> Result<(), EmbedError> {
    let serialized = origin.to_string();
    if rules.allows(vendor, &serialized) {
        Ok(())
    } else {
        Err(EmbedError::OriginNotAllowed {
            vendor,
            origin: serialized,
        })
    }
}

/// The origin of a URL or serialized origin, leniently (userinfo, path, query and fragment are
/// ignored, as the URL parser does for allowlist entries); `None` when it has none this module
/// can compare (opaque origins such as `null`, schemes other than http(s), plain http to other
/// hosts than loopback, wildcards, IPv6 literals).
pub(crate) fn origin_of(text: &str) -> Option<OriginPattern> {
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) || text.contains('\\') {
        return None;
    }
    let (scheme, authority) = split_scheme_authority(text).ok()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    origin_from_parts(&scheme, host_port).ok()
}

/// `(lowercase scheme, authority)`; the scheme must be http(s) and followed by `//`.
fn split_scheme_authority(url: &str) -> Result<(String, &str), EmbedError> {
    let (scheme, rest) = url
        .split_once(':')
        .ok_or(EmbedError::InvalidUrl("no scheme"))?;
    let valid_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !valid_scheme {
        return Err(EmbedError::InvalidUrl("no scheme"));
    }
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(EmbedError::UnsupportedScheme(
            scheme.chars().take(32).collect(),
        ));
    }
    let rest = rest
        .strip_prefix("//")
        .ok_or(EmbedError::InvalidUrl("no `//` after the scheme"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Ok((scheme, &rest[..end]))
}

/// `scheme://host[:port]` → an exact origin, refusing hosts a browser would rewrite.
fn origin_from_parts(scheme: &str, host_port: &str) -> Result<OriginPattern, OriginError> {
    let host = match host_port.rsplit_once(':') {
        Some((host, _port)) if !host_port.starts_with('[') => host,
        _ => host_port,
    };
    if host.is_empty() {
        return Err(OriginError::Empty);
    }
    if host.contains('*') || is_non_canonical_number(host) {
        return Err(OriginError::InvalidHost(host.chars().take(64).collect()));
    }
    OriginPattern::parse(&format!("{scheme}://{host_port}"))
}

/// A host whose last label is a number (decimal or `0x` hex) is an IPv4 address to a browser,
/// which rewrites it (`127.1` → `127.0.0.1`); only the canonical dotted-quad form is kept.
fn is_non_canonical_number(host: &str) -> bool {
    let Some(last) = host.rsplit('.').next() else {
        return false;
    };
    let lower = last.to_ascii_lowercase();
    let numeric = (!lower.is_empty() && lower.bytes().all(|b| b.is_ascii_digit()))
        || lower
            .strip_prefix("0x")
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()));
    if !numeric {
        return false;
    }
    let parts: Vec<&str> = host.split('.').collect();
    let canonical = parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        });
    !canonical
}
