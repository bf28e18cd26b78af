//! The opt-in sandbox: tokens validated and normalised.

use idv_core::embed::{EmbedError, Sandbox};

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
