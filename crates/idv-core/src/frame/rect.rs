use serde::{Deserialize, Serialize};

/// An axis-aligned rectangle in pixel coordinates (`x`, `y` is the top-left corner).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl Rect {
    pub const fn new(x: u32, y: u32, width: u32, height: u32) -> Self {
        Self { x, y, width, height }
    }

    /// True when the rectangle is non-empty and lies wholly inside a `width` x `height` frame.
    /// Computed in `u64` so that no sum can overflow.
    pub fn fits_in(&self, width: u32, height: u32) -> bool {
        self.width > 0
            && self.height > 0
            && u64::from(self.x) + u64::from(self.width) <= u64::from(width)
            && u64::from(self.y) + u64::from(self.height) <= u64::from(height)
    }

    /// Number of pixels covered.
    pub fn area(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_in_checks_every_edge_and_emptiness() {
        assert!(Rect::new(0, 0, 4, 4).fits_in(4, 4));
        assert!(!Rect::new(1, 0, 4, 4).fits_in(4, 4));
        assert!(!Rect::new(0, 1, 4, 4).fits_in(4, 4));
        assert!(!Rect::new(0, 0, 0, 4).fits_in(4, 4));
        assert!(!Rect::new(u32::MAX, 0, u32::MAX, 1).fits_in(u32::MAX, 1));
    }
}
