//! [`EmbedError`]: why an iframe policy cannot be built.

use crate::events::{OriginError, Vendor};

use super::mode::EmbedMode;

/// Why an embed policy, a vendor URL or an integrator option was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EmbedError {
    /// The vendor has no iframe mode at all.
    #[error("{vendor} cannot be embedded in an iframe: {}", not_embeddable_reason(*vendor))]
    NotEmbeddable {
        /// The vendor.
        vendor: Vendor,
    },
    /// The vendor has iframe modes, but not this one.
    #[error("{vendor} has no iframe mode `{}`", mode.as_str())]
    UnsupportedMode {
        /// The vendor.
        vendor: Vendor,
        /// The mode asked for.
        mode: EmbedMode,
    },
    /// Not a URL this module can read (empty, too long, whitespace or control characters,
    /// backslashes, no `scheme://`).
    #[error("invalid vendor URL: {0}")]
    InvalidUrl(&'static str),
    /// A scheme other than `https` (or `http` for loopback).
    #[error("unsupported URL scheme `{0}`; vendor frames must use https")]
    UnsupportedScheme(String),
    /// `http` for a host other than `localhost` / `127.0.0.1`.
    #[error("plain http is allowed only for localhost and 127.0.0.1, not `{0}`")]
    InsecureHttp(String),
    /// `user:password@` before the host.
    #[error("a vendor URL must not carry userinfo (`user@host`)")]
    Userinfo,
    /// Nothing between `scheme://` and the path.
    #[error("the vendor URL has no host")]
    MissingHost,
    /// A host that is not a valid ASCII DNS name or dotted IPv4 address (IPv6 literals, `%`
    /// escapes, trailing dots and numeric forms a browser would rewrite are refused).
    #[error("invalid host `{0}` in vendor URL")]
    InvalidHost(String),
    /// The URL's origin did not parse as an origin (an invalid port, for example).
    #[error("invalid origin in vendor URL: {0}")]
    Origin(#[from] OriginError),
    /// The URL's origin is not allowed for the vendor, neither by default nor by the
    /// integrator's [`OriginRules`](crate::events::OriginRules).
    #[error(
        "origin `{origin}` is not allowed for {vendor}; add it to the origin rules if it is the vendor's"
    )]
    OriginNotAllowed {
        /// The vendor.
        vendor: Vendor,
        /// The URL's origin.
        origin: String,
    },
    /// A `sandbox` token that is not a sandboxing keyword.
    #[error("unknown sandbox token `{0}`")]
    UnknownSandboxToken(String),
    /// A `sandbox` list without a token every vendor client needs.
    #[error("a sandbox without `{0}` breaks every vendor client")]
    SandboxMissing(&'static str),
    /// An empty or blank accessible name.
    #[error("an iframe title (accessible name) must not be empty")]
    EmptyTitle,
}

fn not_embeddable_reason(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Authenteq => {
            "its flow is a redirect only (open `verificationUrl` in the top window)"
        }
        Vendor::Vult | Vendor::AwareId => {
            "it has no web client; the module captures and calls its API instead"
        }
        Vendor::Capture => "it is the module's own capture, not a vendor",
        _ => "no iframe mode is documented",
    }
}
