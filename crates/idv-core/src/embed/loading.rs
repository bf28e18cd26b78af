//! [`Loading`]: the iframe's `loading` attribute.

use serde::{Deserialize, Serialize};

/// The iframe's `loading`. Default `eager`: Jumio's newer docs want the frame in the page from
/// the first paint, and a lazy frame below the fold would not load (nor send `loaded`) until
/// scrolled to. `lazy` exists for integrators who preload a frame the user may never reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Loading {
    /// `eager` (default).
    #[default]
    Eager,
    /// `lazy`.
    Lazy,
}

impl Loading {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Loading::Eager => "eager",
            Loading::Lazy => "lazy",
        }
    }
}
