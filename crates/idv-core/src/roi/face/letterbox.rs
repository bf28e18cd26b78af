//! Letterboxing a frame region into the model's square RGB input, and mapping back.
//!
//! The region keeps its aspect ratio: it is scaled so its longer side fills the 128 px input and
//! centred, the bands left over stay 0.0 (mid-grey in the model's [-1, 1] range). Shrinking
//! averages the covered source area (each output pixel is the exact area-weighted mean of the
//! source pixels it covers, so nothing aliases); enlarging a small region interpolates
//! bilinearly. Separable: a vertical pass into a row of `f32`, then a horizontal pass.

use super::simd::{self, F4};
use crate::frame::{Rect, RgbaFrame};

/// Maps frame coordinates to model-input pixels and back: `input = (frame - origin) * scale +
/// offset`, per axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Letterbox {
    pub(crate) region: Rect,
    /// Content size in input pixels.
    pub(crate) content: (usize, usize),
    pub(crate) offset: (usize, usize),
    pub(crate) scale: (f32, f32),
}

impl Letterbox {
    pub(crate) fn new(region: Rect, side: usize) -> Self {
        let (w, h) = (region.width.max(1) as f64, region.height.max(1) as f64);
        let s = side as f64 / w.max(h);
        let cw = ((w * s).round() as usize).clamp(1, side);
        let ch = ((h * s).round() as usize).clamp(1, side);
        Self {
            region,
            content: (cw, ch),
            offset: ((side - cw) / 2, (side - ch) / 2),
            scale: ((cw as f64 / w) as f32, (ch as f64 / h) as f32),
        }
    }

    /// Model-input pixel coordinates → frame pixel coordinates.
    pub(crate) fn to_frame(self, u: f32, v: f32) -> (f32, f32) {
        (
            self.region.x as f32 + (u - self.offset.0 as f32) / self.scale.0,
            self.region.y as f32 + (v - self.offset.1 as f32) / self.scale.1,
        )
    }

    /// Frame pixel coordinates → model-input pixel coordinates.
    #[cfg(test)]
    pub(crate) fn to_input(self, x: f32, y: f32) -> (f32, f32) {
        (
            (x - self.region.x as f32) * self.scale.0 + self.offset.0 as f32,
            (y - self.region.y as f32) * self.scale.1 + self.offset.1 as f32,
        )
    }
}

/// Filter taps of one axis: output `i` reads `taps` consecutive source samples from `first[i]`
/// with `weights[i * taps..]` (zero-padded).
#[derive(Debug, Clone, Default)]
struct Axis {
    taps: usize,
    first: Vec<usize>,
    weights: Vec<f32>,
}

impl Axis {
    /// Source `len` samples → `out` samples (relative to the region's start).
    fn prepare(&mut self, len: usize, out: usize) {
        let step = len as f64 / out as f64; // source samples per output sample
        self.taps = if step > 1.0 {
            step.ceil() as usize + 1
        } else {
            2
        };
        self.first.clear();
        self.weights.clear();
        for i in 0..out {
            let start = self.weights.len();
            self.weights.resize(start + self.taps, 0.0);
            let w = &mut self.weights[start..];
            if step > 1.0 {
                // Area: output i covers [i·step, (i+1)·step) of the source.
                let (a, b) = (i as f64 * step, (i as f64 + 1.0) * step);
                let first = (a.floor() as usize).min(len - 1);
                self.first.push(first);
                for (k, wk) in w.iter_mut().enumerate() {
                    let j = (first + k) as f64;
                    let cover = (b.min(j + 1.0) - a.max(j)).max(0.0);
                    *wk = if first + k < len {
                        (cover / step) as f32
                    } else {
                        0.0
                    };
                }
            } else {
                // Bilinear between the two nearest sample centres, clamped at the edges.
                let c = ((i as f64 + 0.5) * step - 0.5).clamp(0.0, (len - 1) as f64);
                let first = (c.floor() as usize).min(len.saturating_sub(2));
                let t = (c - first as f64) as f32;
                self.first.push(first);
                w[0] = 1.0 - t;
                if first + 1 < len {
                    w[1] = t;
                } else {
                    w[0] = 1.0;
                }
            }
        }
    }
}

/// Reusable state of [`Resizer::fill`]: the filter tables and one intermediate row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Resizer {
    x: Axis,
    y: Axis,
    key: Option<(Rect, usize)>,
    /// One region row of RGBA sums.
    row: Vec<F4>,
}

impl Resizer {
    /// Writes the letterboxed `region` of `frame` into `input` (`side`² pixels `[r, g, b, 0]` in
    /// [-1, 1], the model's channel-padded input) and returns the mapping. `region` must lie
    /// inside the frame (checked by the caller).
    pub(crate) fn fill(
        &mut self,
        frame: &RgbaFrame<'_>,
        region: Rect,
        side: usize,
        input: &mut [F4],
    ) -> Letterbox {
        let lb = Letterbox::new(region, side);
        let (rw, rh) = (region.width as usize, region.height as usize);
        let (cw, ch) = lb.content;
        if self.key != Some((region, side)) {
            self.x.prepare(rw, cw);
            self.y.prepare(rh, ch);
            self.key = Some((region, side));
        }
        self.row.resize(rw, simd::splat(0.0));
        input.fill(simd::zero());
        let stride = frame.width() as usize * 4;
        let data = frame.data();
        let x0 = region.x as usize * 4;
        let (ox, oy) = lb.offset;
        let (row, (xt, xfirst, xw)) = (
            self.row.as_mut_slice(),
            (
                self.x.taps,
                self.x.first.as_slice(),
                self.x.weights.as_slice(),
            ),
        );
        let (yt, yfirst, yw) = (
            self.y.taps,
            self.y.first.as_slice(),
            self.y.weights.as_slice(),
        );
        // Index loops: at `opt-level = "z"` iterator adaptors here would be calls per pixel.
        for v in 0..ch {
            row.fill(simd::zero());
            for k in 0..yt {
                let w = yw[v * yt + k];
                let y = region.y as usize + yfirst[v] + k;
                let start = y * stride + x0;
                let Some(src) = data.get(start..start + rw * 4) else {
                    continue;
                };
                if w == 0.0 {
                    continue;
                }
                let (px, _) = src.as_chunks::<4>();
                let w = simd::splat(w);
                for x in 0..rw.min(px.len()) {
                    row[x] = simd::mul_add(row[x], simd::from_rgba(&px[x]), w);
                }
            }
            let out = (oy + v) * side + ox;
            let Some(dst) = input.get_mut(out..out + cw) else {
                continue;
            };
            for (u, d) in dst.iter_mut().enumerate() {
                let mut acc = simd::zero();
                for k in 0..xt {
                    if let Some(&src) = row.get(xfirst[u] + k) {
                        acc = simd::mul_add(acc, src, simd::splat(xw[u * xt + k]));
                    }
                }
                *d = simd::normalize_rgb(acc);
            }
        }
        lb
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn landscape_frame_is_centred_vertically_and_round_trips() {
        let lb = Letterbox::new(Rect::new(0, 0, 640, 480), 128);
        assert_eq!((lb.content, lb.offset), ((128, 96), (0, 16)));
        assert_eq!(lb.scale, (0.2, 0.2));
        assert_eq!(lb.to_input(0.0, 0.0), (0.0, 16.0));
        assert_eq!(lb.to_input(640.0, 480.0), (128.0, 112.0));
        for (x, y) in [(0.0, 0.0), (123.5, 77.25), (639.0, 479.0), (-10.0, 500.0)] {
            let (u, v) = lb.to_input(x, y);
            let (bx, by) = lb.to_frame(u, v);
            assert!(
                (bx - x).abs() < 1e-3 && (by - y).abs() < 1e-3,
                "{x},{y} -> {bx},{by}"
            );
        }
    }

    #[test]
    fn portrait_region_is_centred_horizontally_with_its_origin() {
        let lb = Letterbox::new(Rect::new(100, 50, 300, 400), 128);
        assert_eq!((lb.content, lb.offset), ((96, 128), (16, 0)));
        assert_eq!(lb.to_frame(16.0, 0.0), (100.0, 50.0));
        assert_eq!(lb.to_frame(112.0, 128.0), (400.0, 450.0));
    }

    /// The r, g, b lanes of each pixel; the fourth lane must be 0.
    fn rgb(input: &[F4]) -> Vec<f32> {
        input
            .iter()
            .flat_map(|&v| {
                let [r, g, b, a] = simd::to_array(v);
                assert_eq!(a, 0.0);
                [r, g, b]
            })
            .collect()
    }

    fn frame_of(w: u32, h: u32, f: impl Fn(u32, u32) -> [u8; 4]) -> Vec<u8> {
        (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .flat_map(|(x, y)| f(x, y))
            .collect()
    }

    #[test]
    fn shrinking_averages_areas_and_pads_with_zero() {
        // 8×4 frame, left half black, right half white → 4×2 content in a 4×4 input, offset y 1.
        let data = frame_of(8, 4, |x, _| {
            if x < 4 {
                [0, 0, 0, 255]
            } else {
                [255, 255, 255, 255]
            }
        });
        let frame = RgbaFrame::new(&data, 8, 4).expect("frame");
        let mut input = vec![simd::splat(9.0); 4 * 4];
        let lb = Resizer::default().fill(&frame, frame.bounds(), 4, &mut input);
        let input = rgb(&input);
        assert_eq!((lb.content, lb.offset), ((4, 2), (0, 1)));
        assert!(input[..12].iter().all(|&v| v == 0.0), "top band");
        assert!(input[36..].iter().all(|&v| v == 0.0), "bottom band");
        let row: Vec<f32> = input[12..24].to_vec();
        assert_eq!(
            row,
            vec![
                -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0
            ]
        );
    }

    #[test]
    fn shrinking_by_a_fraction_weights_partial_pixels() {
        // 3 px → 2 px: output 0 covers pixels 0 and half of 1.
        let data = frame_of(3, 3, |x, _| {
            [[0, 0, 0, 255], [255, 0, 0, 255], [255, 255, 255, 255]][x as usize]
        });
        let frame = RgbaFrame::new(&data, 3, 3).expect("frame");
        let mut input = vec![simd::zero(); 2 * 2];
        Resizer::default().fill(&frame, frame.bounds(), 2, &mut input);
        let input = rgb(&input);
        // Red of output 0: (0·1 + 255·0.5) / 1.5 = 85 → 85/127.5 - 1.
        assert!(
            (input[0] - (85.0 / 127.5 - 1.0)).abs() < 1e-5,
            "{}",
            input[0]
        );
        // Green of output 1: (0·0.5 + 255·1) / 1.5 = 170.
        assert!(
            (input[4] - (170.0 / 127.5 - 1.0)).abs() < 1e-5,
            "{}",
            input[4]
        );
    }

    #[test]
    fn enlarging_interpolates_bilinearly_inside_the_region() {
        // Region x 1..3 of a 4×1 frame: values 100, 200 → 4 px wide.
        let data = frame_of(4, 2, |x, _| {
            let v = [0, 100, 200, 255][x as usize];
            [v, v, v, 255]
        });
        let frame = RgbaFrame::new(&data, 4, 2).expect("frame");
        let mut input = vec![simd::zero(); 4 * 4];
        let lb = Resizer::default().fill(&frame, Rect::new(1, 0, 2, 2), 4, &mut input);
        let input = rgb(&input);
        assert_eq!((lb.content, lb.offset), ((4, 4), (0, 0)));
        let grey: Vec<f32> = input[..12]
            .chunks(3)
            .map(|p| ((p[0] + 1.0) * 127.5).round())
            .collect();
        assert_eq!(grey, vec![100.0, 125.0, 175.0, 200.0]);
    }
}
