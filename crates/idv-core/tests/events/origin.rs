//! Origin patterns and per-vendor rules, table-driven, with hostile look-alikes.

use idv_core::events::{OriginError, OriginPattern, OriginRules, Vendor};

#[test]
fn pattern_matching_table() {
    // (pattern, origin, matches)
    let table: &[(&str, &str, bool)] = &[
        ("https://*.netverify.com", "https://lon.netverify.com", true),
        ("https://*.netverify.com", "https://a.b.netverify.com", true),
        ("https://*.netverify.com", "https://netverify.com", false),
        (
            "https://*.netverify.com",
            "https://evil-netverify.com",
            false,
        ),
        ("https://*.netverify.com", "https://xnetverify.com", false),
        (
            "https://*.netverify.com",
            "https://netverify.com.evil.com",
            false,
        ),
        (
            "https://*.netverify.com",
            "https://x.netverify.com.evil.com",
            false,
        ),
        (
            "https://*.netverify.com",
            "https://x.netverify.com:8443",
            false,
        ),
        (
            "https://*.netverify.com",
            "https://x.netverify.com:443",
            true,
        ),
        ("https://*.netverify.com", "http://x.netverify.com", false),
        ("https://*.netverify.com", "HTTPS://X.NETVERIFY.COM", true),
        ("https://*.netverify.com", "https://x.netverify.com.", false),
        ("https://*.netverify.com", "https://x.netverify.com/", false),
        (
            "https://*.netverify.com",
            "https://x.netverify.com/path",
            false,
        ),
        (
            "https://*.netverify.com",
            "https://user@x.netverify.com",
            false,
        ),
        ("https://*.netverify.com", "https://x.nеtverify.com", false), // Cyrillic `е`
        (
            "https://*.netverify.com",
            "https://x.xn--ntverify-ffg.com",
            false,
        ),
        ("https://*.netverify.com", "https://.netverify.com", false),
        ("https://*.netverify.com", "https://*.netverify.com", false),
        ("https://*.netverify.com", "https://x..netverify.com", false),
        ("https://*.netverify.com", "https://x.netverify.com:", false),
        ("https://*.netverify.com", " https://x.netverify.com", false),
        (
            "https://*.netverify.com",
            "https://x.netverify.com\n",
            false,
        ),
        ("https://*.netverify.com", "null", false),
        ("https://*.netverify.com", "", false),
        ("https://*.jumio.ai", "https://web.amer-1.jumio.ai", true),
        ("https://*.jumio.ai", "https://jumio.ai", false),
        (
            "https://liveid.namirialtsp.com",
            "https://liveid.namirialtsp.com",
            true,
        ),
        (
            "https://liveid.namirialtsp.com",
            "https://liveid.namirialtsp.com:443",
            true,
        ),
        (
            "https://liveid.namirialtsp.com",
            "https://LiveID.NamirialTSP.com",
            true,
        ),
        (
            "https://liveid.namirialtsp.com",
            "https://x.liveid.namirialtsp.com",
            false,
        ),
        (
            "https://liveid.namirialtsp.com",
            "https://liveid.test.namirialtsp.com",
            false,
        ),
        (
            "https://liveid.namirialtsp.com",
            "http://liveid.namirialtsp.com",
            false,
        ),
        (
            "https://liveid.namirialtsp.com",
            "https://liveid.namirialtsp.com.evil.com",
            false,
        ),
        ("https://a.com:8443", "https://a.com:8443", true),
        ("https://a.com:8443", "https://a.com", false),
        ("https://a.com:443", "https://a.com", true),
        ("HTTPS://A.COM", "https://a.com", true),
        (
            "https://xn--bcher-kva.example",
            "https://xn--bcher-kva.example",
            true,
        ),
        (
            "https://xn--bcher-kva.example",
            "https://bücher.example",
            false,
        ),
        ("http://localhost:5173", "http://localhost:5173", true),
        ("http://localhost:5173", "http://localhost:5174", false),
        ("http://localhost:5173", "http://localhost", false),
        ("http://localhost:5173", "https://localhost:5173", false),
        ("http://localhost", "http://localhost:80", true),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080", true),
        ("http://127.0.0.1:8080", "http://127.0.0.2:8080", false),
        ("https://127.0.0.1", "https://127.0.0.1", true),
    ];
    for (pattern, origin, expected) in table {
        let p = OriginPattern::parse(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        assert_eq!(p.matches(origin), *expected, "{pattern} vs {origin:?}");
    }
}

#[test]
fn invalid_patterns_are_rejected() {
    use OriginError::*;
    let table: &[(&str, OriginError)] = &[
        ("", Empty),
        ("null", Null),
        ("NULL", Null),
        ("*", Wildcard),
        ("https://*", Wildcard),
        ("https://*.com", Wildcard),
        ("https://*.0.0.1", Wildcard),
        ("https://a.*.com", Wildcard),
        ("https://*a.com", Wildcard),
        ("https://a*.com", Wildcard),
        ("https://**.a.com", Wildcard),
        ("https://*.*.a.com", Wildcard),
        ("*.netverify.com", MissingScheme),
        ("netverify.com", MissingScheme),
        ("https:/a.com", MissingScheme),
        ("ftp://a.com", UnsupportedScheme("ftp".into())),
        ("wss://a.com", UnsupportedScheme("wss".into())),
        ("http://a.com", InsecureHttp("a.com".into())),
        ("http://*.localhost", Wildcard),
        ("http://*.example.com", InsecureHttp("example.com".into())),
        (
            "http://localhost.evil.com",
            InsecureHttp("localhost.evil.com".into()),
        ),
        (
            "http://127.0.0.1.nip.io",
            InsecureHttp("127.0.0.1.nip.io".into()),
        ),
        ("https://a.com/", NotAnOrigin("path")),
        ("https://a.com/x", NotAnOrigin("path")),
        ("https://a.com?x=1", NotAnOrigin("query")),
        ("https://a.com#x", NotAnOrigin("fragment")),
        ("https://u:p@a.com", NotAnOrigin("userinfo")),
        ("https://a.com:0", InvalidPort("0".into())),
        ("https://a.com:65536", InvalidPort("65536".into())),
        ("https://a.com:", InvalidPort("".into())),
        ("https://a.com:+1", InvalidPort("+1".into())),
        ("https://a.com:*", InvalidPort("*".into())),
        ("https://", InvalidHost("".into())),
        ("https://a.com.", InvalidHost("a.com.".into())),
        ("https://a..com", InvalidHost("a..com".into())),
        ("https://-a.com", InvalidHost("-a.com".into())),
        ("https://a_b.com", InvalidHost("a_b.com".into())),
        ("https://a com", InvalidHost("a com".into())),
        (
            "https://bücher.example",
            InvalidHost("bücher.example".into()),
        ),
        ("https://[::1]", InvalidHost("[::1]".into())),
        ("https://[::1]:443", InvalidHost("[::1]:443".into())),
    ];
    for (pattern, expected) in table {
        assert_eq!(
            OriginPattern::parse(pattern).as_ref(),
            Err(expected),
            "{pattern:?}"
        );
    }
    let long = format!("https://{}.com", "a".repeat(64));
    assert!(matches!(OriginPattern::parse(&long), Err(InvalidHost(_))));
}

#[test]
fn patterns_display_normalised() {
    for (input, shown) in [
        ("HTTPS://*.NetVerify.com", "https://*.netverify.com"),
        ("https://a.com:443", "https://a.com"),
        ("https://a.com:8443", "https://a.com:8443"),
        ("http://localhost:80", "http://localhost"),
        ("http://localhost:3000", "http://localhost:3000"),
    ] {
        let p: OriginPattern = input.parse().unwrap();
        assert_eq!(p.to_string(), shown);
        assert_eq!(OriginPattern::parse(shown).unwrap(), p);
    }
}

#[test]
fn default_rules_per_vendor() {
    let rules = OriginRules::default();
    assert_eq!(rules, OriginRules::with_defaults());
    let table: &[(Vendor, &str, bool)] = &[
        (Vendor::Jumio, "https://lon.netverify.com", true),
        (Vendor::Jumio, "https://web.emea-1.jumio.ai", true),
        (Vendor::Jumio, "https://netverify.com", false),
        (Vendor::Jumio, "https://liveid.namirialtsp.com", false),
        (Vendor::LiveId, "https://liveid.namirialtsp.com", true),
        (Vendor::LiveId, "https://liveid.test.namirialtsp.com", true),
        (Vendor::LiveId, "https://other.namirialtsp.com", false),
        (Vendor::LiveId, "https://lon.netverify.com", false),
        (Vendor::Authenteq, "https://api.app.authenteq.com", false),
        (Vendor::Vult, "https://lon.netverify.com", false),
        (Vendor::AwareId, "https://liveid.namirialtsp.com", false),
        (Vendor::Capture, "https://lon.netverify.com", false),
    ];
    for (vendor, origin, expected) in table {
        assert_eq!(
            rules.allows(*vendor, origin),
            *expected,
            "{vendor} {origin}"
        );
    }
    let shown: Vec<String> = rules
        .patterns(Vendor::Jumio)
        .map(ToString::to_string)
        .collect();
    assert_eq!(shown, ["https://*.netverify.com", "https://*.jumio.ai"]);
    assert_eq!(rules.patterns(Vendor::Authenteq).count(), 0);
}

#[test]
fn integrator_patterns_add_to_a_vendor() {
    let mut rules = OriginRules::empty();
    assert!(!rules.allows(Vendor::Jumio, "https://lon.netverify.com"));
    rules
        .allow_str(Vendor::Jumio, "https://idv.example.com")
        .unwrap();
    rules
        .allow_str(Vendor::Jumio, "https://IDV.example.com:443")
        .unwrap();
    assert_eq!(
        rules.patterns(Vendor::Jumio).count(),
        1,
        "duplicates are ignored"
    );
    assert!(rules.allows(Vendor::Jumio, "https://idv.example.com"));
    assert!(!rules.allows(Vendor::LiveId, "https://idv.example.com"));
    assert_eq!(
        rules.allow_str(Vendor::Jumio, "https://*"),
        Err(OriginError::Wildcard)
    );
    assert_eq!(
        rules.patterns(Vendor::Jumio).count(),
        1,
        "a bad pattern changes nothing"
    );
    rules
        .allow_str(Vendor::Vult, "http://localhost:8080")
        .unwrap();
    assert!(rules.allows(Vendor::Vult, "http://localhost:8080"));
    assert!(!rules.allows(Vendor::Vult, "null"));
}

/// Found by the `origin_pattern` fuzz target: a wildcard whose base leaves no room for a label
/// under the 253-byte host limit was accepted but could never match.
#[test]
fn wildcard_base_must_leave_room_for_a_label() {
    let base = format!("{}.{}.{}.{}", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(60));
    assert_eq!(base.len(), 252);
    assert!(OriginPattern::parse(&format!("https://*.{base}")).is_err());
    let fits = &base[..251];
    let fits = fits.trim_end_matches('.');
    let pattern = OriginPattern::parse(&format!("https://*.{fits}")).expect("a base of 251 bytes is fine");
    assert!(pattern.matches(&format!("https://x.{fits}")));
}
