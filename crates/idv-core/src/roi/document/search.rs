//! The per-side line search: its layout and the candidate lines it yields.
//!
//! For each side of the guide, lines are scanned over a range of offsets and angles
//! ([`super::scan`], with the precomputed [`super::angles`] table and the running gradient sums
//! of [`super::band`]); the local maxima of their score become candidates ([`super::peaks`]), and
//! the chosen ones are refined to sub-pixel precision ([`super::refine`]).
//!
//! A candidate line's strength is the **signed** gradient across it summed along it: texture
//! crossing the line contributes with both signs and cancels, a straight edge adds up. Its score
//! divides that by the summed gradient magnitude along the line plus a floor per sample:
//!
//! `score = |Σ ∇I·n| / (Σ |∇I| + samples × floor)`, in 0..1.
//!
//! A clean edge exactly under the line scores close to 1 whatever its contrast (minus the
//! floor's share); a line through texture or smooth shading scores near 0. The local maxima of
//! that score are then multiplied by their *coverage*, the fraction of the line along which the
//! edge is actually present (see [`super::peaks`]): a document's outline spans the whole side,
//! the edges inside a card (photo, header letters, text) do not.
//!
//! Gradients are central differences `(I[x+1] - I[x-1], I[y+1] - I[y-1])` (twice the per-pixel
//! slope; replicated borders) inside a window of the plane (what any line can touch, clipped to
//! the plane); outside it they count as zero.

use super::geometry::{Line, V2};

/// A side of the guide, in the order the report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Top,
    Right,
    Bottom,
    Left,
}

impl Side {
    pub(crate) const ALL: [Side; 4] = [Side::Top, Side::Right, Side::Bottom, Side::Left];

    /// True for the left and right sides, whose lines run along the columns.
    pub(super) fn vertical(self) -> bool {
        matches!(self, Side::Right | Side::Left)
    }

    /// +1 when the outward normal points down (bottom) or right (right side), else -1.
    pub(super) fn outward(self) -> f64 {
        match self {
            Side::Top | Side::Left => -1.0,
            Side::Right | Side::Bottom => 1.0,
        }
    }
}

/// One side's search layout in plane pixels.
///
/// Lines are parameterised by an offset `d` and an angle `θ` (degrees, clockwise on screen):
/// a horizontal side's line is `y = base + 0.5 + d + (x - center) tan θ`, a vertical side's
/// `x = base + 0.5 + d - (y - center) tan θ`. Coordinates *along* a side are `x` for a horizontal
/// side and `y` for a vertical one; coordinates *across* it are the other.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SideSearch {
    pub(crate) side: Side,
    /// Row (horizontal side) or column (vertical side) containing the guide's edge.
    pub(super) base: i32,
    /// Continuous coordinate along the side about which lines rotate (the guide side's middle).
    pub(super) center: f64,
    /// Half the sampled length along the side.
    pub(super) half_span: f64,
    /// Offsets `-radius..=radius` are scanned.
    pub(crate) radius: i32,
}

/// A local maximum of the score, refined or not.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Candidate {
    /// Offset `d` in plane pixels (see [`SideSearch`]).
    pub(crate) offset: f64,
    /// Angle in degrees, clockwise on screen.
    pub(crate) angle_deg: f64,
    /// Score in 0..1 (see the module docs).
    pub(crate) score: f64,
    /// True when the inside of the guide is brighter than the outside across this line.
    pub(crate) brighter_inside: bool,
}

/// Guide rectangle in continuous plane coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PlaneGuide {
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    pub(crate) y1: f64,
}

/// Parameters of the coarse scan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ScanParams {
    pub(crate) max_angle_deg: f64,
    pub(crate) angle_step_deg: f64,
    /// Floor added per sample, in the gradient images' units (twice grey levels per pixel).
    pub(crate) floor: f64,
    /// Pixels between samples along a line.
    pub(crate) step: usize,
}

impl SideSearch {
    pub(crate) fn new(side: Side, g: &PlaneGuide, search_fraction: f64, span: f64) -> Self {
        let (w, h) = (g.x1 - g.x0, g.y1 - g.y0);
        let (edge, center, length, depth) = match side {
            Side::Top => (g.y0, (g.x0 + g.x1) / 2.0, w, h),
            Side::Bottom => (g.y1, (g.x0 + g.x1) / 2.0, w, h),
            Side::Left => (g.x0, (g.y0 + g.y1) / 2.0, h, w),
            Side::Right => (g.x1, (g.y0 + g.y1) / 2.0, h, w),
        };
        // `edge - 0.5` rounded: the row whose centre is nearest the guide's edge.
        let base = (edge - 0.5).round() as i32;
        let radius = ((search_fraction * depth).round() as i32).max(2);
        Self {
            side,
            base,
            center,
            half_span: span * length / 2.0,
            radius,
        }
    }

    /// Slope of a line at `angle_deg` in this side's parameterisation.
    pub(super) fn slope(&self, angle_deg: f64) -> f64 {
        let t = angle_deg.to_radians().tan();
        if self.side.vertical() { -t } else { t }
    }

    /// The line `(offset, angle)` in continuous plane coordinates.
    pub(crate) fn line(&self, offset: f64, angle_deg: f64) -> Line {
        let t = self.slope(angle_deg);
        let across = f64::from(self.base) + 0.5 + offset;
        if self.side.vertical() {
            Line {
                p: V2::new(across, self.center),
                d: V2::new(t, 1.0),
            }
        } else {
            Line {
                p: V2::new(self.center, across),
                d: V2::new(1.0, t),
            }
        }
    }

    /// Offset `d` at which `line` (plane coordinates) crosses this side's middle, `None` when it
    /// runs along the other axis.
    pub(crate) fn offset_of(&self, line: &Line) -> Option<f64> {
        let (along, across) = if self.side.vertical() {
            (line.d.y, line.d.x)
        } else {
            (line.d.x, line.d.y)
        };
        if along.abs() < 1e-9 {
            return None;
        }
        let (p_along, p_across) = if self.side.vertical() {
            (line.p.y, line.p.x)
        } else {
            (line.p.x, line.p.y)
        };
        let at = p_across + (self.center - p_along) * across / along;
        let d = at - (f64::from(self.base) + 0.5);
        d.is_finite().then_some(d)
    }

    /// The region (plane pixels, unclipped) every line of the search can touch.
    pub(crate) fn bounds(&self, max_angle_deg: f64) -> (i32, i32, i32, i32) {
        let lo = self.center - self.half_span - 1.0;
        let hi = self.center + self.half_span + 1.0;
        let sweep = (self.half_span * max_angle_deg.to_radians().tan()).ceil() as i32 + 2;
        let (a0, a1) = (
            self.base - self.radius - sweep,
            self.base + self.radius + sweep,
        );
        let (b0, b1) = (lo.floor() as i32, hi.ceil() as i32);
        if self.side.vertical() {
            (a0, b0, a1, b1)
        } else {
            (b0, a0, b1, a1)
        }
    }
}

/// A floor in grey levels per pixel in the gradient images' units: central differences span two
/// pixels, so they are twice the per-pixel slope.
pub(crate) fn floor_units(grey_per_px: f64) -> f64 {
    2.0 * grey_per_px
}
