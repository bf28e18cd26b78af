//! Loading BlazeFace short-range: the npm model loads; anything truncated, corrupted or using an
//! operator this inference does not implement gives a typed error, never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod face_support;

use face_support::{model_bytes, opcode_positions};
use idv_core::frame::RgbaFrame;
use idv_core::roi::face::{FaceDetector, ModelError};

/// The flatbuffer structure of the npm file: a 432-byte head, then the fp16 weights, then the
/// subgraph, tensors, operators and names from byte 205 424 on (measured with a flatbuffer dump).
const HEAD: usize = 432;
const TABLES: usize = 205_424;

fn grey_frame() -> Vec<u8> {
    vec![128; 64 * 48 * 4]
}

#[test]
fn the_npm_model_loads_and_finds_nothing_in_grey() {
    let model = model_bytes();
    assert_eq!(
        model.len(),
        229_032,
        "the pinned @mediapipe/face_detection file changed"
    );
    let mut detector = FaceDetector::new(&model).expect("loads");
    assert_eq!(FaceDetector::INPUT_SIZE, 128);
    let data = grey_frame();
    let frame = RgbaFrame::new(&data, 64, 48).expect("frame");
    assert_eq!(detector.detect(&frame, None).expect("runs").len(), 0);
}

#[test]
fn not_a_model_is_refused() {
    assert!(matches!(
        FaceDetector::new(&[]),
        Err(ModelError::NotTflite(_))
    ));
    assert!(matches!(
        FaceDetector::new(b"TFL3"),
        Err(ModelError::NotTflite(_))
    ));
    assert!(matches!(
        FaceDetector::new(&[0u8; 64]),
        Err(ModelError::NotTflite(_))
    ));
    let mut png = model_bytes();
    png[4..8].copy_from_slice(b"\x89PNG");
    assert!(matches!(
        FaceDetector::new(&png),
        Err(ModelError::NotTflite(_))
    ));
}

#[test]
fn every_truncation_is_a_typed_error() {
    let model = model_bytes();
    // Every byte of the head and of the tables, and every 61st byte of the weights.
    let cuts = (0..HEAD)
        .chain((HEAD..TABLES).step_by(61))
        .chain(TABLES..model.len());
    let mut count = 0;
    for n in cuts {
        let err =
            FaceDetector::new(&model[..n]).expect_err(&format!("truncated to {n} bytes loaded"));
        assert!(
            matches!(
                err,
                ModelError::NotTflite(_)
                    | ModelError::Malformed { .. }
                    | ModelError::InvalidGraph(_)
            ),
            "cut at {n}: {err:?}"
        );
        count += 1;
    }
    assert!(count > 27_000);
}

/// Deterministic byte values for the mutations (no RNG dependency).
fn mutated(original: u8, i: usize) -> u8 {
    match i % 4 {
        0 => 0x00,
        1 => 0xff,
        2 => original ^ 0x80,
        _ => original.wrapping_add(1),
    }
}

#[test]
fn corrupted_structure_gives_errors_or_a_model_that_runs() {
    let model = model_bytes();
    let data = grey_frame();
    let frame = RgbaFrame::new(&data, 64, 48).expect("frame");
    // Every byte of the head, every 29th byte of the tables (names, shapes, options, indices).
    let positions: Vec<usize> = (0..HEAD).chain((TABLES..model.len()).step_by(29)).collect();
    let (mut errors, mut loaded, mut ran) = (0, 0, 0);
    for (i, &pos) in positions.iter().enumerate() {
        let mut bytes = model.clone();
        bytes[pos] = mutated(bytes[pos], i);
        if bytes == model {
            continue;
        }
        match FaceDetector::new(&bytes) {
            Err(_) => errors += 1,
            Ok(mut detector) => {
                loaded += 1;
                // A model that passed every check must also run (debug builds are slow: sample).
                if loaded % 16 == 1 {
                    detector.detect(&frame, None).expect("a loaded model runs");
                    ran += 1;
                }
            }
        }
    }
    println!(
        "{} mutations: {errors} errors, {loaded} loaded ({ran} ran)",
        positions.len()
    );
    // Measured: most structural mutations are caught; the rest hit names and padding.
    assert!(
        errors * 10 > positions.len() * 6,
        "{errors} errors, {loaded} loaded"
    );
    assert!(ran > 0);
}

#[test]
fn nan_weights_run_and_find_nothing() {
    let mut model = model_bytes();
    // fp16 0xffff is a NaN: poison 4 KiB of weights in the middle of the file.
    model[100_000..104_096].fill(0xff);
    let mut detector = FaceDetector::new(&model).expect("weights are not validated");
    let data = grey_frame();
    let frame = RgbaFrame::new(&data, 64, 48).expect("frame");
    assert!(detector.detect(&frame, None).expect("runs").is_empty());
}

#[test]
fn operators_not_implemented_are_named() {
    let model = model_bytes();
    let positions = opcode_positions(&model);
    // The file's operator codes: CONV_2D, RELU, DEPTHWISE_CONV_2D, ADD (0, the default, so not
    // stored), PAD, MAX_POOL_2D, RESHAPE, CONCATENATION, DEQUANTIZE — deprecated_builtin_code
    // only, builtin_code absent.
    let codes: Vec<Option<u8>> = positions.iter().map(|p| p.map(|p| model[p])).collect();
    let want = [
        Some(3),
        Some(19),
        Some(4),
        None,
        Some(34),
        Some(17),
        Some(22),
        Some(2),
        Some(6),
    ];
    assert_eq!(codes, want);
    let positions: Vec<usize> = positions.iter().map(|p| p.unwrap_or(0)).collect();
    for (slot, new_code, name) in [
        (1, 18u8, "MUL"),
        (1, 14, "LOGISTIC"),
        (8, 39, "TRANSPOSE"),
        (4, 60, "PADV2"),
    ] {
        let mut bytes = model.clone();
        bytes[positions[slot]] = new_code;
        assert_eq!(
            FaceDetector::new(&bytes).err(),
            Some(ModelError::UnsupportedOp(name.into())),
            "{name}"
        );
    }
    // RELU6 instead of RELU: implemented in fused form only, refused as an operator.
    let mut bytes = model.clone();
    bytes[positions[1]] = 21;
    assert_eq!(
        FaceDetector::new(&bytes).err(),
        Some(ModelError::UnsupportedOp("RELU6".into()))
    );
}
