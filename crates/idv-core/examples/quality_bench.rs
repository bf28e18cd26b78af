//! Native timing printout for the quality analyzer (not a test: no assertions on time).
//!
//! `cargo run -p idv-core --release --example quality_bench` (the release profile optimises for
//! size, like the wasm build; `--profile bench` optimises for speed). Prints the median time per
//! frame over 200 frames for the one-pass 2x2 luma downscale alone and for the full analysis.

use std::error::Error;
use std::time::Instant;

use idv_core::frame::{LumaPlane, LumaRange, Rect, RgbaFrame, YPlane};
use idv_core::quality::{QualityAnalyzer, QualityOptions, Subject};

const ITERATIONS: usize = 200;

/// Coloured text-like pattern with soft shading, so every metric has work to do.
fn frame(w: u32, h: u32, shift: u32) -> Vec<u8> {
    let mut buf = Vec::with_capacity(w as usize * h as usize * 4);
    for y in 0..h {
        for x in 0..w {
            let xs = x + shift;
            let cell = (xs / 8).wrapping_mul(0x9E37_79B1) ^ (y / 12).wrapping_mul(0x85EB_CA77);
            let ink = (xs % 8 < 2 && cell & 1 != 0) || (y % 12 < 2 && cell & 4 != 0);
            let base = 90 + ((x * 7 + y * 3) % 120) as u8;
            let v = if ink { 30 } else { base };
            buf.extend_from_slice(&[v, v.saturating_add(10), v / 2 + 60, 255]);
        }
    }
    buf
}

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples.get(samples.len() / 2).copied().unwrap_or(f64::NAN)
}

fn time(mut f: impl FnMut(usize) -> Result<(), Box<dyn Error>>) -> Result<f64, Box<dyn Error>> {
    let mut samples = Vec::with_capacity(ITERATIONS);
    for i in 0..ITERATIONS {
        let t = Instant::now();
        f(i)?;
        samples.push(t.elapsed().as_secs_f64() * 1e3);
    }
    Ok(median_ms(samples))
}

fn main() -> Result<(), Box<dyn Error>> {
    println!("median ms per frame over {ITERATIONS} frames");
    println!(
        "{:>10} {:>10} {:>10} {:>10} {:>10}",
        "size", "pass 2x2", "face", "document", "Y face"
    );
    for (w, h) in [(640u32, 480u32), (1280, 720), (1920, 1080)] {
        // Two alternating frames, so stability and history see changing content.
        let frames = [frame(w, h, 0), frame(w, h, 2)];
        let luma: Vec<u8> = frames[0].chunks_exact(4).map(|p| p[1]).collect();
        let face = Rect::new(w * 3 / 10, h / 5, w * 2 / 5, h * 3 / 5);
        let card = Rect::new(w / 8, h / 6, w * 3 / 4, h * 2 / 3);

        let mut plane = LumaPlane::new();
        let pass = time(|i| {
            let f = RgbaFrame::new(&frames[i % 2], w, h)?;
            plane.fill_from_rgba(&f, 2)?;
            Ok(())
        })?;
        let mut a = QualityAnalyzer::new(QualityOptions::default())?;
        let face_ms = time(|i| {
            let f = RgbaFrame::new(&frames[i % 2], w, h)?;
            std::hint::black_box(a.analyze_rgba(&f, face, Subject::Face)?);
            Ok(())
        })?;
        let doc_ms = time(|i| {
            let f = RgbaFrame::new(&frames[i % 2], w, h)?;
            std::hint::black_box(a.analyze_rgba(&f, card, Subject::Document)?);
            Ok(())
        })?;
        let y_ms = time(|_| {
            let y = YPlane::new(&luma, w, h, w)?;
            std::hint::black_box(a.analyze_luma(&y, LumaRange::Limited, face, Subject::Face)?);
            Ok(())
        })?;
        println!(
            "{:>10} {pass:>10.3} {face_ms:>10.3} {doc_ms:>10.3} {y_ms:>10.3}",
            format!("{w}x{h}")
        );
    }
    Ok(())
}
