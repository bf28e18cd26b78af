//! One pass from a camera frame to a [`LumaPlane`]: luma conversion, integer box downscale and a
//! count of saturated pixels, reading every input byte exactly once.
//!
//! Measured (capture.md): a 2×2 downscale to luma with the saturation count costs 0.69 ms native
//! and 0.8 ms wasm at 1280×720; reading 3.7 MB alone costs ~0.37 ms. The metrics then work on the
//! region of interest of the (4× smaller) plane.

use super::plane::{LIMITED_TO_FULL, pixel_count};
use super::simd::{self, Done};
use super::{FrameError, LumaPlane, LumaRange, RgbaFrame, YPlane};

/// What the pass saw besides the luma itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DownscaleStats {
    /// Input pixels (full resolution, before downscaling) counted as saturated. For RGBA input:
    /// **any channel ≥ 250** — a clipped channel is lost information even when the luma is not
    /// white (e.g. a red highlight). For Y-plane input there is no colour: luma ≥ 250 after the
    /// optional limited-range expansion. Counted before averaging so that a small highlight is
    /// not averaged away.
    pub saturated: u64,
    /// Input pixels read (`width * height` of the input).
    pub pixels: u64,
}

impl DownscaleStats {
    /// Level at or above which a pixel counts as saturated.
    pub const SATURATION_LEVEL: u8 = 250;

    /// `saturated / pixels`, 0.0 for an empty count.
    pub fn saturated_fraction(&self) -> f64 {
        if self.pixels == 0 { 0.0 } else { self.saturated as f64 / self.pixels as f64 }
    }
}

/// `(256 * luma, saturated)` of one RGBA pixel. `256 * luma` keeps the BT.601 integer weights
/// exact until the final division, so a block mean is floored exactly once.
#[inline(always)]
fn rgba_pixel(&[r, g, b, _]: &[u8; 4]) -> (u32, u32) {
    let w = 77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b);
    let s = DownscaleStats::SATURATION_LEVEL;
    (w, u32::from(r >= s) | u32::from(g >= s) | u32::from(b >= s))
}

#[inline(always)]
fn y_pixel(&[v]: &[u8; 1]) -> (u32, u32) {
    (u32::from(v) << 8, u32::from(v >= DownscaleStats::SATURATION_LEVEL))
}

#[inline(always)]
fn y_limited_pixel(&[v]: &[u8; 1]) -> (u32, u32) {
    y_pixel(&[LIMITED_TO_FULL[usize::from(v)]])
}

/// A source of pixels: `P` bytes per pixel, rows by index (each exactly `width * P` bytes), the
/// pixel decoder, and the SIMD kernel of the 2×2 path (which does the prefix of a row pair it
/// can; the scalar code does the rest).
struct Source<R, F> {
    width: u32,
    height: u32,
    row: R,
    pixel: F,
    pairs: fn(&[u8], &[u8], &mut [u8]) -> Done,
}

impl LumaPlane {
    /// Fills this plane with the BT.601 luma of `frame` downscaled by `factor` (box average of
    /// each `factor` x `factor` block; 1 = full resolution) and counts saturated pixels, in one
    /// pass. The plane is `ceil(width / factor)` x `ceil(height / factor)`: blocks on the right and
    /// bottom edges of odd-sized frames average the pixels they do contain. A uniform block gives
    /// exactly [`crate::frame::luma_of_rgb`] of its colour (means are floored, like that function).
    pub fn fill_from_rgba(
        &mut self,
        frame: &RgbaFrame<'_>,
        factor: u32,
    ) -> Result<DownscaleStats, FrameError> {
        let src = Source {
            width: frame.width(),
            height: frame.height(),
            row: |y| frame.row_span(y, 0, frame.width()),
            pixel: rgba_pixel,
            pairs: simd::rgba_pairs,
        };
        fill::<4, _, _>(self, &src, factor)
    }

    /// Fills this plane from an 8-bit Y plane (I420/NV12 from `VideoFrame.copyTo`), downscaled by
    /// `factor` like [`Self::fill_from_rgba`]. With [`LumaRange::Limited`] every sample is first
    /// expanded from 16–235 to 0–255, so thresholds mean the same as on RGBA input.
    pub fn fill_from_y(
        &mut self,
        y: &YPlane<'_>,
        range: LumaRange,
        factor: u32,
    ) -> Result<DownscaleStats, FrameError> {
        let (width, height) = (y.width(), y.height());
        let row = |r| y.row(r);
        match range {
            LumaRange::Full => {
                let pairs = |a: &[u8], b: &[u8], o: &mut [u8]| simd::y_pairs(a, b, o, false);
                let src = Source { width, height, row, pixel: y_pixel, pairs };
                fill::<1, _, _>(self, &src, factor)
            }
            LumaRange::Limited => {
                let pairs = |a: &[u8], b: &[u8], o: &mut [u8]| simd::y_pairs(a, b, o, true);
                let src = Source { width, height, row, pixel: y_limited_pixel, pairs };
                fill::<1, _, _>(self, &src, factor)
            }
        }
    }
}

fn fill<'a, const P: usize, R, F>(
    plane: &mut LumaPlane,
    src: &Source<R, F>,
    factor: u32,
) -> Result<DownscaleStats, FrameError>
where
    R: Fn(u32) -> &'a [u8],
    F: Fn(&[u8; P]) -> (u32, u32),
{
    if factor == 0 {
        return Err(FrameError::Factor { factor });
    }
    let (w, h) = (src.width, src.height);
    let pixels = pixel_count(w, h)? as u64;
    let (out_w, out_h) = (w.div_ceil(factor), h.div_ceil(factor));
    let out = plane.reset(out_w, out_h)?;
    let saturated = match factor {
        1 => fill_1::<P, _, _>(out, src),
        2 => fill_2::<P, _, _>(out, src),
        _ => fill_n::<P, _, _>(out, src, factor),
    };
    Ok(DownscaleStats { saturated, pixels })
}

fn fill_1<'a, const P: usize, R, F>(out: &mut [u8], src: &Source<R, F>) -> u64
where
    R: Fn(u32) -> &'a [u8],
    F: Fn(&[u8; P]) -> (u32, u32),
{
    let mut sat = 0u64;
    for (y, out_row) in out.chunks_exact_mut(src.width as usize).enumerate() {
        let mut row_sat = 0u32;
        for (px, o) in (src.row)(y as u32).as_chunks::<P>().0.iter().zip(out_row.iter_mut()) {
            let (l, s) = (src.pixel)(px);
            *o = (l >> 8) as u8;
            row_sat += s;
        }
        sat += u64::from(row_sat);
    }
    sat
}

/// Pixels per segment of the 2×2 path: two stack rows of `u32` weights (1 KiB each).
const SEG: usize = 256;

/// Weighs up to `SEG` pixels of `row` into `dst` and returns `(count, saturated)`. A simple
/// loop over fixed-size pixels, which the compiler can vectorize.
#[inline(always)]
fn weigh<const P: usize, F: Fn(&[u8; P]) -> (u32, u32)>(
    row: &[u8],
    dst: &mut [u32; SEG],
    pixel: &F,
) -> (usize, u32) {
    let (px, _) = row.as_chunks::<P>();
    let mut sat = 0u32;
    let mut n = 0;
    for (p, d) in px.iter().zip(dst.iter_mut()) {
        let (l, s) = pixel(p);
        *d = l;
        sat += s;
        n += 1;
    }
    (n, sat)
}

/// Copies `buf[n - 1]` to `buf[n]` (when both exist).
fn repeat_last(buf: &mut [u32; SEG], n: usize) {
    if let Some([a, b]) = n.checked_sub(1).and_then(|i| buf.get_mut(i..=n)) {
        *b = *a;
    }
}

/// 2×2 path. Each pair of rows is processed in segments: every pixel is weighed into a stack row,
/// then pairs of the two rows are summed. A missing last row or column is replaced by a copy of
/// the one before it, which gives exactly the mean of the pixels that exist:
/// `floor(2 (a + b) / 1024) = floor((a + b) / 512)`.
fn fill_2<'a, const P: usize, R, F>(out: &mut [u8], src: &Source<R, F>) -> u64
where
    R: Fn(u32) -> &'a [u8],
    F: Fn(&[u8; P]) -> (u32, u32),
{
    let (w, h) = (src.width, src.height);
    let out_w = w.div_ceil(2) as usize;
    let (mut wa, mut wb) = ([0u32; SEG], [0u32; SEG]);
    let mut sat = 0u64;
    for (oy, out_row) in out.chunks_exact_mut(out_w).enumerate() {
        let y = 2 * oy as u32;
        let a = (src.row)(y);
        let b = if y + 1 < h { Some((src.row)(y + 1)) } else { None };
        // The SIMD kernel takes whole vectors of a full row pair; the loop below the rest.
        let done = b.map(|b| (src.pairs)(a, b, out_row)).unwrap_or_default();
        sat += done.saturated;
        let skip = done.out * 2 * P;
        let a = a.get(skip..).unwrap_or(&[]);
        let b = b.map(|b| b.get(skip..).unwrap_or(&[]));
        let out_row = out_row.get_mut(done.out..).unwrap_or(&mut []);
        let segs = a.chunks(SEG * P).zip(out_row.chunks_mut(SEG / 2));
        for (i, (sa, so)) in segs.enumerate() {
            let (n, s) = weigh(sa, &mut wa, &src.pixel);
            sat += u64::from(s);
            match b.and_then(|b| b.get(i * SEG * P..)) {
                Some(b) => {
                    let (_, s) = weigh(b.get(..sa.len()).unwrap_or(b), &mut wb, &src.pixel);
                    sat += u64::from(s);
                }
                None => wb = wa,
            }
            if n % 2 == 1 {
                // Odd width: the last block has one column; repeat it.
                repeat_last(&mut wa, n);
                repeat_last(&mut wb, n);
            }
            let (pa, _) = wa.as_chunks::<2>();
            let (pb, _) = wb.as_chunks::<2>();
            for (o, (x, y)) in so.iter_mut().zip(pa.iter().zip(pb)) {
                *o = ((x[0] + x[1] + y[0] + y[1]) >> 10) as u8;
            }
        }
    }
    sat
}

/// Output pixels per segment of the any-factor path (stack sums).
const COLS: usize = 64;

/// Any factor: each block row of the input is read once, row by row, its pixels summed into the
/// stack sums of a segment of output pixels. Sums are `u64`, so no factor or frame size can
/// overflow them. Used for factors above 2 (and by the document search on an already
/// downscaled plane).
fn fill_n<'a, const P: usize, R, F>(out: &mut [u8], src: &Source<R, F>, factor: u32) -> u64
where
    R: Fn(u32) -> &'a [u8],
    F: Fn(&[u8; P]) -> (u32, u32),
{
    let (w, h) = (src.width, src.height);
    let out_w = w.div_ceil(factor) as usize;
    let block = (factor as usize).saturating_mul(P);
    let mut sat = 0u64;
    for (oy, out_row) in out.chunks_exact_mut(out_w).enumerate() {
        let y0 = oy as u32 * factor;
        let y1 = y0.saturating_add(factor).min(h);
        for (seg, o_seg) in out_row.chunks_mut(COLS).enumerate() {
            let (mut sums, mut widths) = ([0u64; COLS], [0u64; COLS]);
            let start = (seg * COLS).saturating_mul(block);
            for y in y0..y1 {
                let row = (src.row)(y);
                let cells = row.get(start..).unwrap_or(&[]).chunks(block).take(o_seg.len());
                for ((sum, width), cells) in sums.iter_mut().zip(widths.iter_mut()).zip(cells) {
                    let (px, _) = cells.as_chunks::<P>();
                    let (mut s, mut n) = (0u32, 0u32);
                    for p in px {
                        let (l, q) = (src.pixel)(p);
                        s += l;
                        n += q;
                    }
                    *sum += u64::from(s);
                    sat += u64::from(n);
                    *width = px.len() as u64;
                }
            }
            let rows = u64::from(y1 - y0);
            for ((o, &sum), &width) in o_seg.iter_mut().zip(&sums).zip(&widths) {
                let n = width * rows;
                *o = if n == 0 { 0 } else { (sum / (256 * n)) as u8 };
            }
        }
    }
    sat
}
