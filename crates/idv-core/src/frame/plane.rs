use super::{FrameError, Rect, RgbaFrame};

/// Number of pixels of a `width` x `height` plane as a `usize`, computed in `u64` first: on wasm32
/// `usize` is 32 bits. Sides are at most [`RgbaFrame::MAX_SIDE`], so this only fails on absurd
/// inputs, and then with a typed error instead of a wrapped multiplication.
pub(crate) fn pixel_count(width: u32, height: u32) -> Result<usize, FrameError> {
    check_size(width, height)?;
    usize::try_from(u64::from(width) * u64::from(height)).map_err(|_| FrameError::TooLarge {
        width,
        height,
        max: RgbaFrame::MAX_SIDE,
    })
}

/// Refuses empty sizes and sides beyond [`RgbaFrame::MAX_SIDE`].
pub(crate) fn check_size(width: u32, height: u32) -> Result<(), FrameError> {
    if width == 0 || height == 0 {
        return Err(FrameError::Empty { width, height });
    }
    if width > RgbaFrame::MAX_SIDE || height > RgbaFrame::MAX_SIDE {
        return Err(FrameError::TooLarge { width, height, max: RgbaFrame::MAX_SIDE });
    }
    Ok(())
}

/// An owned 8-bit luma plane, row-major, no padding (`data.len() == width * height`).
///
/// It is meant to be kept and refilled frame after frame: every `fill_*` method resizes the buffer
/// in place, so once it has held the largest frame size no further allocation happens.
/// A fresh `LumaPlane::default()` is empty (0 x 0) until filled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LumaPlane {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl LumaPlane {
    /// An empty plane; fill it with one of the `fill_*` methods or [`crate::frame::Resampler`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes ownership of `data` as a `width` x `height` plane (exact length required).
    pub fn from_pixels(width: u32, height: u32, data: Vec<u8>) -> Result<Self, FrameError> {
        let n = pixel_count(width, height)?;
        if data.len() != n {
            return Err(FrameError::PlaneLength {
                width,
                height,
                stride: width,
                expected: n as u64,
                actual: data.len() as u64,
            });
        }
        Ok(Self { width, height, data })
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// The pixels, `width * height` bytes, row-major.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// Bytes reserved by the buffer; stays constant once warmed up for a frame size.
    pub fn capacity(&self) -> usize {
        self.data.capacity()
    }

    /// True until the plane has been filled.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The whole plane as a rectangle.
    pub fn bounds(&self) -> Rect {
        Rect::new(0, 0, self.width, self.height)
    }

    /// Checks that `rect` is a non-empty region inside this plane.
    pub fn check_region(&self, rect: Rect) -> Result<Rect, FrameError> {
        if rect.fits_in(self.width, self.height) {
            Ok(rect)
        } else {
            Err(FrameError::Region { rect, width: self.width, height: self.height })
        }
    }

    /// Row `y`, or an empty slice when `y` is out of range.
    pub fn row(&self, y: u32) -> &[u8] {
        let w = self.width as usize;
        let start = (y as usize).saturating_mul(w);
        self.data.get(start..start.saturating_add(w)).unwrap_or(&[])
    }

    /// Iterator over the rows of `rect` restricted to its columns. `rect` must have been checked
    /// with [`Self::check_region`]; an unchecked one yields nothing rather than panicking.
    pub(crate) fn region_rows(&self, rect: Rect) -> impl Iterator<Item = &[u8]> + '_ {
        let w = self.width as usize;
        let (x0, x1) = (rect.x as usize, rect.x as usize + rect.width as usize);
        let ok = rect.fits_in(self.width, self.height);
        let rows = if ok { rect.height as usize } else { 0 };
        self.data
            .chunks_exact(w.max(1))
            .skip(rect.y as usize)
            .take(rows)
            .filter_map(move |r| r.get(x0..x1))
    }

    /// Makes this a `width` x `height` plane, keeping the allocation when it is big enough.
    /// Pixel values are unspecified until overwritten.
    pub(crate) fn reset(&mut self, width: u32, height: u32) -> Result<&mut [u8], FrameError> {
        let n = pixel_count(width, height)?;
        self.data.resize(n, 0);
        self.width = width;
        self.height = height;
        Ok(&mut self.data)
    }

    /// Copies `other` into this plane, reusing the allocation.
    pub fn copy_from(&mut self, other: &LumaPlane) {
        self.data.clear();
        self.data.extend_from_slice(&other.data);
        self.width = other.width;
        self.height = other.height;
    }
}

/// How the values of an 8-bit Y plane map to luma.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LumaRange {
    /// 0–255 already (JPEG/"full range" video, or our own RGBA conversion).
    #[default]
    Full,
    /// "Limited"/"TV" range, black at 16 and white at 235: what `VideoFrame.copyTo` gives for
    /// most cameras (check `VideoFrame.colorSpace.fullRange`). Expanded with
    /// `(y - 16) * 255 / 219`, rounded and clamped, so thresholds mean the same as on RGBA input.
    Limited,
}

/// Lookup table for [`LumaRange::Limited`] expansion, built at compile time.
pub(crate) const LIMITED_TO_FULL: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let v = if i <= 16 { 0 } else { ((i - 16) * 255 + 109) / 219 };
        t[i] = if v > 255 { 255 } else { v as u8 };
        i += 1;
    }
    t
};

/// A borrowed single-channel 8-bit plane with a row stride, e.g. the Y plane of an I420 or NV12
/// buffer from `VideoFrame.copyTo` (the Y plane comes first, so the whole buffer can be passed:
/// bytes after the last row are ignored).
#[derive(Debug, Clone, Copy)]
pub struct YPlane<'a> {
    data: &'a [u8],
    width: u32,
    height: u32,
    stride: u32,
}

impl<'a> YPlane<'a> {
    /// Validates `data` as `height` rows of `stride` bytes of which the first `width` are pixels.
    /// The buffer may be longer (trailing U/V planes) but not shorter than
    /// `stride * (height - 1) + width`.
    pub fn new(data: &'a [u8], width: u32, height: u32, stride: u32) -> Result<Self, FrameError> {
        check_size(width, height)?;
        if stride < width {
            return Err(FrameError::Stride { width, stride });
        }
        let expected = u64::from(stride) * u64::from(height - 1) + u64::from(width);
        let actual = data.len() as u64;
        if actual < expected {
            return Err(FrameError::PlaneLength { width, height, stride, expected, actual });
        }
        Ok(Self { data, width, height, stride })
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn stride(&self) -> u32 {
        self.stride
    }

    /// The `width` pixel bytes of row `y` (empty when `y` is out of range).
    pub(crate) fn row(&self, y: u32) -> &'a [u8] {
        let start = (y as usize).saturating_mul(self.stride as usize);
        self.data.get(start..start.saturating_add(self.width as usize)).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limited_range_table_maps_black_and_white_to_extremes() {
        assert_eq!(LIMITED_TO_FULL[0], 0);
        assert_eq!(LIMITED_TO_FULL[16], 0);
        assert_eq!(LIMITED_TO_FULL[17], 1);
        assert_eq!(LIMITED_TO_FULL[126], 128); // (110 * 255 + 109) / 219 = 128.6 -> 128
        assert_eq!(LIMITED_TO_FULL[235], 255);
        assert_eq!(LIMITED_TO_FULL[255], 255);
        assert!(LIMITED_TO_FULL.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn region_rows_yield_only_the_region() {
        let p = LumaPlane::from_pixels(3, 2, vec![1, 2, 3, 4, 5, 6]).expect("valid plane");
        let rows: Vec<&[u8]> = p.region_rows(Rect::new(1, 0, 2, 2)).collect();
        assert_eq!(rows, vec![&[2u8, 3][..], &[5, 6][..]]);
        assert_eq!(p.region_rows(Rect::new(2, 0, 2, 2)).count(), 0);
    }
}
