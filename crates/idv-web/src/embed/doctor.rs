//! The embedding doctor: checks, at embed time, what stops a vendor frame from using the camera
//! (and microphone, location) and puts each finding into the stream as a `diagnostic` event with
//! a fix hint. Checks that pass stay silent; one summary event says the page checks ran.
//!
//! - the page is not a secure context;
//! - this document's Permissions Policy does not allow a feature the vendor needs — because of
//!   the page's `Permissions-Policy` header, or because the page runs inside a frame whose
//!   `allow` lacks it (nested frames: every level needs the same `allow`);
//! - the user already denied the camera / microphone for this site (Permissions API).
//!
//! The frame's own `allow` attribute is checked by [`super::VendorFrame::adopt`] (created frames
//! get it right by construction), and whether the frame loaded by the watchdog.

use idv_core::embed::{Feature, FramePolicy};
use idv_core::events::{Diagnostic, EventBody, EventKind, Severity};

use super::features::{allows_feature, document_value, in_iframe, permission_state};
use crate::EventStream;

fn finding(policy: &FramePolicy, check: &str, severity: Severity, detail: String, hint: String) -> EventBody {
    EventBody::new(
        policy.vendor(),
        EventKind::Diagnostic(Diagnostic {
            check: check.to_owned(),
            severity,
            passed: false,
            detail: Some(detail),
            hint: Some(hint),
        }),
    )
}

fn pascal(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}

/// Runs the page checks for `policy` and pushes every failed finding into `stream`; returns how
/// many failed. Asynchronous only for the Permissions API.
pub async fn check_page(stream: &EventStream, policy: &FramePolicy) -> usize {
    let mut findings = Vec::new();
    let secure = web_sys::window().is_some_and(|w| w.is_secure_context());
    if !secure {
        findings.push(finding(
            policy,
            "secureContext",
            Severity::Error,
            "the page is not a secure context: browsers refuse the camera to plain http pages".into(),
            "serve the page over https (http works only on localhost)".into(),
        ));
    }
    let nested = in_iframe();
    if let Some(document) = document_value() {
        for feature in policy.features() {
            if allows_feature(&document, feature.as_str(), None) == Some(false) {
                let (detail, hint) = if nested {
                    (
                        format!("this page runs inside a frame that does not grant `{feature}`, so the {} frame cannot have it either", policy.vendor()),
                        format!("add allow=\"{}\" to every iframe from the top page down to this one", policy.allow()),
                    )
                } else {
                    (
                        format!("this page's Permissions-Policy header disables `{feature}`"),
                        format!("allow it for the vendor, e.g. `Permissions-Policy: {feature}=(self \"{}\")`", policy.origin()),
                    )
                };
                let severity = match feature {
                    Feature::Camera | Feature::Microphone => Severity::Error,
                    _ => Severity::Warning,
                };
                findings.push(finding(policy, &format!("pagePolicy{}", pascal(feature.as_str())), severity, detail, hint));
            }
        }
    }
    for (feature, name) in [(Feature::Camera, "camera"), (Feature::Microphone, "microphone")] {
        if !policy.features().contains(&feature) {
            continue;
        }
        if permission_state(name).await == idv_core::capability::PermissionState::Denied {
            findings.push(finding(
                policy,
                &format!("{name}Permission"),
                Severity::Error,
                format!("the user has blocked the {name} for this site"),
                format!(
                    "explain how to allow the {name} in the browser's site settings, or offer the vendor in a new tab or a photo upload"
                ),
            ));
        }
    }
    let failed = findings.len();
    let summary = EventBody::new(
        policy.vendor(),
        EventKind::Diagnostic(Diagnostic {
            check: "embedPageChecks".to_owned(),
            severity: if failed == 0 { Severity::Info } else { Severity::Warning },
            passed: failed == 0,
            detail: Some(format!(
                "{failed} problem(s) found for {} in {}{}",
                policy.allow(),
                if nested { "a nested page" } else { "the top-level page" },
                if secure { "" } else { " (insecure context)" }
            )),
            hint: None,
        }),
    );
    for body in findings {
        stream.push(body);
    }
    stream.push(summary);
    failed
}
