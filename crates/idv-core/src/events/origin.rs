//! Which origins may speak for a vendor: [`OriginPattern`] and per-vendor [`OriginRules`].
//!
//! A pattern is `scheme://host[:port]`, nothing else:
//!
//! - **Exact match** of scheme, host and port. Scheme and host compare case-insensitively; default
//!   ports are normalised (`https://a.com` = `https://a.com:443`, `http://…:80`). A pattern
//!   without a port matches only the default port.
//! - **Wildcard** only as a whole leading label: `https://*.x.com` matches one *or more* labels in
//!   its place (`a.x.com`, `a.b.x.com`) but not the bare `x.com` (list it too if wanted). At
//!   least two labels must follow `*.`, the last not numeric (no `*.com`, no `*.0.0.1`). No
//!   wildcard anywhere else, no `*` alone.
//! - **Schemes**: `https`; plain `http` only for the hosts `localhost` and `127.0.0.1` (with any
//!   explicit port; the port still has to match exactly).
//! - Rejected patterns: a path (even a lone trailing `/`), query, fragment, userinfo, `null`,
//!   empty, whitespace, non-ASCII hosts (write IDNs in their `xn--` form, as browsers serialize
//!   origins), IPv6 literals, a trailing dot, invalid labels or ports.
//!
//! An origin string (`MessageEvent.origin`) is read with the same grammar, without wildcards; an
//! origin that does not parse — `"null"` (sandboxed frames, `file:`), a trailing-dot host, a
//! non-ASCII host — never matches.

use super::envelope::Vendor;

/// Vendors' own origins, allowed by [`OriginRules::with_defaults`].
pub const DEFAULT_PATTERNS: [(Vendor, &str); 4] = [
    (Vendor::Jumio, "https://*.netverify.com"),
    (Vendor::Jumio, "https://*.jumio.ai"),
    (Vendor::LiveId, "https://liveid.test.namirialtsp.com"),
    (Vendor::LiveId, "https://liveid.namirialtsp.com"),
];

/// Why an origin pattern is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OriginError {
    /// The empty string.
    #[error("empty origin pattern")]
    Empty,
    /// `null` is the origin of opaque documents; it identifies nobody.
    #[error("`null` cannot be allowed")]
    Null,
    /// No `scheme://`.
    #[error("origin pattern needs a scheme (`https://`)")]
    MissingScheme,
    /// A scheme other than `https` / `http`.
    #[error("unsupported scheme `{0}`; use https")]
    UnsupportedScheme(String),
    /// `http` for a host other than `localhost` / `127.0.0.1`.
    #[error("plain http is allowed only for localhost and 127.0.0.1, not `{0}`")]
    InsecureHttp(String),
    /// Something after the host and port (`/`, `?`, `#`) or before the host (`user@`).
    #[error("an origin has no {0}")]
    NotAnOrigin(&'static str),
    /// A misplaced wildcard, or `*` alone.
    #[error("a wildcard is allowed only as the whole first label, followed by at least two labels")]
    Wildcard,
    /// A port that is not a number in 1..=65535.
    #[error("invalid port `{0}`")]
    InvalidPort(String),
    /// A host that is not a valid ASCII DNS name or IPv4 address.
    #[error("invalid host `{0}`")]
    InvalidHost(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Scheme {
    Http,
    Https,
}

impl Scheme {
    fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// A parsed origin or pattern: lowercase host, default port as `None`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Parts {
    scheme: Scheme,
    /// The host; for a wildcard pattern, the part after `*.`.
    host: String,
    wildcard: bool,
    port: Option<u16>,
}

/// One allowed-origin pattern (module docs).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OriginPattern(Parts);

impl OriginPattern {
    /// Parses a pattern (module docs).
    ///
    /// # Errors
    /// An [`OriginError`] saying what is wrong.
    pub fn parse(pattern: &str) -> Result<Self, OriginError> {
        let parts = parse_parts(pattern, true)?;
        let loopback = !parts.wildcard && matches!(parts.host.as_str(), "localhost" | "127.0.0.1");
        if parts.scheme == Scheme::Http && !loopback {
            return Err(OriginError::InsecureHttp(parts.host));
        }
        Ok(OriginPattern(parts))
    }

    /// Whether `origin` (a serialized origin such as `MessageEvent.origin`) matches.
    pub fn matches(&self, origin: &str) -> bool {
        let Ok(candidate) = parse_parts(origin, false) else {
            return false;
        };
        let p = &self.0;
        if candidate.scheme != p.scheme || candidate.port != p.port {
            return false;
        }
        if p.wildcard {
            candidate
                .host
                .strip_suffix(p.host.as_str())
                .is_some_and(|prefix| prefix.len() > 1 && prefix.ends_with('.'))
        } else {
            candidate.host == p.host
        }
    }
}

impl std::fmt::Display for OriginPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let p = &self.0;
        let star = if p.wildcard { "*." } else { "" };
        write!(f, "{}://{star}{}", p.scheme.as_str(), p.host)?;
        match p.port {
            Some(port) => write!(f, ":{port}"),
            None => Ok(()),
        }
    }
}

impl std::str::FromStr for OriginPattern {
    type Err = OriginError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OriginPattern::parse(s)
    }
}

fn parse_parts(text: &str, allow_wildcard: bool) -> Result<Parts, OriginError> {
    if text.is_empty() {
        return Err(OriginError::Empty);
    }
    if text.eq_ignore_ascii_case("null") {
        return Err(OriginError::Null);
    }
    if text == "*" {
        return Err(OriginError::Wildcard);
    }
    let (scheme, rest) = text.split_once("://").ok_or(OriginError::MissingScheme)?;
    let scheme = match scheme.to_ascii_lowercase().as_str() {
        "https" => Scheme::Https,
        "http" => Scheme::Http,
        _ => {
            return Err(OriginError::UnsupportedScheme(
                scheme.chars().take(32).collect(),
            ));
        }
    };
    for (c, what) in [
        ('/', "path"),
        ('?', "query"),
        ('#', "fragment"),
        ('@', "userinfo"),
    ] {
        if rest.contains(c) {
            return Err(OriginError::NotAnOrigin(what));
        }
    }
    if rest.starts_with('[') {
        return Err(OriginError::InvalidHost(rest.chars().take(64).collect()));
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, Some(parse_port(port)?)),
        None => (rest, None),
    };
    let host = host.to_ascii_lowercase();
    let (wildcard, host) = match host.strip_prefix("*.") {
        Some(base) if allow_wildcard => (true, base.to_owned()),
        _ => (false, host),
    };
    if host.contains('*') {
        return Err(OriginError::Wildcard);
    }
    validate_host(&host)?;
    if wildcard {
        let labels: Vec<&str> = host.split('.').collect();
        let numeric_tld = labels
            .last()
            .is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit()));
        // A matching host is at least one label plus a dot longer than the base; a base that
        // leaves no room under the 253-byte limit could never match anything.
        if labels.len() < 2 || numeric_tld || host.len() > MAX_WILDCARD_BASE {
            return Err(OriginError::Wildcard);
        }
    }
    let port = port.filter(|p| *p != scheme.default_port());
    Ok(Parts {
        scheme,
        host,
        wildcard,
        port,
    })
}

/// The longest base after `*.`: a 1-byte label and a dot must still fit in 253 bytes.
const MAX_WILDCARD_BASE: usize = 253 - 2;

fn parse_port(port: &str) -> Result<u16, OriginError> {
    let invalid = || OriginError::InvalidPort(port.chars().take(16).collect());
    if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    match port.parse::<u16>() {
        Ok(p) if p > 0 => Ok(p),
        _ => Err(invalid()),
    }
}

/// An ASCII DNS name or dotted IPv4: labels of 1..=63 `[a-z0-9-]`, not starting or ending with
/// `-`, at most 253 bytes, no empty label (so no trailing dot).
fn validate_host(host: &str) -> Result<(), OriginError> {
    let invalid = || OriginError::InvalidHost(host.chars().take(64).collect());
    if host.is_empty() || host.len() > 253 {
        return Err(invalid());
    }
    for label in host.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(invalid());
        }
    }
    Ok(())
}

/// Allowed origin patterns per vendor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginRules {
    entries: Vec<(Vendor, OriginPattern)>,
}

impl OriginRules {
    /// No origin allowed for any vendor.
    pub fn empty() -> Self {
        OriginRules {
            entries: Vec::new(),
        }
    }

    /// The vendors' own origins ([`DEFAULT_PATTERNS`]). Authenteq (redirect only), Vult, AwareID
    /// (no message protocol) and capture have none: add the integrator's patterns if needed.
    pub fn with_defaults() -> Self {
        let mut rules = OriginRules::empty();
        for (vendor, pattern) in DEFAULT_PATTERNS {
            if let Ok(pattern) = OriginPattern::parse(pattern) {
                rules.allow(vendor, pattern);
            }
        }
        rules
    }

    /// Allows `pattern` for `vendor` (duplicates are ignored).
    pub fn allow(&mut self, vendor: Vendor, pattern: OriginPattern) {
        if !self
            .entries
            .iter()
            .any(|(v, p)| *v == vendor && *p == pattern)
        {
            self.entries.push((vendor, pattern));
        }
    }

    /// Parses and allows an integrator-supplied pattern for `vendor`.
    ///
    /// # Errors
    /// The pattern's [`OriginError`]; the rules are unchanged.
    pub fn allow_str(&mut self, vendor: Vendor, pattern: &str) -> Result<(), OriginError> {
        self.allow(vendor, OriginPattern::parse(pattern)?);
        Ok(())
    }

    /// Whether `origin` may speak for `vendor`.
    pub fn allows(&self, vendor: Vendor, origin: &str) -> bool {
        self.patterns(vendor).any(|p| p.matches(origin))
    }

    /// `vendor`'s patterns, in the order they were allowed.
    pub fn patterns(&self, vendor: Vendor) -> impl Iterator<Item = &OriginPattern> {
        self.entries
            .iter()
            .filter(move |(v, _)| *v == vendor)
            .map(|(_, p)| p)
    }
}

impl Default for OriginRules {
    /// [`OriginRules::with_defaults`].
    fn default() -> Self {
        OriginRules::with_defaults()
    }
}
