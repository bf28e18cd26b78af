//! [`Sandbox`]: an opt-in, validated `sandbox` token list.
//!
//! No sandbox is the default. Vendor clients need scripts, same-origin storage (sessions,
//! IndexedDB, cookies), popups (help pages, the vendor's consent documents) and top-level
//! navigation (redirect flows return through the top window); a sandbox without
//! `allow-same-origin` also gives the frame the opaque origin `null`, which no origin rule
//! matches, so every vendor message would be rejected. Permission delegation (camera,
//! microphone) into sandboxed frames has also been unreliable in some browsers. An integrator
//! who must sandbox opts in with an explicit list; the list is checked against the HTML
//! sandboxing keywords and must keep `allow-scripts` and `allow-same-origin`.

use serde::{Serialize, Serializer};

use super::error::EmbedError;

/// The sandboxing keywords browsers know (HTML "iframe sandbox"; plus
/// `allow-storage-access-by-user-activation` from the Storage Access API).
pub const SANDBOX_KEYWORDS: [&str; 14] = [
    "allow-downloads",
    "allow-forms",
    "allow-modals",
    "allow-orientation-lock",
    "allow-pointer-lock",
    "allow-popups",
    "allow-popups-to-escape-sandbox",
    "allow-presentation",
    "allow-same-origin",
    "allow-scripts",
    "allow-storage-access-by-user-activation",
    "allow-top-navigation",
    "allow-top-navigation-by-user-activation",
    "allow-top-navigation-to-custom-protocols",
];

/// Tokens without which no vendor client works (module docs).
pub const SANDBOX_REQUIRED: [&str; 2] = ["allow-scripts", "allow-same-origin"];

/// A validated `sandbox` attribute value. Serialized as the attribute string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sandbox {
    tokens: Vec<&'static str>,
}

impl Sandbox {
    /// Parses a whitespace-separated token list (keywords are ASCII case-insensitive, as in
    /// HTML; duplicates are dropped, the first spelling's order kept).
    ///
    /// # Errors
    /// [`EmbedError::UnknownSandboxToken`] for a token that is not a keyword;
    /// [`EmbedError::SandboxMissing`] when `allow-scripts` or `allow-same-origin` is absent.
    pub fn parse(tokens: &str) -> Result<Sandbox, EmbedError> {
        Sandbox::from_tokens(tokens.split_ascii_whitespace())
    }

    /// As [`Sandbox::parse`], from separate tokens.
    ///
    /// # Errors
    /// As [`Sandbox::parse`].
    pub fn from_tokens<'a>(
        tokens: impl IntoIterator<Item = &'a str>,
    ) -> Result<Sandbox, EmbedError> {
        let mut known: Vec<&'static str> = Vec::new();
        for token in tokens {
            let keyword = SANDBOX_KEYWORDS
                .into_iter()
                .find(|k| k.eq_ignore_ascii_case(token))
                .ok_or_else(|| EmbedError::UnknownSandboxToken(token.chars().take(64).collect()))?;
            if !known.contains(&keyword) {
                known.push(keyword);
            }
        }
        if let Some(missing) = SANDBOX_REQUIRED.into_iter().find(|r| !known.contains(r)) {
            return Err(EmbedError::SandboxMissing(missing));
        }
        Ok(Sandbox { tokens: known })
    }

    /// The tokens, in order.
    pub fn tokens(&self) -> &[&'static str] {
        &self.tokens
    }

    /// The attribute value (tokens joined by single spaces).
    pub fn attribute(&self) -> String {
        self.tokens.join(" ")
    }
}

impl std::fmt::Display for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.attribute())
    }
}

impl Serialize for Sandbox {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.attribute())
    }
}
