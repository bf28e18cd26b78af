//! The fit itself: candidate lines per side, the best plausible combination of four
//! ([`super::choice`]), refined ([`super::refine`]) and intersected into corners, then judged
//! against the guide ([`super::verdict`]).

use crate::frame::{LumaPlane, Rect};

use super::band::Gradients;
use super::choice::{choose, quad_of};
use super::detector::{CANDIDATES_PER_SIDE, DocumentReport, MIN_GUIDE_SIDE, SideScores};
use super::error::DocumentError;
use super::feedback::DocumentFeedback;
use super::geometry::{self, Line, Point};
use super::options::DocumentOptions;
use super::refine::Sampler;
use super::scan::Scan;
use super::search::{Candidate, PlaneGuide, ScanParams, Side, SideSearch};
use super::verdict::{Frame, beyond, found, judge, not_found, tilt_of};

#[derive(Debug, Clone, Default)]
pub(super) struct Work {
    /// Running gradient sums of each side's search band, and the refinement's strip.
    pub(super) grad: Gradients,
    pub(super) scan: Scan,
    pub(super) candidates: [Vec<Candidate>; 4],
    /// Corners and guide of the previous frame, when the document was found in it.
    pub(super) previous: Option<([Point; 4], Rect)>,
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

        let params = ScanParams {
            max_angle_deg: max_angle,
            angle_step_deg: step,
            floor: super::search::floor_units(f64::from(o.contrast_floor)),
            step: 2,
        };
        let per_side = sides
            .iter()
            .zip(&mut self.candidates)
            .zip(self.grad.sides.iter_mut().zip(0..));
        for ((s, c), (band, i)) in per_side {
            c.clear();
            if let Some(table) = self.scan.tables.get_mut(i) {
                table.update(s, &params);
                band.fill(plane, window, s, table);
            }
            self.scan.run(i, band, s, &params, CANDIDATES_PER_SIDE, c);
        }
        let best = self
            .candidates
            .each_ref()
            .map(|c| c.first().map_or(0.0, |c| c.score));
        let dims = (f64::from(plane.width()), f64::from(plane.height()));
        let Some(choice) = choose(o, &self.candidates, &sides, dims) else {
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
        let sampler = Sampler::new(plane, window);
        let refiner = &mut self.grad.refiner;
        let refined: [Candidate; 4] =
            core::array::from_fn(|i| refiner.refine(&sampler, &sides[i], &chosen[i], &params));
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
}
