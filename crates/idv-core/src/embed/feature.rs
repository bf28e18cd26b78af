//! [`Feature`]: a permission-policy feature as named in an iframe `allow` attribute.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A policy-controlled feature, by its `allow`-attribute name.
///
/// Names are matched **exactly** (case-sensitively), as Chromium and Firefox do: `Camera` is not
/// `camera`, and a browser ignores it. Anything this enum does not name is kept verbatim in
/// [`Feature::Other`] (real features such as `payment`, and also mistakes such as `camera,` —
/// commas are not separators in an `allow` attribute, so `camera, microphone` declares neither).
///
/// Serialized as its attribute name (`"clipboard-read"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Feature {
    /// `camera`: `getUserMedia` video.
    Camera,
    /// `microphone`: `getUserMedia` audio (LiveID+ video call).
    Microphone,
    /// `geolocation` (LiveID+).
    Geolocation,
    /// `fullscreen`: `Element.requestFullscreen` (Jumio face capture).
    Fullscreen,
    /// `autoplay`: media playing without a user gesture (newer Jumio docs).
    Autoplay,
    /// `clipboard-read` (newer Jumio docs).
    ClipboardRead,
    /// `clipboard-write` (newer Jumio docs).
    ClipboardWrite,
    /// `accelerometer`: device motion (Jumio face capture).
    Accelerometer,
    /// `gyroscope`: device motion (Jumio face capture).
    Gyroscope,
    /// `magnetometer`: device orientation (Jumio face capture).
    Magnetometer,
    /// Any other name, exactly as written.
    Other(String),
}

impl Feature {
    /// The named features, in declaration order.
    pub const KNOWN: [Feature; 10] = [
        Feature::Camera,
        Feature::Microphone,
        Feature::Geolocation,
        Feature::Fullscreen,
        Feature::Autoplay,
        Feature::ClipboardRead,
        Feature::ClipboardWrite,
        Feature::Accelerometer,
        Feature::Gyroscope,
        Feature::Magnetometer,
    ];

    /// The feature called `name` (exact match; anything else is [`Feature::Other`]).
    pub fn from_name(name: &str) -> Feature {
        Feature::KNOWN
            .into_iter()
            .find(|f| f.as_str() == name)
            .unwrap_or_else(|| Feature::Other(name.to_owned()))
    }

    /// The name as written in an `allow` attribute.
    pub fn as_str(&self) -> &str {
        match self {
            Feature::Camera => "camera",
            Feature::Microphone => "microphone",
            Feature::Geolocation => "geolocation",
            Feature::Fullscreen => "fullscreen",
            Feature::Autoplay => "autoplay",
            Feature::ClipboardRead => "clipboard-read",
            Feature::ClipboardWrite => "clipboard-write",
            Feature::Accelerometer => "accelerometer",
            Feature::Gyroscope => "gyroscope",
            Feature::Magnetometer => "magnetometer",
            Feature::Other(name) => name,
        }
    }
}

impl std::fmt::Display for Feature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Feature {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Feature {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Ok(Feature::from_name(&name))
    }
}
