//! What to analyze and with which thresholds. Every part has documented defaults (see
//! docs/thresholds.md) and is validated before use.

use serde::Serialize;

use crate::autocapture::{AutocaptureOptions, StabilizerOptions};
use crate::quality::QualityOptions;
use crate::roi::document::{DocumentOptions, DocumentProfile};
use crate::roi::face::{CameraFacing, DetectorOptions, FaceCheckOptions};

/// The subject of the capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AnalyzerSubject {
    /// A selfie: BlazeFace inside the face guide, AwareID feedback.
    Face,
    /// An ID-1 card or a passport page inside the document guide.
    Document(DocumentProfile),
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnalyzerOptions {
    pub subject: AnalyzerSubject,
    /// Front (selfie, 90 px between the eyes at 480×640) or back camera (60 px).
    pub facing: CameraFacing,
    pub quality: QualityOptions,
    pub detector: DetectorOptions,
    pub face: FaceCheckOptions,
    pub document: DocumentOptions,
    pub autocapture: AutocaptureOptions,
    pub stabilizer: StabilizerOptions,
}

impl AnalyzerOptions {
    pub fn face() -> Self {
        Self::for_subject(AnalyzerSubject::Face)
    }

    pub fn document(profile: DocumentProfile) -> Self {
        Self::for_subject(AnalyzerSubject::Document(profile))
    }

    fn for_subject(subject: AnalyzerSubject) -> Self {
        Self {
            subject,
            facing: match subject {
                AnalyzerSubject::Face => CameraFacing::Front,
                AnalyzerSubject::Document(_) => CameraFacing::Back,
            },
            quality: QualityOptions::default(),
            detector: DetectorOptions::default(),
            face: FaceCheckOptions::default(),
            document: DocumentOptions::default(),
            autocapture: AutocaptureOptions::default(),
            stabilizer: StabilizerOptions::default(),
        }
    }
}
