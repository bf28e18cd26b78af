//! Missing features and audits of adopted iframes, with their diagnostics.

use idv_core::embed::{
    EmbedMode, Feature, FrameContext, FrameOptions, FramePolicy, missing_features, required_features,
};
use idv_core::events::{OriginRules, Severity, Vendor};
use serde_json::json;

use crate::common::{JUMIO_ORIGIN, LIVEID_URL, jumio_policy};

#[test]
fn missing_features_table() {
    use Feature::*;
    let frame = FrameContext::new(JUMIO_ORIGIN);
    let biometric = required_features(Vendor::Jumio, EmbedMode::Biometric).unwrap();
    let liveid = required_features(Vendor::LiveId, EmbedMode::Embedded).unwrap();
    let liveid_frame = FrameContext::new("https://liveid.test.namirialtsp.com");
    // (required, frame, actual allow, missing)
    let table: &[(&[Feature], &FrameContext, &str, &[Feature])] = &[
        (
            &biometric,
            &frame,
            "camera",
            &[Fullscreen, Accelerometer, Gyroscope, Magnetometer],
        ),
        (
            &biometric,
            &frame,
            "camera;fullscreen;accelerometer;gyroscope;magnetometer",
            &[],
        ),
        (
            &biometric,
            &frame,
            "camera *; fullscreen 'self'; accelerometer; gyroscope 'none'; magnetometer https://acme.netverify.com",
            &[Fullscreen, Gyroscope],
        ),
        (
            &biometric,
            &frame,
            "",
            &[Camera, Fullscreen, Accelerometer, Gyroscope, Magnetometer],
        ),
        (&liveid, &liveid_frame, "camera; microphone", &[Geolocation]),
        (&liveid, &liveid_frame, "geolocation;camera;microphone", &[]),
        (
            &liveid,
            &liveid_frame,
            "geolocation; camera; microphone",
            &[],
        ),
        (
            &liveid,
            &liveid_frame,
            "geolocation, camera, microphone",
            &[Geolocation, Camera, Microphone],
        ),
    ];
    for &(required, frame, actual, expected) in table {
        assert_eq!(
            missing_features(required, actual, frame),
            expected,
            "{actual:?}"
        );
    }
}

#[test]
fn audit_of_an_adopted_biometric_frame_with_camera_only() {
    use Feature::*;
    let policy = jumio_policy(EmbedMode::Biometric);
    let audit = policy.audit("camera", false);
    assert_eq!(
        audit.missing_features(),
        [Fullscreen, Accelerometer, Gyroscope, Magnetometer]
    );
    assert!(audit.missing_allowfullscreen());
    assert!(!audit.is_ok());

    // allowfullscreen is a separate finding: present attribute, same missing features.
    let with_attr = policy.audit("camera", true);
    assert_eq!(with_attr.missing_features(), audit.missing_features());
    assert!(!with_attr.missing_allowfullscreen());

    let exact = policy.audit(policy.allow(), true);
    assert!(exact.is_ok(), "{exact:?}");
    let no_attr = policy.audit(policy.allow(), false);
    assert!(no_attr.missing_features().is_empty());
    assert!(no_attr.missing_allowfullscreen());

    // ID capture does not ask for allowfullscreen; 'self' is the classic mistake.
    let id = jumio_policy(EmbedMode::IdCapture);
    assert!(id.audit("camera", false).is_ok());
    assert_eq!(id.missing_features("camera 'self'"), [Camera]);

    let json = serde_json::to_value(&audit).unwrap();
    assert_eq!(
        json,
        json!({
            "vendor": "jumio",
            "expectedAllow": "camera;fullscreen;accelerometer;gyroscope;magnetometer",
            "required": ["camera", "fullscreen", "accelerometer", "gyroscope", "magnetometer"],
            "missingFeatures": ["fullscreen", "accelerometer", "gyroscope", "magnetometer"],
            "allowfullscreenRequired": true,
            "missingAllowfullscreen": true
        })
    );
    // Every failed finding says how to fix it, with the exact string to paste.
    let diagnostics = audit.diagnostics();
    let gyro = diagnostics.iter().find(|d| d.check == "iframeAllowGyroscope").unwrap();
    assert!(!gyro.passed);
    assert_eq!(
        gyro.hint.as_deref(),
        Some(
            "add `gyroscope` to the iframe's allow attribute (exactly: \
             allow=\"camera;fullscreen;accelerometer;gyroscope;magnetometer\"), and to every iframe \
             that contains it, up to the top page"
        )
    );
    let camera = diagnostics.iter().find(|d| d.check == "iframeAllowCamera").unwrap();
    assert!(camera.passed && camera.hint.is_none());
    let fullscreen = diagnostics.iter().find(|d| d.check == "iframeAllowfullscreen").unwrap();
    assert_eq!(fullscreen.hint.as_deref(), Some("add the `allowfullscreen` attribute to the iframe"));
}

#[test]
fn audit_diagnostics_name_each_check() {
    let audit = jumio_policy(EmbedMode::Full).audit("camera 'self'; clipboard-read", true);
    let rows: Vec<(String, bool, Severity)> = audit
        .diagnostics()
        .into_iter()
        .map(|d| (d.check, d.passed, d.severity))
        .collect();
    let expected: Vec<(String, bool, Severity)> = [
        ("iframeAllowCamera", false, Severity::Error),
        ("iframeAllowAutoplay", false, Severity::Warning),
        ("iframeAllowFullscreen", false, Severity::Warning),
        ("iframeAllowClipboardRead", true, Severity::Warning),
        ("iframeAllowClipboardWrite", false, Severity::Warning),
        ("iframeAllowAccelerometer", false, Severity::Warning),
        ("iframeAllowGyroscope", false, Severity::Warning),
        ("iframeAllowMagnetometer", false, Severity::Warning),
        ("iframeAllowfullscreen", true, Severity::Warning),
    ]
    .into_iter()
    .map(|(c, p, s)| (c.to_owned(), p, s))
    .collect();
    assert_eq!(rows, expected);
    let camera = &audit.diagnostics()[0];
    assert!(camera.detail.as_deref().unwrap().contains("`camera`"));
    assert_eq!(audit.diagnostics()[3].detail, None);

    // LiveID+ asks for no allowfullscreen: no such check.
    let liveid = FramePolicy::new(
        Vendor::LiveId,
        LIVEID_URL,
        &OriginRules::with_defaults(),
        &FrameOptions::new(),
    )
    .unwrap();
    let checks: Vec<String> = liveid
        .audit("geolocation; camera", false)
        .diagnostics()
        .into_iter()
        .map(|d| format!("{}={} {:?}", d.check, d.passed, d.severity))
        .collect();
    assert_eq!(
        checks,
        [
            "iframeAllowGeolocation=true Warning",
            "iframeAllowCamera=true Error",
            "iframeAllowMicrophone=false Error"
        ]
    );
}
