//! The whole per-frame verdict: where the subject should be (guide), where it is (face or
//! document), whether the frame is good enough (quality on that region), what to tell the user
//! (one feedback code, stabilized), and when to capture (autocapture, sharpest frame of the run).
//!
//! One call per frame; the analyzer owns every buffer and reuses them.

mod frame_analyzer;
mod feedback;
mod options;
mod report;

pub use frame_analyzer::{AnalyzeError, CapturedFrame, FrameAnalyzer};
pub use feedback::{Feedback, QualityHint};
pub use options::{AnalyzerOptions, AnalyzerSubject};
pub use report::AnalysisReport;
