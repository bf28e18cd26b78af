use super::{FrameError, Rect, RgbaFrame, simd};

/// BT.601 luma of one RGB pixel in integer arithmetic: `(77 R + 150 G + 29 B) >> 8`.
/// The weights sum to 256, so white stays 255 and the result never overflows a `u8`.
#[inline]
pub fn luma_of_rgb(r: u8, g: u8, b: u8) -> u8 {
    ((77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b)) >> 8) as u8
}

/// Mean BT.601 luma over `rect` (alpha ignored), in 0.0..=255.0.
pub fn region_luma_mean(frame: &RgbaFrame<'_>, rect: Rect) -> Result<f64, FrameError> {
    let rect = frame.check_region(rect)?;
    let mut sum: u64 = 0;
    for y in rect.y..rect.y + rect.height {
        let row = frame.row_span(y, rect.x, rect.width);
        let (done, s) = simd::rgba_luma_sum(row);
        sum += s;
        for px in row.get(done * 4..).unwrap_or(&[]).chunks_exact(4) {
            sum += u64::from(luma_of_rgb(px[0], px[1], px[2]));
        }
    }
    Ok(sum as f64 / rect.area() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luma_weights_are_bt601_and_bounded() {
        assert_eq!(luma_of_rgb(0, 0, 0), 0);
        assert_eq!(luma_of_rgb(255, 255, 255), 255);
        assert_eq!(luma_of_rgb(255, 0, 0), 76);
        assert_eq!(luma_of_rgb(0, 255, 0), 149);
        assert_eq!(luma_of_rgb(0, 0, 255), 28);
    }

    #[test]
    fn region_mean_reads_only_the_region() {
        // 4x2 frame: left half black, right half white.
        let mut buf = Vec::new();
        for _ in 0..2 {
            for x in 0..4 {
                let v = if x < 2 { 0 } else { 255 };
                buf.extend_from_slice(&[v, v, v, 255]);
            }
        }
        let f = RgbaFrame::new(&buf, 4, 2).expect("valid frame");
        assert_eq!(region_luma_mean(&f, Rect::new(0, 0, 2, 2)), Ok(0.0));
        assert_eq!(region_luma_mean(&f, Rect::new(2, 0, 2, 2)), Ok(255.0));
        assert_eq!(region_luma_mean(&f, f.bounds()), Ok(127.5));
        assert!(region_luma_mean(&f, Rect::new(3, 0, 2, 1)).is_err());
    }
}
