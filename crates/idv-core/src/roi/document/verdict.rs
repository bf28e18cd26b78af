//! The verdict on a found quadrilateral (or on three sides) and the reports built from it.

use crate::frame::Rect;

use super::detector::{DocumentReport, SideScores};
use super::feedback::DocumentFeedback;
use super::geometry::{self, Quad, V2};
use super::options::DocumentOptions;
use super::search::{Candidate, Side};

/// Where the document is when `side`'s line lies at offset `d`, beyond its search range.
pub(super) fn beyond(side: Side, d: f64) -> DocumentFeedback {
    match (side, d > 0.0) {
        (Side::Top | Side::Bottom, true) => DocumentFeedback::DocumentTooLow,
        (Side::Top | Side::Bottom, false) => DocumentFeedback::DocumentTooHigh,
        (Side::Left | Side::Right, true) => DocumentFeedback::DocumentOnRight,
        (Side::Left | Side::Right, false) => DocumentFeedback::DocumentOnLeft,
    }
}

/// Mean angle of the measured top and bottom sides (or of whichever was measured).
pub(super) fn tilt_of(sides: &[Option<Candidate>; 4]) -> f64 {
    match (sides[0], sides[2]) {
        (Some(t), Some(b)) => (t.angle_deg + b.angle_deg) / 2.0,
        (Some(c), None) | (None, Some(c)) => c.angle_deg,
        (None, None) => 0.0,
    }
}

/// The frame and guide a quadrilateral is judged against.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) guide: Rect,
}

/// The geometric verdict (see [`super::feedback`] for the order of the checks).
pub(super) fn judge(o: &DocumentOptions, fr: &Frame, quad: &Quad, tilt: f64) -> DocumentFeedback {
    let (w, h, guide) = (f64::from(fr.width), f64::from(fr.height), fr.guide);
    let fill = geometry::area(quad) / guide.area().max(1) as f64;
    let mx = f64::from(o.border_margin) * w;
    let my = f64::from(o.border_margin) * h;
    let cut = quad
        .iter()
        .any(|p| p.x < mx || p.x > w - mx || p.y < my || p.y > h - my);
    let (max_fill, min_fill) = (f64::from(o.max_fill_ratio), f64::from(o.min_fill_ratio));
    let c = geometry::centroid(quad);
    let gcx = f64::from(guide.x) + f64::from(guide.width) / 2.0;
    let gcy = f64::from(guide.y) + f64::from(guide.height) / 2.0;
    let dx = (c.x - gcx) / f64::from(guide.width.max(1));
    let dy = (c.y - gcy) / f64::from(guide.height.max(1));
    let off = f64::from(o.max_center_offset);
    if cut && fill > max_fill {
        DocumentFeedback::DocumentTooClose
    } else if cut {
        DocumentFeedback::DocumentNotFullyVisible
    } else if fill > max_fill {
        DocumentFeedback::DocumentTooClose
    } else if fill < min_fill {
        DocumentFeedback::DocumentTooFar
    } else if dx < -off {
        DocumentFeedback::DocumentOnLeft
    } else if dx > off {
        DocumentFeedback::DocumentOnRight
    } else if dy < -off {
        DocumentFeedback::DocumentTooHigh
    } else if dy > off {
        DocumentFeedback::DocumentTooLow
    } else if tilt.abs() > f64::from(o.max_tilt_deg) {
        DocumentFeedback::DocumentTilted
    } else {
        DocumentFeedback::DocumentCompliant
    }
}

pub(super) fn not_found(guide: Rect, side_scores: SideScores) -> DocumentReport {
    DocumentReport {
        found: false,
        corners: None,
        bounding: None,
        fill_ratio: 0.0,
        tilt_deg: 0.0,
        aspect: 0.0,
        side_scores,
        motion_px: None,
        guide,
        geometry_feedback: DocumentFeedback::NoDocumentDetected,
        feedback: DocumentFeedback::NoDocumentDetected,
    }
}

pub(super) fn found(
    o: &DocumentOptions,
    fr: &Frame,
    sides: &[Candidate; 4],
    quad: &Quad,
) -> DocumentReport {
    let tilt = (sides[0].angle_deg + sides[2].angle_deg) / 2.0;
    let (w, h) = (f64::from(fr.width), f64::from(fr.height));
    let fold =
        |f: fn(f64, f64) -> f64, init: f64, get: fn(&V2) -> f64| quad.iter().map(get).fold(init, f);
    let (min_x, max_x) = (
        fold(f64::min, f64::INFINITY, |p| p.x),
        fold(f64::max, f64::NEG_INFINITY, |p| p.x),
    );
    let (min_y, max_y) = (
        fold(f64::min, f64::INFINITY, |p| p.y),
        fold(f64::max, f64::NEG_INFINITY, |p| p.y),
    );
    let (bx0, by0) = (min_x.floor().clamp(0.0, w), min_y.floor().clamp(0.0, h));
    let (bx1, by1) = (max_x.ceil().clamp(0.0, w), max_y.ceil().clamp(0.0, h));
    let bounding = (bx1 > bx0 && by1 > by0).then(|| {
        Rect::new(
            bx0 as u32,
            by0 as u32,
            (bx1 - bx0) as u32,
            (by1 - by0) as u32,
        )
    });
    let verdict = judge(o, fr, quad, tilt);
    DocumentReport {
        found: true,
        corners: Some(quad.map(V2::to_point)),
        bounding,
        fill_ratio: (geometry::area(quad) / fr.guide.area().max(1) as f64) as f32,
        tilt_deg: tilt as f32,
        aspect: geometry::aspect(quad) as f32,
        side_scores: SideScores::from_array(sides.map(|c| c.score)),
        motion_px: None,
        guide: fr.guide,
        geometry_feedback: verdict,
        feedback: verdict,
    }
}
