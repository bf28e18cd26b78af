//! The joint choice of four lines: every combination of the sides' candidates (one side may be
//! missing and predicted from the aspect), kept when its quadrilateral is plausible, ranked by
//! the summed scores minus an aspect penalty.

use super::detector::CANDIDATES_PER_SIDE;
use super::geometry::{self, Line, Quad, V2};
use super::options::DocumentOptions;
use super::search::{Candidate, SideSearch};

/// Weight of the aspect prior in the joint choice: the objective is the sum of the four side
/// scores minus this times |ln(aspect / expected)|, so a 2.5 % aspect error costs 0.1 of score.
/// Inner edges of a card (a header band, the letters in it, the MRZ) are often stronger than the
/// card's outline against the desk but give the wrong aspect (the fixture's header letters: 0.86
/// vs the outline's 0.72, aspect +5.3 %).
const ASPECT_WEIGHT: f64 = 4.0;

/// The chosen lines: all four measured, or three with the fourth predicted from the aspect.
#[derive(Debug, Clone, Copy)]
pub(super) struct Choice {
    /// `None` for a predicted side.
    pub(super) sides: [Option<Candidate>; 4],
    /// Lines in plane coordinates (the predicted one included).
    pub(super) lines: [Line; 4],
    objective: f64,
}

impl Choice {
    pub(super) fn missing(&self) -> Option<usize> {
        self.sides.iter().position(Option::is_none)
    }
}

/// Corners of the quadrilateral bounded by `lines` (top, right, bottom, left), scaled by `f`.
pub(super) fn quad_of(lines: &[Line; 4], f: f64) -> Option<Quad> {
    let [t, r, b, l] = lines;
    let q = [
        t.intersect(l)?,
        t.intersect(r)?,
        b.intersect(r)?,
        b.intersect(l)?,
    ];
    Some(q.map(|p| V2::new(p.x * f, p.y * f)))
}

/// The plausible combination of candidates with the largest objective: four measured sides
/// if any combination works, else three with the fourth predicted (see [`predict`]).
pub(super) fn choose(
    o: &DocumentOptions,
    candidates: &[Vec<Candidate>; 4],
    sides: &[SideSearch; 4],
    plane: (f64, f64),
) -> Option<Choice> {
    let min = f64::from(o.min_side_score);
    // Each side's candidates above the threshold, then `None` (the side is missing). Fixed
    // arrays: choosing allocates nothing.
    let options: [[Option<Option<Candidate>>; CANDIDATES_PER_SIDE + 1]; 4] =
        core::array::from_fn(|i| {
            let mut v = [None; CANDIDATES_PER_SIDE + 1];
            let good = candidates
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
