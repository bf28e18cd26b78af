//! Points, lines and quadrilaterals in frame pixels (`f64` inside, `f32` in reports).

use serde::{Deserialize, Serialize};

/// A point in frame pixels. Coordinates are continuous: the top-left corner of the frame is
/// (0, 0) and the centre of pixel (i, j) is (i + 0.5, j + 0.5).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// A 2-D vector / point with `f64` components for the geometry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct V2 {
    pub(crate) x: f64,
    pub(crate) y: f64,
}

impl V2 {
    pub(crate) const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    pub(crate) fn sub(self, o: V2) -> V2 {
        V2::new(self.x - o.x, self.y - o.y)
    }

    pub(crate) fn cross(self, o: V2) -> f64 {
        self.x * o.y - self.y * o.x
    }

    pub(crate) fn len(self) -> f64 {
        self.x.hypot(self.y)
    }

    pub(crate) fn to_point(self) -> Point {
        Point::new(self.x as f32, self.y as f32)
    }
}

/// An infinite line through `p` with direction `d` (not necessarily unit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Line {
    pub(crate) p: V2,
    pub(crate) d: V2,
}

impl Line {
    /// Intersection with `other`, `None` when (nearly) parallel.
    pub(crate) fn intersect(&self, other: &Line) -> Option<V2> {
        let den = self.d.cross(other.d);
        if den.abs() < 1e-9 * self.d.len().max(1e-12) * other.d.len().max(1e-12) {
            return None;
        }
        let s = other.p.sub(self.p).cross(other.d) / den;
        let q = V2::new(self.p.x + s * self.d.x, self.p.y + s * self.d.y);
        (q.x.is_finite() && q.y.is_finite()).then_some(q)
    }
}

/// Corners in the order top-left, top-right, bottom-right, bottom-left.
pub(crate) type Quad = [V2; 4];

/// Signed area (shoelace); positive for clockwise corners in y-down image coordinates.
pub(crate) fn area(q: &Quad) -> f64 {
    let mut s = 0.0;
    for i in 0..4 {
        let (a, b) = (q[i], q[(i + 1) % 4]);
        s += a.x * b.y - b.x * a.y;
    }
    s / 2.0
}

/// True when the corners turn the same way at every vertex (a convex quadrilateral listed
/// clockwise on screen) and the area is positive.
pub(crate) fn convex_clockwise(q: &Quad) -> bool {
    (0..4).all(|i| {
        let (a, b, c) = (q[i], q[(i + 1) % 4], q[(i + 2) % 4]);
        b.sub(a).cross(c.sub(b)) > 0.0
    }) && area(q) > 0.0
}

/// Mean length of the top and bottom sides over the mean of the left and right sides.
pub(crate) fn aspect(q: &Quad) -> f64 {
    let w = (q[1].sub(q[0]).len() + q[2].sub(q[3]).len()) / 2.0;
    let h = (q[3].sub(q[0]).len() + q[2].sub(q[1]).len()) / 2.0;
    if h > 0.0 { w / h } else { f64::INFINITY }
}

/// Mean of the corners.
pub(crate) fn centroid(q: &Quad) -> V2 {
    V2::new(
        q.iter().map(|p| p.x).sum::<f64>() / 4.0,
        q.iter().map(|p| p.y).sum::<f64>() / 4.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersection_area_and_convexity() {
        let top = Line {
            p: V2::new(0.0, 10.0),
            d: V2::new(1.0, 0.0),
        };
        let left = Line {
            p: V2::new(5.0, 0.0),
            d: V2::new(0.0, 1.0),
        };
        assert_eq!(top.intersect(&left), Some(V2::new(5.0, 10.0)));
        assert_eq!(top.intersect(&top), None);
        let q = [
            V2::new(0.0, 0.0),
            V2::new(4.0, 0.0),
            V2::new(4.0, 2.0),
            V2::new(0.0, 2.0),
        ];
        assert_eq!(area(&q), 8.0);
        assert!(convex_clockwise(&q));
        assert_eq!(aspect(&q), 2.0);
        let twisted = [q[0], q[2], q[1], q[3]];
        assert!(!convex_clockwise(&twisted));
        let reversed = [q[3], q[2], q[1], q[0]];
        assert!(!convex_clockwise(&reversed));
    }
}
