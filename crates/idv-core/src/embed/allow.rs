//! An iframe `allow` attribute, parsed as browsers parse it, and what it grants to a frame.
//!
//! Grammar (Permissions Policy, "parse policy directive"; Chromium and Firefox agree): directives
//! separated by `;`, each a feature name followed by an allowlist separated by ASCII whitespace.
//! Commas are **not** separators (`camera, microphone` declares the unknown feature `camera,`).
//! Feature names match exactly; unknown names are kept as [`Feature::Other`]. When a feature is
//! declared twice, the **first** declaration counts (both engines drop later ones).
//!
//! Allowlist semantics in an iframe's `allow` (the *container policy*):
//!
//! | entry | grants the framed document when |
//! |---|---|
//! | none (`camera`) | it is at the origin of the iframe's `src` (the implicit `'src'`) |
//! | `'src'` | same |
//! | `*` | always |
//! | `'self'` | it is at the **embedding page's** origin — so never for a cross-origin vendor frame |
//! | `https://x.com/any/path` | it is at that URL's origin |
//! | `'none'` | never, and this module counts nothing else in that list (Firefox denies the whole list; Chromium skips the token) |
//!
//! `'self'` names the container document, not the frame: the spec resolves it to the "container
//! origin" and Chromium passes the parent's `SecurityOrigin` as `self_origin`. A vendor iframe is
//! cross-origin, so `camera 'self'` gives it nothing. Entries that are not http(s) origins, and
//! `https://*.x.com` wildcards (understood by recent Chromium only), are not counted either: the
//! result is what every engine grants. Delegation still needs the embedding page itself to hold the
//! feature (its own `Permissions-Policy` header, and every ancestor frame's `allow` — Jumio: "every
//! nesting level needs the same `allow`"); that is the browser layer's probe, not this parser's.
//! The `allowfullscreen` attribute is a separate attribute, not part of `allow`.

use crate::events::OriginPattern;

use super::feature::Feature;
use super::url::origin_of;

/// One entry of an allowlist, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AllowlistEntry {
    /// `*`: every origin.
    Any,
    /// `'none'` (any ASCII case).
    None,
    /// `'self'`: the embedding page's origin.
    SelfOrigin,
    /// `'src'`: the origin of the iframe's `src` URL.
    Src,
    /// An http(s) URL or origin, reduced to its origin.
    Origin(OriginPattern),
    /// Anything else (not counted).
    Invalid(String),
}

impl AllowlistEntry {
    fn parse(token: &str) -> AllowlistEntry {
        if token == "*" {
            AllowlistEntry::Any
        } else if token.eq_ignore_ascii_case("'none'") {
            AllowlistEntry::None
        } else if token.eq_ignore_ascii_case("'self'") {
            AllowlistEntry::SelfOrigin
        } else if token.eq_ignore_ascii_case("'src'") {
            AllowlistEntry::Src
        } else {
            match origin_of(token) {
                Some(origin) => AllowlistEntry::Origin(origin),
                None => AllowlistEntry::Invalid(token.to_owned()),
            }
        }
    }
}

/// One feature and its allowlist (empty = the implicit `'src'`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    feature: Feature,
    allowlist: Vec<AllowlistEntry>,
}

impl Directive {
    /// The feature.
    pub fn feature(&self) -> &Feature {
        &self.feature
    }

    /// The allowlist as written (empty when only the feature was named).
    pub fn allowlist(&self) -> &[AllowlistEntry] {
        &self.allowlist
    }

    fn grants(&self, frame: &FrameContext) -> bool {
        let entries = &self.allowlist;
        if entries.is_empty() {
            return same(frame.src.as_ref(), frame.document.as_ref());
        }
        if entries.contains(&AllowlistEntry::None) {
            return false;
        }
        entries.iter().any(|entry| match entry {
            AllowlistEntry::Any => true,
            AllowlistEntry::SelfOrigin => same(frame.embedder.as_ref(), frame.document.as_ref()),
            AllowlistEntry::Src => same(frame.src.as_ref(), frame.document.as_ref()),
            AllowlistEntry::Origin(origin) => same(Some(origin), frame.document.as_ref()),
            AllowlistEntry::None | AllowlistEntry::Invalid(_) => false,
        })
    }
}

fn same(a: Option<&OriginPattern>, b: Option<&OriginPattern>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a == b)
}

/// Where a framed document stands, for [`AllowAttribute::grants_in`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameContext {
    src: Option<OriginPattern>,
    document: Option<OriginPattern>,
    embedder: Option<OriginPattern>,
}

impl FrameContext {
    /// A frame whose `src` and current document are both at `frame_origin` (a serialized origin
    /// or a URL), embedded by a page of another (unknown) origin — a vendor frame. An origin
    /// that cannot be compared (`null`, non-http(s)) is granted only by `*`.
    pub fn new(frame_origin: &str) -> FrameContext {
        let origin = origin_of(frame_origin);
        FrameContext {
            src: origin.clone(),
            document: origin,
            embedder: None,
        }
    }

    /// Sets the embedding page's origin (what `'self'` means; a same-origin frame also gets the
    /// known features undeclared, their default allowlist being `'self'`).
    #[must_use]
    pub fn with_embedder(mut self, embedder_origin: &str) -> FrameContext {
        self.embedder = origin_of(embedder_origin);
        self
    }

    /// Sets the origin of the document now in the frame, when it navigated away from the `src`
    /// origin (the implicit `'src'` then no longer grants it).
    #[must_use]
    pub fn with_document(mut self, document_origin: &str) -> FrameContext {
        self.document = origin_of(document_origin);
        self
    }
}

/// A parsed `allow` attribute (module docs).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AllowAttribute {
    directives: Vec<Directive>,
}

impl AllowAttribute {
    /// Parses any string; nothing is an error (browsers ignore what they cannot read).
    pub fn parse(value: &str) -> AllowAttribute {
        let mut directives: Vec<Directive> = Vec::new();
        for declaration in value.split(';') {
            let mut tokens = declaration.split_ascii_whitespace();
            let Some(name) = tokens.next() else {
                continue;
            };
            let feature = Feature::from_name(name);
            if directives.iter().any(|d| d.feature == feature) {
                continue;
            }
            directives.push(Directive {
                feature,
                allowlist: tokens.map(AllowlistEntry::parse).collect(),
            });
        }
        AllowAttribute { directives }
    }

    /// The directives, first declaration of each feature, in order.
    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// The declared features, in order (whatever their allowlists say).
    pub fn features(&self) -> Vec<Feature> {
        self.directives.iter().map(|d| d.feature.clone()).collect()
    }

    /// The directive for `feature`, if declared.
    pub fn directive(&self, feature: &Feature) -> Option<&Directive> {
        self.directives.iter().find(|d| d.feature == *feature)
    }

    /// Whether this attribute grants `feature` to a cross-origin frame whose `src` and document
    /// are at `frame_origin` ([`FrameContext::new`]).
    pub fn grants(&self, feature: &Feature, frame_origin: &str) -> bool {
        self.grants_in(feature, &FrameContext::new(frame_origin))
    }

    /// Whether this attribute grants `feature` to the document described by `frame`.
    pub fn grants_in(&self, feature: &Feature, frame: &FrameContext) -> bool {
        match self.directive(feature) {
            Some(directive) => directive.grants(frame),
            // Undeclared: the feature's default allowlist. Every known feature's is `'self'`.
            None => {
                !matches!(feature, Feature::Other(_))
                    && same(frame.embedder.as_ref(), frame.document.as_ref())
            }
        }
    }
}

impl std::str::FromStr for AllowAttribute {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(AllowAttribute::parse(s))
    }
}

/// The features of `required` that `actual_allow` (an adopted iframe's `allow` attribute) does
/// not grant to the frame described by `frame`, in `required`'s order.
///
/// The frame's origin is needed: `camera https://acme.netverify.com` grants camera to that
/// origin only, and `camera 'self'` to none but the embedding page's. For a policy built by this
/// module, [`FramePolicy::missing_features`](super::FramePolicy::missing_features) supplies it.
pub fn missing_features(
    required: &[Feature],
    actual_allow: &str,
    frame: &FrameContext,
) -> Vec<Feature> {
    let actual = AllowAttribute::parse(actual_allow);
    required
        .iter()
        .filter(|f| !actual.grants_in(f, frame))
        .cloned()
        .collect()
}
