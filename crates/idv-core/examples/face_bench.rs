//! Face detection speed: loads BlazeFace short-range from `node_modules`, runs it 100 times on a
//! 640×480 frame (fixture frame 0 if `bash scripts/fixtures.sh` has run, else a synthetic
//! gradient) and prints the median, min and max per frame.
//!
//!     cargo run -p idv-core --release --example face_bench
//!
//! The release profile optimizes for size (`opt-level = "z"`), where LLVM does not vectorize and
//! the native build runs the scalar fallback (~20 ms); `--profile bench` (opt-level 3) shows the
//! auto-vectorized speed (~3.6–4.2 ms). The wasm build vectorizes explicitly with
//! `-C target-feature=+simd128` at either level (measured 4.6 ms in Node 20).

use std::path::Path;
use std::time::Instant;

use idv_core::frame::RgbaFrame;
use idv_core::roi::face::FaceDetector;

#[path = "../tests/face_support/y4m.rs"]
#[allow(dead_code, unreachable_pub)]
mod y4m;

const RUNS: usize = 100;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../node_modules/@mediapipe/face_detection/face_detection_short_range.tflite");
    let bytes =
        std::fs::read(&model).map_err(|e| format!("{}: {e} (run `npm ci`)", model.display()))?;
    let t = Instant::now();
    let mut detector = FaceDetector::new(&bytes)?;
    println!(
        "model: {} bytes, loaded in {:.2} ms",
        bytes.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let (source, width, height, data) = match y4m::read_frame(0) {
        Ok(f) => ("fixture frame 0", f.width, f.height, f.data),
        Err(_) => {
            let (w, h) = (640u32, 480u32);
            let data = (0..w * h)
                .flat_map(|i| {
                    let (x, y) = (i % w, i / w);
                    [
                        (x * 255 / w) as u8,
                        (y * 255 / h) as u8,
                        ((x + y) % 256) as u8,
                        255,
                    ]
                })
                .collect();
            ("synthetic gradient", w, h, data)
        }
    };
    let frame = RgbaFrame::new(&data, width, height)?;
    let faces = detector.detect(&frame, None)?.len();
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let n = detector.detect(&frame, None)?.len();
        times.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(n, faces);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{source} {width}x{height}: {faces} face(s); median {:.3} ms, min {:.3} ms, max {:.3} ms over {RUNS} runs",
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
    Ok(())
}
