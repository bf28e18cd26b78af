//! `FrameAnalyzer`: the per-frame verdict for JS — guide, face or document region, quality,
//! feedback (stabilized) and autocapture.

use idv_core::analyzer::{AnalyzerOptions, AnalyzerSubject, FrameAnalyzer};
use idv_core::frame::RgbaFrame;
use idv_core::roi::document::DocumentProfile;
use idv_core::roi::face::{CameraFacing, DetectorOptions};
use wasm_bindgen::prelude::*;

use crate::convert::{Fields, to_js};

/// Analyzes camera frames: `analyze(rgba, width, height, nowMs)` returns the report; after
/// autocapture fired, `captured()` returns the sharpest frame of the compliant run.
#[wasm_bindgen(js_name = "FrameAnalyzer")]
#[derive(Debug)]
pub struct JsFrameAnalyzer {
    inner: FrameAnalyzer,
    /// The zero-copy input: callers write frames here through `inputView`.
    input: InputBuffer,
}

/// A `Uint8Array` over `bytes` inside the wasm memory (no copy). Safe Rust: only the address is
/// taken; the view is invalidated if the memory grows, so callers take a fresh one per frame.
fn view_of(bytes: &[u8]) -> Result<js_sys::Uint8Array, JsError> {
    let memory = wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_err(|_| JsError::new("no wasm memory"))?;
    let offset = u32::try_from(bytes.as_ptr() as usize).map_err(|_| JsError::new("address out of range"))?;
    let length = u32::try_from(bytes.len()).map_err(|_| JsError::new("frame too large"))?;
    Ok(js_sys::Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), offset, length))
}

/// An RGBA frame buffer inside the wasm memory that JS writes into through a view (no copy
/// across the boundary), reused while the frame size stays the same.
#[derive(Debug, Default)]
struct InputBuffer {
    bytes: Vec<u8>,
}

impl InputBuffer {
    /// A view of `width * height * 4` bytes (resized when the size changed).
    fn view(&mut self, width: u32, height: u32) -> Result<js_sys::Uint8Array, JsError> {
        if width == 0 || height == 0 || width > RgbaFrame::MAX_SIDE || height > RgbaFrame::MAX_SIDE {
            return Err(JsError::new(&format!("inputView: {width}x{height} is not a valid frame size")));
        }
        let len = usize::try_from(u64::from(width) * u64::from(height) * 4)
            .map_err(|_| JsError::new("inputView: frame too large"))?;
        if self.bytes.len() != len {
            self.bytes = vec![0; len];
        }
        view_of(&self.bytes)
    }

    /// The buffer as a `width` x `height` frame (`context` names the caller in errors).
    fn frame(&self, width: u32, height: u32, context: &str) -> Result<RgbaFrame<'_>, JsError> {
        RgbaFrame::new(&self.bytes, width, height).map_err(|e| JsError::new(&format!("{context}: {e}")))
    }
}

fn options_from(value: &JsValue) -> Result<AnalyzerOptions, JsError> {
    const CONTEXT: &str = "FrameAnalyzer";
    let fields = Fields::new(value, CONTEXT)?;
    let mut options = match fields.string("subject")?.as_deref() {
        None | Some("face") => AnalyzerOptions::face(),
        Some("document") => {
            let profile = match fields.string("documentProfile")?.as_deref() {
                None | Some("id1") => DocumentProfile::Id1,
                Some("passport") => DocumentProfile::PassportPage,
                Some(other) => {
                    return Err(JsError::new(&format!("{CONTEXT}: unknown documentProfile {other:?} (id1, passport)")));
                }
            };
            AnalyzerOptions::document(profile)
        }
        Some(other) => return Err(JsError::new(&format!("{CONTEXT}: unknown subject {other:?} (face, document)"))),
    };
    match fields.string("facing")?.as_deref() {
        None => {}
        Some("front") => options.facing = CameraFacing::Front,
        Some("back") => options.facing = CameraFacing::Back,
        Some(other) => return Err(JsError::new(&format!("{CONTEXT}: unknown facing {other:?} (front, back)"))),
    }
    if let Some(n) = fields.count("autocaptureMinimumFrameCount")? {
        options.autocapture.autocapture_minimum_frame_count = n;
    }
    if let Some(ms) = fields.count("feedbackMinDisplayMs")? {
        options.stabilizer.min_display_ms = f64::from(ms);
    }
    if let Some(score) = fields.number("faceMinScore")? {
        options.detector.min_score = score as f32;
    }
    Ok(options)
}

/// `{ minScore }` of a [`JsFaceDetector`], validated.
fn detector_options(value: &JsValue) -> Result<DetectorOptions, JsError> {
    let fields = Fields::new(value, "FaceDetector")?;
    let mut options = DetectorOptions::default();
    if let Some(score) = fields.number("minScore")? {
        options.min_score = score as f32;
    }
    Ok(options)
}

#[wasm_bindgen(js_class = "FrameAnalyzer")]
impl JsFrameAnalyzer {
    /// `{ subject: "face" | "document", documentProfile: "id1" | "passport", facing: "front" |
    /// "back", autocaptureMinimumFrameCount, feedbackMinDisplayMs, faceMinScore }`, all
    /// optional. A face analyzer needs `loadFaceModel(bytes)` before its first frame.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AnalyzerOptionsInput | undefined")] options: JsValue,
    ) -> Result<JsFrameAnalyzer, JsError> {
        let inner = FrameAnalyzer::new(options_from(&options)?).map_err(|e| JsError::new(&format!("FrameAnalyzer: {e}")))?;
        Ok(Self { inner, input: InputBuffer::default() })
    }

    /// Loads `face_detection_short_range.tflite` (shipped in the package's `models/`).
    #[wasm_bindgen(js_name = "loadFaceModel")]
    pub fn load_face_model(&mut self, model: &[u8]) -> Result<(), JsError> {
        self.inner.load_face_model(model).map_err(|e| JsError::new(&format!("loadFaceModel: {e}")))
    }

    /// Analyzes one RGBA frame (`ImageData.data`, `VideoFrame.copyTo` RGBA). `nowMs`: a
    /// monotonic timestamp (default `performance.now()`), for the feedback stabilizer.
    #[wasm_bindgen(unchecked_return_type = "AnalysisReport")]
    pub fn analyze(&mut self, rgba: &[u8], width: u32, height: u32, now_ms: Option<f64>) -> Result<JsValue, JsError> {
        let frame = RgbaFrame::new(rgba, width, height).map_err(|e| JsError::new(&format!("analyze: {e}")))?;
        let now = now_ms.unwrap_or_else(js_sys::Date::now);
        let report = self.inner.analyze_rgba(&frame, now).map_err(|e| JsError::new(&format!("analyze: {e}")))?;
        to_js(&report)
    }

    /// A `Uint8Array` of `width * height * 4` bytes inside the wasm memory: write an RGBA frame
    /// into it (`videoFrame.copyTo(view, { format: "RGBA" })`, `view.set(imageData.data)`) and call
    /// `analyzeInput` — no copy across the boundary. Take a fresh view for every frame (a view is
    /// detached when the memory grows).
    #[wasm_bindgen(js_name = "inputView")]
    pub fn input_view(&mut self, width: u32, height: u32) -> Result<js_sys::Uint8Array, JsError> {
        self.input.view(width, height)
    }

    /// Analyzes the frame written into `inputView(width, height)`.
    #[wasm_bindgen(js_name = "analyzeInput", unchecked_return_type = "AnalysisReport")]
    pub fn analyze_input(&mut self, width: u32, height: u32, now_ms: Option<f64>) -> Result<JsValue, JsError> {
        let frame = self.input.frame(width, height, "analyzeInput")?;
        let now = now_ms.unwrap_or_else(js_sys::Date::now);
        let report = self.inner.analyze_rgba(&frame, now).map_err(|e| JsError::new(&format!("analyzeInput: {e}")))?;
        to_js(&report)
    }

    /// Mean luma of the input frame: one read of every pixel, the cost floor of any per-frame
    /// analysis (the benchmark's reference).
    #[wasm_bindgen(js_name = "inputLumaMean")]
    pub fn input_luma_mean(&self, width: u32, height: u32) -> Result<f64, JsError> {
        let frame = self.input.frame(width, height, "inputLumaMean")?;
        Ok(idv_core::frame::region_luma_mean(&frame, frame.bounds())?)
    }

    /// The guide region `{ x, y, width, height }` for a capture of this size.
    #[wasm_bindgen(unchecked_return_type = "{ x: number; y: number; width: number; height: number }")]
    pub fn guide(&self, width: u32, height: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.guide(width, height).map_err(|e| JsError::new(&format!("guide: {e}")))?)
    }

    /// The frame autocapture picked (`{ frame, width, height, rgba }`), or null.
    #[wasm_bindgen(unchecked_return_type = "{ frame: number; width: number; height: number; rgba: Uint8ClampedArray } | null")]
    pub fn captured(&self) -> Result<JsValue, JsError> {
        let Some(captured) = self.inner.captured() else { return Ok(JsValue::NULL) };
        let out = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &k.into(), v).map(|_| ());
        set("frame", &(captured.frame as f64).into())
            .and_then(|()| set("width", &captured.width.into()))
            .and_then(|()| set("height", &captured.height.into()))
            .and_then(|()| set("rgba", &js_sys::Uint8ClampedArray::from(captured.rgba.as_slice()).into()))
            .map_err(|_| JsError::new("captured: could not build the result"))?;
        Ok(out.into())
    }

    /// Starts a new capture: history, feedback and the captured frame forgotten.
    pub fn reset(&mut self) {
        self.inner.reset();
    }

    /// "face" or "document".
    #[wasm_bindgen(getter)]
    pub fn subject(&self) -> String {
        match self.inner.options().subject {
            AnalyzerSubject::Face => "face".into(),
            AnalyzerSubject::Document(_) => "document".into(),
        }
    }
}

/// BlazeFace short-range on its own: faces with their box, six keypoints, eye distance and roll.
#[wasm_bindgen(js_name = "FaceDetector")]
#[derive(Debug)]
pub struct JsFaceDetector {
    inner: idv_core::roi::face::FaceDetector,
    input: InputBuffer,
}

#[wasm_bindgen(js_class = "FaceDetector")]
impl JsFaceDetector {
    /// `model`: the bytes of `face_detection_short_range.tflite`; `options`: `{ minScore }`
    /// (default 0.5; 0.65 for small faces such as group photos, see docs/thresholds.md).
    #[wasm_bindgen(constructor)]
    pub fn new(
        model: &[u8],
        #[wasm_bindgen(unchecked_param_type = "{ minScore?: number } | undefined")] options: JsValue,
    ) -> Result<JsFaceDetector, JsError> {
        let fail = |e: &dyn std::fmt::Display| JsError::new(&format!("FaceDetector: {e}"));
        let mut inner = idv_core::roi::face::FaceDetector::new(model).map_err(|e| fail(&e))?;
        inner.set_options(detector_options(&options)?).map_err(|e| fail(&e))?;
        Ok(Self { inner, input: InputBuffer::default() })
    }

    /// The zero-copy input, as `FrameAnalyzer.inputView`.
    #[wasm_bindgen(js_name = "inputView")]
    pub fn input_view(&mut self, width: u32, height: u32) -> Result<js_sys::Uint8Array, JsError> {
        self.input.view(width, height)
    }

    /// Faces in the input frame (optionally only inside `region = [x, y, width, height]`).
    #[wasm_bindgen(js_name = "detectInput", unchecked_return_type = "AnalysisReport[\"faces\"]")]
    pub fn detect_input(&mut self, width: u32, height: u32, region: Option<Vec<u32>>) -> Result<JsValue, JsError> {
        let frame = self.input.frame(width, height, "detectInput")?;
        let region = match region.as_deref() {
            None => None,
            Some([x, y, w, h]) => Some(idv_core::frame::Rect::new(*x, *y, *w, *h)),
            Some(_) => return Err(JsError::new("detectInput: region must be [x, y, width, height]")),
        };
        let faces = self.inner.detect(&frame, region).map_err(|e| JsError::new(&format!("detectInput: {e}")))?;
        to_js(&faces)
    }
}

/// The quality metrics alone on a region you choose (sharpness, exposure, contrast, glare,
/// stability), without guide, detection or autocapture.
#[wasm_bindgen(js_name = "QualityAnalyzer")]
#[derive(Debug)]
pub struct JsQualityAnalyzer {
    inner: idv_core::quality::QualityAnalyzer,
    input: InputBuffer,
}

#[wasm_bindgen(js_class = "QualityAnalyzer")]
impl JsQualityAnalyzer {
    /// With the documented default thresholds.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<JsQualityAnalyzer, JsError> {
        let inner = idv_core::quality::QualityAnalyzer::new(idv_core::quality::QualityOptions::default())
            .map_err(|e| JsError::new(&format!("QualityAnalyzer: {e}")))?;
        Ok(Self { inner, input: InputBuffer::default() })
    }

    /// The zero-copy input, as `FrameAnalyzer.inputView`.
    #[wasm_bindgen(js_name = "inputView")]
    pub fn input_view(&mut self, width: u32, height: u32) -> Result<js_sys::Uint8Array, JsError> {
        self.input.view(width, height)
    }

    /// Metrics of `region = [x, y, width, height]` of the input frame, for a `"face"` or
    /// `"document"` subject.
    #[wasm_bindgen(js_name = "analyzeInput", unchecked_return_type = "AnalysisReport[\"quality\"]")]
    pub fn analyze_input(
        &mut self,
        width: u32,
        height: u32,
        region: Vec<u32>,
        #[wasm_bindgen(unchecked_param_type = "\"face\" | \"document\"")] subject: &str,
    ) -> Result<JsValue, JsError> {
        let frame = self.input.frame(width, height, "analyzeInput")?;
        let [x, y, w, h] = region[..] else {
            return Err(JsError::new("analyzeInput: region must be [x, y, width, height]"));
        };
        let subject = match subject {
            "face" => idv_core::quality::Subject::Face,
            "document" => idv_core::quality::Subject::Document,
            other => return Err(JsError::new(&format!("analyzeInput: unknown subject {other:?}"))),
        };
        let report = self
            .inner
            .analyze_rgba(&frame, idv_core::frame::Rect::new(x, y, w, h), subject)
            .map_err(|e| JsError::new(&format!("analyzeInput: {e}")))?;
        to_js(&report)
    }
}
