//! Document (ID-1 card, passport page) detection within a capture guide.
//!
//! - [`document_guide`]: the centred guide rectangle of the document's aspect, in capture pixels
//!   (AwareID's calculate-ROI `{x, y, width, height}`).
//! - [`DocumentDetector`]: a cheap guide-anchored fit. For each side of the guide it searches
//!   lines within ±20 % of the guide's size and ±10° for the strongest *signed* gradient across
//!   the line, normalised by the gradient magnitude along it; the best plausible combination of
//!   four lines (convex, the profile's aspect, opposite sides nearly parallel) is refined to
//!   sub-pixel precision and intersected into four corners.
//! - [`DocumentReport`] and [`DocumentFeedback`]: the corners, fill ratio, tilt, aspect, side
//!   scores and one AwareID-style feedback code, combined with the caller's
//!   [`crate::quality::QualityReport`] by [`DocumentReport::apply_quality`].
//!
//! Typical use per frame: `detect_luma` (or `detect_rgba`) with the guide, then
//! `QualityAnalyzer::analyze_*` on `report.bounding` (the guide when nothing was found) with
//! `Subject::Document`, then `report.apply_quality(Some(&quality))`.
//!
//! Thresholds and their evidence: `docs/thresholds.md`.

mod angles;
mod band;
mod choice;
mod detector;
mod error;
mod feedback;
mod fit;
mod geometry;
mod guide;
mod options;
mod peaks;
mod refine;
mod scan;
mod search;
mod verdict;

pub use detector::{DocumentDetector, DocumentReport, MIN_GUIDE_SIDE, SideScores};
pub use error::DocumentError;
pub use feedback::{DocumentFeedback, combine_feedback};
pub use geometry::Point;
pub use guide::{DocumentProfile, GuideOptions, document_guide, document_guide_with};
pub use options::DocumentOptions;
