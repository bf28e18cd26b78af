//! Native reference timings of the whole per-frame verdict (face with detection, document),
//! printed as `native <subject> <size> <median ms>` lines for scripts/bench-analyzer.sh.
//!
//!   cargo run -p idv-core --profile bench --example analyzer_bench
//!
//! Frames: fixture frame 0 (the astronaut) and 130 (the card) from target/fixtures/capture.y4m,
//! scaled to each size; falls back to a synthetic pattern without the fixtures.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::Instant;

use idv_core::analyzer::{AnalyzerOptions, FrameAnalyzer};
use idv_core::frame::RgbaFrame;
use idv_core::roi::document::DocumentProfile;

const SIZES: [(u32, u32); 3] = [(640, 480), (1280, 720), (1920, 1080)];

fn y4m_frame(index: usize) -> Option<(u32, u32, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fixtures/capture.y4m");
    let bytes = std::fs::read(root).ok()?;
    let header = bytes.iter().position(|&b| b == b'\n')?;
    let (w, h) = (640usize, 480usize);
    let frame = w * h * 3 / 2;
    let start = header + 1 + index * (frame + 6) + 6;
    let (y, rest) = bytes.get(start..start + frame)?.split_at(w * h);
    let (u, v) = rest.split_at(w * h / 4);
    let mut rgba = Vec::with_capacity(w * h * 4);
    for row in 0..h {
        for col in 0..w {
            let c = (row / 2) * (w / 2) + col / 2;
            let yy = 1.164 * (f32::from(y[row * w + col]) - 16.0);
            let (cb, cr) = (f32::from(u[c]) - 128.0, f32::from(v[c]) - 128.0);
            let px = [yy + 1.596 * cr, yy - 0.392 * cb - 0.813 * cr, yy + 2.017 * cb];
            rgba.extend(px.iter().map(|x| x.clamp(0.0, 255.0) as u8));
            rgba.push(255);
        }
    }
    Some((w as u32, h as u32, rgba))
}

/// Nearest-neighbour scale (content only matters for realism, not for exact values).
fn scaled(src: &(u32, u32, Vec<u8>), w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let sx = (x * src.0 / w) as usize;
            let sy = (y * src.1 / h) as usize;
            let i = (sy * src.0 as usize + sx) * 4;
            out.extend_from_slice(&src.2[i..i + 4]);
        }
    }
    out
}

fn median_ms(mut f: impl FnMut(), runs: usize) -> f64 {
    for _ in 0..5 {
        f();
    }
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let model = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../node_modules/@mediapipe/face_detection/face_detection_short_range.tflite"),
    )
    .expect("run npm ci for the face model");
    let face = y4m_frame(0).expect("run bash scripts/fixtures.sh for the fixtures");
    let card = y4m_frame(130).expect("fixtures");
    for (w, h) in SIZES {
        let face_frame = scaled(&face, w, h);
        let card_frame = scaled(&card, w, h);
        let mut analyzer = FrameAnalyzer::new(AnalyzerOptions::face()).unwrap();
        analyzer.load_face_model(&model).unwrap();
        let view = RgbaFrame::new(&face_frame, w, h).unwrap();
        let mut t = 0.0;
        let ms = median_ms(
            || {
                t += 33.3;
                analyzer.analyze_rgba(&view, t).unwrap();
            },
            40,
        );
        println!("native face {w}x{h} {ms:.3}");
        let mut analyzer = FrameAnalyzer::new(AnalyzerOptions::document(DocumentProfile::Id1)).unwrap();
        let view = RgbaFrame::new(&card_frame, w, h).unwrap();
        let ms = median_ms(
            || {
                t += 33.3;
                analyzer.analyze_rgba(&view, t).unwrap();
            },
            40,
        );
        println!("native document {w}x{h} {ms:.3}");
    }
}
