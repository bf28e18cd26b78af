use super::{FrameError, Rect};

/// A borrowed RGBA8 frame whose size has been checked against its buffer.
///
/// Every function that reads pixels takes this type, so a length mistake is caught once, at the
/// edge, and never becomes an out-of-bounds panic deep inside a metric.
#[derive(Debug, Clone, Copy)]
pub struct RgbaFrame<'a> {
    data: &'a [u8],
    width: u32,
    height: u32,
}

impl<'a> RgbaFrame<'a> {
    /// The largest accepted side: 8K with room to spare. Bigger inputs are refused rather than
    /// risking huge allocations in downstream buffers.
    pub const MAX_SIDE: u32 = 8192;

    /// Validates `data` as `width` x `height` RGBA8 pixels, row-major, no padding.
    pub fn new(data: &'a [u8], width: u32, height: u32) -> Result<Self, FrameError> {
        if width == 0 || height == 0 {
            return Err(FrameError::Empty { width, height });
        }
        if width > Self::MAX_SIDE || height > Self::MAX_SIDE {
            return Err(FrameError::TooLarge { width, height, max: Self::MAX_SIDE });
        }
        // u64: on wasm32 `usize` is 32 bits and 8192*8192*4 already equals 2^28, so stay wide.
        let expected = u64::from(width) * u64::from(height) * 4;
        let actual = data.len() as u64;
        if expected != actual {
            return Err(FrameError::Length { width, height, expected, actual });
        }
        Ok(Self { data, width, height })
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// The bytes of row `y` restricted to columns `x0..x0 + w`. Callers pass a region that was
    /// checked with [`Rect::fits_in`], so the slice is always in range.
    pub(crate) fn row_span(&self, y: u32, x0: u32, w: u32) -> &'a [u8] {
        let stride = self.width as usize * 4;
        let start = y as usize * stride + x0 as usize * 4;
        let end = start + w as usize * 4;
        self.data.get(start..end).unwrap_or(&[])
    }

    /// Checks that `rect` is a non-empty region inside this frame.
    pub fn check_region(&self, rect: Rect) -> Result<Rect, FrameError> {
        if rect.fits_in(self.width, self.height) {
            Ok(rect)
        } else {
            Err(FrameError::Region { rect, width: self.width, height: self.height })
        }
    }

    /// The whole frame as a rectangle.
    pub fn bounds(&self) -> Rect {
        Rect::new(0, 0, self.width, self.height)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_exact_length() {
        let buf = vec![0u8; 3 * 2 * 4];
        let f = RgbaFrame::new(&buf, 3, 2).expect("valid frame");
        assert_eq!((f.width(), f.height()), (3, 2));
    }

    #[test]
    fn rejects_wrong_length_empty_and_huge() {
        let buf = vec![0u8; 23];
        assert_eq!(
            RgbaFrame::new(&buf, 3, 2).unwrap_err(),
            FrameError::Length { width: 3, height: 2, expected: 24, actual: 23 }
        );
        assert!(matches!(RgbaFrame::new(&[], 0, 2), Err(FrameError::Empty { .. })));
        assert!(matches!(RgbaFrame::new(&[], 9000, 1), Err(FrameError::TooLarge { .. })));
    }

    #[test]
    fn region_outside_is_refused() {
        let buf = vec![0u8; 4 * 4 * 4];
        let f = RgbaFrame::new(&buf, 4, 4).expect("valid frame");
        assert!(f.check_region(Rect::new(2, 2, 2, 2)).is_ok());
        assert!(matches!(f.check_region(Rect::new(3, 3, 2, 2)), Err(FrameError::Region { .. })));
    }
}
