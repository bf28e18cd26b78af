//! Shared helpers for the browser tests: the fixture labels and the frame-stamp decoder.
//!
//! Every frame of the generated recording carries its index as 12 black/white 32x32 blocks in the
//! bottom band, and 8 grey calibration patches next to it (tests/fixtures/generate.py). The fake
//! camera loops the file from an unknown phase, so a test first decodes which frame it got.

use idv_core::frame::{Rect, RgbaFrame, region_luma_mean};
use serde::Deserialize;

pub const LABELS_JSON: &str = include_str!(concat!(env!("IDV_FIXTURES_DIR"), "/labels.json"));

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Labels {
    pub video: Video,
    pub layout: Layout,
    pub regions: std::collections::BTreeMap<String, [u32; 4]>,
    pub frames: Vec<FrameLabel>,
}

#[derive(Debug, Deserialize)]
pub struct Video {
    pub width: u32,
    pub height: u32,
    pub frames: u32,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Layout {
    pub stamp_bits: u32,
    pub block: u32,
    pub band_y: u32,
    pub calibration_x: u32,
    pub calibration_levels: Vec<u8>,
}

#[derive(Debug, Deserialize)]
pub struct FrameLabel {
    pub frame: u32,
    pub segment: String,
    pub regions: std::collections::BTreeMap<String, f64>,
}

pub fn labels() -> Labels {
    serde_json::from_str(LABELS_JSON).expect("labels.json parses")
}

/// Mean luma of the central 16x16 pixels of a 32x32 band block starting at column `x`.
fn block_mean(frame: &RgbaFrame<'_>, layout: &Layout, x: u32) -> f64 {
    let inset = layout.block / 4;
    let rect = Rect::new(x + inset, layout.band_y + inset, layout.block / 2, layout.block / 2);
    region_luma_mean(frame, rect).expect("block inside the frame")
}

/// The frame index stamped into the band.
pub fn decode_stamp(frame: &RgbaFrame<'_>, layout: &Layout) -> u32 {
    (0..layout.stamp_bits).fold(0, |acc, bit| {
        let on = block_mean(frame, layout, bit * layout.block) > 127.5;
        (acc << 1) | u32::from(on)
    })
}

/// Measured luma of each calibration patch.
pub fn calibration_means(frame: &RgbaFrame<'_>, layout: &Layout) -> Vec<f64> {
    (0..layout.calibration_levels.len() as u32)
        .map(|j| block_mean(frame, layout, layout.calibration_x + j * layout.block))
        .collect()
}
