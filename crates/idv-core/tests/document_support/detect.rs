//! The document detector as the `document_*` tests drive it: a 640×480 frame, the default ID-1
//! guide and options, luma in full range, and the fit's corner error against the drawn card.

use idv_core::frame::{LumaPlane, LumaRange, Rect, YPlane};
use idv_core::roi::document::{
    DocumentDetector, DocumentOptions, DocumentProfile, DocumentReport, document_guide,
};

use super::synth::Card;

pub(crate) const W: u32 = 640;
pub(crate) const H: u32 = 480;

pub(crate) fn guide() -> Rect {
    document_guide(W, H, DocumentProfile::Id1).unwrap()
}

pub(crate) fn detector() -> DocumentDetector {
    DocumentDetector::new(DocumentOptions::default()).unwrap()
}

pub(crate) fn detect(d: &mut DocumentDetector, p: &LumaPlane, guide: Rect) -> DocumentReport {
    let y = YPlane::new(p.data(), p.width(), p.height(), p.width()).unwrap();
    d.detect_luma(&y, LumaRange::Full, guide).unwrap()
}

/// Largest distance between fitted and drawn corners.
pub(crate) fn corner_error(r: &DocumentReport, card: &Card) -> f32 {
    let c = r.corners.expect("corners");
    c.iter()
        .zip(card.corners())
        .map(|(p, q)| (p.x - q.0).hypot(p.y - q.1))
        .fold(0.0, f32::max)
}
