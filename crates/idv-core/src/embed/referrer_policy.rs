//! [`ReferrerPolicy`]: the iframe's `referrerpolicy` attribute.

use serde::{Deserialize, Serialize};

/// The iframe's `referrerpolicy`. Serialized as the attribute value
/// (`"strict-origin-when-cross-origin"`).
///
/// Default `strict-origin-when-cross-origin`: the vendor receives the embedding page's *origin*
/// as `Referer` (vendor domain allow-lists check it, so `no-referrer` can get the frame
/// refused), never its path or query, which on onboarding pages often hold session ids. It is
/// also the browsers' own default, so the explicit attribute only guards against a page-wide
/// `<meta name="referrer">` that would send more (`unsafe-url`) or nothing (`no-referrer`).
/// `origin` would send the same to an https vendor; it is accepted for vendors that ask for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ReferrerPolicy {
    /// `no-referrer`.
    NoReferrer,
    /// `no-referrer-when-downgrade`.
    NoReferrerWhenDowngrade,
    /// `origin`.
    Origin,
    /// `origin-when-cross-origin`.
    OriginWhenCrossOrigin,
    /// `same-origin` (sends nothing to a cross-origin vendor).
    SameOrigin,
    /// `strict-origin`.
    StrictOrigin,
    /// `strict-origin-when-cross-origin` (default).
    #[default]
    StrictOriginWhenCrossOrigin,
    /// `unsafe-url` (sends the full URL; not recommended).
    UnsafeUrl,
}

impl ReferrerPolicy {
    /// Every policy, in declaration order.
    pub const ALL: [ReferrerPolicy; 8] = [
        ReferrerPolicy::NoReferrer,
        ReferrerPolicy::NoReferrerWhenDowngrade,
        ReferrerPolicy::Origin,
        ReferrerPolicy::OriginWhenCrossOrigin,
        ReferrerPolicy::SameOrigin,
        ReferrerPolicy::StrictOrigin,
        ReferrerPolicy::StrictOriginWhenCrossOrigin,
        ReferrerPolicy::UnsafeUrl,
    ];

    /// The policy with this attribute value (exact, as serialized), if any.
    pub fn from_name(name: &str) -> Option<ReferrerPolicy> {
        ReferrerPolicy::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            ReferrerPolicy::NoReferrer => "no-referrer",
            ReferrerPolicy::NoReferrerWhenDowngrade => "no-referrer-when-downgrade",
            ReferrerPolicy::Origin => "origin",
            ReferrerPolicy::OriginWhenCrossOrigin => "origin-when-cross-origin",
            ReferrerPolicy::SameOrigin => "same-origin",
            ReferrerPolicy::StrictOrigin => "strict-origin",
            ReferrerPolicy::StrictOriginWhenCrossOrigin => "strict-origin-when-cross-origin",
            ReferrerPolicy::UnsafeUrl => "unsafe-url",
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::ReferrerPolicy;

    #[test]
    fn referrer_policy_names_match_serde() {
        for p in ReferrerPolicy::ALL {
            match p {
                ReferrerPolicy::NoReferrer
                | ReferrerPolicy::NoReferrerWhenDowngrade
                | ReferrerPolicy::Origin
                | ReferrerPolicy::OriginWhenCrossOrigin
                | ReferrerPolicy::SameOrigin
                | ReferrerPolicy::StrictOrigin
                | ReferrerPolicy::StrictOriginWhenCrossOrigin
                | ReferrerPolicy::UnsafeUrl => {}
            }
            let json = serde_json::to_value(p).unwrap();
            assert_eq!(json, p.as_str());
            assert_eq!(ReferrerPolicy::from_name(p.as_str()), Some(p));
            assert_eq!(serde_json::from_value::<ReferrerPolicy>(json).unwrap(), p);
        }
        for bad in ["", "Origin", "origin ", "strict_origin"] {
            assert_eq!(ReferrerPolicy::from_name(bad), None);
            assert!(serde_json::from_value::<ReferrerPolicy>(bad.into()).is_err());
        }
    }
}
