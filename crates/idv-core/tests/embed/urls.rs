//! Vendor URLs: valid ones and their origins, refused ones with the reason, and origins checked
//! against vendor rules.

use idv_core::embed::{
    EmbedError, FrameOptions, FramePolicy, MAX_VENDOR_URL_BYTES, VendorUrl, check_vendor_origin,
    origins_for_url,
};
use idv_core::events::{OriginError, OriginRules, Vendor};

use crate::common::{JUMIO_URL, LIVEID_URL};

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
