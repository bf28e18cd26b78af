//! The documented allow strings: byte-exact per vendor and mode, which pairs exist, default
//! modes and their names, and the parsed features they require.

use idv_core::embed::{
    EmbedError, EmbedMode, Feature, allow_attribute, allowfullscreen_attribute, required_features,
};
use idv_core::events::Vendor;
use serde_json::json;

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
