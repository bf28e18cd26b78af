//! Pure-Rust core of idv-capture.
//!
//! Nothing in this crate touches the browser: it compiles and is tested natively, and the browser
//! layer (`idv-web`) and the JS bindings (`idv-wasm`) are thin shells over it.
//!
//! - [`frame`]: validated views over RGBA8 pixel buffers, luma, regions.
//! - [`events`]: the event envelope, one decoder per vendor, return URLs, origin rules.
//! - [`quality`]: per-frame quality metrics with documented thresholds and verdicts.
//! - [`roi`]: capture guides, face detection, document quadrilaterals.
//! - [`analyzer`]: the whole per-frame verdict (guide, region, quality, feedback, autocapture).
//! - [`autocapture`]: consecutive compliant frames, the sharpest of the window, stabilized feedback.
//! - [`capability`]: WebView detection and the iframe / new tab / file upload recommendation.
//! - [`embed`]: per-vendor iframe policy (allow attribute, sizes, origins).

pub mod analyzer;
pub mod autocapture;
pub mod capability;
pub mod embed;
pub mod events;
pub mod frame;
mod option_error;
pub mod quality;
pub mod roi;

pub use option_error::{OptionError, OrderBound};
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd_mem;
