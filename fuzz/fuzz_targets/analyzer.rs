//! The frame quality analyzer: `QualityAnalyzer::new(options)` then `analyze_rgba` /
//! `analyze_luma` over a few frames, as JS would drive it with untrusted sizes, buffers, regions
//! and options.
//!
//! Input (`arbitrary`): options edited from the defaults (any field, with NaN, infinities,
//! negatives, zero, huge values), then up to 4 frames, each with its own size (mostly small,
//! sometimes absurd), buffer length (right or off), format (RGBA or a Y plane with a stride and
//! a luma range), region and subject. Frame sizes may change from frame to frame (the analyzer
//! reuses its buffers). Allocation is bounded: a frame over `MAX_PIXELS` gets a short buffer
//! (so it exercises the size checks, never the allocator).
//!
//! Invariants (besides "never panics"):
//! - options the analyzer accepts have only finite numbers (serialized: no `null`), and options
//!   with a non-finite number are refused;
//! - a region that is empty or outside the frame is `Err(FrameError::Region)`;
//! - a report has finite values, fractions in 0..=1, brightness in 0..=255, a positive analysis
//!   scale, verdicts that agree with the thresholds, and serializes.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use idv_core::frame::{FrameError, LumaRange, Rect, RgbaFrame, YPlane};
use idv_core::quality::{
    Metric, QualityAnalyzer, QualityOptions, QualityReport, Subject, SubjectOptions, Verdict,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Largest frame given a real buffer (1 MiB pixels: 4 MiB of RGBA).
const MAX_PIXELS: u64 = 1 << 20;

/// A frame side: mostly small (fast runs), sometimes around `RgbaFrame::MAX_SIDE` (8192), and
/// sometimes any `u32`.
#[derive(Debug, Arbitrary)]
enum Side {
    Tiny(u8),
    Small(u8),
    Medium(u16),
    Edge(u8),
    Absurd(u32),
}

impl Side {
    fn get(&self) -> u32 {
        match *self {
            Side::Tiny(v) => u32::from(v % 9),
            Side::Small(v) => u32::from(v % 65),
            Side::Medium(v) => u32::from(v % 513),
            Side::Edge(v) => 8190 + u32::from(v % 4),
            Side::Absurd(v) => v,
        }
    }
}

#[derive(Debug, Arbitrary)]
enum Coord {
    Small(u8),
    /// Fraction (of 255) of the frame's side.
    Frac(u8),
    Any(u32),
}

impl Coord {
    fn get(&self, side: u32) -> u32 {
        match *self {
            Coord::Small(v) => u32::from(v),
            Coord::Frac(f) => (u64::from(side) * u64::from(f) / 255) as u32,
            Coord::Any(v) => v,
        }
    }
}

#[derive(Debug, Arbitrary)]
enum Length {
    Exact,
    Plus(u16),
    Minus(u16),
}

#[derive(Debug, Arbitrary)]
enum Format {
    Rgba,
    Y { stride_extra: Side, limited: bool },
}

#[derive(Debug, Arbitrary)]
enum Fill {
    /// The input's pixel bytes, repeated.
    Bytes,
    Flat(u8),
    /// Horizontal/vertical gradient, or a checkerboard of the given cell size.
    Gradient(bool),
    Checker(u8),
    /// Noise from a seed, with a saturated square (glare).
    Noise { seed: u32, glare: u8 },
}

#[derive(Debug, Arbitrary)]
struct FrameSpec {
    width: Side,
    height: Side,
    length: Length,
    format: Format,
    roi: [Coord; 4],
    document: bool,
    fill: Fill,
    /// Keep this frame's size and buffer from the previous frame (only the content shifts).
    same_as_previous: bool,
}

#[derive(Debug, Arbitrary)]
enum F32 {
    Nan,
    Inf,
    NegInf,
    Neg(u8),
    Zero,
    NegZero,
    Tiny,
    Huge,
    Any(f32),
    Small(u16),
}

impl F32 {
    fn get(&self) -> f32 {
        match *self {
            F32::Nan => f32::NAN,
            F32::Inf => f32::INFINITY,
            F32::NegInf => f32::NEG_INFINITY,
            F32::Neg(v) => -f32::from(v) - 0.5,
            F32::Zero => 0.0,
            F32::NegZero => -0.0,
            F32::Tiny => f32::MIN_POSITIVE / 2.0,
            F32::Huge => f32::MAX,
            F32::Any(v) => v,
            F32::Small(v) => f32::from(v) / 256.0,
        }
    }
}

#[derive(Debug, Arbitrary)]
enum U32 {
    Small(u8),
    Any(u32),
}

impl U32 {
    fn get(&self) -> u32 {
        match *self {
            U32::Small(v) => u32::from(v),
            U32::Any(v) => v,
        }
    }
}

/// One change to the default options. `document` picks which subject's thresholds.
#[derive(Debug, Arbitrary)]
enum Edit {
    Downscale(U32),
    History(U32),
    AnalysisWidth(bool, U32),
    StabilitySize(bool, U32),
    Float(bool, u8, F32),
    Byte(bool, u8, u8),
}

#[derive(Debug, Arbitrary)]
struct Input {
    edits: Vec<Edit>,
    frames: Vec<FrameSpec>,
    pixels: Vec<u8>,
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(input) = Input::arbitrary(&mut u) else { return };
    run(&input);
});

fn run(input: &Input) {
    let mut options = QualityOptions::default();
    for edit in input.edits.iter().take(8) {
        apply(&mut options, edit);
    }
    let serialized = serde_json::to_value(&options).expect("options serialize");
    let finite = all_numbers_finite(&serialized);
    let mut analyzer = match QualityAnalyzer::new(options.clone()) {
        Ok(a) => {
            assert!(finite, "invariant: accepted options are finite: {serialized}");
            a
        }
        Err(_) => return,
    };

    let mut buffer: Vec<u8> = Vec::new();
    let mut previous: Option<(u32, u32, usize)> = None;
    for (i, spec) in input.frames.iter().take(4).enumerate() {
        let (width, height) = match (spec.same_as_previous, previous) {
            (true, Some((w, h, _))) => (w, h),
            _ => (spec.width.get(), spec.height.get()),
        };
        let pixels = u64::from(width) * u64::from(height);
        let roi = Rect::new(
            spec.roi[0].get(width),
            spec.roi[1].get(height),
            spec.roi[2].get(width),
            spec.roi[3].get(height),
        );
        let subject = if spec.document { Subject::Document } else { Subject::Face };
        let fits = roi.fits_in(width, height);
        match &spec.format {
            Format::Rgba => {
                let needed = pixels.saturating_mul(4);
                let len = if pixels <= MAX_PIXELS { length(needed, &spec.length) } else { 16 };
                fill(&mut buffer, len, width, i, &spec.fill, &input.pixels);
                let frame = match RgbaFrame::new(&buffer, width, height) {
                    Ok(f) => f,
                    Err(_) => {
                        assert!(len as u64 != needed || width == 0 || height == 0 || width > 8192 || height > 8192);
                        continue;
                    }
                };
                let r = analyzer.analyze_rgba(&frame, roi, subject);
                check(&r, fits, subject, &options);
            }
            Format::Y { stride_extra, limited } => {
                let stride = width.saturating_add(stride_extra.get() % 4096);
                let stride = if matches!(stride_extra, Side::Absurd(_)) {
                    width.saturating_add(stride_extra.get())
                } else {
                    stride
                };
                let needed = u64::from(stride) * u64::from(height.saturating_sub(1)) + u64::from(width);
                let len = if pixels <= MAX_PIXELS && needed <= 4 * MAX_PIXELS {
                    length(needed, &spec.length)
                } else {
                    16
                };
                fill(&mut buffer, len, stride.max(1), i, &spec.fill, &input.pixels);
                let Ok(plane) = YPlane::new(&buffer, width, height, stride) else { continue };
                let range = if *limited { LumaRange::Limited } else { LumaRange::Full };
                let r = analyzer.analyze_luma(&plane, range, roi, subject);
                check(&r, fits, subject, &options);
            }
        }
        previous = Some((width, height, buffer.len()));
    }
}

fn length(needed: u64, l: &Length) -> usize {
    let n = match *l {
        Length::Exact => needed,
        Length::Plus(d) => needed + u64::from(d),
        Length::Minus(d) => needed.saturating_sub(u64::from(d)),
    };
    n as usize
}

fn fill(buf: &mut Vec<u8>, len: usize, row: u32, frame: usize, how: &Fill, bytes: &[u8]) {
    buf.clear();
    let row = row as usize;
    let shift = frame * 3;
    match *how {
        Fill::Bytes if !bytes.is_empty() => {
            buf.extend((0..len).map(|i| bytes[(i + shift) % bytes.len()]));
        }
        Fill::Bytes => buf.resize(len, 0),
        Fill::Flat(v) => buf.resize(len, v),
        Fill::Gradient(vertical) => buf.extend((0..len).map(|i| {
            let (x, y) = (i % row.max(1), i / row.max(1));
            ((if vertical { y } else { x / 4 }) + shift) as u8
        })),
        Fill::Checker(cell) => {
            let cell = usize::from(cell.max(1));
            buf.extend((0..len).map(|i| {
                let (x, y) = ((i % row.max(1)) / 4 + shift, i / row.max(1));
                if (x / cell + y / cell) % 2 == 0 { 255 } else { 0 }
            }));
        }
        Fill::Noise { seed, glare } => {
            let mut s = u64::from(seed) | 1;
            let g = usize::from(glare);
            buf.extend((0..len).map(|i| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                let (x, y) = ((i % row.max(1)) / 4, i / row.max(1));
                if x < g && y < g { 255 } else { (s >> 24) as u8 }
            }));
        }
    }
}

fn apply(o: &mut QualityOptions, edit: &Edit) {
    match edit {
        Edit::Downscale(v) => o.downscale = v.get(),
        Edit::History(v) => o.history = v.get(),
        Edit::AnalysisWidth(d, v) => subject(o, *d).sharpness.analysis_width = v.get(),
        Edit::StabilitySize(d, v) => subject(o, *d).stability.size = v.get(),
        Edit::Float(d, field, v) => {
            let so = subject(o, *d);
            let v = v.get();
            match field % 14 {
                0 => so.sharpness.min_laplacian_variance = v,
                1 => so.sharpness.min_relative = v,
                2 => so.sharpness.min_gradient_balance = v,
                3 => so.exposure.min_mean = v,
                4 => so.exposure.max_mean = v,
                5 => so.exposure.max_dark_fraction = v,
                6 => so.exposure.max_bright_fraction = v,
                7 => so.contrast.min_std_dev = v,
                8 => so.glare.margin = v,
                9 => so.glare.max_fraction = v,
                10 => so.glare.max_blob = v,
                11 => so.stability.max_mean_abs_diff = v,
                // Both bounds of the exposure window at once (to reach inverted windows).
                12 => (so.exposure.min_mean, so.exposure.max_mean) = (v, v - 1.0),
                _ => so.glare.margin = v.abs() % 0.5,
            }
        }
        Edit::Byte(d, field, v) => {
            let so = subject(o, *d);
            match field % 3 {
                0 => so.exposure.dark_level = *v,
                1 => so.exposure.bright_level = *v,
                _ => so.glare.level = *v,
            }
        }
    }
}

fn subject(o: &mut QualityOptions, document: bool) -> &mut SubjectOptions {
    if document { &mut o.document } else { &mut o.face }
}

fn all_numbers_finite(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Number(n) => n.as_f64().is_some_and(f64::is_finite),
        Value::Array(a) => a.iter().all(all_numbers_finite),
        Value::Object(m) => m.values().all(all_numbers_finite),
        _ => true,
    }
}

fn check(r: &Result<QualityReport, FrameError>, fits: bool, subject: Subject, o: &QualityOptions) {
    if !fits {
        assert!(
            matches!(r, Err(FrameError::Region { .. })),
            "invariant: a region outside the frame is Err(Region), got {r:?}"
        );
        return;
    }
    let Ok(report) = r else { return };
    assert_eq!(report.subject, subject);
    let opts = o.for_subject(subject);
    assert!(
        report.analysis_scale.is_finite() && report.analysis_scale > 0.0,
        "invariant: analysis scale {}",
        report.analysis_scale
    );
    assert!(
        (0.0..=1.0).contains(&report.frame_saturated_fraction),
        "invariant: frame saturated fraction {}",
        report.frame_saturated_fraction
    );
    for (name, m) in report.metrics() {
        assert!(m.value.is_finite(), "invariant: {name} is finite, got {m:?}");
        check_verdict(name, m);
    }
    for (name, m) in [
        ("darkFraction", &report.dark_fraction),
        ("brightFraction", &report.bright_fraction),
        ("glare", &report.glare),
        ("glareBlob", &report.glare_blob),
        ("gradientBalance", &report.gradient_balance),
    ] {
        assert!((0.0..=1.0).contains(&m.value), "invariant: {name} in 0..=1, got {m:?}");
    }
    assert!(
        (0.0..=255.0).contains(&report.brightness.value),
        "invariant: brightness in 0..=255, got {:?}",
        report.brightness
    );
    assert!(
        (0.0..=127.5).contains(&report.contrast.value),
        "invariant: contrast in 0..=127.5, got {:?}",
        report.contrast
    );
    assert!(report.sharpness.value >= 0.0, "invariant: variance >= 0, got {:?}", report.sharpness);
    assert_eq!(report.glare.max, Some(opts.glare.max_fraction));
    assert_eq!(report.brightness.min, Some(opts.exposure.min_mean));
    serde_json::to_string(report).expect("invariant: a report serializes");
}

fn check_verdict(name: &str, m: &Metric) {
    let pass = match (m.min, m.max) {
        (Some(min), Some(max)) => m.value >= min && m.value <= max,
        (Some(min), None) => m.value >= min,
        (None, Some(max)) => m.value <= max,
        (None, None) => true,
    };
    let no_history = name == "stability" && m.verdict != Verdict::Pass && m.value == 255.0;
    if !no_history {
        assert_eq!(m.verdict.passed(), pass, "invariant: {name} verdict agrees with thresholds: {m:?}");
    }
}
