//! Face detection: a hand-written inference of MediaPipe's BlazeFace short-range model, and the
//! AwareID-style feedback computed from its detections.
//!
//! - [`FaceDetector`] loads `face_detection_short_range.tflite` (npm `@mediapipe/face_detection`,
//!   Apache-2.0) and finds faces with their six keypoints, eye distance and roll.
//! - [`face_guide`] and [`FaceJudge`] turn the detections into one [`FaceFeedback`].
//!
//! Speed: 4.6 ms per 640×480 frame in Node 20 with `-C target-feature=+simd128` under the
//! workspace's size profile (explicit `core::arch::wasm32` SIMD, see `simd`), 21 ms without
//! simd128; natively 3.6–4.2 ms with `--profile bench` (auto-vectorized) and ~20 ms with the
//! size-optimized `--release` profile, where LLVM does not vectorize.
//!
//! No ML framework: a bounds-checked flatbuffer reader (`flatbuf`, `tflite`), a compiler from
//! the TFLite graph to kernel steps (`compile`, `graph`; fp16 weights are dequantized at load
//! time), the kernels (`ops`), MediaPipe's anchors, decoding and weighted NMS (`anchors`, `nms`)
//! and letterboxing (`letterbox`).

mod anchors;
mod compile;
mod detector;
mod error;
mod feedback;
mod flatbuf;
mod fp16;
mod gemm;
mod graph;
mod guide;
mod letterbox;
mod lower;
mod nms;
mod ops;
mod simd;
mod tflite;

pub use detector::{DetectorOptions, Face, FaceBox, FaceDetector, Keypoint, Point};
pub use error::{DetectError, FaceOptionsError, ModelError};
pub use feedback::{FaceCheckOptions, FaceFeedback, FaceJudge};
pub use guide::{CameraFacing, face_guide, target_eye_distance};
