//! Integration tests of `idv_core::embed`: allow strings, the `allow` parser and its grant
//! semantics, audits, size classes, vendor URLs and origins, the frame policy and its JSON.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use idv_core::embed::{
    AllowAttribute, AllowlistEntry, EmbedError, EmbedMode, Feature, FrameContext, FrameOptions,
    FramePolicy, Loading, MAX_VENDOR_URL_BYTES, ReferrerPolicy, Sandbox, SizeClass, VendorUrl,
    allow_attribute, allowfullscreen_attribute, check_vendor_origin, default_title,
    missing_features, origins_for_url, required_features, size_class_for,
};
use idv_core::events::{OriginError, OriginRules, Severity, Vendor};
use serde_json::json;

const JUMIO_URL: &str = "https://acme.netverify.com/web/v4/app?locale=en-GB&authorizationToken=x";
const LIVEID_URL: &str = "https://liveid.test.namirialtsp.com/embedded/session/123";
const JUMIO_ORIGIN: &str = "https://acme.netverify.com";

fn jumio_policy(mode: EmbedMode) -> FramePolicy {
    FramePolicy::new(
        Vendor::Jumio,
        JUMIO_URL,
        &OriginRules::with_defaults(),
        &FrameOptions::new().with_mode(mode),
    )
    .unwrap()
}

// ---- documented allow strings -------------------------------------------------------------

#[test]
fn allow_strings_are_byte_exact() {
    // (vendor, mode, allow, allowfullscreen)
    let table: &[(Vendor, EmbedMode, &str, bool)] = &[
        (Vendor::Jumio, EmbedMode::IdCapture, "camera", false),
        (
            Vendor::Jumio,
            EmbedMode::Biometric,
            "camera;fullscreen;accelerometer;gyroscope;magnetometer",
            true,
        ),
        (
            Vendor::Jumio,
            EmbedMode::Full,
            "camera;autoplay;fullscreen;clipboard-read;clipboard-write;accelerometer;gyroscope;magnetometer",
            true,
        ),
        (
            Vendor::LiveId,
            EmbedMode::Embedded,
            "geolocation; camera; microphone",
            false,
        ),
    ];
    for &(vendor, mode, allow, fullscreen) in table {
        assert_eq!(
            allow_attribute(vendor, mode).unwrap().as_bytes(),
            allow.as_bytes(),
            "{vendor} {mode:?}"
        );
        assert_eq!(
            allowfullscreen_attribute(vendor, mode).unwrap(),
            fullscreen,
            "{vendor} {mode:?}"
        );
    }
}

#[test]
fn only_documented_vendor_mode_pairs_exist() {
    let supported = [
        (Vendor::Jumio, EmbedMode::IdCapture),
        (Vendor::Jumio, EmbedMode::Biometric),
        (Vendor::Jumio, EmbedMode::Full),
        (Vendor::LiveId, EmbedMode::Embedded),
    ];
    for vendor in Vendor::ALL {
        for mode in EmbedMode::ALL {
            let result = allow_attribute(vendor, mode);
            if supported.contains(&(vendor, mode)) {
                assert!(result.is_ok(), "{vendor} {mode:?}");
            } else if matches!(vendor, Vendor::Jumio | Vendor::LiveId) {
                assert_eq!(
                    result,
                    Err(EmbedError::UnsupportedMode { vendor, mode }),
                    "{vendor} {mode:?}"
                );
            } else {
                assert_eq!(
                    result,
                    Err(EmbedError::NotEmbeddable { vendor }),
                    "{vendor} {mode:?}"
                );
                assert_eq!(
                    allowfullscreen_attribute(vendor, mode),
                    Err(EmbedError::NotEmbeddable { vendor })
                );
            }
        }
    }
    let message = EmbedError::NotEmbeddable {
        vendor: Vendor::Authenteq,
    }
    .to_string();
    assert!(message.contains("redirect"), "{message}");
}

#[test]
fn default_modes_and_mode_names() {
    assert_eq!(EmbedMode::default_for(Vendor::Jumio), Ok(EmbedMode::Full));
    assert_eq!(
        EmbedMode::default_for(Vendor::LiveId),
        Ok(EmbedMode::Embedded)
    );
    assert_eq!(
        EmbedMode::default_for(Vendor::Authenteq),
        Err(EmbedError::NotEmbeddable {
            vendor: Vendor::Authenteq
        })
    );
    for mode in EmbedMode::ALL {
        assert_eq!(EmbedMode::from_name(mode.as_str()), Some(mode));
        assert_eq!(
            serde_json::to_value(mode).unwrap(),
            json!(mode.as_str()),
            "{mode:?}"
        );
    }
    assert_eq!(EmbedMode::IdCapture.as_str(), "idCapture");
    assert_eq!(EmbedMode::from_name("IdCapture"), None);
}

#[test]
fn required_features_are_the_parsed_allow_strings() {
    use Feature::*;
    let table: &[(Vendor, EmbedMode, &[Feature])] = &[
        (Vendor::Jumio, EmbedMode::IdCapture, &[Camera]),
        (
            Vendor::Jumio,
            EmbedMode::Biometric,
            &[Camera, Fullscreen, Accelerometer, Gyroscope, Magnetometer],
        ),
        (
            Vendor::Jumio,
            EmbedMode::Full,
            &[
                Camera,
                Autoplay,
                Fullscreen,
                ClipboardRead,
                ClipboardWrite,
                Accelerometer,
                Gyroscope,
                Magnetometer,
            ],
        ),
        (
            Vendor::LiveId,
            EmbedMode::Embedded,
            &[Geolocation, Camera, Microphone],
        ),
    ];
    for &(vendor, mode, expected) in table {
        assert_eq!(
            required_features(vendor, mode).unwrap(),
            expected,
            "{vendor} {mode:?}"
        );
    }
}

// ---- features and the allow parser --------------------------------------------------------

#[test]
fn feature_names_round_trip_exactly() {
    for feature in Feature::KNOWN {
        assert_eq!(Feature::from_name(feature.as_str()), feature);
        let json = serde_json::to_value(&feature).unwrap();
        assert_eq!(json, json!(feature.as_str()));
        assert_eq!(serde_json::from_value::<Feature>(json).unwrap(), feature);
    }
    assert_eq!(Feature::ClipboardRead.as_str(), "clipboard-read");
    assert_eq!(
        Feature::from_name("Camera"),
        Feature::Other("Camera".into())
    );
    assert_eq!(
        Feature::from_name("payment"),
        Feature::Other("payment".into())
    );
    assert_eq!(
        serde_json::to_value(Feature::Other("payment".into())).unwrap(),
        json!("payment")
    );
}

#[test]
fn parser_reads_separators_whitespace_and_allowlists() {
    use Feature::*;
    // (allow, declared features)
    let table: &[(&str, &[Feature])] = &[
        ("", &[]),
        (";; ;", &[]),
        ("camera", &[Camera]),
        ("camera;microphone", &[Camera, Microphone]),
        ("camera; microphone", &[Camera, Microphone]),
        (" camera ;\tmicrophone\n; ", &[Camera, Microphone]),
        (
            "geolocation; camera; microphone",
            &[Geolocation, Camera, Microphone],
        ),
        (
            "camera 'self' https://x.com; fullscreen *",
            &[Camera, Fullscreen],
        ),
        // Commas are not separators: one unknown feature `camera,` with an invalid entry.
        ("camera, microphone", &[Other(String::new())]),
        // Duplicates: the first declaration is kept, once.
        ("camera; camera 'none'; gyroscope", &[Camera, Gyroscope]),
    ];
    for &(allow, expected) in table {
        let parsed = AllowAttribute::parse(allow);
        let mut features = parsed.features();
        if let [Other(name)] = features.as_mut_slice() {
            assert_eq!(name, "camera,", "{allow:?}");
            name.clear();
        }
        assert_eq!(features, expected, "{allow:?}");
    }

    let parsed = AllowAttribute::parse("camera 'self' https://x.com/p?q 'SRC' * 'None' junk");
    let entries = parsed.directive(&Camera).unwrap().allowlist();
    assert_eq!(entries.len(), 6);
    assert_eq!(entries[0], AllowlistEntry::SelfOrigin);
    assert!(
        matches!(&entries[1], AllowlistEntry::Origin(o) if o.to_string() == "https://x.com"),
        "{:?}",
        entries[1]
    );
    assert_eq!(entries[2], AllowlistEntry::Src);
    assert_eq!(entries[3], AllowlistEntry::Any);
    assert_eq!(entries[4], AllowlistEntry::None);
    assert_eq!(entries[5], AllowlistEntry::Invalid("junk".into()));
    assert!(
        AllowAttribute::parse("camera")
            .directive(&Camera)
            .unwrap()
            .allowlist()
            .is_empty()
    );
}

#[test]
fn first_declaration_of_a_feature_wins() {
    let deny_first = AllowAttribute::parse("camera 'none'; camera");
    let allow_first = AllowAttribute::parse("camera; camera 'none'");
    assert!(!deny_first.grants(&Feature::Camera, JUMIO_ORIGIN));
    assert!(allow_first.grants(&Feature::Camera, JUMIO_ORIGIN));
}

#[test]
fn grants_follow_permissions_policy_semantics() {
    const OTHER_PAGE: &str = "https://shop.example";
    // (allow, embedder origin, granted to a frame at JUMIO_ORIGIN)
    let table: &[(&str, Option<&str>, bool)] = &[
        // Bare feature = 'src': the iframe's src origin.
        ("camera", None, true),
        ("camera 'src'", None, true),
        ("camera 'SRC'", None, true),
        // 'none' grants nothing, even next to something that would.
        ("camera 'none'", None, false),
        ("camera 'none' https://acme.netverify.com", None, false),
        ("camera * 'none'", None, false),
        // Explicit origins: only the frame's own.
        ("camera https://other.example", None, false),
        ("camera https://acme.netverify.com", None, true),
        ("camera https://acme.netverify.com/web/v4/x?y=1", None, true),
        ("camera HTTPS://ACME.NETVERIFY.COM:443", None, true),
        ("camera https://acme.netverify.com:8443", None, false),
        ("camera http://acme.netverify.com", None, false),
        ("camera https://netverify.com", None, false),
        (
            "camera https://other.example https://acme.netverify.com",
            None,
            true,
        ),
        // Wildcard origins are Chromium-only: not counted.
        ("camera https://*.netverify.com", None, false),
        ("camera *", None, true),
        // 'self' is the embedding page: never a cross-origin frame.
        ("camera 'self'", None, false),
        ("camera 'self'", Some(OTHER_PAGE), false),
        ("camera 'self'", Some(JUMIO_ORIGIN), true),
        ("camera 'SELF'", Some(JUMIO_ORIGIN), true),
        (
            "camera 'self' https://acme.netverify.com",
            Some(OTHER_PAGE),
            true,
        ),
        // Names are exact; other features do not count.
        ("Camera", None, false),
        ("microphone; fullscreen *", None, false),
        ("camera, microphone", None, false),
        // Undeclared: the default allowlist 'self' — only a same-origin frame.
        ("", None, false),
        ("", Some(OTHER_PAGE), false),
        ("", Some(JUMIO_ORIGIN), true),
    ];
    for &(allow, embedder, expected) in table {
        let mut frame = FrameContext::new(JUMIO_ORIGIN);
        if let Some(embedder) = embedder {
            frame = frame.with_embedder(embedder);
        }
        let parsed = AllowAttribute::parse(allow);
        assert_eq!(
            parsed.grants_in(&Feature::Camera, &frame),
            expected,
            "{allow:?} embedder {embedder:?}"
        );
        if embedder.is_none() {
            assert_eq!(
                parsed.grants(&Feature::Camera, JUMIO_ORIGIN),
                expected,
                "{allow:?}"
            );
        }
    }
}

#[test]
fn grants_depend_on_the_document_origin() {
    // A frame that navigated away from its src origin loses the implicit 'src'.
    let moved = FrameContext::new(JUMIO_ORIGIN).with_document("https://elsewhere.example");
    assert!(!AllowAttribute::parse("camera").grants_in(&Feature::Camera, &moved));
    assert!(!AllowAttribute::parse("camera 'src'").grants_in(&Feature::Camera, &moved));
    assert!(AllowAttribute::parse("camera *").grants_in(&Feature::Camera, &moved));
    assert!(
        AllowAttribute::parse("camera https://elsewhere.example")
            .grants_in(&Feature::Camera, &moved)
    );
    // A URL works as the frame origin; an opaque origin is granted only by `*`.
    let camera = AllowAttribute::parse("camera");
    assert!(camera.grants(&Feature::Camera, "https://acme.netverify.com/web/v4/x"));
    assert!(!camera.grants(&Feature::Camera, "null"));
    assert!(AllowAttribute::parse("camera *").grants(&Feature::Camera, "null"));
    // Undeclared unknown features are never granted (their defaults are not known here).
    let same_origin = FrameContext::new(JUMIO_ORIGIN).with_embedder(JUMIO_ORIGIN);
    assert!(!AllowAttribute::parse("").grants_in(&Feature::Other("payment".into()), &same_origin));
}

// ---- missing features and audits ----------------------------------------------------------

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

// ---- size classes -------------------------------------------------------------------------

#[test]
fn size_classes_at_boundaries() {
    use SizeClass::*;
    // (container w, h, class, iframe w, h)
    let table: &[(u32, u32, SizeClass, u32, u32)] = &[
        (1280, 800, Large, 1280, 800),
        (900, 710, Large, 900, 710),
        (899, 710, Medium, 640, 660),
        (900, 709, Medium, 640, 660),
        (800, 700, Medium, 640, 660),
        (640, 660, Medium, 640, 660),
        (2000, 660, Medium, 640, 660),
        (639, 660, Small, 560, 600),
        (640, 659, Small, 560, 600),
        (560, 600, Small, 560, 600),
        (559, 600, XSmall, 480, 535),
        (560, 599, XSmall, 480, 535),
        (480, 535, XSmall, 480, 535),
        (375, 667, XSmall, 375, 535),
        (320, 480, XSmall, 320, 480),
        (0, 0, XSmall, 0, 0),
        (u32::MAX, u32::MAX, Large, u32::MAX, u32::MAX),
    ];
    for &(w, h, class, fw, fh) in table {
        let size = size_class_for(w, h);
        assert_eq!(
            (size.class, size.width, size.height),
            (class, fw, fh),
            "{w}×{h}"
        );
    }
    assert_eq!(
        serde_json::to_value(size_class_for(500, 500)).unwrap(),
        json!({"class": "xSmall", "width": 480, "height": 500})
    );
    assert_eq!(SizeClass::Large.documented_size(), (900, 710));
}

// ---- vendor URLs and origins --------------------------------------------------------------

#[test]
fn valid_vendor_urls_and_their_origins() {
    // (url, origin)
    let table: &[(&str, &str)] = &[
        (JUMIO_URL, "https://acme.netverify.com"),
        ("https://acme.netverify.com", "https://acme.netverify.com"),
        (
            "HTTPS://Acme.NetVerify.com:443/Web?x#y",
            "https://acme.netverify.com",
        ),
        (
            "https://acme.netverify.com:8443/x",
            "https://acme.netverify.com:8443",
        ),
        (
            "https://acme.netverify.com?x=1",
            "https://acme.netverify.com",
        ),
        (
            "https://acme.netverify.com#frag",
            "https://acme.netverify.com",
        ),
        (
            "https://acme.netverify.com/a@b",
            "https://acme.netverify.com",
        ),
        ("https://203.0.113.7/x", "https://203.0.113.7"),
        ("http://localhost:8080/simulator", "http://localhost:8080"),
        ("http://127.0.0.1:9000/", "http://127.0.0.1:9000"),
        ("http://localhost/", "http://localhost"),
    ];
    for &(url, origin) in table {
        let parsed = VendorUrl::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(parsed.as_str(), url);
        assert_eq!(parsed.origin().to_string(), origin, "{url}");
        assert_eq!(origins_for_url(url).unwrap().to_string(), origin, "{url}");
    }
}

/// Whether an error is the one a table row expects.
type IsExpected = fn(&EmbedError) -> bool;

#[test]
fn invalid_vendor_urls_are_refused_with_the_reason() {
    let long = format!(
        "https://acme.netverify.com/{}",
        "a".repeat(MAX_VENDOR_URL_BYTES)
    );
    let table: &[(&str, IsExpected)] = &[
        ("", |e| matches!(e, EmbedError::InvalidUrl(_))),
        ("not a url", |e| matches!(e, EmbedError::InvalidUrl(_))),
        ("acme.netverify.com/web", |e| {
            matches!(e, EmbedError::InvalidUrl(_))
        }),
        ("//acme.netverify.com/web", |e| {
            matches!(e, EmbedError::InvalidUrl(_))
        }),
        ("https:acme.netverify.com", |e| {
            matches!(e, EmbedError::InvalidUrl(_))
        }),
        ("https://acme.net verify.com", |e| {
            matches!(e, EmbedError::InvalidUrl(_))
        }),
        ("https://acme.netverify.com/\t", |e| {
            matches!(e, EmbedError::InvalidUrl(_))
        }),
        (" https://acme.netverify.com", |e| {
            matches!(e, EmbedError::InvalidUrl(_))
        }),
        ("https://evil.com\\@acme.netverify.com/", |e| {
            matches!(e, EmbedError::InvalidUrl(_))
        }),
        (&long, |e| matches!(e, EmbedError::InvalidUrl(_))),
        (
            "javascript:alert(1)",
            |e| matches!(e, EmbedError::UnsupportedScheme(s) if s == "javascript"),
        ),
        (
            "data:text/html,hi",
            |e| matches!(e, EmbedError::UnsupportedScheme(s) if s == "data"),
        ),
        ("ftp://acme.netverify.com/", |e| {
            matches!(e, EmbedError::UnsupportedScheme(_))
        }),
        (
            "http://acme.netverify.com/web",
            |e| matches!(e, EmbedError::InsecureHttp(h) if h == "acme.netverify.com"),
        ),
        ("http://localhost.evil.com/", |e| {
            matches!(e, EmbedError::InsecureHttp(_))
        }),
        ("https://user:pw@acme.netverify.com/", |e| {
            matches!(e, EmbedError::Userinfo)
        }),
        ("https://acme.netverify.com@evil.com/", |e| {
            matches!(e, EmbedError::Userinfo)
        }),
        ("https://", |e| matches!(e, EmbedError::MissingHost)),
        ("https:///web", |e| matches!(e, EmbedError::MissingHost)),
        ("https://:443/", |e| matches!(e, EmbedError::MissingHost)),
        ("https://[::1]/", |e| {
            matches!(e, EmbedError::InvalidHost(_))
        }),
        ("https://acme.netverify.com./", |e| {
            matches!(e, EmbedError::InvalidHost(_))
        }),
        ("https://%61cme.netverify.com/", |e| {
            matches!(e, EmbedError::InvalidHost(_))
        }),
        ("https://bücher.example/", |e| {
            matches!(e, EmbedError::InvalidHost(_))
        }),
        ("https://*.netverify.com/", |e| {
            matches!(e, EmbedError::InvalidHost(_))
        }),
        ("https://127.1/", |e| {
            matches!(e, EmbedError::InvalidHost(_))
        }),
        ("https://0x7f.0.0.1/", |e| {
            matches!(e, EmbedError::InvalidHost(_))
        }),
        ("https://2130706433/", |e| {
            matches!(e, EmbedError::InvalidHost(_))
        }),
        ("https://256.0.0.1/", |e| {
            matches!(e, EmbedError::InvalidHost(_))
        }),
        ("https://acme.netverify.com:99999/", |e| {
            matches!(e, EmbedError::Origin(OriginError::InvalidPort(_)))
        }),
        ("https://acme.netverify.com:/", |e| {
            matches!(e, EmbedError::Origin(OriginError::InvalidPort(_)))
        }),
    ];
    for &(url, check) in table {
        let err = VendorUrl::parse(url).expect_err(url);
        assert!(check(&err), "{url}: unexpected {err:?}");
        assert_eq!(origins_for_url(url).unwrap_err(), err);
    }
}

#[test]
fn url_origins_are_checked_against_vendor_rules() {
    // (vendor, url, integrator pattern, allowed)
    let table: &[(Vendor, &str, Option<&str>, bool)] = &[
        (Vendor::Jumio, JUMIO_URL, None, true),
        (Vendor::Jumio, "https://lon.jumio.ai/web/v5/x", None, true),
        (Vendor::Jumio, "https://evil.com/web/v4/x", None, false),
        (
            Vendor::Jumio,
            "https://evil.com/web/v4/x",
            Some("https://evil.com"),
            true,
        ),
        (Vendor::Jumio, "https://netverify.com/x", None, false),
        (
            Vendor::Jumio,
            "https://netverify.com.evil.com/",
            None,
            false,
        ),
        (
            Vendor::Jumio,
            "https://acme.netverify.com:8443/",
            None,
            false,
        ),
        (Vendor::LiveId, LIVEID_URL, None, true),
        (
            Vendor::LiveId,
            "https://liveid.namirialtsp.com/x",
            None,
            true,
        ),
        (Vendor::LiveId, JUMIO_URL, None, false),
        (Vendor::Jumio, LIVEID_URL, None, false),
        (Vendor::LiveId, "http://localhost:4000/sim", None, false),
        (
            Vendor::LiveId,
            "http://localhost:4000/sim",
            Some("http://localhost:4000"),
            true,
        ),
    ];
    for &(vendor, url, extra, allowed) in table {
        let mut rules = OriginRules::with_defaults();
        if let Some(pattern) = extra {
            rules.allow_str(vendor, pattern).unwrap();
        }
        let origin = origins_for_url(url).unwrap();
        let result = check_vendor_origin(vendor, &origin, &rules);
        assert_eq!(result.is_ok(), allowed, "{vendor} {url} {extra:?}");
        if !allowed {
            assert_eq!(
                result,
                Err(EmbedError::OriginNotAllowed {
                    vendor,
                    origin: origin.to_string()
                })
            );
        }
        // FramePolicy applies the same check.
        assert_eq!(
            FramePolicy::new(vendor, url, &rules, &FrameOptions::new()).is_ok(),
            allowed,
            "policy {vendor} {url}"
        );
    }
    let origin = origins_for_url(JUMIO_URL).unwrap();
    assert!(check_vendor_origin(Vendor::Jumio, &origin, &OriginRules::empty()).is_err());
}

// ---- the frame policy ---------------------------------------------------------------------

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

#[test]
fn sandbox_tokens_are_validated() {
    // (input, Ok(attribute) | Err(error))
    let table: &[(&str, Result<&str, EmbedError>)] = &[
        (
            "allow-scripts allow-same-origin allow-popups",
            Ok("allow-scripts allow-same-origin allow-popups"),
        ),
        (
            " ALLOW-SCRIPTS\tallow-same-origin allow-scripts ",
            Ok("allow-scripts allow-same-origin"),
        ),
        (
            "allow-same-origin allow-scripts allow-top-navigation-by-user-activation",
            Ok("allow-same-origin allow-scripts allow-top-navigation-by-user-activation"),
        ),
        ("", Err(EmbedError::SandboxMissing("allow-scripts"))),
        (
            "allow-scripts",
            Err(EmbedError::SandboxMissing("allow-same-origin")),
        ),
        (
            "allow-same-origin",
            Err(EmbedError::SandboxMissing("allow-scripts")),
        ),
        (
            "allow-scripts allow-same-origin allow-everything",
            Err(EmbedError::UnknownSandboxToken("allow-everything".into())),
        ),
        (
            "allow-scripts,allow-same-origin",
            Err(EmbedError::UnknownSandboxToken(
                "allow-scripts,allow-same-origin".into(),
            )),
        ),
    ];
    for (input, expected) in table {
        let got = Sandbox::parse(input).map(|s| s.attribute());
        assert_eq!(got.as_deref(), expected.as_ref().map(|s| *s), "{input:?}");
    }
    let sandbox = Sandbox::from_tokens(["allow-same-origin", "allow-scripts"]).unwrap();
    assert_eq!(sandbox.tokens(), ["allow-same-origin", "allow-scripts"]);
    assert_eq!(sandbox.to_string(), "allow-same-origin allow-scripts");
}

#[test]
fn titles_come_from_one_table() {
    assert_eq!(
        default_title(Vendor::Jumio),
        Some("Jumio identity verification")
    );
    assert_eq!(
        default_title(Vendor::LiveId),
        Some("Namirial LiveID+ video identification")
    );
    for vendor in [
        Vendor::Authenteq,
        Vendor::Vult,
        Vendor::AwareId,
        Vendor::Capture,
    ] {
        assert_eq!(default_title(vendor), None, "{vendor}");
    }
    let policy = FramePolicy::new(
        Vendor::Jumio,
        JUMIO_URL,
        &OriginRules::with_defaults(),
        &FrameOptions::new().with_title("Vérification d'identité Jumio"),
    )
    .unwrap();
    assert_eq!(policy.title(), "Vérification d'identité Jumio");
}
