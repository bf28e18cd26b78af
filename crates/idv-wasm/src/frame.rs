//! Frame helpers exposed to JS.

use idv_core::frame::{Rect, RgbaFrame, region_luma_mean};
use wasm_bindgen::prelude::*;

/// Mean BT.601 luma (0–255) of an RGBA frame, or of the region `x, y, w, h` inside it.
/// Throws on a buffer whose length is not `width * height * 4` or a region outside the frame.
#[wasm_bindgen(js_name = "lumaMean")]
pub fn luma_mean(
    rgba: &[u8],
    width: u32,
    height: u32,
    region: Option<Vec<u32>>,
) -> Result<f64, JsError> {
    let frame = RgbaFrame::new(rgba, width, height)?;
    let rect = match region.as_deref() {
        None => frame.bounds(),
        Some([x, y, w, h]) => Rect::new(*x, *y, *w, *h),
        Some(other) => {
            return Err(JsError::new(&format!(
                "region must be [x, y, width, height], got {} numbers",
                other.len()
            )));
        }
    };
    Ok(region_luma_mean(&frame, rect)?)
}
