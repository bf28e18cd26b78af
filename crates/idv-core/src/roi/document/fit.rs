//! The fit itself: candidate lines per side, the best plausible combination of four, refined and
//! intersected into corners, then judged against the guide (split from `detector.rs`).

use crate::frame::{LumaPlane, Rect};

use super::detector::{CANDIDATES_PER_SIDE, DocumentReport, MIN_GUIDE_SIDE, SideScores};
use super::error::DocumentError;
use super::feedback::DocumentFeedback;
use super::geometry::{self, Line, Point, Quad, V2};
use super::options::DocumentOptions;
use super::search::{Candidate, Gradients, PlaneGuide, Scan, ScanParams, Side, SideSearch};

#[derive(Debug, Clone, Default)]
pub(super) struct Work {
    pub(super) grad: Gradients,
    pub(super) scan: Scan,
    pub(super) candidates: [Vec<Candidate>; 4],
    /// Corners and guide of the previous frame, when the document was found in it.
    pub(super) previous: Option<([Point; 4], Rect)>,
}

/// Weight of the aspect prior in the joint choice: the objective is the sum of the four side
/// scores minus this times |ln(aspect / expected)|, so a 2.5 % aspect error costs 0.1 of score.
/// Inner edges of a card (a header band, the letters in it, the MRZ) are often stronger than the
/// card's outline against the desk but give the wrong aspect (the fixture's header letters: 0.86
/// vs the outline's 0.72, aspect +5.3 %).
const ASPECT_WEIGHT: f64 = 4.0;

/// The chosen lines: all four measured, or three with the fourth predicted from the aspect.
#[derive(Debug, Clone, Copy)]
struct Choice {
    /// `None` for a predicted side.
    sides: [Option<Candidate>; 4],
    /// Lines in plane coordinates (the predicted one included).
    lines: [Line; 4],
    objective: f64,
}

impl Choice {
    fn missing(&self) -> Option<usize> {
        self.sides.iter().position(Option::is_none)
    }
}

/// Corners of the quadrilateral bounded by `lines` (top, right, bottom, left), scaled by `f`.
fn quad_of(lines: &[Line; 4], f: f64) -> Option<Quad> {
    let [t, r, b, l] = lines;
    let q = [
        t.intersect(l)?,
        t.intersect(r)?,
        b.intersect(r)?,
        b.intersect(l)?,
    ];
    Some(q.map(|p| V2::new(p.x * f, p.y * f)))
}

impl Work {
    /// Measures the corners' motion since the previous frame and judges it (`HOLD_STILL` when
    /// above `maxMotion` × guide width and every other geometric check passed); remembers the
    /// corners. A failed frame forgets them.
    pub(super) fn track(
        &mut self,
        o: &DocumentOptions,
        report: Result<DocumentReport, DocumentError>,
    ) -> Result<DocumentReport, DocumentError> {
        let Ok(mut r) = report else {
            self.previous = None;
            return report;
        };
        let Some(corners) = r.corners else {
            self.previous = None;
            return Ok(r);
        };
        if let Some((prev, guide)) = self.previous.filter(|(_, g)| *g == r.guide) {
            let motion = prev
                .iter()
                .zip(&corners)
                .map(|(a, b)| (a.x - b.x).hypot(a.y - b.y))
                .fold(0.0f32, f32::max);
            r.motion_px = Some(motion);
            let limit = o.max_motion * guide.width as f32;
            if r.geometry_feedback == DocumentFeedback::DocumentCompliant
                && (motion.is_nan() || motion > limit)
            {
                r.geometry_feedback = DocumentFeedback::HoldStill;
                r.feedback = DocumentFeedback::HoldStill;
            }
        }
        self.previous = Some((corners, r.guide));
        Ok(r)
    }

    pub(super) fn fit(
        &mut self,
        o: &DocumentOptions,
        plane: &LumaPlane,
        factor: u32,
        frame_width: u32,
        frame_height: u32,
        guide: Rect,
    ) -> Result<DocumentReport, DocumentError> {
        let f = f64::from(factor);
        let pg = PlaneGuide {
            x0: f64::from(guide.x) / f,
            y0: f64::from(guide.y) / f,
            x1: (f64::from(guide.x) + f64::from(guide.width)) / f,
            y1: (f64::from(guide.y) + f64::from(guide.height)) / f,
        };
        if pg.x1 - pg.x0 < f64::from(MIN_GUIDE_SIDE) || pg.y1 - pg.y0 < f64::from(MIN_GUIDE_SIDE) {
            return Err(DocumentError::GuideTooSmall {
                guide,
                factor,
                min: MIN_GUIDE_SIDE,
            });
        }
        let search = f64::from(o.search_fraction);
        let span = f64::from(o.span_fraction);
        let sides = Side::ALL.map(|s| SideSearch::new(s, &pg, search, span));
        let max_angle = f64::from(o.max_angle_deg);
        let step = f64::from(o.angle_step_deg);

        // Gradients over the union of what any line can touch, clipped to the plane.
        let reach = max_angle + 2.0 * step;
        let (mut x0, mut y0, mut x1, mut y1) = (i32::MAX, i32::MAX, i32::MIN, i32::MIN);
        for s in &sides {
            let (a, b, c, d) = s.bounds(reach);
            (x0, y0, x1, y1) = (x0.min(a), y0.min(b), x1.max(c), y1.max(d));
        }
        let clip = |v: i32, max: u32| v.clamp(0, max as i32) as u32;
        let (wx0, wy0) = (clip(x0, plane.width()), clip(y0, plane.height()));
        let (wx1, wy1) = (clip(x1 + 1, plane.width()), clip(y1 + 1, plane.height()));
        let window = Rect::new(wx0, wy0, wx1.saturating_sub(wx0), wy1.saturating_sub(wy0));
        let window = plane.check_region(window)?;
        self.grad.compute(plane, window);

        let params = ScanParams {
            max_angle_deg: max_angle,
            angle_step_deg: step,
            floor: super::search::floor_units(f64::from(o.contrast_floor)),
            step: 2,
        };
        for (s, c) in sides.iter().zip(self.candidates.iter_mut()) {
            c.clear();
            self.scan
                .run(&self.grad, s, &params, CANDIDATES_PER_SIDE, c);
        }
        let best = self
            .candidates
            .each_ref()
            .map(|c| c.first().map_or(0.0, |c| c.score));
        let dims = (f64::from(plane.width()), f64::from(plane.height()));
        let Some(choice) = self.choose(o, &sides, dims) else {
            return Ok(not_found(guide, SideScores::from_array(best)));
        };
        let frame = Frame {
            width: frame_width,
            height: frame_height,
            guide,
        };
        if let Some(m) = choice.missing() {
            // Three sides: say where the document is, but report no corners.
            let scores = core::array::from_fn(|i| {
                choice
                    .sides
                    .get(i)
                    .copied()
                    .flatten()
                    .map_or(best[i], |c| c.score)
            });
            let mut report = not_found(guide, SideScores::from_array(scores));
            let quad = quad_of(&choice.lines, f);
            let side = sides.get(m);
            let d = side
                .zip(choice.lines.get(m))
                .and_then(|(s, l)| s.offset_of(l));
            if let (Some(quad), Some(side), Some(d)) = (quad, side, d) {
                let tilt = tilt_of(&choice.sides);
                let verdict = match judge(o, &frame, &quad, tilt) {
                    // Every check passed on the predicted shape, yet the missing side lies
                    // beyond its search range: the document sits off the guide that way.
                    DocumentFeedback::DocumentCompliant => beyond(side.side, d),
                    v => v,
                };
                report.geometry_feedback = verdict;
                report.feedback = verdict;
            }
            return Ok(report);
        }
        // Four sides: refine them; keep the coarse lines if refinement broke the shape.
        let chosen: [Candidate; 4] = core::array::from_fn(|i| {
            choice.sides.get(i).copied().flatten().unwrap_or(Candidate {
                offset: 0.0,
                angle_deg: 0.0,
                score: 0.0,
                brighter_inside: false,
            })
        });
        let refined: [Candidate; 4] =
            core::array::from_fn(|i| sides[i].refine(&self.grad, &chosen[i], step));
        if refined.iter().any(|c| c.angle_deg.abs() > max_angle) {
            return Ok(not_found(guide, SideScores::from_array(best)));
        }
        let lines: [Line; 4] =
            core::array::from_fn(|i| sides[i].line(refined[i].offset, refined[i].angle_deg));
        let (used, quad) = match quad_of(&lines, f) {
            Some(q) if geometry::convex_clockwise(&q) => (refined, q),
            _ => match quad_of(&choice.lines, f) {
                Some(q) => (chosen, q),
                None => return Ok(not_found(guide, SideScores::from_array(best))),
            },
        };
        Ok(found(o, &frame, &used, &quad))
    }

    /// The plausible combination of candidates with the largest objective: four measured sides
    /// if any combination works, else three with the fourth predicted (see [`predict`]).
    fn choose(
        &self,
        o: &DocumentOptions,
        sides: &[SideSearch; 4],
        plane: (f64, f64),
    ) -> Option<Choice> {
        let min = f64::from(o.min_side_score);
        // Each side's candidates above the threshold, then `None` (the side is missing). Fixed
        // arrays: choosing allocates nothing.
        let options: [[Option<Option<Candidate>>; CANDIDATES_PER_SIDE + 1]; 4] =
            core::array::from_fn(|i| {
                let mut v = [None; CANDIDATES_PER_SIDE + 1];
                let good = self
                    .candidates
                    .get(i)
                    .into_iter()
                    .flatten()
                    .filter(|c| c.score >= min);
                for (slot, c) in v.iter_mut().zip(good) {
                    *slot = Some(Some(*c));
                }
                if let Some(slot) = v.iter_mut().find(|s| s.is_none()) {
                    *slot = Some(None);
                }
                v
            });
        let target = o.profile.aspect();
        let (mut full, mut partial): (Option<Choice>, Option<Choice>) = (None, None);
        let [o0, o1, o2, o3] = &options;
        for &t in o0.iter().flatten() {
            for &r in o1.iter().flatten() {
                for &b in o2.iter().flatten() {
                    for &l in o3.iter().flatten() {
                        let picked = [t, r, b, l];
                        let missing = picked.iter().filter(|c| c.is_none()).count();
                        if missing > 1 || (missing == 1 && full.is_some()) {
                            continue;
                        }
                        let Some(c) = evaluate(o, sides, picked, target, plane) else {
                            continue;
                        };
                        let slot = if missing == 0 {
                            &mut full
                        } else {
                            &mut partial
                        };
                        if slot.is_none_or(|b| c.objective > b.objective) {
                            *slot = Some(c);
                        }
                    }
                }
            }
        }
        full.or(partial)
    }
}

/// Builds and checks one combination; `None` when implausible.
fn evaluate(
    o: &DocumentOptions,
    sides: &[SideSearch; 4],
    picked: [Option<Candidate>; 4],
    target: f64,
    plane: (f64, f64),
) -> Option<Choice> {
    let measured: [Option<Line>; 4] =
        core::array::from_fn(|i| picked[i].map(|c| sides[i].line(c.offset, c.angle_deg)));
    let angles = picked.map(|c| c.map(|c| c.angle_deg));
    let skew = f64::from(o.max_skew_deg);
    // Opposite sides nearly parallel, and the two pairs nearly perpendicular.
    let pair = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => ((a - b).abs() <= skew).then_some((a + b) / 2.0),
        (Some(a), None) | (None, Some(a)) => Some(a),
        (None, None) => None,
    };
    let horizontal = pair(angles[0], angles[2])?;
    let vertical = pair(angles[1], angles[3])?;
    if (horizontal - vertical).abs() > skew {
        return None;
    }
    let missing = picked.iter().position(Option::is_none);
    let [t, r, b, l]: [Option<Line>; 4] =
        core::array::from_fn(|i| measured[i].or_else(|| predict(&measured, i, target)));
    let lines = [t?, r?, b?, l?];
    let quad = quad_of(&lines, 1.0)?;
    if let Some(m) = missing {
        // A predicted side that lies where the scan could have found it (inside the offsets
        // where a local maximum can be, and inside the plane) contradicts the three measured
        // ones: they are not a document's. Beyond the range or cut by the frame it is plausible.
        let d = sides.get(m)?.offset_of(lines.get(m)?)?;
        let (a, b) = (quad.get(m)?, quad.get((m + 1) % 4)?);
        let inside =
            |p: &V2| p.x >= 2.0 && p.y >= 2.0 && p.x <= plane.0 - 2.0 && p.y <= plane.1 - 2.0;
        if d.abs() < f64::from(sides.get(m)?.radius - 1) && inside(a) && inside(b) {
            return None;
        }
    }
    if !geometry::convex_clockwise(&quad) {
        return None;
    }
    let aspect_error = (geometry::aspect(&quad) / target).ln().abs();
    if aspect_error.is_nan() || aspect_error > f64::from(o.aspect_tolerance) {
        return None;
    }
    let score: f64 = picked.iter().flatten().map(|c| c.score).sum();
    Some(Choice {
        sides: picked,
        lines,
        objective: score - ASPECT_WEIGHT * aspect_error,
    })
}

/// The missing side `m` (0 top, 1 right, 2 bottom, 3 left) as its opposite side moved across
/// the document by the length the aspect ratio implies.
fn predict(lines: &[Option<Line>; 4], m: usize, aspect: f64) -> Option<Line> {
    let get = |i: usize| lines.get(i).copied().flatten();
    let opposite = get((m + 2) % 4)?;
    let (a, b) = (get((m + 1) % 4)?, get((m + 3) % 4)?);
    let (p, q) = (opposite.intersect(&a)?, opposite.intersect(&b)?);
    let known = q.sub(p).len();
    // Top/bottom missing: the known side is a width, the distance is a height; and vice versa.
    let distance = if m.is_multiple_of(2) {
        known / aspect
    } else {
        known * aspect
    };
    let len = opposite.d.len();
    if len <= 0.0 {
        return None;
    }
    let n = V2::new(-opposite.d.y / len, opposite.d.x / len);
    // Towards the missing side: up for top, right for right, down for bottom, left for left.
    let towards = match m {
        0 => -n.y,
        1 => n.x,
        2 => n.y,
        _ => -n.x,
    };
    let s = if towards >= 0.0 { distance } else { -distance };
    Some(Line {
        p: V2::new(opposite.p.x + s * n.x, opposite.p.y + s * n.y),
        d: opposite.d,
    })
}

/// Where the document is when `side`'s line lies at offset `d`, beyond its search range.
fn beyond(side: Side, d: f64) -> DocumentFeedback {
    match (side, d > 0.0) {
        (Side::Top | Side::Bottom, true) => DocumentFeedback::DocumentTooLow,
        (Side::Top | Side::Bottom, false) => DocumentFeedback::DocumentTooHigh,
        (Side::Left | Side::Right, true) => DocumentFeedback::DocumentOnRight,
        (Side::Left | Side::Right, false) => DocumentFeedback::DocumentOnLeft,
    }
}

/// Mean angle of the measured top and bottom sides (or of whichever was measured).
fn tilt_of(sides: &[Option<Candidate>; 4]) -> f64 {
    match (sides[0], sides[2]) {
        (Some(t), Some(b)) => (t.angle_deg + b.angle_deg) / 2.0,
        (Some(c), None) | (None, Some(c)) => c.angle_deg,
        (None, None) => 0.0,
    }
}

/// The frame and guide a quadrilateral is judged against.
#[derive(Debug, Clone, Copy)]
struct Frame {
    width: u32,
    height: u32,
    guide: Rect,
}

/// The geometric verdict (see [`super::feedback`] for the order of the checks).
fn judge(o: &DocumentOptions, fr: &Frame, quad: &Quad, tilt: f64) -> DocumentFeedback {
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

fn not_found(guide: Rect, side_scores: SideScores) -> DocumentReport {
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

fn found(o: &DocumentOptions, fr: &Frame, sides: &[Candidate; 4], quad: &Quad) -> DocumentReport {
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
