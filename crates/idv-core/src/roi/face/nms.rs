//! Weighted non-maximum suppression, as MediaPipe's `NonMaxSuppressionCalculator` with
//! `algorithm: WEIGHTED` and `overlap_type: INTERSECTION_OVER_UNION`.
//!
//! Take the best remaining detection; every remaining detection whose IoU with it is above the
//! threshold (itself included) is removed and averaged into it, box and keypoints weighted by
//! score; the result keeps the best detection's score. Repeat until none remain. BlazeFace emits
//! several overlapping anchors per face, so averaging them steadies the box and keypoints.

use super::anchors::KEYPOINTS;

/// One decoded detection, in normalized model-input coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Detection {
    pub(crate) xmin: f32,
    pub(crate) ymin: f32,
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) score: f32,
    pub(crate) keypoints: [[f32; 2]; KEYPOINTS],
    /// The anchor it came from; breaks score ties so the order never depends on the sort.
    pub(crate) index: u32,
}

/// Intersection over union of two boxes; 0 when they do not overlap, a box is empty or a value
/// is not finite.
pub(crate) fn iou(a: &Detection, b: &Detection) -> f32 {
    let finite = |d: &Detection| {
        [d.xmin, d.ymin, d.width, d.height]
            .iter()
            .all(|v| v.is_finite())
    };
    if !(finite(a) && finite(b)) {
        return 0.0;
    }
    let iw = (a.xmin + a.width).min(b.xmin + b.width) - a.xmin.max(b.xmin);
    let ih = (a.ymin + a.height).min(b.ymin + b.height) - a.ymin.max(b.ymin);
    if !(iw > 0.0 && ih > 0.0) {
        return 0.0;
    }
    let inter = iw * ih;
    let union = a.width * a.height + b.width * b.height - inter;
    if union > 0.0 { inter / union } else { 0.0 }
}

/// Reusable buffers of [`weighted_nms`].
#[derive(Debug, Clone, Default)]
pub(crate) struct NmsScratch {
    remaining: Vec<usize>,
    next: Vec<usize>,
}

impl NmsScratch {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self {
            remaining: Vec::with_capacity(n),
            next: Vec::with_capacity(n),
        }
    }
}

/// Sorts `dets` by score (best first) and appends the merged detections to `out`.
pub(crate) fn weighted_nms(
    dets: &mut [Detection],
    threshold: f32,
    scratch: &mut NmsScratch,
    out: &mut Vec<Detection>,
) {
    dets.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
    let NmsScratch { remaining, next } = scratch;
    remaining.clear();
    remaining.extend(0..dets.len());
    while let Some(&top) = remaining.first() {
        let best = dets[top];
        let mut total = 0.0f32;
        let mut sum = [0.0f32; 4 + 2 * KEYPOINTS];
        next.clear();
        for &i in remaining.iter() {
            let d = &dets[i];
            if iou(d, &best) > threshold {
                total += d.score;
                let values = [d.xmin, d.ymin, d.width, d.height];
                let kps = d.keypoints.iter().flatten();
                for (s, v) in sum.iter_mut().zip(values.iter().chain(kps)) {
                    *s += v * d.score;
                }
            } else {
                next.push(i);
            }
        }
        let mut merged = best;
        if total > 0.0 {
            let mut it = sum.iter().map(|s| s / total);
            for v in [
                &mut merged.xmin,
                &mut merged.ymin,
                &mut merged.width,
                &mut merged.height,
            ] {
                *v = it.next().unwrap_or(*v);
            }
            for v in merged.keypoints.iter_mut().flatten() {
                *v = it.next().unwrap_or(*v);
            }
        }
        out.push(merged);
        std::mem::swap(remaining, next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det(xmin: f32, ymin: f32, size: f32, score: f32, index: u32) -> Detection {
        let kp = [xmin + size / 2.0, ymin + size / 2.0];
        Detection {
            xmin,
            ymin,
            width: size,
            height: size,
            score,
            keypoints: [kp; KEYPOINTS],
            index,
        }
    }

    #[test]
    fn iou_of_known_boxes() {
        let a = det(0.0, 0.0, 2.0, 1.0, 0);
        assert_eq!(iou(&a, &a), 1.0);
        assert_eq!(iou(&a, &det(1.0, 0.0, 2.0, 1.0, 1)), 2.0 / 6.0);
        assert_eq!(iou(&a, &det(1.0, 1.0, 2.0, 1.0, 1)), 1.0 / 7.0);
        assert_eq!(iou(&a, &det(2.0, 0.0, 2.0, 1.0, 1)), 0.0); // touching edges
        assert_eq!(iou(&a, &det(0.5, 0.5, 1.0, 1.0, 1)), 0.25); // contained
        assert_eq!(iou(&a, &det(0.0, 0.0, 0.0, 1.0, 1)), 0.0); // empty
        assert_eq!(iou(&a, &det(f32::NAN, 0.0, 1.0, 1.0, 1)), 0.0);
    }

    #[test]
    fn overlapping_boxes_are_averaged_by_score_and_keep_the_best_score() {
        // a and b overlap (IoU 0.6), c is far away; a is the best.
        let a = det(0.0, 0.0, 1.0, 0.9, 0);
        let b = det(0.25, 0.0, 1.0, 0.6, 1);
        let c = det(5.0, 5.0, 1.0, 0.7, 2);
        let mut dets = vec![b, c, a];
        let mut out = Vec::new();
        weighted_nms(&mut dets, 0.3, &mut NmsScratch::default(), &mut out);
        assert_eq!(out.len(), 2);
        let m = out[0];
        assert_eq!((m.score, m.index), (0.9, 0));
        assert!((m.xmin - 0.25 * 0.6 / 1.5).abs() < 1e-6, "{}", m.xmin);
        assert_eq!((m.ymin, m.width, m.height), (0.0, 1.0, 1.0));
        assert!((m.keypoints[3][0] - (0.5 + 0.1)).abs() < 1e-6);
        assert_eq!(out[1], c);
    }

    #[test]
    fn threshold_is_strict_and_chains_do_not_merge() {
        // IoU(a, b) = 1/3 exactly, above 0.3; with threshold 1/3 it is not "above".
        let a = det(0.0, 0.0, 2.0, 0.9, 0);
        let b = det(1.0, 0.0, 2.0, 0.8, 1);
        let mut out = Vec::new();
        weighted_nms(&mut [a, b], 2.0 / 6.0, &mut NmsScratch::default(), &mut out);
        assert_eq!(out.len(), 2);
        out.clear();
        weighted_nms(&mut [a, b], 0.3, &mut NmsScratch::default(), &mut out);
        assert_eq!(out.len(), 1);
        // a–b overlap, b–c overlap, a–c do not: c survives as its own detection.
        let c = det(2.0, 0.0, 2.0, 0.7, 2);
        out.clear();
        weighted_nms(&mut [c, b, a], 0.3, &mut NmsScratch::default(), &mut out);
        assert_eq!(out.iter().map(|d| d.index).collect::<Vec<_>>(), vec![0, 2]);
    }

    #[test]
    fn equal_scores_order_by_anchor() {
        let a = det(0.0, 0.0, 1.0, 0.8, 7);
        let b = det(3.0, 0.0, 1.0, 0.8, 2);
        let mut out = Vec::new();
        weighted_nms(&mut [a, b], 0.3, &mut NmsScratch::default(), &mut out);
        assert_eq!(out.iter().map(|d| d.index).collect::<Vec<_>>(), vec![2, 7]);
    }
}
