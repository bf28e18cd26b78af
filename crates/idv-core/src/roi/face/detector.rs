//! [`FaceDetector`]: BlazeFace short-range on a frame region, with MediaPipe's pre- and
//! post-processing.

use serde::Serialize;

use super::anchors::{self, ANCHORS, COORDS, INPUT, KEYPOINTS};
use super::error::{DetectError, FaceOptionsError, ModelError};
use crate::option_error::check_range;
use super::graph::Graph;
use super::letterbox::{Letterbox, Resizer};
use super::nms::{Detection, NmsScratch, weighted_nms};
use crate::frame::{Rect, RgbaFrame};

/// A point in frame pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// An axis-aligned box in frame pixels (may reach outside the frame for a cut-off face).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct FaceBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl FaceBox {
    pub fn center(&self) -> Point {
        Point {
            x: self.x + self.width / 2.0,
            y: self.y + self.height / 2.0,
        }
    }
}

/// The six BlazeFace keypoints, in the model's order. "Right" and "left" are the subject's: in
/// an unmirrored image the right eye is the one on the image's left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Keypoint {
    RightEye = 0,
    LeftEye = 1,
    NoseTip = 2,
    Mouth = 3,
    RightEarTragion = 4,
    LeftEarTragion = 5,
}

/// One detected face, in frame pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Face {
    pub bbox: FaceBox,
    /// Detection confidence in [0, 1] (sigmoid of the best anchor's logit).
    pub score: f32,
    /// Indexed by [`Keypoint`].
    pub keypoints: [Point; KEYPOINTS],
    /// Distance between the eye keypoints in frame pixels.
    pub eye_distance: f32,
    /// Angle of the eye line (right eye → left eye) in degrees, image coordinates (y down):
    /// positive when the left eye (image right) is lower, i.e. the head is turned clockwise as
    /// seen in the image. 0 for an upright face, ±180 upside down.
    pub roll_degrees: f32,
}

impl Face {
    pub fn keypoint(&self, k: Keypoint) -> Point {
        self.keypoints[k as usize]
    }
}

/// Post-processing thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DetectorOptions {
    /// Minimum score of a detection: 0.5 (MediaPipe's `min_score_thresh` for this model).
    pub min_score: f32,
    /// IoU above which detections are merged: 0.3 (MediaPipe's `min_suppression_threshold`).
    pub iou_threshold: f32,
}

impl Default for DetectorOptions {
    fn default() -> Self {
        Self {
            min_score: 0.5,
            iou_threshold: 0.3,
        }
    }
}

impl DetectorOptions {
    /// Both thresholds must be finite, `min_score` in [0.01, 1] and `iou_threshold` in [0, 1].
    pub fn validate(&self) -> Result<(), FaceOptionsError> {
        check_range("minScore", f64::from(self.min_score), 0.01, 1.0)?;
        Ok(check_range("iouThreshold", f64::from(self.iou_threshold), 0.0, 1.0)?)
    }
}

/// BlazeFace short-range, hand-written inference. Owns every buffer it needs: after the first
/// frame of a given region size, [`FaceDetector::detect`] allocates nothing.
#[derive(Debug, Clone)]
pub struct FaceDetector {
    graph: Graph,
    /// Which graph outputs hold the regressors `[1, 896, 16]` and the logits `[1, 896, 1]`.
    outputs: (usize, usize),
    anchors: Vec<[f32; 2]>,
    options: DetectorOptions,
    resizer: Resizer,
    candidates: Vec<Detection>,
    merged: Vec<Detection>,
    nms: NmsScratch,
    faces: Vec<Face>,
}

impl FaceDetector {
    /// Side of the square model input.
    pub const INPUT_SIZE: u32 = INPUT as u32;

    /// Loads `face_detection_short_range.tflite` (or a model with the same input and outputs).
    pub fn new(model: &[u8]) -> Result<Self, ModelError> {
        let graph = Graph::load(model)?;
        if graph.input_shape() != [1, INPUT, INPUT, 3] {
            return Err(ModelError::NotBlazeFace(format!(
                "input shape {:?}",
                graph.input_shape()
            )));
        }
        let shapes: Vec<&[usize]> = graph.output_shapes().collect();
        let find = |last: usize| shapes.iter().position(|s| *s == [1, ANCHORS, last]);
        let (Some(regressors), Some(scores), 2) = (find(COORDS), find(1), shapes.len()) else {
            return Err(ModelError::NotBlazeFace(format!(
                "output shapes {shapes:?}"
            )));
        };
        Ok(Self {
            graph,
            outputs: (regressors, scores),
            anchors: anchors::ssd_anchors(),
            options: DetectorOptions::default(),
            resizer: Resizer::default(),
            candidates: Vec::with_capacity(ANCHORS),
            merged: Vec::with_capacity(ANCHORS),
            nms: NmsScratch::with_capacity(ANCHORS),
            faces: Vec::with_capacity(ANCHORS),
        })
    }

    pub fn options(&self) -> &DetectorOptions {
        &self.options
    }

    pub fn set_options(&mut self, options: DetectorOptions) -> Result<(), FaceOptionsError> {
        options.validate()?;
        self.options = options;
        Ok(())
    }

    /// Detects faces in `region` of `frame` (the whole frame when `None`), best score first.
    /// Coordinates are in frame pixels whatever the region.
    ///
    /// The region is letterboxed to 128×128, so pass the guide region (or a crop around the
    /// expected face) rather than the whole frame when the face is small: on the 640×480 fixture
    /// the astronaut's ~92 px face becomes 18 px in the model input and its eye distance reads
    /// 30 px (score 0.76), against 38.6 px (score 0.93) when detected inside the 334×480 guide.
    /// The short-range model is built for selfie-sized faces.
    pub fn detect(
        &mut self,
        frame: &RgbaFrame<'_>,
        region: Option<Rect>,
    ) -> Result<&[Face], DetectError> {
        let region = frame.check_region(region.unwrap_or(frame.bounds()))?;
        let lb = self
            .resizer
            .fill(frame, region, INPUT, self.graph.input_mut());
        self.graph.run()?;
        self.candidates.clear();
        anchors::decode(
            self.graph.output(self.outputs.0),
            self.graph.output(self.outputs.1),
            &self.anchors,
            self.options.min_score,
            &mut self.candidates,
        );
        self.merged.clear();
        weighted_nms(
            &mut self.candidates,
            self.options.iou_threshold,
            &mut self.nms,
            &mut self.merged,
        );
        self.faces.clear();
        self.faces
            .extend(self.merged.iter().map(|d| to_face(d, &lb)));
        Ok(&self.faces)
    }
}

/// Normalized model-input detection → frame pixels.
fn to_face(d: &Detection, lb: &Letterbox) -> Face {
    let side = INPUT as f32;
    let (x0, y0) = lb.to_frame(d.xmin * side, d.ymin * side);
    let (x1, y1) = lb.to_frame((d.xmin + d.width) * side, (d.ymin + d.height) * side);
    let mut keypoints = [Point::default(); KEYPOINTS];
    for (p, k) in keypoints.iter_mut().zip(&d.keypoints) {
        let (x, y) = lb.to_frame(k[0] * side, k[1] * side);
        *p = Point { x, y };
    }
    let (r, l) = (
        keypoints[Keypoint::RightEye as usize],
        keypoints[Keypoint::LeftEye as usize],
    );
    let (dx, dy) = (l.x - r.x, l.y - r.y);
    Face {
        bbox: FaceBox {
            x: x0,
            y: y0,
            width: x1 - x0,
            height: y1 - y0,
        },
        score: d.score,
        keypoints,
        eye_distance: dx.hypot(dy),
        roll_degrees: dy.atan2(dx).to_degrees(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roi::face::ops::pad_channels;

    /// The whole graph against an independent float64 NumPy implementation of the same TFLite
    /// file (written for this check from the flatbuffer dump, not shipped), on a deterministic
    /// input. Measured largest difference over all 896 × 17 outputs: 4.3e-5.
    #[test]
    fn graph_matches_a_float64_reference() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../node_modules/@mediapipe/face_detection/face_detection_short_range.tflite"
        );
        let model = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}; run `npm ci`"));
        let mut d = FaceDetector::new(&model).expect("loads");
        let input: Vec<f32> = (0..INPUT * INPUT * 3)
            .map(|i| (((i * 7919) % 255) as f32 / 127.5 - 1.0) * 0.9)
            .collect();
        d.graph
            .input_mut()
            .copy_from_slice(&pad_channels(&input, 3));
        d.graph.run().expect("runs");
        let (regressors, logits) = (d.graph.output(d.outputs.0), d.graph.output(d.outputs.1));
        let want_logits = [
            (0, -4.962_667),
            (300, -4.381_705),
            (511, -3.914_833),
            (512, -4.677_025),
            (700, -2.793_721),
            (712, -1.097_921),
            (895, -24.349_255),
        ];
        for (i, want) in want_logits {
            assert!(
                (logits[i] - want).abs() < 1e-3,
                "logit {i}: {} vs {want}",
                logits[i]
            );
        }
        let best = (0..ANCHORS).max_by(|&a, &b| logits[a].total_cmp(&logits[b]));
        assert_eq!(best, Some(712));
        let want_712 = [
            -2.42605, 4.65904, 66.97823, 66.96475, -22.47041, -5.08695, -3.3884, -11.34331,
            -19.55374, 1.82217, -12.59872, 15.00089, -18.65154, 1.26465, 25.3328, -8.0736,
        ];
        for (k, want) in want_712.iter().enumerate() {
            let got = regressors[712 * COORDS + k];
            assert!(
                (got - want).abs() < 1e-3,
                "regressor 712.{k}: {got} vs {want}"
            );
        }
        let want_895 = [-6.69266, 0.8597, 110.3514, 110.40264];
        for (k, want) in want_895.iter().enumerate() {
            let got = regressors[895 * COORDS + k];
            assert!(
                (got - want).abs() < 1e-3,
                "regressor 895.{k}: {got} vs {want}"
            );
        }
    }
}
