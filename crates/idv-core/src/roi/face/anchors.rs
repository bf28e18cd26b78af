//! SSD anchors and box decoding of BlazeFace short-range, as MediaPipe's `SsdAnchorsCalculator`
//! and `TensorsToDetectionsCalculator` do with the options of `face_detection_short_range`.
//!
//! Anchors: `num_layers` 4, strides `[8, 16, 16, 16]`, input 128×128, `anchor_offset` 0.5,
//! aspect ratio 1 plus the interpolated scale (ratio 1.0), `fixed_anchor_size` true. Layers with
//! the same stride share one feature map, so the stride-8 layer gives 2 anchors per cell on its
//! 16×16 grid (512) and the three stride-16 layers 3 × 2 = 6 per cell on the 8×8 grid (384):
//! 896 in all, row-major, the anchors of a cell consecutive. With a fixed anchor size every
//! anchor is 1×1 (normalized), so only its centre matters.
//!
//! Decoding (`reverse_output_order` true, i.e. x before y; all scales 128): each of the 16
//! regressor values per anchor is `[dx, dy, w, h, kx0, ky0, …, kx5, ky5]` in input pixels,
//! relative to the anchor centre. Scores are logits, clipped to ±100 then passed through a sigmoid.

use super::nms::Detection;

/// Model input side in pixels.
pub(super) const INPUT: usize = 128;
/// Number of anchors (and of regressor rows).
pub(super) const ANCHORS: usize = 896;
/// Values per regressor row: box (4) + 6 keypoints × (x, y).
pub(super) const COORDS: usize = 16;
pub(super) const KEYPOINTS: usize = 6;
const SCORE_CLIP: f32 = 100.0;
const STRIDES: [usize; 4] = [8, 16, 16, 16];
/// Anchors per layer at one cell: aspect ratio 1.0 and the interpolated scale.
const PER_LAYER: usize = 2;

/// Anchor centres `[x, y]`, normalized to the input.
pub(super) fn ssd_anchors() -> Vec<[f32; 2]> {
    let mut anchors = Vec::with_capacity(ANCHORS);
    let mut layer = 0;
    while layer < STRIDES.len() {
        let stride = STRIDES[layer];
        // Consecutive layers with the same stride share one grid.
        let mut per_cell = 0;
        while layer < STRIDES.len() && STRIDES[layer] == stride {
            per_cell += PER_LAYER;
            layer += 1;
        }
        let cells = INPUT.div_ceil(stride);
        for y in 0..cells {
            for x in 0..cells {
                let centre = [
                    (x as f32 + 0.5) / cells as f32,
                    (y as f32 + 0.5) / cells as f32,
                ];
                anchors.extend(std::iter::repeat_n(centre, per_cell));
            }
        }
    }
    anchors
}

/// The logistic function of a logit clipped to ±100 (MediaPipe's `score_clipping_thresh`).
pub(super) fn score(logit: f32) -> f32 {
    let x = logit.clamp(-SCORE_CLIP, SCORE_CLIP);
    1.0 / (1.0 + (-x).exp())
}

/// Appends to `out` every anchor whose score is at least `min_score`, decoded to normalized
/// input coordinates. Boxes that are empty or not finite are skipped (and NaN scores never pass).
pub(super) fn decode(
    regressors: &[f32],
    logits: &[f32],
    anchors: &[[f32; 2]],
    min_score: f32,
    out: &mut Vec<Detection>,
) {
    let scale = INPUT as f32;
    let rows = regressors.chunks_exact(COORDS).zip(logits).zip(anchors);
    for (index, ((r, &logit), &[ax, ay])) in rows.enumerate() {
        let s = score(logit);
        if s.is_nan() || s < min_score {
            continue;
        }
        let (cx, cy) = (ax + r[0] / scale, ay + r[1] / scale);
        let (w, h) = (r[2] / scale, r[3] / scale);
        if !(w > 0.0
            && h > 0.0
            && cx.is_finite()
            && cy.is_finite()
            && w.is_finite()
            && h.is_finite())
        {
            continue;
        }
        let mut keypoints = [[0.0; 2]; KEYPOINTS];
        for (k, kp) in r[4..].chunks_exact(2).zip(&mut keypoints) {
            *kp = [ax + k[0] / scale, ay + k[1] / scale];
        }
        out.push(Detection {
            xmin: cx - w / 2.0,
            ymin: cy - h / 2.0,
            width: w,
            height: h,
            score: s,
            keypoints,
            index: index as u32,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_match_the_short_range_layout() {
        let a = ssd_anchors();
        assert_eq!(a.len(), ANCHORS);
        // Stride 8: 16×16 cells, 2 per cell.
        assert_eq!(a[0], [0.031_25, 0.031_25]);
        assert_eq!(a[1], [0.031_25, 0.031_25]);
        assert_eq!(a[2], [0.093_75, 0.031_25]);
        assert_eq!(a[32], [0.031_25, 0.093_75]);
        assert_eq!(a[511], [0.968_75, 0.968_75]);
        // Stride 16: 8×8 cells, 6 per cell.
        assert_eq!(a[512], [0.0625, 0.0625]);
        assert_eq!(a[517], [0.0625, 0.0625]);
        assert_eq!(a[518], [0.1875, 0.0625]);
        assert_eq!(a[895], [0.9375, 0.9375]);
    }

    #[test]
    fn score_is_a_clipped_sigmoid() {
        assert_eq!(score(0.0), 0.5);
        assert!((score(2.0) - 0.880_797).abs() < 1e-6);
        assert_eq!(score(1e9), score(100.0));
        assert_eq!(score(-1e9), score(-100.0));
        assert_eq!(score(-100.0), 0.0); // e^100 overflows f32: exactly 0, never NaN
        assert!((score(-10.0) - 4.539_787e-5).abs() < 1e-10);
        assert!(score(f32::NAN).is_nan());
    }

    #[test]
    fn decode_applies_anchor_offsets_and_threshold() {
        let anchors = [[0.25, 0.5], [0.75, 0.75], [0.5, 0.5], [0.5, 0.5]];
        let mut regs = vec![0.0f32; 4 * COORDS];
        // Anchor 0: centre moved by (+12.8, -6.4) px, 32×64 px, keypoint 0 at +6.4 px x.
        regs[..6].copy_from_slice(&[12.8, -6.4, 32.0, 64.0, 6.4, 0.0]);
        // Anchor 1: below threshold. Anchor 2: negative width. Anchor 3: NaN.
        regs[2 * COORDS + 2] = -5.0;
        regs[2 * COORDS + 3] = 10.0;
        regs[3 * COORDS] = f32::NAN;
        regs[3 * COORDS + 2] = 10.0;
        regs[3 * COORDS + 3] = 10.0;
        let logits = [1.0, -1.0, 5.0, 5.0];
        let mut out = Vec::new();
        decode(&regs, &logits, &anchors, 0.5, &mut out);
        assert_eq!(out.len(), 1);
        let d = &out[0];
        assert_eq!(d.index, 0);
        assert!((d.xmin - (0.25 + 0.1 - 0.125)).abs() < 1e-6);
        assert!((d.ymin - (0.5 - 0.05 - 0.25)).abs() < 1e-6);
        assert!((d.width - 0.25).abs() < 1e-6 && (d.height - 0.5).abs() < 1e-6);
        assert!((d.keypoints[0][0] - 0.3).abs() < 1e-6 && d.keypoints[0][1] == 0.5);
        assert_eq!(d.keypoints[5], [0.25, 0.5]);
        assert!((d.score - score(1.0)).abs() < 1e-7);
    }
}
