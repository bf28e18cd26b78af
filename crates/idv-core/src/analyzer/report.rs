//! The result of one frame.

use serde::Serialize;

use super::feedback::Feedback;
use crate::autocapture::Decision;
use crate::frame::Rect;
use crate::quality::QualityReport;
use crate::roi::document::DocumentReport;
use crate::roi::face::Face;

/// Everything the analyzer found in one frame. Serialized camelCase for JS.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnalysisReport {
    /// 1, 2, 3 … per analyzer.
    pub frame: u64,
    pub width: u32,
    pub height: u32,
    /// Where the subject should be, in frame pixels.
    pub guide: Rect,
    /// The region the quality metrics ran on: the face box or the document, else the guide.
    pub region: Rect,
    pub quality: QualityReport,
    /// Faces found in the guide (face subject only), best first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub faces: Option<Vec<Face>>,
    /// The document fit (document subject only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentReport>,
    /// This frame's own verdict.
    pub feedback: Feedback,
    /// The code to show the user (stabilized: no flicker, a minimum display time).
    pub display: Feedback,
    pub compliant: bool,
    /// What autocapture decided; on `capture`, `FrameAnalyzer::captured` holds the frame.
    pub autocapture: Decision,
}
