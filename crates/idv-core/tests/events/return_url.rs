//! Return URLs and form bodies beyond the samples: detection, query and fragment, repeats,
//! Authenteq's code rules, limits and errors.

use idv_core::events::{
    DecodeOptions, EventBody, MAX_URL_BYTES, Rejection, UrlError, Vendor, parse_form_body,
    parse_form_body_with, parse_return_url, parse_return_url_for, parse_return_url_with,
};
use serde_json::json;

type Summary = (Vendor, &'static str, bool, Option<String>, Option<String>);

fn summary(b: &EventBody) -> Summary {
    (
        b.vendor,
        b.type_name(),
        b.terminal,
        b.code.clone(),
        b.session_id.clone(),
    )
}

fn auto(url: &str) -> Option<Summary> {
    parse_return_url(url).unwrap().as_ref().map(summary)
}

fn s(v: &str) -> Option<String> {
    Some(v.to_owned())
}

#[test]
fn detection_by_keys() {
    let j = Vendor::Jumio;
    let table: Vec<(&str, Option<Summary>)> = vec![
        ("https://a.example/done", None),
        ("https://a.example/done?", None),
        ("https://a.example/done?id=1&state=x", None),
        ("", None),
        ("?", None),
        ("#", None),
        (
            "https://a.example/?acquisitionStatus=SUCCESS",
            Some((j, "completed", true, None, None)),
        ),
        (
            "?acquisitionStatus=SUCCESS&workflowExecutionId=wf&accountId=acc",
            Some((j, "completed", true, None, s("wf"))),
        ),
        (
            "?acquisitionStatus=SUCCESS&accountId=acc",
            Some((j, "completed", true, None, None)),
        ),
        (
            "https://a.example/#acquisitionStatus=ERROR&errorCode=9200",
            Some((j, "failed", true, s("9200"), None)),
        ),
        (
            "https://a.example/#/error?acquisitionStatus=ERROR&errorCode=9210",
            Some((j, "failed", true, s("9210"), None)),
        ),
        (
            "?acquisitionStatus=ERROR",
            Some((j, "failed", true, None, None)),
        ),
        (
            "?acquisitionStatus=ERROR&errorCode=",
            Some((j, "failed", true, None, None)),
        ),
        (
            "?acquisitionStatus=ERROR&errorCode=1&errorCode=2",
            Some((j, "failed", true, None, None)),
        ),
        (
            "?acquisitionStatus=PENDING&workflowExecutionId=wf",
            Some((j, "unknown", false, None, s("wf"))),
        ),
        (
            "?acquisitionStatus=success",
            Some((j, "unknown", false, None, None)),
        ),
        (
            "?transactionStatus=ERROR&errorCode=9100&transactionReference=tr",
            Some((j, "failed", true, s("9100"), s("tr"))),
        ),
        (
            "?acquisitionStatus=SUCCESS&transactionStatus=ERROR",
            Some((j, "completed", true, None, None)),
        ),
        (
            "?acquisitionStatus=SUCCESS&acquisitionStatus=SUCCESS",
            Some((j, "completed", true, None, None)),
        ),
        (
            "?acquisitionStatus=SUCCESS&acquisitionStatus=ERROR",
            Some((j, "failed", true, None, None)),
        ),
        (
            "?acquisitionStatus=SUCCESS#acquisitionStatus=ERROR",
            Some((j, "failed", true, None, None)),
        ),
        (
            "?code=abc",
            Some((Vendor::Authenteq, "completed", true, s("abc"), None)),
        ),
        (
            "?code=a%2Bb+c",
            Some((Vendor::Authenteq, "completed", true, s("a+b c"), None)),
        ),
        (
            "?code=",
            Some((Vendor::Authenteq, "failed", true, None, None)),
        ),
        (
            "?code=%20",
            Some((Vendor::Authenteq, "failed", true, None, None)),
        ),
        (
            "?code=a&code=a",
            Some((Vendor::Authenteq, "completed", true, s("a"), None)),
        ),
        (
            "?code=a&code=b",
            Some((Vendor::Authenteq, "failed", true, None, None)),
        ),
        (
            "?acquisitionStatus=SUCCESS&code=x",
            Some((j, "completed", true, None, None)),
        ),
    ];
    for (url, expected) in table {
        assert_eq!(auto(url), expected, "{url}");
    }
}

#[test]
fn messages_say_what_to_do() {
    let m = |url: &str| parse_return_url(url).unwrap().unwrap().message.unwrap();
    assert_eq!(
        m("?acquisitionStatus=ERROR&errorCode=9836"),
        "Authentication failure."
    );
    assert!(m("?code=a&code=b").contains("`code` appears with different values"));
    assert!(m("?acquisitionStatus=SUCCESS&acquisitionStatus=ERROR").contains("acquisitionStatus"));
    assert!(m("?code=").contains("empty code"));
    assert!(m("?code=x").contains("single-use"));
    let without = parse_return_url_for(Vendor::Authenteq, "https://a.example/r?id=1")
        .unwrap()
        .unwrap();
    assert!(without.message.unwrap().contains("without a code"));
}

#[test]
fn explicit_vendor_reads_only_its_keys() {
    let url = "https://a.example/r?acquisitionStatus=SUCCESS&code=xyz";
    let a = parse_return_url_for(Vendor::Authenteq, url)
        .unwrap()
        .unwrap();
    assert_eq!(
        summary(&a),
        (Vendor::Authenteq, "completed", true, s("xyz"), None)
    );
    let j = parse_return_url_for(Vendor::Jumio, url).unwrap().unwrap();
    assert_eq!(summary(&j), (Vendor::Jumio, "completed", true, None, None));
    assert_eq!(parse_return_url_for(Vendor::LiveId, url).unwrap(), None);
    assert_eq!(
        parse_return_url_for(Vendor::Jumio, "?code=xyz").unwrap(),
        None
    );
    let none = parse_return_url_for(Vendor::Authenteq, "https://a.example/r")
        .unwrap()
        .unwrap();
    assert_eq!(
        summary(&none),
        (Vendor::Authenteq, "failed", true, None, None)
    );
    for vendor in [Vendor::Vult, Vendor::AwareId, Vendor::Capture] {
        assert_eq!(
            parse_return_url_for(vendor, url),
            Err(UrlError::UnsupportedVendor(vendor))
        );
        assert_eq!(
            parse_form_body_with("a=1", Some(vendor), &DecodeOptions::default()),
            Err(UrlError::UnsupportedVendor(vendor))
        );
    }
}

#[test]
fn raw_holds_every_parameter() {
    let b = parse_return_url("https://a.example/r?id=7&code=c1&x=%E2%9C%93&x=2#frag")
        .unwrap()
        .unwrap();
    assert_eq!(
        b.raw.unwrap(),
        json!({"id": "7", "code": "c1", "x": ["✓", "2"], "frag": ""})
    );
    // Secret keys are redacted even here, unless kept.
    let url = "?acquisitionStatus=SUCCESS&authorizationToken=tok";
    let b = parse_return_url(url).unwrap().unwrap();
    assert_eq!(b.raw.unwrap()["authorizationToken"], json!("[redacted]"));
    let keep = DecodeOptions::default().with_keep_secrets(true);
    let b = parse_return_url_with(url, None, &keep).unwrap().unwrap();
    assert_eq!(b.raw.unwrap()["authorizationToken"], json!("tok"));
}

#[test]
fn liveid_results_in_urls_and_bodies() {
    let result = json!({"event": "close", "callID": "c9", "message": {"closeStatus": "S", "token": "t0k3n-secret"}});
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("LiveIDPlusResult", &result.to_string())
        .finish();
    let expected = (Vendor::LiveId, "failed", true, s("S"), s("c9"));
    assert_eq!(summary(&parse_form_body(&body).unwrap().unwrap()), expected);
    assert_eq!(
        auto(&format!("https://a.example/r?{body}")),
        Some(expected.clone())
    );
    assert_eq!(
        auto(&format!("https://a.example/r?x=1#{body}")),
        Some(expected)
    );
    let text = serde_json::to_string(&parse_form_body(&body).unwrap()).unwrap();
    assert!(!text.contains("t0k3n-secret"), "{text}");
    // A WEBRTCTEST event redirected the same way decodes like the postMessage.
    let ok = auto("?LiveIDPlusResult=WEBRTCTEST_OK").unwrap();
    assert_eq!((ok.1, ok.2), ("progress", false));
    // Garbage is kept as `unknown`, repeats with different values are ambiguous.
    assert_eq!(
        auto("?LiveIDPlusResult=%7Bbroken"),
        Some((Vendor::LiveId, "unknown", false, None, None))
    );
    assert_eq!(
        auto("?LiveIDPlusResult=a&LiveIDPlusResult=b"),
        Some((Vendor::LiveId, "failed", true, None, None))
    );
    assert_eq!(parse_form_body("").unwrap(), None);
    assert_eq!(parse_form_body("a=1&b").unwrap(), None);
}

#[test]
fn limits_and_odd_input() {
    let long = format!("https://a.example/?code={}", "x".repeat(MAX_URL_BYTES));
    let len = long.len() as u64;
    assert_eq!(
        parse_return_url(&long),
        Err(UrlError::TooLong {
            len,
            limit: MAX_URL_BYTES as u64
        })
    );
    assert!(matches!(
        parse_form_body(&long),
        Err(UrlError::TooLong { .. })
    ));
    // A LiveID+ result nested too deep is a typed error, not a panic.
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let url = format!("?LiveIDPlusResult={deep}");
    assert_eq!(
        auto(&url),
        Some((Vendor::LiveId, "unknown", false, None, None))
    );
    let err = UrlError::from(Rejection::TooDeep { limit: 64 });
    assert_eq!(err.to_string(), "message nests deeper than 64 levels");
    // Odd percent-encoding and bytes: decoded leniently, never a panic.
    for url in [
        "?code=%",
        "?code=%zz",
        "?code=%FF%FE",
        "?%=%&&&==",
        "?code=\u{0}",
        "??code=a",
        "#?#code=b",
    ] {
        let _ = parse_return_url(url).unwrap();
    }
    assert_eq!(auto("?code=%FF").map(|s| s.3), Some(s("\u{FFFD}")));
    assert_eq!(auto("??code=a"), None, "the key is `?code`");
}
