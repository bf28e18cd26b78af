//! [`FramePolicy`]: everything the browser layer needs to create (or check) a vendor iframe.

use serde::{Serialize, Serializer};

use crate::events::{OriginPattern, OriginRules, Vendor};

use super::allow::{FrameContext, missing_features};
use super::audit::FrameAudit;
use super::error::EmbedError;
use super::feature::Feature;
use super::frame_options::FrameOptions;
use super::loading::Loading;
use super::mode::{
    EmbedMode, allow_attribute, allowfullscreen_attribute, check_mode, required_features,
};
use super::referrer_policy::ReferrerPolicy;
use super::sandbox::Sandbox;
use super::size::{FrameSize, size_class_for};
use super::title::default_title;
use super::url::{VendorUrl, check_vendor_origin};

/// A vendor iframe, fully specified. Serialized camelCase with the DOM property names
/// (`src`, `title`, `allow`, `allowFullscreen`, `referrerPolicy`, `loading`, `sandbox` when
/// set), plus `vendor`, `mode`, `features` (the parsed `allow`) and `origin` (the only origin
/// whose messages this frame may send).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FramePolicy {
    vendor: Vendor,
    mode: EmbedMode,
    #[serde(serialize_with = "serialize_display")]
    src: VendorUrl,
    title: String,
    allow: &'static str,
    features: Vec<Feature>,
    allow_fullscreen: bool,
    referrer_policy: ReferrerPolicy,
    loading: Loading,
    #[serde(skip_serializing_if = "Option::is_none")]
    sandbox: Option<Sandbox>,
    #[serde(serialize_with = "serialize_display")]
    origin: OriginPattern,
}

fn serialize_display<T: std::fmt::Display, S: Serializer>(
    value: &T,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

impl FramePolicy {
    /// The policy for `vendor`'s client at `url`.
    ///
    /// `rules` decides whether the URL's origin may be `vendor`'s: pass
    /// [`OriginRules::with_defaults`] (Jumio `https://*.netverify.com`, `https://*.jumio.ai`;
    /// LiveID+ its test and production hosts) plus any origin the integrator adds.
    ///
    /// # Errors
    /// [`EmbedError::NotEmbeddable`] / [`EmbedError::UnsupportedMode`] for the mode (checked
    /// first); the URL's errors ([`VendorUrl::parse`]); [`EmbedError::OriginNotAllowed`];
    /// [`EmbedError::EmptyTitle`] for a blank title.
    pub fn new(
        vendor: Vendor,
        url: &str,
        rules: &OriginRules,
        options: &FrameOptions,
    ) -> Result<FramePolicy, EmbedError> {
        let mode = match options.mode {
            Some(mode) => mode,
            None => EmbedMode::default_for(vendor)?,
        };
        check_mode(vendor, mode)?;
        let src = VendorUrl::parse(url)?;
        check_vendor_origin(vendor, src.origin(), rules)?;
        let title = match &options.title {
            Some(title) if title.trim().is_empty() => return Err(EmbedError::EmptyTitle),
            Some(title) => title.clone(),
            None => default_title(vendor)
                .ok_or(EmbedError::NotEmbeddable { vendor })?
                .to_owned(),
        };
        let origin = src.origin().clone();
        Ok(FramePolicy {
            vendor,
            mode,
            src,
            title,
            allow: allow_attribute(vendor, mode)?,
            features: required_features(vendor, mode)?,
            allow_fullscreen: allowfullscreen_attribute(vendor, mode)?,
            referrer_policy: options.referrer_policy,
            loading: options.loading,
            sandbox: options.sandbox.clone(),
            origin,
        })
    }

    /// The vendor.
    pub fn vendor(&self) -> Vendor {
        self.vendor
    }

    /// The embed mode.
    pub fn mode(&self) -> EmbedMode {
        self.mode
    }

    /// The validated `src`.
    pub fn src(&self) -> &VendorUrl {
        &self.src
    }

    /// The accessible name (`title`).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The `allow` attribute, exactly as the vendor documents it.
    pub fn allow(&self) -> &'static str {
        self.allow
    }

    /// The features `allow` names, in order.
    pub fn features(&self) -> &[Feature] {
        &self.features
    }

    /// Whether to set the `allowfullscreen` attribute.
    pub fn allow_fullscreen(&self) -> bool {
        self.allow_fullscreen
    }

    /// The `referrerpolicy`.
    pub fn referrer_policy(&self) -> ReferrerPolicy {
        self.referrer_policy
    }

    /// The `loading` attribute.
    pub fn loading(&self) -> Loading {
        self.loading
    }

    /// The `sandbox`, when the integrator opted in.
    pub fn sandbox(&self) -> Option<&Sandbox> {
        self.sandbox.as_ref()
    }

    /// The frame's origin: the only origin whose messages are this frame's.
    pub fn origin(&self) -> &OriginPattern {
        &self.origin
    }

    /// Origin rules allowing only this frame's origin for its vendor — narrower than the
    /// vendor's wildcard defaults, for the message listener of this frame.
    pub fn origin_rules(&self) -> OriginRules {
        let mut rules = OriginRules::empty();
        rules.allow(self.vendor, self.origin.clone());
        rules
    }

    /// The frame as [`FrameContext`]: at its `src` origin, cross-origin to the page.
    pub fn frame_context(&self) -> FrameContext {
        FrameContext::new(&self.origin.to_string())
    }

    /// The recommended size in a container, for vendors with documented size classes
    /// (Jumio: [`size_class_for`]); `None` for others.
    pub fn size_for(&self, container_width: u32, container_height: u32) -> Option<FrameSize> {
        (self.vendor == Vendor::Jumio).then(|| size_class_for(container_width, container_height))
    }

    /// The features this policy needs that `actual_allow` (an adopted iframe's `allow`) does not
    /// grant to this frame.
    pub fn missing_features(&self, actual_allow: &str) -> Vec<Feature> {
        missing_features(&self.features, actual_allow, &self.frame_context())
    }

    /// Checks an adopted (for example server-rendered) iframe against this policy.
    pub fn audit(&self, actual_allow: &str, actual_allowfullscreen: bool) -> FrameAudit {
        FrameAudit::new(
            self.vendor,
            self.allow,
            self.features.clone(),
            self.missing_features(actual_allow),
            self.allow_fullscreen,
            actual_allowfullscreen,
        )
    }

    /// The iframe's HTML attributes, in order: `src`, `title`, `allow`, `allowfullscreen`
    /// (empty value, only when wanted), `referrerpolicy`, `loading`, `sandbox` (only when set).
    pub fn attributes(&self) -> Vec<(&'static str, String)> {
        let mut attributes = vec![
            ("src", self.src.as_str().to_owned()),
            ("title", self.title.clone()),
            ("allow", self.allow.to_owned()),
        ];
        if self.allow_fullscreen {
            attributes.push(("allowfullscreen", String::new()));
        }
        attributes.push(("referrerpolicy", self.referrer_policy.as_str().to_owned()));
        attributes.push(("loading", self.loading.as_str().to_owned()));
        if let Some(sandbox) = &self.sandbox {
            attributes.push(("sandbox", sandbox.attribute()));
        }
        attributes
    }

    /// An `<iframe …></iframe>` element for server-rendered pages (Jumio's newer docs want the
    /// frame present at page load), attribute values HTML-escaped.
    pub fn to_html(&self) -> String {
        let mut html = String::from("<iframe");
        for (name, value) in self.attributes() {
            html.push(' ');
            html.push_str(name);
            if !value.is_empty() {
                html.push_str("=\"");
                html.push_str(&escape_attribute(&value));
                html.push('"');
            }
        }
        html.push_str("></iframe>");
        html
    }
}

fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}
