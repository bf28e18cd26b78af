//! Features and the `allow` parser: names, separators, allowlists, and what a parsed `allow`
//! grants to a frame under Permissions Policy semantics.

use idv_core::embed::{AllowAttribute, AllowlistEntry, Feature, FrameContext};
use serde_json::json;

use crate::common::JUMIO_ORIGIN;

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
