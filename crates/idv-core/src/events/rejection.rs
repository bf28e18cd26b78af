//! Why a message did not become an event.
//!
//! Only two things are rejected: a message from an origin that is not allowed for the vendor, and
//! a message that cannot be represented in an event (over [`MAX_MESSAGE_BYTES`] or nested deeper
//! than [`MAX_JSON_DEPTH`]). Everything else that came from an allowed origin becomes an event —
//! an empty string, a non-JSON string, truncated JSON or a foreign object becomes `unknown` with
//! `raw` kept — so nothing accepted is silently dropped.

use super::envelope::Vendor;

/// The largest message accepted, in bytes: 256 KiB of UTF-8 for a string; for a JSON value, its
/// estimated serialized size. Vendor messages are a few hundred bytes; this bounds memory and the
/// size of the stored history, not the vendor protocol.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024;

/// The deepest nesting of arrays/objects kept in `raw`. It stays well below `serde_json`'s parse
/// limit (128) so that a serialized event, which adds a level, always parses back.
pub const MAX_JSON_DEPTH: usize = 64;

/// The longest origin string echoed back in [`Rejection::Origin`]; longer ones are cut.
const MAX_ECHOED_ORIGIN: usize = 256;

/// Why a message was not turned into an event. Counted in diagnostics by the browser layer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The message's origin is not among the vendor's allowed origins (or is `"null"`).
    #[error("origin {origin:?} is not allowed for {vendor}")]
    Origin {
        /// The vendor the message was checked for.
        vendor: Vendor,
        /// The origin, cut to 256 characters.
        origin: String,
    },
    /// The message is larger than [`MAX_MESSAGE_BYTES`].
    #[error("message of at least {size} bytes is over the {limit}-byte limit")]
    TooLarge {
        /// Its size in bytes (for a JSON value, counted until the limit was passed).
        size: u64,
        /// The limit, [`MAX_MESSAGE_BYTES`].
        limit: u64,
    },
    /// The JSON value nests deeper than [`MAX_JSON_DEPTH`].
    #[error("message nests deeper than {limit} levels")]
    TooDeep {
        /// The limit, [`MAX_JSON_DEPTH`].
        limit: u64,
    },
}

impl Rejection {
    /// A stable camelCase name for the reason, for JS (`{ type: "rejected", reason }`).
    pub fn reason(&self) -> &'static str {
        match self {
            Rejection::Origin { .. } => "origin",
            Rejection::TooLarge { .. } => "tooLarge",
            Rejection::TooDeep { .. } => "tooDeep",
        }
    }

    pub(crate) fn origin(vendor: Vendor, origin: &str) -> Self {
        Rejection::Origin {
            vendor,
            origin: origin.chars().take(MAX_ECHOED_ORIGIN).collect(),
        }
    }

    pub(crate) fn too_large(size: usize) -> Self {
        Rejection::TooLarge {
            size: size as u64,
            limit: MAX_MESSAGE_BYTES as u64,
        }
    }

    pub(crate) fn too_deep() -> Self {
        Rejection::TooDeep {
            limit: MAX_JSON_DEPTH as u64,
        }
    }
}
