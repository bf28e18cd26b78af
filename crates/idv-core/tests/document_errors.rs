//! The document detector's typed errors: hostile guides, frames and planes, and options that
//! are NaN, infinite or inverted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod document_support;

use document_support::detect::{H, W, detector, guide};
use document_support::synth::{Card, draw};
use idv_core::frame::{FrameError, LumaPlane, LumaRange, Rect, RgbaFrame, YPlane};
use idv_core::roi::document::{DocumentDetector, DocumentError, DocumentOptions};

#[test]
fn hostile_inputs_are_typed_errors_not_panics() {
    let p = draw(W, H, &Card::id1(320.0, 240.0, 410.0, 0.0));
    let y = YPlane::new(p.data(), W, H, W).unwrap();
    let mut d = detector();
    for g in [
        Rect::new(0, 0, 0, 10),
        Rect::new(600, 0, 100, 100),
        Rect::new(0, 470, 100, 100),
        Rect::new(u32::MAX, u32::MAX, u32::MAX, u32::MAX),
    ] {
        let r = d.detect_luma(&y, LumaRange::Full, g);
        assert!(
            matches!(r, Err(DocumentError::GuideOutside { .. })),
            "{g:?}: {r:?}"
        );
    }
    // 20×20 px becomes 10×10 after the 2× downscale: too small to search.
    let r = d.detect_luma(&y, LumaRange::Full, Rect::new(300, 200, 20, 20));
    assert!(
        matches!(r, Err(DocumentError::GuideTooSmall { .. })),
        "{r:?}"
    );
    // Guides touching every border, tiny frames.
    assert!(
        d.detect_luma(&y, LumaRange::Full, Rect::new(0, 0, W, H))
            .is_ok()
    );
    assert!(
        d.detect_luma(&y, LumaRange::Full, Rect::new(0, 0, 40, 40))
            .is_ok()
    );
    assert!(
        d.detect_luma(&y, LumaRange::Full, Rect::new(600, 440, 40, 40))
            .is_ok()
    );
    let tiny = [0u8; 4 * 40 * 40];
    let f = RgbaFrame::new(&tiny, 40, 40).unwrap();
    let r = d.detect_rgba(&f, Rect::new(0, 0, 40, 40)).unwrap();
    assert!(!r.found);
    // Planes that do not match the frame size.
    let r = d.detect_plane(&p, 2, W, H, guide());
    assert!(matches!(r, Err(DocumentError::PlaneSize { .. })), "{r:?}");
    let r = d.detect_plane(&p, 0, W, H, guide());
    assert_eq!(
        r,
        Err(DocumentError::Frame(FrameError::Factor { factor: 0 }))
    );
    let r = d.detect_plane(&LumaPlane::new(), 1, 0, 0, Rect::new(0, 0, 1, 1));
    assert!(matches!(r, Err(DocumentError::CaptureSize { .. })), "{r:?}");
}

#[test]
fn options_refuse_nan_infinite_and_inverted_values() {
    assert!(DocumentOptions::default().validate().is_ok());
    let base = DocumentOptions::default();
    let bad = [
        DocumentOptions {
            search_fraction: f32::NAN,
            ..base
        },
        DocumentOptions {
            max_angle_deg: f32::INFINITY,
            ..base
        },
        DocumentOptions {
            angle_step_deg: 0.0,
            ..base
        },
        DocumentOptions {
            angle_step_deg: 5.0,
            max_angle_deg: 4.0,
            ..base
        },
        DocumentOptions {
            span_fraction: -1.0,
            ..base
        },
        DocumentOptions {
            contrast_floor: f32::NEG_INFINITY,
            ..base
        },
        DocumentOptions {
            min_side_score: 1.5,
            ..base
        },
        DocumentOptions {
            aspect_tolerance: f32::NAN,
            ..base
        },
        DocumentOptions {
            min_fill_ratio: 2.0,
            max_fill_ratio: 1.0,
            ..base
        },
        DocumentOptions {
            max_center_offset: f32::NAN,
            ..base
        },
        DocumentOptions {
            max_tilt_deg: -1.0,
            ..base
        },
        DocumentOptions {
            max_motion: f32::NAN,
            ..base
        },
        DocumentOptions {
            border_margin: 0.5,
            ..base
        },
        DocumentOptions {
            analysis_size: 0,
            ..base
        },
        DocumentOptions {
            max_skew_deg: f32::NAN,
            ..base
        },
    ];
    for o in bad {
        let r = DocumentDetector::new(o);
        assert!(
            matches!(
                r,
                Err(DocumentError::Option(_))
            ),
            "{o:?}"
        );
    }
    let o = DocumentOptions::default();
    assert_eq!(
        [
            o.factor_for(640, 480),
            o.factor_for(1280, 720),
            o.factor_for(1920, 1080)
        ],
        [2, 4, 6]
    );
    assert_eq!(
        [
            o.factor_for(480, 640),
            o.factor_for(100, 100),
            o.factor_for(8192, 8192)
        ],
        [2, 1, 26]
    );
}
