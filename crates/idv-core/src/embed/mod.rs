//! Per-vendor iframe embedding policy: allow attributes, sizes, origins.
//!
//! Facts from `shared/reference/vendors.md`:
//!
//! - Jumio shows `web.href` in an iframe with `allow="camera"` (ID images),
//!   `camera;fullscreen;accelerometer;gyroscope;magnetometer` and the `allowfullscreen`
//!   attribute (biometric face capture), or the newer docs'
//!   `camera;autoplay;fullscreen;clipboard-read;clipboard-write;accelerometer;gyroscope;magnetometer`
//!   and `allowfullscreen`; every nesting level needs the same `allow`; the top page must be
//!   https; size classes Large ≥900×710, Medium 640×660, Small 560×600, X-Small ≤480×535; the
//!   iframe should be in the page at load ([`FramePolicy::to_html`] serves server rendering).
//! - Namirial LiveID+ embedded mode: `allow="geolocation; camera; microphone"`, hosts
//!   `https://liveid.test.namirialtsp.com` and `https://liveid.namirialtsp.com`.
//! - Authenteq is redirect-only; Vult and AwareID have no web client: none has an iframe mode.
//!
//! Pieces:
//!
//! - [`EmbedMode`], [`allow_attribute`], [`allowfullscreen_attribute`], [`required_features`]:
//!   the documented strings, byte-exact, and their parsed view.
//! - [`Feature`], [`AllowAttribute`], [`FrameContext`], [`missing_features`]: an arbitrary `allow`
//!   parsed as browsers parse it, and what it actually grants to a frame (`'self'` is the
//!   embedding page, not the frame).
//! - [`VendorUrl`], [`origins_for_url`], [`check_vendor_origin`]: the vendor URL, validated, and
//!   its origin checked against [`OriginRules`](crate::events::OriginRules).
//! - [`FramePolicy`] / [`FrameOptions`]: every attribute of the iframe, serializable for JS;
//!   [`FrameAudit`]: an adopted iframe compared with its policy.
//! - [`SizeClass`], [`size_class_for`]: Jumio's size classes; [`Sandbox`]: opt-in sandbox;
//!   [`default_title`]: accessible names.

mod allow;
mod audit;
mod error;
mod feature;
mod frame_options;
mod loading;
mod mode;
mod policy;
mod referrer_policy;
mod sandbox;
mod size;
mod title;
mod url;

pub use allow::{AllowAttribute, AllowlistEntry, Directive, FrameContext, missing_features};
pub use audit::FrameAudit;
pub use error::EmbedError;
pub use feature::Feature;
pub use mode::{EmbedMode, allow_attribute, allowfullscreen_attribute, required_features};
pub use frame_options::FrameOptions;
pub use loading::Loading;
pub use policy::FramePolicy;
pub use referrer_policy::ReferrerPolicy;
pub use sandbox::{SANDBOX_KEYWORDS, SANDBOX_REQUIRED, Sandbox};
pub use size::{FrameSize, SizeClass, size_class_for};
pub use title::{DEFAULT_TITLES, default_title};
pub use url::{MAX_VENDOR_URL_BYTES, VendorUrl, check_vendor_origin, origins_for_url};
