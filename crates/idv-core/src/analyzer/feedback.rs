//! One feedback vocabulary for faces and documents: AwareID's face codes, the document codes,
//! and the quality codes neither has.

use serde::Serialize;

use crate::quality::{FailReason, QualityReport};
use crate::roi::document::DocumentFeedback;
use crate::roi::face::FaceFeedback;

/// Quality problems outside AwareID's face vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum QualityHint {
    ImageBlurry,
    ExcessiveLighting,
    GlareDetected,
    HoldStill,
}

/// The code to show, serialized as its SCREAMING_SNAKE_CASE name (`"FACE_TOO_FAR"`,
/// `"DOCUMENT_TILTED"`, `"HOLD_STILL"`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Feedback {
    Face(FaceFeedback),
    Document(DocumentFeedback),
    Quality(QualityHint),
}

impl Feedback {
    pub fn is_compliant(self) -> bool {
        matches!(self, Feedback::Face(FaceFeedback::FaceCompliant))
            || matches!(self, Feedback::Document(d) if d.is_compliant())
    }
}

/// A face frame's code: the geometric verdict first; a compliant face with a quality failure
/// gets that failure's code, in the order lighting → blur → glare → movement.
pub(crate) fn face_feedback(geometry: FaceFeedback, quality: &QualityReport) -> Feedback {
    if geometry != FaceFeedback::FaceCompliant {
        return Feedback::Face(geometry);
    }
    let rank = |reason: FailReason| match reason {
        FailReason::TooDark | FailReason::LowContrast => (0, Feedback::Face(FaceFeedback::InsufficientLighting)),
        FailReason::TooBright => (1, Feedback::Quality(QualityHint::ExcessiveLighting)),
        FailReason::Blurry | FailReason::MotionBlur => (2, Feedback::Quality(QualityHint::ImageBlurry)),
        FailReason::Glare => (3, Feedback::Quality(QualityHint::GlareDetected)),
        FailReason::Moving | FailReason::NoHistory => (4, Feedback::Quality(QualityHint::HoldStill)),
    };
    quality.failures().map(rank).min_by_key(|(r, _)| *r).map_or(Feedback::Face(geometry), |(_, f)| f)
}
