//! The guide-anchored document fit: one line per guide side, intersected into a quadrilateral.

use serde::Serialize;

use crate::frame::{FrameError, LumaPlane, LumaRange, Rect, RgbaFrame, YPlane};
use crate::quality::QualityReport;

use super::error::DocumentError;
use super::feedback::{DocumentFeedback, combine_feedback};
use super::fit::Work;
use super::geometry::Point;
use super::options::DocumentOptions;
use super::search::Candidate;

/// Smallest guide side, in analysis (downscaled) pixels, that can be searched.
pub const MIN_GUIDE_SIDE: u32 = 16;

/// Candidates kept per side for the joint choice of four lines.
pub(super) const CANDIDATES_PER_SIDE: usize = 4;

/// Score of the line chosen for each side (or, when no document was found, of the strongest
/// local maximum), in 0..1.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct SideScores {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl SideScores {
    /// The scores in the order top, right, bottom, left.
    pub fn as_array(&self) -> [f32; 4] {
        [self.top, self.right, self.bottom, self.left]
    }

    pub(super) fn from_array([top, right, bottom, left]: [f64; 4]) -> Self {
        Self {
            top: top as f32,
            right: right as f32,
            bottom: bottom as f32,
            left: left as f32,
        }
    }
}

/// What the fit found in one frame. Serialized camelCase for JS.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentReport {
    /// Four sides were found and form a plausible quadrilateral. False also when only three
    /// were (the feedback then still says where the document is; see [`DocumentDetector`]).
    pub found: bool,
    /// Top-left, top-right, bottom-right, bottom-left, in frame pixels (continuous coordinates;
    /// may lie outside the frame when the document is cut).
    pub corners: Option<[Point; 4]>,
    /// The corners' bounding box clamped to the frame (for the quality analyzer's region).
    pub bounding: Option<Rect>,
    /// Quadrilateral area / guide area; 0 when not found.
    pub fill_ratio: f32,
    /// Mean angle of the top and bottom sides in degrees, clockwise on screen; 0 when not found.
    pub tilt_deg: f32,
    /// Mean top/bottom length over mean left/right length; 0 when not found.
    pub aspect: f32,
    pub side_scores: SideScores,
    /// Largest corner displacement in frame pixels since the previous frame in which the
    /// document was found with the same guide; `None` without such a frame.
    pub motion_px: Option<f32>,
    /// The guide the search was anchored to, in frame pixels.
    pub guide: Rect,
    /// Verdict from the geometry alone.
    pub geometry_feedback: DocumentFeedback,
    /// Verdict to show: the geometry combined with the last [`Self::apply_quality`] report.
    pub feedback: DocumentFeedback,
}

impl DocumentReport {
    /// Recomputes [`Self::feedback`] from the geometry and `quality` (the [`QualityReport`] of
    /// [`Self::bounding`], or of the guide when nothing was found; `None` forgets it).
    pub fn apply_quality(&mut self, quality: Option<&QualityReport>) {
        self.feedback = combine_feedback(self.geometry_feedback, quality);
    }

    /// The centre of the quadrilateral (mean of the corners).
    pub fn center(&self) -> Option<Point> {
        self.corners.map(|c| {
            let n = c.len() as f32;
            Point::new(
                c.iter().map(|p| p.x).sum::<f32>() / n,
                c.iter().map(|p| p.y).sum::<f32>() / n,
            )
        })
    }
}

/// Finds the document inside a guide, frame after frame, reusing its buffers.
///
/// For each side of the guide it scans lines within ±`searchFraction` of the guide's size and
/// ±`maxAngleDeg` (`search.rs` documents the score), keeps the strongest local maxima, picks
/// the combination of four whose quadrilateral is convex, has the profile's aspect and nearly
/// parallel opposite sides with the largest total score (minus an aspect penalty), and refines
/// those four lines to sub-pixel precision before intersecting them.
///
/// When no four lines fit but three do, and the fourth (placed by the aspect ratio) lies beyond
/// its search range or outside the frame, the document is there but off the guide: the report
/// says `found: false` with no corners, and its feedback says which way
/// (`DOCUMENT_NOT_FULLY_VISIBLE`, `DOCUMENT_ON_RIGHT`, …).
///
/// The detector remembers the last frame's corners to measure motion (`maxMotion`); call
/// [`Self::reset`] when frames were skipped.
#[derive(Debug, Clone)]
pub struct DocumentDetector {
    options: DocumentOptions,
    plane: LumaPlane,
    work: Work,
}

impl DocumentDetector {
    /// A detector with validated `options`.
    pub fn new(options: DocumentOptions) -> Result<Self, DocumentError> {
        options.validate()?;
        Ok(Self {
            options,
            plane: LumaPlane::new(),
            work: Work::default(),
        })
    }

    pub fn options(&self) -> &DocumentOptions {
        &self.options
    }

    /// The downscaled plane of the last [`Self::detect_rgba`] / [`Self::detect_luma`] frame.
    pub fn plane(&self) -> &LumaPlane {
        &self.plane
    }

    /// Bytes reserved by the internal buffers; constant once warmed up for a frame size.
    pub fn buffer_capacity(&self) -> usize {
        let w = &self.work;
        self.plane.capacity()
            + w.grad.capacity()
            + w.scan.capacity()
            + w.candidates
                .iter()
                .map(|c| c.capacity() * size_of::<Candidate>())
                .sum::<usize>()
    }

    /// Searches an RGBA frame (downscaled by [`DocumentOptions::factor_for`] first).
    pub fn detect_rgba(
        &mut self,
        frame: &RgbaFrame<'_>,
        guide: Rect,
    ) -> Result<DocumentReport, DocumentError> {
        let (w, h) = (frame.width(), frame.height());
        check_guide(guide, w, h)?;
        let factor = self.options.factor_for(w, h);
        self.plane.fill_from_rgba(frame, factor)?;
        search(
            &mut self.work,
            &self.options,
            &self.plane,
            factor,
            (w, h),
            guide,
        )
    }

    /// Searches a Y plane (I420/NV12 from `VideoFrame.copyTo`); `range` says whether it must be
    /// expanded from limited (16–235) range.
    pub fn detect_luma(
        &mut self,
        y: &YPlane<'_>,
        range: LumaRange,
        guide: Rect,
    ) -> Result<DocumentReport, DocumentError> {
        let (w, h) = (y.width(), y.height());
        check_guide(guide, w, h)?;
        let factor = self.options.factor_for(w, h);
        self.plane.fill_from_y(y, range, factor)?;
        search(
            &mut self.work,
            &self.options,
            &self.plane,
            factor,
            (w, h),
            guide,
        )
    }

    /// Searches a plane that is a `frame_width` x `frame_height` frame already box-downscaled by
    /// `factor` (e.g. [`crate::quality::QualityAnalyzer::plane`]); `guide` is in frame pixels.
    pub fn detect_plane(
        &mut self,
        plane: &LumaPlane,
        factor: u32,
        frame_width: u32,
        frame_height: u32,
        guide: Rect,
    ) -> Result<DocumentReport, DocumentError> {
        check_plane(plane, factor, frame_width, frame_height, guide)?;
        search(
            &mut self.work,
            &self.options,
            plane,
            factor,
            (frame_width, frame_height),
            guide,
        )
    }

    /// Searches a `frame_width` x `frame_height` frame given as a plane already box-downscaled
    /// by `plane_factor` (e.g. [`crate::quality::QualityAnalyzer::plane`], so the frame is read
    /// once for both the search and the quality metrics). The plane is reduced further by the
    /// integer factor that brings the search closest to [`DocumentDetector::detect_rgba`]'s
    /// scale ([`DocumentOptions::factor_for`]); box means of box means can differ from a direct
    /// box mean by one grey level (floored twice).
    pub fn detect_downscaled(
        &mut self,
        plane: &LumaPlane,
        plane_factor: u32,
        frame_width: u32,
        frame_height: u32,
        guide: Rect,
    ) -> Result<DocumentReport, DocumentError> {
        check_plane(plane, plane_factor, frame_width, frame_height, guide)?;
        let wanted = self.options.factor_for(frame_width, frame_height);
        let k = ((2 * wanted + plane_factor) / (2 * plane_factor)).max(1);
        if k == 1 {
            return search(
                &mut self.work,
                &self.options,
                plane,
                plane_factor,
                (frame_width, frame_height),
                guide,
            );
        }
        let y = YPlane::new(plane.data(), plane.width(), plane.height(), plane.width())?;
        self.plane.fill_from_y(&y, LumaRange::Full, k)?;
        // ceil(ceil(w / p) / k) = ceil(w / (p k)): the reduced plane is the size `fit` expects.
        let factor = plane_factor.saturating_mul(k);
        search(
            &mut self.work,
            &self.options,
            &self.plane,
            factor,
            (frame_width, frame_height),
            guide,
        )
    }

    /// Forgets the previous frame's corners (a new capture starts, or frames were skipped).
    pub fn reset(&mut self) {
        self.work.previous = None;
    }
}

/// Fits the document on `plane` (the frame downscaled by `factor`) and tracks its motion.
fn search(
    work: &mut Work,
    options: &DocumentOptions,
    plane: &LumaPlane,
    factor: u32,
    (frame_width, frame_height): (u32, u32),
    guide: Rect,
) -> Result<DocumentReport, DocumentError> {
    let report = work.fit(options, plane, factor, frame_width, frame_height, guide);
    work.track(options, report)
}

/// `plane` must be the `width` x `height` frame downscaled by `factor` (sides rounded up), and
/// `guide` must lie in the frame.
fn check_plane(
    plane: &LumaPlane,
    factor: u32,
    width: u32,
    height: u32,
    guide: Rect,
) -> Result<(), DocumentError> {
    if factor == 0 {
        return Err(FrameError::Factor { factor }.into());
    }
    check_guide(guide, width, height)?;
    if (plane.width(), plane.height()) != (width.div_ceil(factor), height.div_ceil(factor)) {
        return Err(DocumentError::PlaneSize {
            width,
            height,
            factor,
            plane_width: plane.width(),
            plane_height: plane.height(),
        });
    }
    Ok(())
}

fn check_guide(guide: Rect, width: u32, height: u32) -> Result<(), DocumentError> {
    if width == 0 || height == 0 || width > RgbaFrame::MAX_SIDE || height > RgbaFrame::MAX_SIDE {
        return Err(DocumentError::CaptureSize { width, height });
    }
    if !guide.fits_in(width, height) {
        return Err(DocumentError::GuideOutside {
            guide,
            width,
            height,
        });
    }
    Ok(())
}
