//! [`EmbedMode`] and the exact `allow` attribute each vendor documents for it.
//!
//! Source: `shared/reference/vendors.md` (Jumio "Web"; Namirial LiveID+ embedded mode). The
//! strings are the vendors' own, byte for byte: integrators compare them with the vendor's
//! documentation, and support desks ask for them verbatim.

use serde::{Deserialize, Serialize};

use crate::events::Vendor;

use super::allow::AllowAttribute;
use super::error::EmbedError;
use super::feature::Feature;

/// Jumio, capture of ID images only.
const JUMIO_ID_CAPTURE: &str = "camera";
/// Jumio, with biometric face capture (plus the `allowfullscreen` attribute).
const JUMIO_BIOMETRIC: &str = "camera;fullscreen;accelerometer;gyroscope;magnetometer";
/// Jumio, the list of the newer docs (plus the `allowfullscreen` attribute).
const JUMIO_FULL: &str = "camera;autoplay;fullscreen;clipboard-read;clipboard-write;accelerometer;gyroscope;magnetometer";
/// Namirial LiveID+ embedded mode, with the vendor's spaces.
const LIVEID_EMBEDDED: &str = "geolocation; camera; microphone";

/// How a vendor's web client is embedded; each mode has one documented `allow` attribute.
///
/// Serialized camelCase (`"idCapture"`, `"biometric"`, `"full"`, `"embedded"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum EmbedMode {
    /// Jumio, ID image capture only: `allow="camera"`.
    IdCapture,
    /// Jumio, with biometric face capture:
    /// `allow="camera;fullscreen;accelerometer;gyroscope;magnetometer"` + `allowfullscreen`.
    Biometric,
    /// Jumio, the newer docs' list:
    /// `allow="camera;autoplay;fullscreen;clipboard-read;clipboard-write;accelerometer;gyroscope;magnetometer"`
    /// and `allowfullscreen`. A superset of the other two, and Jumio's default here.
    Full,
    /// Namirial LiveID+ embedded mode: `allow="geolocation; camera; microphone"`.
    Embedded,
}

impl EmbedMode {
    /// Every mode, in declaration order.
    pub const ALL: [EmbedMode; 4] = [
        EmbedMode::IdCapture,
        EmbedMode::Biometric,
        EmbedMode::Full,
        EmbedMode::Embedded,
    ];

    /// The JSON name (`"idCapture"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            EmbedMode::IdCapture => "idCapture",
            EmbedMode::Biometric => "biometric",
            EmbedMode::Full => "full",
            EmbedMode::Embedded => "embedded",
        }
    }

    /// The mode with this JSON name, if any (exact).
    pub fn from_name(name: &str) -> Option<EmbedMode> {
        EmbedMode::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// The iframe modes `vendor` has (empty for Authenteq, Vult, AwareID and capture).
    pub fn modes_for(vendor: Vendor) -> &'static [EmbedMode] {
        match vendor {
            Vendor::Jumio => &[EmbedMode::IdCapture, EmbedMode::Biometric, EmbedMode::Full],
            Vendor::LiveId => &[EmbedMode::Embedded],
            _ => &[],
        }
    }

    /// The mode used when the integrator names none: Jumio [`Full`](EmbedMode::Full) (the
    /// newer docs' list, a superset that works for every Jumio workflow), LiveID+
    /// [`Embedded`](EmbedMode::Embedded).
    ///
    /// # Errors
    /// [`EmbedError::NotEmbeddable`] for a vendor without iframe modes.
    pub fn default_for(vendor: Vendor) -> Result<EmbedMode, EmbedError> {
        match vendor {
            Vendor::Jumio => Ok(EmbedMode::Full),
            Vendor::LiveId => Ok(EmbedMode::Embedded),
            _ => Err(EmbedError::NotEmbeddable { vendor }),
        }
    }
}

/// The documented `allow` attribute for `vendor` in `mode`, byte-exact.
///
/// Browsers parse `;` with or without following spaces alike, so LiveID+'s spaced spelling and
/// Jumio's unspaced one are kept as each vendor writes them.
///
/// # Errors
/// [`EmbedError::NotEmbeddable`] for a vendor without iframe modes (Authenteq is redirect-only);
/// [`EmbedError::UnsupportedMode`] for a mode of another vendor.
pub fn allow_attribute(vendor: Vendor, mode: EmbedMode) -> Result<&'static str, EmbedError> {
    check_mode(vendor, mode)?;
    Ok(match mode {
        EmbedMode::IdCapture => JUMIO_ID_CAPTURE,
        EmbedMode::Biometric => JUMIO_BIOMETRIC,
        EmbedMode::Full => JUMIO_FULL,
        EmbedMode::Embedded => LIVEID_EMBEDDED,
    })
}

/// Whether the vendor asks for the `allowfullscreen` attribute in `mode` (Jumio biometric and
/// full: yes, next to `fullscreen` in `allow`, for browsers that predate the `fullscreen`
/// policy feature).
///
/// # Errors
/// As [`allow_attribute`].
pub fn allowfullscreen_attribute(vendor: Vendor, mode: EmbedMode) -> Result<bool, EmbedError> {
    check_mode(vendor, mode)?;
    Ok(matches!(mode, EmbedMode::Biometric | EmbedMode::Full))
}

/// `Ok` when `vendor` has `mode`.
pub(crate) fn check_mode(vendor: Vendor, mode: EmbedMode) -> Result<(), EmbedError> {
    let modes = EmbedMode::modes_for(vendor);
    if modes.is_empty() {
        Err(EmbedError::NotEmbeddable { vendor })
    } else if modes.contains(&mode) {
        Ok(())
    } else {
        Err(EmbedError::UnsupportedMode { vendor, mode })
    }
}

/// The parsed view of [`allow_attribute`]: the features `vendor` needs in `mode`, in the
/// vendor's order.
///
/// # Errors
/// As [`allow_attribute`].
pub fn required_features(vendor: Vendor, mode: EmbedMode) -> Result<Vec<Feature>, EmbedError> {
    Ok(AllowAttribute::parse(allow_attribute(vendor, mode)?).features())
}
