//! [`FrameAnalyzer`]: one frame in, one [`AnalysisReport`] out.

use thiserror::Error;

use super::feedback::{Feedback, face_feedback};
use super::options::{AnalyzerOptions, AnalyzerSubject};
use super::report::AnalysisReport;
use crate::autocapture::{Autocapture, Decision, FeedbackStabilizer};
use crate::frame::{FrameError, Rect, RgbaFrame};
use crate::option_error::OptionError;
use crate::quality::{QualityAnalyzer, Subject};
use crate::roi::document::{DocumentDetector, DocumentError, document_guide};
use crate::roi::face::{DetectError, FaceDetector, FaceJudge, FaceOptionsError, ModelError, face_guide};

/// Why a frame (or the analyzer's set-up) was refused.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum AnalyzeError {
    #[error(transparent)]
    Frame(#[from] FrameError),
    /// An option of the quality analyzer, autocapture or the feedback stabilizer.
    #[error(transparent)]
    Options(#[from] OptionError),
    #[error(transparent)]
    Document(#[from] DocumentError),
    #[error(transparent)]
    FaceOptions(#[from] FaceOptionsError),
    #[error(transparent)]
    Detect(#[from] DetectError),
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A face analysis needs the face model (`load_face_model`).
    #[error("the face model is not loaded")]
    NoFaceModel,
    /// `now_ms` must be a finite timestamp.
    #[error("timestamp {0} is not a finite number of milliseconds")]
    Time(f64),
}

/// A frame autocapture picked: the sharpest of the compliant run.
#[derive(Debug, Clone, PartialEq)]
pub struct CapturedFrame {
    pub frame: u64,
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// Analyzes frame after frame; owns its buffers, its trackers and the retained best frame.
#[derive(Debug)]
pub struct FrameAnalyzer {
    options: AnalyzerOptions,
    quality: QualityAnalyzer,
    detector: Option<FaceDetector>,
    document: Option<DocumentDetector>,
    autocapture: Autocapture,
    stabilizer: FeedbackStabilizer<Feedback>,
    frame: u64,
    /// The best frame of the current compliant run (one buffer, reused).
    retained: CapturedFrame,
    captured: Option<CapturedFrame>,
}

/// The face box, grown by 25 % around its centre (hair, chin, ears belong to the region the
/// sharpness and exposure metrics see), clamped to the frame.
fn face_region(bbox: &crate::roi::face::FaceBox, width: u32, height: u32) -> Option<Rect> {
    let (cx, cy) = (bbox.x + bbox.width / 2.0, bbox.y + bbox.height / 2.0);
    let (w, h) = (bbox.width * 1.25, bbox.height * 1.25);
    let x0 = (cx - w / 2.0).max(0.0).floor();
    let y0 = (cy - h / 2.0).max(0.0).floor();
    let x1 = (cx + w / 2.0).min(width as f32).ceil();
    let y1 = (cy + h / 2.0).min(height as f32).ceil();
    (x1 - x0 >= 2.0 && y1 - y0 >= 2.0 && x0.is_finite() && y0.is_finite())
        .then(|| Rect::new(x0 as u32, y0 as u32, (x1 - x0) as u32, (y1 - y0) as u32))
}

impl FrameAnalyzer {
    /// Validates every option; a face analyzer still needs [`Self::load_face_model`].
    pub fn new(options: AnalyzerOptions) -> Result<Self, AnalyzeError> {
        options.detector.validate()?;
        options.face.validate()?;
        options.stabilizer.validate()?;
        let document = match options.subject {
            AnalyzerSubject::Document(_) => Some(DocumentDetector::new(options.document)?),
            AnalyzerSubject::Face => None,
        };
        Ok(Self {
            quality: QualityAnalyzer::new(options.quality.clone())?,
            autocapture: Autocapture::new(options.autocapture)?,
            stabilizer: FeedbackStabilizer::new(options.stabilizer)?,
            detector: None,
            document,
            frame: 0,
            retained: CapturedFrame { frame: 0, width: 0, height: 0, rgba: Vec::new() },
            captured: None,
            options,
        })
    }

    /// Loads BlazeFace short-range (`face_detection_short_range.tflite`).
    pub fn load_face_model(&mut self, model: &[u8]) -> Result<(), AnalyzeError> {
        let mut detector = FaceDetector::new(model)?;
        detector.set_options(self.options.detector)?;
        self.detector = Some(detector);
        Ok(())
    }

    pub fn options(&self) -> &AnalyzerOptions {
        &self.options
    }

    /// The guide region for a capture of this size.
    pub fn guide(&self, width: u32, height: u32) -> Result<Rect, AnalyzeError> {
        Ok(match self.options.subject {
            AnalyzerSubject::Face => face_guide(width, height, self.options.facing)?,
            AnalyzerSubject::Document(profile) => document_guide(width, height, profile)?,
        })
    }

    /// Analyzes one RGBA frame taken at `now_ms` (any monotonic clock, for the feedback
    /// stabilizer).
    pub fn analyze_rgba(&mut self, frame: &RgbaFrame<'_>, now_ms: f64) -> Result<AnalysisReport, AnalyzeError> {
        if !now_ms.is_finite() {
            return Err(AnalyzeError::Time(now_ms));
        }
        let (width, height) = (frame.width(), frame.height());
        let guide = self.guide(width, height)?;
        let (region, quality, faces, document, feedback) = match self.options.subject {
            AnalyzerSubject::Face => {
                let detector = self.detector.as_mut().ok_or(AnalyzeError::NoFaceModel)?;
                let faces = detector.detect(frame, Some(guide))?.to_vec();
                let region = faces.first().and_then(|f| face_region(&f.bbox, width, height)).unwrap_or(guide);
                self.quality.load_rgba(frame)?;
                let quality = self.quality.analyze_region(region, Subject::Face)?;
                let judge = FaceJudge::with_guide(width, height, guide, self.options.face)?;
                let geometry = judge.judge(&faces, Some(quality.brightness.value));
                let feedback = face_feedback(geometry, &quality);
                (region, quality, Some(faces), None, feedback)
            }
            AnalyzerSubject::Document(_) => {
                let detector = self.document.as_mut().ok_or(AnalyzeError::NoFaceModel)?;
                // One pass over the frame: the search and the metrics share the quality plane.
                self.quality.load_rgba(frame)?;
                let (plane, factor) = (self.quality.plane(), self.quality.plane_factor());
                let mut report = detector.detect_downscaled(plane, factor, width, height, guide)?;
                let region = report.bounding.unwrap_or(guide);
                let quality = self.quality.analyze_region(region, Subject::Document)?;
                report.apply_quality(Some(&quality));
                let feedback = Feedback::Document(report.feedback);
                (region, quality, None, Some(report), feedback)
            }
        };
        self.frame += 1;
        let compliant = feedback.is_compliant();
        let decision = self.autocapture.observe(self.frame, compliant, quality.sharpness.value);
        match decision {
            Decision::Keep => {
                self.retained.rgba.clear();
                self.retained.rgba.extend_from_slice(frame.data());
                (self.retained.frame, self.retained.width, self.retained.height) = (self.frame, width, height);
            }
            Decision::Capture { frame_id: id } if id == self.frame => {
                self.captured = Some(CapturedFrame { frame: id, width, height, rgba: frame.data().to_vec() });
            }
            Decision::Capture { frame_id: id } if id == self.retained.frame => {
                self.captured = Some(self.retained.clone());
            }
            Decision::Capture { .. } | Decision::Discard => {}
        }
        let display = self.stabilizer.update(now_ms, feedback);
        Ok(AnalysisReport {
            frame: self.frame,
            width,
            height,
            guide,
            region,
            quality,
            faces,
            document,
            feedback,
            display,
            compliant,
            autocapture: decision,
        })
    }

    /// The frame autocapture picked, once it fired (until [`Self::reset`]).
    pub fn captured(&self) -> Option<&CapturedFrame> {
        self.captured.as_ref()
    }

    /// Starts over: a new capture, history and feedback forgotten.
    pub fn reset(&mut self) {
        self.autocapture.reset();
        self.stabilizer.reset();
        self.quality.reset();
        if let Some(document) = self.document.as_mut() {
            document.reset();
        }
        self.captured = None;
        self.retained.rgba.clear();
    }
}
