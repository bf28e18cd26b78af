//! The frame policy: its JSON for JS, integrator options, error order, origin rules, attributes
//! and server-rendered HTML.

use idv_core::embed::{
    EmbedError, EmbedMode, FrameOptions, FramePolicy, Loading, ReferrerPolicy, Sandbox, SizeClass,
};
use idv_core::events::{OriginRules, Vendor};
use serde_json::json;

use crate::common::{JUMIO_ORIGIN, JUMIO_URL, LIVEID_URL, jumio_policy};

#[test]
fn default_jumio_policy_serializes_for_js() {
    let policy = FramePolicy::new(
        Vendor::Jumio,
        JUMIO_URL,
        &OriginRules::with_defaults(),
        &FrameOptions::new(),
    )
    .unwrap();
    assert_eq!(policy.mode(), EmbedMode::Full);
    // Debug output keeps the token in the query out of logs.
    let debug = format!("{policy:?}");
    assert!(!debug.contains("authorizationToken"), "{debug}");
    assert!(
        debug.contains("https://acme.netverify.com/web/v4/app"),
        "{debug}"
    );
    assert_eq!(
        policy.referrer_policy(),
        ReferrerPolicy::StrictOriginWhenCrossOrigin
    );
    assert_eq!(policy.loading(), Loading::Eager);
    assert!(policy.sandbox().is_none());
    assert_eq!(
        serde_json::to_value(&policy).unwrap(),
        json!({
            "vendor": "jumio",
            "mode": "full",
            "src": JUMIO_URL,
            "title": "Jumio identity verification",
            "allow": "camera;autoplay;fullscreen;clipboard-read;clipboard-write;accelerometer;gyroscope;magnetometer",
            "features": ["camera", "autoplay", "fullscreen", "clipboard-read", "clipboard-write",
                         "accelerometer", "gyroscope", "magnetometer"],
            "allowFullscreen": true,
            "referrerPolicy": "strict-origin-when-cross-origin",
            "loading": "eager",
            "origin": "https://acme.netverify.com"
        })
    );
}

#[test]
fn liveid_policy_with_integrator_options() {
    let sandbox =
        Sandbox::parse("allow-scripts allow-same-origin allow-popups allow-forms").unwrap();
    let policy = FramePolicy::new(
        Vendor::LiveId,
        LIVEID_URL,
        &OriginRules::with_defaults(),
        &FrameOptions::new()
            .with_referrer_policy(ReferrerPolicy::Origin)
            .with_sandbox(sandbox)
            .with_title("Identificazione video LiveID+")
            .with_loading(Loading::Lazy),
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(&policy).unwrap(),
        json!({
            "vendor": "liveid",
            "mode": "embedded",
            "src": LIVEID_URL,
            "title": "Identificazione video LiveID+",
            "allow": "geolocation; camera; microphone",
            "features": ["geolocation", "camera", "microphone"],
            "allowFullscreen": false,
            "referrerPolicy": "origin",
            "loading": "lazy",
            "sandbox": "allow-scripts allow-same-origin allow-popups allow-forms",
            "origin": "https://liveid.test.namirialtsp.com"
        })
    );
    assert_eq!(policy.size_for(1000, 800), None);
}

#[test]
fn policy_errors_come_in_order_mode_url_origin_title() {
    let rules = OriginRules::with_defaults();
    let err = |vendor, url: &str, options: FrameOptions| {
        FramePolicy::new(vendor, url, &rules, &options).unwrap_err()
    };
    // The mode is checked before the URL: Authenteq is refused whatever the URL.
    assert_eq!(
        err(
            Vendor::Authenteq,
            "https://verify.authenteq.com/x",
            FrameOptions::new()
        ),
        EmbedError::NotEmbeddable {
            vendor: Vendor::Authenteq
        }
    );
    assert_eq!(
        err(Vendor::Vult, "garbage", FrameOptions::new()),
        EmbedError::NotEmbeddable {
            vendor: Vendor::Vult
        }
    );
    assert_eq!(
        err(
            Vendor::LiveId,
            LIVEID_URL,
            FrameOptions::new().with_mode(EmbedMode::Full)
        ),
        EmbedError::UnsupportedMode {
            vendor: Vendor::LiveId,
            mode: EmbedMode::Full
        }
    );
    assert_eq!(
        err(
            Vendor::Jumio,
            "http://acme.netverify.com/",
            FrameOptions::new()
        ),
        EmbedError::InsecureHttp("acme.netverify.com".into())
    );
    assert!(matches!(
        err(Vendor::Jumio, "https://evil.com/", FrameOptions::new()),
        EmbedError::OriginNotAllowed { .. }
    ));
    assert_eq!(
        err(
            Vendor::Jumio,
            JUMIO_URL,
            FrameOptions::new().with_title("  ")
        ),
        EmbedError::EmptyTitle
    );
}

#[test]
fn policy_origin_rules_are_the_frame_origin_only() {
    let policy = jumio_policy(EmbedMode::IdCapture);
    let rules = policy.origin_rules();
    assert!(rules.allows(Vendor::Jumio, "https://acme.netverify.com"));
    assert!(!rules.allows(Vendor::Jumio, "https://other.netverify.com"));
    assert!(!rules.allows(Vendor::LiveId, "https://acme.netverify.com"));
    assert_eq!(policy.origin().to_string(), JUMIO_ORIGIN);
    assert_eq!(
        policy.size_for(800, 700).map(|s| s.class),
        Some(SizeClass::Medium)
    );
}

#[test]
fn attributes_and_server_rendered_html() {
    let url = "https://acme.netverify.com/web?a=1&b=\"<x>'";
    let policy = FramePolicy::new(
        Vendor::Jumio,
        url,
        &OriginRules::with_defaults(),
        &FrameOptions::new().with_mode(EmbedMode::Biometric),
    )
    .unwrap();
    let names: Vec<&str> = policy.attributes().into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "src",
            "title",
            "allow",
            "allowfullscreen",
            "referrerpolicy",
            "loading"
        ]
    );
    assert_eq!(
        policy.to_html(),
        "<iframe src=\"https://acme.netverify.com/web?a=1&amp;b=&quot;&lt;x&gt;&#39;\" \
         title=\"Jumio identity verification\" \
         allow=\"camera;fullscreen;accelerometer;gyroscope;magnetometer\" allowfullscreen \
         referrerpolicy=\"strict-origin-when-cross-origin\" loading=\"eager\"></iframe>"
    );
    let id = jumio_policy(EmbedMode::IdCapture);
    assert!(!id.to_html().contains("allowfullscreen"));
    assert!(id.to_html().contains(" allow=\"camera\" "));
}
