//! [`FrameAudit`]: how an adopted iframe differs from its [`FramePolicy`](super::FramePolicy) —
//! the embedding doctor's finding for "camera blocked in a cross-origin iframe" (peers.md, where
//! users hurt #1), naming each missing permission.

use serde::Serialize;

use crate::events::{Diagnostic, Severity, Vendor};

use super::feature::Feature;

/// The result of [`FramePolicy::audit`](super::FramePolicy::audit). Serialized camelCase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FrameAudit {
    vendor: Vendor,
    /// The `allow` value the vendor needs (what to paste into the iframe).
    expected_allow: &'static str,
    required: Vec<Feature>,
    missing_features: Vec<Feature>,
    allowfullscreen_required: bool,
    missing_allowfullscreen: bool,
}

impl FrameAudit {
    pub(crate) fn new(
        vendor: Vendor,
        expected_allow: &'static str,
        required: Vec<Feature>,
        missing_features: Vec<Feature>,
        allowfullscreen_required: bool,
        has_allowfullscreen: bool,
    ) -> FrameAudit {
        FrameAudit {
            vendor,
            expected_allow,
            required,
            missing_features,
            allowfullscreen_required,
            missing_allowfullscreen: allowfullscreen_required && !has_allowfullscreen,
        }
    }

    /// Required features the iframe's `allow` does not grant to the frame, in the vendor's order.
    pub fn missing_features(&self) -> &[Feature] {
        &self.missing_features
    }

    /// Whether the vendor asks for the `allowfullscreen` attribute and the iframe lacks it (a
    /// separate finding: `fullscreen` in `allow` and the attribute are checked independently).
    pub fn missing_allowfullscreen(&self) -> bool {
        self.missing_allowfullscreen
    }

    /// True when nothing is missing.
    pub fn is_ok(&self) -> bool {
        self.missing_features.is_empty() && !self.missing_allowfullscreen
    }

    /// One [`Diagnostic`] per required feature (`iframeAllowCamera`, `iframeAllowClipboardRead`,
    /// …) and, when the vendor asks for it, `iframeAllowfullscreen`. A missing `camera` or
    /// `microphone` is an error (capture fails outright); anything else a warning (a step of the
    /// vendor flow degrades or fails).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .required
            .iter()
            .map(|feature| {
                let passed = !self.missing_features.contains(feature);
                let severity = match feature {
                    Feature::Camera | Feature::Microphone => Severity::Error,
                    _ => Severity::Warning,
                };
                Diagnostic {
                    check: format!("iframeAllow{}", pascal_case(feature.as_str())),
                    severity,
                    passed,
                    detail: (!passed).then(|| {
                        format!(
                            "the {} iframe's `allow` attribute does not grant `{feature}` to the frame",
                            self.vendor
                        )
                    }),
                    hint: (!passed).then(|| {
                        format!(
                            "add `{feature}` to the iframe's allow attribute (exactly: allow=\"{}\"), \
                             and to every iframe that contains it, up to the top page",
                            self.expected_allow
                        )
                    }),
                }
            })
            .collect();
        if self.allowfullscreen_required {
            out.push(Diagnostic {
                check: "iframeAllowfullscreen".to_owned(),
                severity: Severity::Warning,
                passed: !self.missing_allowfullscreen,
                detail: self.missing_allowfullscreen.then(|| {
                    format!(
                        "the {} iframe lacks the `allowfullscreen` attribute",
                        self.vendor
                    )
                }),
                hint: self.missing_allowfullscreen.then(|| {
                    "add the `allowfullscreen` attribute to the iframe".to_owned()
                }),
            });
        }
        out
    }
}

/// `clipboard-read` → `ClipboardRead`.
fn pascal_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}
