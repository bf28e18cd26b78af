//! Every file in `shared/reference/samples` (and `samples/parsed`) through the decoder or parser
//! its name says, with the exact event expected. A sample without a row here, or a row without a
//! sample, fails the test.

use super::common::{all_samples, sample_json};
use idv_core::events::{
    DecodeOptions, EventBody, MessageData, OriginRules, ProgressStep, Vendor, decode_message,
    normalize_message, parse_form_body, parse_form_body_with, parse_return_url,
    parse_return_url_for,
};
use serde_json::Value;

/// How a sample is fed in.
#[derive(Debug, Clone, Copy)]
pub(super) enum Input {
    /// A posted message (a JSON-string sample is the string the vendor posted; an object sample
    /// is the object) from the vendor's origin.
    Message(Vendor),
    /// A return URL (a JSON string), auto-detected.
    Url,
    /// A return URL that auto-detection cannot place: `parse_return_url` gives `None`, and
    /// `parse_return_url_for(vendor)` gives the expectation.
    UrlFor(Vendor),
    /// A redirect form body.
    Form,
    /// The JSON value of a `LiveIDPlusResult` parameter: posted, and inside a return URL.
    LiveIdResult,
    /// Not a browser message (AwareID server answers): as a message from any vendor's origin it
    /// must be `unknown`, not terminal, `raw` unchanged.
    Foreign,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Expect {
    vendor: Vendor,
    ty: &'static str,
    terminal: bool,
    code: Option<&'static str>,
    session: Option<&'static str>,
    step: Option<ProgressStep>,
    message: Option<&'static str>,
}

const fn ev(vendor: Vendor, ty: &'static str, terminal: bool) -> Expect {
    Expect {
        vendor,
        ty,
        terminal,
        code: None,
        session: None,
        step: None,
        message: None,
    }
}

impl Expect {
    const fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }
    const fn session(mut self, session: &'static str) -> Self {
        self.session = Some(session);
        self
    }
    const fn step(mut self, step: ProgressStep) -> Self {
        self.step = Some(step);
        self
    }
    const fn message(mut self, message: &'static str) -> Self {
        self.message = Some(message);
        self
    }
}

const KYX: &str = "b2c4e6f8-1a3b-4c5d-8e9f-0a1b2c3d4e5f";
const LEGACY: &str = "1f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f";
const LEGACY_URL: &str = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
const J: Vendor = Vendor::Jumio;
const L: Vendor = Vendor::LiveId;
const UNKNOWN: Expect = ev(Vendor::AwareId, "unknown", false);

#[rustfmt::skip]
pub(super) fn table() -> Vec<(&'static str, Input, Expect)> {
    use Input::*;
    let jumio_failed = |code, message| ev(J, "failed", true).code(code).message(message);
    let e9200 = jumio_failed("9200", "Authorization token missing, invalid, or expired.");
    let e9820 = jumio_failed("9820", "File upload not enabled and camera unavailable.");
    let e9835 = jumio_failed("9835", "No acceptable submission in 3 attempts.");
    let e9801 = jumio_failed("9801", "Unexpected error occurred in the client.");
    let e9822 = jumio_failed("9822", "Browser does not support camera.");
    let close_n = ev(L, "completed", true).code("N").session("20240514-0912-7781").message("Identification completed.");
    vec![
        ("authenteq_redirect_with_code_url.json", Url, ev(Vendor::Authenteq, "completed", true).code("Zx8Qw2LmN4pRt6Vb")),
        ("authenteq_redirect_without_code_url.json", UrlFor(Vendor::Authenteq), ev(Vendor::Authenteq, "failed", true)),
        ("awareid_autocapture_captured.json", Foreign, UNKNOWN),
        ("awareid_autocapture_not_captured.json", Foreign, UNKNOWN),
        ("awareid_calculateROI_response.json", Foreign, UNKNOWN),
        ("awareid_error_envelope_400.json", Foreign, UNKNOWN),
        ("awareid_faceliveness_400_invalid_image_size.json", Foreign, UNKNOWN),
        ("awareid_faceliveness_analyze_200.json", Foreign, UNKNOWN),
        ("awareid_webhook_enrollment_b2c_completed.json", Foreign, UNKNOWN),
        ("jumio_kyx_510_error_9200.json", Message(J), e9200.session(KYX)),
        ("jumio_kyx_510_error_9820.json", Message(J), e9820.session(KYX)),
        ("jumio_kyx_510_error_9835.json", Message(J), e9835.session(KYX)),
        ("jumio_kyx_510_loaded.json", Message(J), ev(J, "loaded", false).session(KYX)),
        ("jumio_kyx_510_success.json", Message(J), ev(J, "completed", true).session(KYX)),
        ("jumio_kyx_redirect_error_url.json", Url, e9822.session(KYX)),
        ("jumio_kyx_redirect_success_url.json", Url, ev(J, "completed", true).session(KYX)),
        ("jumio_legacy_v4_510_error_9801.json", Message(J), e9801.session(LEGACY)),
        ("jumio_legacy_v4_510_loaded.json", Message(J), ev(J, "loaded", false).session(LEGACY)),
        ("jumio_legacy_v4_510_success.json", Message(J), ev(J, "completed", true).session(LEGACY)),
        ("jumio_legacy_v4_redirect_error_url.json", Url, e9820.session(LEGACY_URL)),
        ("jumio_legacy_v4_redirect_success_url.json", Url, ev(J, "completed", true).session(LEGACY_URL)),
        ("namirial_LiveIDPlusResult_form_body.txt", Form, close_n),
        ("namirial_LiveIDPlusResult_value.json", LiveIdResult, close_n),
        ("namirial_WEBRTCTEST_CALLANSWERED.json", Message(L), ev(L, "progress", false).step(ProgressStep::OperatorAnswered).session("0c5a9e1e-7d2b-4b8e-a0f4-3e6c2d1b9a87")),
        ("namirial_WEBRTCTEST_CALLCANCELLED.json", Message(L), ev(L, "cancelled", true)),
        ("namirial_WEBRTCTEST_CALLNOTANSWERED.json", Message(L), ev(L, "failed", true).message("No operator answered.")),
        ("namirial_WEBRTCTEST_KO.json", Message(L), ev(L, "failed", true).code("1").message("NotAllowedError: Permission denied")),
        ("namirial_WEBRTCTEST_OK.json", Message(L), ev(L, "progress", false).step(ProgressStep::DeviceCheckPassed)),
        ("namirial_close_aborted.json", Message(L), ev(L, "failed", true).code("DOC_NOT_READABLE").session("20240514-1003-7790").message("The call was aborted by the operator.")),
        ("namirial_close_completed.json", Message(L), close_n),
        ("namirial_close_suspended.json", Message(L), ev(L, "failed", true).code("S").session("20240514-1107-7802").message("The call was suspended by the operator.")),
        ("namirial_error_system.json", Message(L), ev(L, "failed", true).code("K").session("20240514-1210-7815").message("The call was terminated by the system.")),
        ("parsed/jumio_kyx_510_error_9200.json", Message(J), e9200.session(KYX)),
        ("parsed/jumio_kyx_510_error_9820.json", Message(J), e9820.session(KYX)),
        ("parsed/jumio_kyx_510_error_9835.json", Message(J), e9835.session(KYX)),
        ("parsed/jumio_kyx_510_loaded.json", Message(J), ev(J, "loaded", false).session(KYX)),
        ("parsed/jumio_kyx_510_success.json", Message(J), ev(J, "completed", true).session(KYX)),
        ("parsed/jumio_legacy_v4_510_error_9801.json", Message(J), e9801.session(LEGACY)),
        ("parsed/jumio_legacy_v4_510_loaded.json", Message(J), ev(J, "loaded", false).session(LEGACY)),
        ("parsed/jumio_legacy_v4_510_success.json", Message(J), ev(J, "completed", true).session(LEGACY)),
    ]
}

fn origin_of(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Jumio => "https://lon.netverify.com",
        Vendor::LiveId => "https://liveid.test.namirialtsp.com",
        _ => "https://app.example.com",
    }
}

/// The data a browser would hand over for a sample: a JSON string as `Text`, anything else as
/// `Json`.
pub(super) fn message_data(value: &Value) -> MessageData {
    match value {
        Value::String(s) => MessageData::Text(s.clone()),
        other => MessageData::Json(other.clone()),
    }
}

pub(super) fn post(vendor: Vendor, data: MessageData) -> EventBody {
    let mut rules = OriginRules::with_defaults();
    rules
        .allow_str(Vendor::AwareId, "https://app.example.com")
        .unwrap();
    normalize_message(
        vendor,
        origin_of(vendor),
        data,
        &rules,
        &DecodeOptions::default(),
    )
    .unwrap()
}

fn check(name: &str, body: &EventBody, want: &Expect) {
    let got = (
        body.vendor,
        body.type_name(),
        body.terminal,
        body.code.as_deref(),
        body.session_id.as_deref(),
        body.kind.step(),
    );
    let expected = (
        want.vendor,
        want.ty,
        want.terminal,
        want.code,
        want.session,
        want.step,
    );
    assert_eq!(got, expected, "{name}: {body:?}");
    if let Some(message) = want.message {
        assert_eq!(body.message.as_deref(), Some(message), "{name}");
    }
    assert!(body.raw.is_some(), "{name}: raw must be kept");
    // Every event serializes and parses back to itself.
    let text = serde_json::to_string(body).unwrap();
    assert_eq!(
        &serde_json::from_str::<EventBody>(&text).unwrap(),
        body,
        "{name}"
    );
}

/// Decodes one sample as its row says, checks it, and returns every event produced.
pub(super) fn run(name: &str, contents: &str, input: Input, want: &Expect) -> Vec<EventBody> {
    let mut events = Vec::new();
    match input {
        Input::Message(vendor) => {
            let value: Value = serde_json::from_str(contents).unwrap();
            let body = post(vendor, message_data(&value));
            // The same message as an object and as the JSON string of that object: same event.
            let object = match &value {
                Value::String(s) => serde_json::from_str(s).unwrap(),
                other => other.clone(),
            };
            assert_eq!(
                post(vendor, MessageData::Json(object.clone())),
                body,
                "{name} as object"
            );
            assert_eq!(
                post(vendor, MessageData::Text(object.to_string())),
                body,
                "{name} as string"
            );
            events.push(body);
        }
        Input::Url | Input::UrlFor(_) => {
            let url: String = serde_json::from_str(contents).unwrap();
            let auto = parse_return_url(&url).unwrap();
            let vendor = match input {
                Input::UrlFor(vendor) => {
                    assert_eq!(auto, None, "{name}: nothing identifies it");
                    vendor
                }
                _ => want.vendor,
            };
            let given = parse_return_url_for(vendor, &url).unwrap().expect(name);
            if let Some(auto) = auto {
                assert_eq!(auto, given, "{name}: auto-detection = explicit vendor");
            }
            events.push(given);
        }
        Input::Form => {
            events.push(parse_form_body(contents.trim_end()).unwrap().expect(name));
            let explicit = parse_form_body_with(
                contents.trim_end(),
                Some(want.vendor),
                &DecodeOptions::default(),
            );
            assert_eq!(explicit.unwrap().as_ref(), events.first(), "{name}");
        }
        Input::LiveIdResult => {
            let value: Value = serde_json::from_str(contents).unwrap();
            let posted = post(Vendor::LiveId, MessageData::Json(value.clone()));
            let query: String = form_urlencoded::Serializer::new(String::new())
                .append_pair("LiveIDPlusResult", &value.to_string())
                .finish();
            for url in [
                format!("https://app.example.com/idv/return?{query}"),
                format!("https://app.example.com/idv/return#{query}"),
                format!("https://app.example.com/#/idv/return?lang=en&{query}"),
            ] {
                assert_eq!(
                    parse_return_url(&url).unwrap().as_ref(),
                    Some(&posted),
                    "{name}: {url}"
                );
            }
            events.push(posted);
        }
        Input::Foreign => {
            let value: Value = serde_json::from_str(contents).unwrap();
            for vendor in [Vendor::Jumio, Vendor::LiveId, Vendor::AwareId] {
                let body = post(vendor, message_data(&value));
                let want = Expect { vendor, ..*want };
                check(name, &body, &want);
                assert_eq!(body.raw.as_ref(), Some(&value), "{name}: raw unchanged");
                assert_eq!(
                    (body.code.as_deref(), body.session_id.as_deref()),
                    (None, None),
                    "{name}"
                );
                events.push(body);
            }
            return events;
        }
    }
    for body in &events {
        check(name, body, want);
    }
    events
}

#[test]
fn every_sample_gives_its_documented_event() {
    let samples = all_samples();
    let table = table();
    let names: Vec<&str> = samples.iter().map(|(n, _)| n.as_str()).collect();
    let rows: Vec<&str> = table.iter().map(|(n, _, _)| *n).collect();
    let missing_rows: Vec<_> = names.iter().filter(|n| !rows.contains(n)).collect();
    let missing_files: Vec<_> = rows.iter().filter(|n| !names.contains(n)).collect();
    assert!(
        missing_rows.is_empty(),
        "samples without an expectation: {missing_rows:?}"
    );
    assert!(
        missing_files.is_empty(),
        "expectations without a sample: {missing_files:?}"
    );
    assert_eq!(samples.len(), 40);
    for (name, contents) in &samples {
        let (_, input, want) = table.iter().find(|(n, _, _)| n == name).unwrap();
        let events = run(name, contents, *input, want);
        assert!(!events.is_empty(), "{name}");
    }
}

#[test]
fn parsed_samples_decode_like_their_strings() {
    for (name, _) in all_samples()
        .iter()
        .filter(|(n, _)| n.starts_with("parsed/"))
    {
        let string_form = sample_json(name.trim_start_matches("parsed/"));
        let object_form = sample_json(name);
        let a = decode_message(
            Vendor::Jumio,
            message_data(&string_form),
            &DecodeOptions::default(),
        )
        .unwrap();
        let b = decode_message(
            Vendor::Jumio,
            message_data(&object_form),
            &DecodeOptions::default(),
        )
        .unwrap();
        assert_eq!(a, b, "{name}");
    }
}
