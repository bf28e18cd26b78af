//! Secrets in the samples never reach a serialized event by default; `keep_secrets` keeps them.

use super::common::{all_samples, sample_json};
use super::samples::{Input, message_data, post, run, table};
use idv_core::events::{
    DecodeOptions, MessageData, Vendor, decode_message, parse_form_body_with, parse_return_url,
    parse_return_url_with,
};
use serde_json::{Value, json};

/// Every secret in the samples: Jumio `authorizationToken`s and LiveID+ `message.token`s.
fn sample_secrets() -> Vec<String> {
    let mut secrets = Vec::new();
    for (name, contents) in all_samples() {
        let Ok(value) = serde_json::from_str::<Value>(&contents) else {
            continue;
        };
        let value = match value {
            Value::String(s) => serde_json::from_str(&s).unwrap_or(Value::Null),
            v => v,
        };
        for secret in [&value["authorizationToken"], &value["message"]["token"]] {
            if let Some(s) = secret.as_str() {
                assert!(s.len() > 20, "{name}");
                secrets.push(s.to_owned());
            }
        }
    }
    secrets.sort();
    secrets.dedup();
    assert_eq!(secrets.len(), 4, "{secrets:?}");
    secrets
}

#[test]
fn no_sample_secret_survives_by_default_and_keep_secrets_keeps_them() {
    let secrets = sample_secrets();
    let table = table();
    let mut kept = 0;
    for (name, contents) in all_samples() {
        let (_, input, want) = table.iter().find(|(n, _, _)| *n == name).unwrap();
        for body in run(&name, &contents, *input, want) {
            let text = serde_json::to_string(&body).unwrap();
            for secret in &secrets {
                assert!(
                    !text.contains(secret.as_str()),
                    "{name} leaks a secret: {text}"
                );
            }
            if contents.contains("authorizationToken") || contents.contains("token") {
                assert!(text.contains("[redacted]"), "{name}: {text}");
            }
        }
        // Opting in keeps the secrets.
        let keep = DecodeOptions::default().with_keep_secrets(true);
        let body = match input {
            Input::Message(vendor) => {
                let value: Value = serde_json::from_str(&contents).unwrap();
                Some(decode_message(*vendor, message_data(&value), &keep).unwrap())
            }
            Input::Form => parse_form_body_with(contents.trim_end(), None, &keep).unwrap(),
            _ => None,
        };
        if let Some(body) = body {
            let text = serde_json::to_string(&body).unwrap();
            if secrets.iter().any(|s| text.contains(s.as_str())) {
                kept += 1;
                assert!(!text.contains("[redacted]"), "{name}");
            }
        }
    }
    assert_eq!(kept, 20, "samples whose secret is kept with keep_secrets");
}

#[test]
fn redaction_reaches_a_message_member_posted_as_a_json_string() {
    let mut value = sample_json("namirial_close_aborted.json");
    let token = value["message"]["token"].as_str().unwrap().to_owned();
    let message_text = value["message"].to_string();
    value["message"] = Value::String(message_text);
    let body = post(Vendor::LiveId, MessageData::Json(value.clone()));
    assert_eq!(body.code.as_deref(), Some("DOC_NOT_READABLE"));
    let raw = body.raw.unwrap();
    assert_eq!(
        raw["message"]["token"],
        json!("[redacted]"),
        "stored parsed, redacted"
    );
    assert!(!raw.to_string().contains(&token));
    // And in a URL: the token never survives.
    let url = format!(
        "https://a.example/r?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("LiveIDPlusResult", &value.to_string())
            .finish()
    );
    let text = serde_json::to_string(&parse_return_url(&url).unwrap().unwrap()).unwrap();
    assert!(!text.contains(&token), "{text}");
    let kept = parse_return_url_with(
        &url,
        None,
        &DecodeOptions::default().with_keep_secrets(true),
    )
    .unwrap()
    .unwrap();
    assert_eq!(kept.raw.unwrap()["message"]["token"], json!(token));
}
