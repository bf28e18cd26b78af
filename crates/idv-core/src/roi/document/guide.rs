//! Where the document should be: a centred rectangle of the document's aspect ratio, in capture
//! pixels, like AwareID's calculate-ROI answer `{x, y, width, height}`.
//!
//! - landscape capture (width ≥ height): the guide is `landscape_width` (0.8) of the capture
//!   width wide; portrait: `portrait_width` (0.9) of the width;
//! - its height is `width / aspect`; when that exceeds `max_height` (0.8) of the capture height,
//!   the height is capped there and the width shrinks to keep the aspect;
//! - both rounded, at least 1 px, centred (x and y floored).
//!
//! So ID-1 (85.60 × 53.98 mm, aspect 1.586) at 640×480 is 512×323 at (64, 78); at 1280×720 the
//! height cap applies: 913×576 at (183, 72); at 480×640 (portrait) 432×272 at (24, 184). A
//! passport data page (125 × 88 mm, aspect 1.420) at 640×480 is 512×360 at (64, 60).

use serde::{Deserialize, Serialize};

use super::error::DocumentError;
use crate::frame::{Rect, RgbaFrame};
use crate::option_error::check_range;

/// Which document is expected; it sets the guide's aspect ratio and the aspect the fitted
/// quadrilateral is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DocumentProfile {
    /// ISO/IEC 7810 ID-1 (identity cards, driving licences): 85.60 × 53.98 mm.
    #[default]
    Id1,
    /// ICAO 9303 TD3 passport data page: 125 × 88 mm.
    PassportPage,
}

impl DocumentProfile {
    /// Width / height of the document, landscape: 1.5858 (ID-1) or 1.4205 (passport page).
    pub fn aspect(self) -> f64 {
        match self {
            Self::Id1 => 85.60 / 53.98,
            Self::PassportPage => 125.0 / 88.0,
        }
    }
}

/// How much of the capture the guide covers (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GuideOptions {
    /// Fraction of the capture width used by the guide in landscape captures: 0.8.
    pub landscape_width: f32,
    /// Fraction of the capture width used by the guide in portrait captures: 0.9 (a phone held
    /// upright leaves little width, and the card must still be large enough to read).
    pub portrait_width: f32,
    /// Largest fraction of the capture height the guide may take: 0.8.
    pub max_height: f32,
}

impl Default for GuideOptions {
    fn default() -> Self {
        Self {
            landscape_width: 0.8,
            portrait_width: 0.9,
            max_height: 0.8,
        }
    }
}

impl GuideOptions {
    /// Every fraction must be finite, above 0.05 and at most 1.
    pub fn validate(&self) -> Result<(), DocumentError> {
        check_range("landscapeWidth", f64::from(self.landscape_width), 0.05, 1.0)?;
        check_range("portraitWidth", f64::from(self.portrait_width), 0.05, 1.0)?;
        Ok(check_range(
            "maxHeight",
            f64::from(self.max_height),
            0.05,
            1.0,
        )?)
    }
}

/// The guide rectangle for `profile` with the default [`GuideOptions`].
pub fn document_guide(
    capture_width: u32,
    capture_height: u32,
    profile: DocumentProfile,
) -> Result<Rect, DocumentError> {
    document_guide_with(
        capture_width,
        capture_height,
        profile,
        &GuideOptions::default(),
    )
}

/// The guide rectangle for `profile` (see the module docs for the formula). Errors: an empty or
/// oversized capture, or invalid options.
pub fn document_guide_with(
    capture_width: u32,
    capture_height: u32,
    profile: DocumentProfile,
    options: &GuideOptions,
) -> Result<Rect, DocumentError> {
    let (cw, ch) = (capture_width, capture_height);
    if cw == 0 || ch == 0 || cw > RgbaFrame::MAX_SIDE || ch > RgbaFrame::MAX_SIDE {
        return Err(DocumentError::CaptureSize {
            width: cw,
            height: ch,
        });
    }
    options.validate()?;
    let aspect = profile.aspect();
    let fraction = if cw >= ch {
        options.landscape_width
    } else {
        options.portrait_width
    };
    let mut w = f64::from(fraction) * f64::from(cw);
    let mut h = w / aspect;
    let max_h = f64::from(options.max_height) * f64::from(ch);
    if h > max_h {
        h = max_h;
        w = h * aspect;
    }
    // Finite and within 1..=side by construction; the clamps only guard the rounding.
    let width = (w.round() as u32).clamp(1, cw);
    let height = (h.round() as u32).clamp(1, ch);
    Ok(Rect::new(
        (cw - width) / 2,
        (ch - height) / 2,
        width,
        height,
    ))
}
