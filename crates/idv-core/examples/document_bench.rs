//! Document fit speed (not a test: no assertions on time).
//!
//!     cargo run -p idv-core --release --example document_bench
//!
//! The release profile builds idv-core at `opt-level = "s"`, like the wasm build; add
//! `--profile bench` for a speed-optimised build. Prints the median milliseconds per frame over
//! 200 frames of a synthetic ID-1 card (textured desk, 3° tilt) for:
//!
//! - `fit`: [`DocumentDetector::detect_luma`] alone (2×2 downscale of the Y plane, gradients,
//!   the four side searches, joint choice, refinement);
//! - `pipeline`: the fit, then [`QualityAnalyzer::analyze_luma`] on the card's bounding box
//!   (`Subject::Document`), then [`DocumentReport::apply_quality`];
//! - `rgba fit`: the fit from an RGBA frame (BT.601 luma conversion in the downscale pass);
//! - `plane`: [`DocumentDetector::detect_plane`] on the already downscaled plane (the search
//!   alone, without the downscale pass).
//!
//! Also the fixture video's card frame 130 when `bash scripts/fixtures.sh` has run. (The
//! synthetic card has little print, so its sharpness may fail the document floor; that does not
//! change the timing.)

use std::error::Error;
use std::time::Instant;

use idv_core::frame::{LumaPlane, LumaRange, RgbaFrame, YPlane};
use idv_core::quality::{QualityAnalyzer, QualityOptions, Subject};
use idv_core::roi::document::{
    DocumentDetector, DocumentOptions, DocumentProfile, DocumentReport, document_guide,
};

#[path = "../tests/document_support/synth.rs"]
#[allow(dead_code, clippy::expect_used)]
mod synth;

const ITERATIONS: usize = 200;

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples.get(samples.len() / 2).copied().unwrap_or(f64::NAN)
}

fn time(mut f: impl FnMut() -> Result<(), Box<dyn Error>>) -> Result<f64, Box<dyn Error>> {
    let mut samples = Vec::with_capacity(ITERATIONS);
    for _ in 0..ITERATIONS {
        let t = Instant::now();
        f()?;
        samples.push(t.elapsed().as_secs_f64() * 1e3);
    }
    Ok(median_ms(samples))
}

/// Median time of [`DocumentDetector::detect_plane`] on `y` downscaled as the detector does.
fn measure_plane(y: &YPlane<'_>, range: LumaRange) -> Result<f64, Box<dyn Error>> {
    let (w, h) = (y.width(), y.height());
    let guide = document_guide(w, h, DocumentProfile::Id1)?;
    let options = DocumentOptions::default();
    let factor = options.factor_for(w, h);
    let mut detector = DocumentDetector::new(options)?;
    detector.detect_luma(y, range, guide)?;
    let plane = detector.plane().clone();
    time(|| {
        std::hint::black_box(detector.detect_plane(&plane, factor, w, h, guide)?);
        Ok(())
    })
}

/// Median times of the fit and the pipeline on one Y plane (full range).
fn measure(y: &YPlane<'_>, range: LumaRange) -> Result<(f64, f64, DocumentReport), Box<dyn Error>> {
    let guide = document_guide(y.width(), y.height(), DocumentProfile::Id1)?;
    let mut detector = DocumentDetector::new(DocumentOptions::default())?;
    let mut analyzer = QualityAnalyzer::new(QualityOptions::default())?;
    let fit = time(|| {
        std::hint::black_box(detector.detect_luma(y, range, guide)?);
        Ok(())
    })?;
    let mut last = None;
    let pipeline = time(|| {
        let mut report = detector.detect_luma(y, range, guide)?;
        let roi = report.bounding.unwrap_or(guide);
        let quality = analyzer.analyze_luma(y, range, roi, Subject::Document)?;
        report.apply_quality(Some(&quality));
        last = Some(std::hint::black_box(report));
        Ok(())
    })?;
    let report = last.ok_or("no frame measured")?;
    Ok((fit, pipeline, report))
}

fn main() -> Result<(), Box<dyn Error>> {
    println!("median ms per frame over {ITERATIONS} frames");
    println!(
        "{:>10} {:>8} {:>9} {:>9} {:>8}  result",
        "size", "fit", "pipeline", "rgba fit", "plane"
    );
    for (w, h) in [(640u32, 480u32), (1280, 720)] {
        let s = w as f32 / 640.0;
        let card = synth::Card {
            cx: w as f32 / 2.0 + 12.0 * s,
            cy: h as f32 / 2.0 - 8.0 * s,
            w: 400.0 * s,
            h: 400.0 * s / 1.5858,
            angle_deg: 3.0,
            luma: 210.0,
        };
        let plane: LumaPlane = synth::draw(w, h, &card);
        let y = YPlane::new(plane.data(), w, h, w)?;
        let (fit, pipeline, report) = measure(&y, LumaRange::Full)?;
        let rgba: Vec<u8> = plane.data().iter().flat_map(|&v| [v, v, v, 255]).collect();
        let frame = RgbaFrame::new(&rgba, w, h)?;
        let guide = document_guide(w, h, DocumentProfile::Id1)?;
        let mut detector = DocumentDetector::new(DocumentOptions::default())?;
        let rgba_fit = time(|| {
            std::hint::black_box(detector.detect_rgba(&frame, guide)?);
            Ok(())
        })?;
        let plane_fit = measure_plane(&y, LumaRange::Full)?;
        println!(
            "{:>10} {fit:>8.3} {pipeline:>9.3} {rgba_fit:>9.3} {plane_fit:>8.3}  found={} geometry {:?}, final {:?}",
            format!("{w}x{h}"),
            report.found,
            report.geometry_feedback,
            report.feedback
        );
    }
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fixtures/capture.y4m");
    if let Ok(data) = std::fs::read(&path) {
        // Frame 130 (card_still): header line, then 131 × (`FRAME\n` + 640×480×1.5 bytes).
        let header = data
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("no y4m header")?
            + 1;
        let start = header + 130 * (6 + 640 * 480 * 3 / 2) + 6;
        let bytes = data
            .get(start..start + 640 * 448)
            .ok_or("fixture too short")?;
        let y = YPlane::new(bytes, 640, 448, 640)?;
        let (fit, pipeline, report) = measure(&y, LumaRange::Limited)?;
        let plane_fit = measure_plane(&y, LumaRange::Limited)?;
        println!(
            "{:>10} {fit:>8.3} {pipeline:>9.3} {:>9} {plane_fit:>8.3}  found={} {:?} (fixture frame 130)",
            "640x448", "", report.found, report.feedback
        );
    } else {
        println!("(fixture video missing: run `bash scripts/fixtures.sh` to time frame 130 too)");
    }
    Ok(())
}
