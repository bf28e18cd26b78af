//! One AwareID-style feedback code per frame, document flavour.
//!
//! [`super::DocumentDetector`] computes the geometric verdict; [`super::DocumentReport::apply_quality`]
//! combines it with the caller's [`QualityReport`] of the document region (metrics are never
//! recomputed here). Checks, in this order (the first that fails is the answer):
//!
//! 1. no document: `INSUFFICIENT_LIGHTING` / `EXCESSIVE_LIGHTING` when the quality report's
//!    exposure failed too dark / too bright (a card cannot be found in the dark, and telling the
//!    user so helps more), else `NO_DOCUMENT_DETECTED`;
//! 2. a corner outside the frame or within `borderMargin` of its border: `DOCUMENT_TOO_CLOSE`
//!    when the fill ratio is also above `maxFillRatio`, else `DOCUMENT_NOT_FULLY_VISIBLE`;
//! 3. fill ratio above `maxFillRatio`: `DOCUMENT_TOO_CLOSE`; below `minFillRatio`:
//!    `DOCUMENT_TOO_FAR`;
//! 4. centre off the guide's centre by more than `maxCenterOffset` × guide width (height):
//!    `DOCUMENT_ON_LEFT` / `DOCUMENT_ON_RIGHT` (`DOCUMENT_TOO_HIGH` / `DOCUMENT_TOO_LOW`). Left
//!    and right are the image's as captured (unmirrored), like the coordinates;
//! 5. |tilt| above `maxTiltDeg`: `DOCUMENT_TILTED`;
//! 6. a corner moved more than `maxMotion` × guide width since the previous frame: `HOLD_STILL`
//!    (the quality report's stability cannot see a card sliding when its region follows it);
//! 7. quality, by priority: glare (`DOCUMENT_GLARE`), too bright (`EXCESSIVE_LIGHTING`), too
//!    dark or low contrast (`INSUFFICIENT_LIGHTING`), blur or motion blur (`DOCUMENT_BLURRY`),
//!    moving or no previous frame (`HOLD_STILL`);
//! 8. otherwise `DOCUMENT_COMPLIANT`.
//!
//! Geometry before quality: a card half out of the frame must be moved before its sharpness
//! matters, and blur is measured on the document's region, which is only right once it is found.

use serde::{Deserialize, Serialize};

use crate::quality::{FailReason, QualityReport, Verdict};

/// What the user should do about the document, AwareID-style (SCREAMING_SNAKE_CASE in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DocumentFeedback {
    DocumentCompliant,
    NoDocumentDetected,
    /// The document covers less than `minFillRatio` of the guide: move closer.
    DocumentTooFar,
    /// The document covers more than `maxFillRatio` of the guide: move away.
    DocumentTooClose,
    /// A corner lies outside the frame (or on its border): the document is cut.
    DocumentNotFullyVisible,
    DocumentOnLeft,
    DocumentOnRight,
    DocumentTooHigh,
    DocumentTooLow,
    /// Rotated in the image plane by more than `maxTiltDeg`.
    DocumentTilted,
    DocumentBlurry,
    DocumentGlare,
    InsufficientLighting,
    /// The region is overexposed (exposure failed "too bright"), not a local highlight.
    ExcessiveLighting,
    HoldStill,
}

impl DocumentFeedback {
    /// True only for [`Self::DocumentCompliant`].
    pub fn is_compliant(self) -> bool {
        self == Self::DocumentCompliant
    }
}

/// Priority of a quality failure (lower first) and its code.
fn quality_code(reason: FailReason) -> (u8, DocumentFeedback) {
    match reason {
        FailReason::Glare => (0, DocumentFeedback::DocumentGlare),
        FailReason::TooBright => (1, DocumentFeedback::ExcessiveLighting),
        FailReason::TooDark | FailReason::LowContrast => {
            (2, DocumentFeedback::InsufficientLighting)
        }
        FailReason::Blurry | FailReason::MotionBlur => (3, DocumentFeedback::DocumentBlurry),
        FailReason::Moving | FailReason::NoHistory => (4, DocumentFeedback::HoldStill),
    }
}

/// The final code from the geometric verdict and an optional quality report (see the module
/// docs).
pub fn combine_feedback(
    geometry: DocumentFeedback,
    quality: Option<&QualityReport>,
) -> DocumentFeedback {
    let Some(q) = quality else { return geometry };
    match geometry {
        DocumentFeedback::NoDocumentDetected => {
            let exposure = [&q.brightness, &q.dark_fraction, &q.bright_fraction];
            let failed = |r: FailReason| exposure.iter().any(|m| m.verdict == Verdict::Fail(r));
            if failed(FailReason::TooDark) {
                DocumentFeedback::InsufficientLighting
            } else if failed(FailReason::TooBright) {
                DocumentFeedback::ExcessiveLighting
            } else {
                geometry
            }
        }
        DocumentFeedback::DocumentCompliant => q
            .failures()
            .map(quality_code)
            .min_by_key(|(p, _)| *p)
            .map_or(geometry, |(_, code)| code),
        other => other,
    }
}
