//! The guide-anchored document fit on synthetic cards: accuracy over positions, tilts and both
//! polarities, rejection beyond the angle search, every geometric feedback code, motion, the
//! quality mapping, serialization and hostile inputs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod document_support;

use document_support::synth::{Card, desk, draw};
use idv_core::frame::{FrameError, LumaPlane, LumaRange, Rect, RgbaFrame, YPlane};
use idv_core::quality::{FailReason, Metric, QualityReport, Subject, Verdict};
use idv_core::roi::document::{
    DocumentDetector, DocumentError, DocumentFeedback, DocumentOptions, DocumentProfile,
    DocumentReport, GuideOptions, combine_feedback, document_guide, document_guide_with,
};

const W: u32 = 640;
const H: u32 = 480;

fn guide() -> Rect {
    document_guide(W, H, DocumentProfile::Id1).unwrap()
}

fn detector() -> DocumentDetector {
    DocumentDetector::new(DocumentOptions::default()).unwrap()
}

fn detect(d: &mut DocumentDetector, p: &LumaPlane, guide: Rect) -> DocumentReport {
    let y = YPlane::new(p.data(), p.width(), p.height(), p.width()).unwrap();
    d.detect_luma(&y, LumaRange::Full, guide).unwrap()
}

/// Largest distance between fitted and drawn corners.
fn corner_error(r: &DocumentReport, card: &Card) -> f32 {
    let c = r.corners.expect("corners");
    c.iter()
        .zip(card.corners())
        .map(|(p, q)| (p.x - q.0).hypot(p.y - q.1))
        .fold(0.0, f32::max)
}

#[test]
fn guide_regions_for_both_profiles_and_orientations() {
    let id1 = DocumentProfile::Id1;
    let pp = DocumentProfile::PassportPage;
    assert_eq!(
        document_guide(640, 480, id1),
        Ok(Rect::new(64, 78, 512, 323))
    );
    assert_eq!(
        document_guide(1280, 720, id1),
        Ok(Rect::new(183, 72, 913, 576))
    );
    assert_eq!(
        document_guide(480, 640, id1),
        Ok(Rect::new(24, 184, 432, 272))
    );
    assert_eq!(
        document_guide(640, 480, pp),
        Ok(Rect::new(64, 60, 512, 360))
    );
    for (w, h) in [
        (640, 480),
        (1920, 1080),
        (720, 1280),
        (1, 1),
        (8192, 3),
        (3, 8192),
    ] {
        for p in [id1, pp] {
            let g = document_guide(w, h, p).unwrap();
            assert!(g.fits_in(w, h), "{g:?} in {w}x{h}");
            // Centred to the pixel.
            assert!((2 * g.x + g.width).abs_diff(w) <= 1 && (2 * g.y + g.height).abs_diff(h) <= 1);
            if g.width > 100 && g.height > 100 {
                let aspect = f64::from(g.width) / f64::from(g.height);
                assert!(
                    (aspect / p.aspect() - 1.0).abs() < 0.01,
                    "{aspect} vs {}",
                    p.aspect()
                );
            }
        }
    }
    assert!((id1.aspect() - 1.5858).abs() < 1e-4 && (pp.aspect() - 1.4205).abs() < 1e-4);
}

#[test]
fn guide_refuses_empty_absurd_sizes_and_bad_fractions() {
    for (w, h) in [(0, 480), (640, 0), (0, 0), (8193, 480), (640, u32::MAX)] {
        assert!(matches!(
            document_guide(w, h, DocumentProfile::Id1),
            Err(DocumentError::CaptureSize { .. })
        ));
    }
    for bad in [f32::NAN, f32::INFINITY, -0.5, 0.0, 1.5] {
        for o in [
            GuideOptions {
                landscape_width: bad,
                ..GuideOptions::default()
            },
            GuideOptions {
                portrait_width: bad,
                ..GuideOptions::default()
            },
            GuideOptions {
                max_height: bad,
                ..GuideOptions::default()
            },
        ] {
            let r = document_guide_with(640, 480, DocumentProfile::Id1, &o);
            assert!(
                matches!(r, Err(DocumentError::Option { .. })),
                "{o:?}: {r:?}"
            );
        }
    }
}

/// Bright and dark cards at 0, ±3, ±7 and ±9.5° and four positions: corners within 1.5 px, tilt
/// within 0.1°; beyond the ±10° search (10.5°, ±12°) nothing is found.
#[test]
fn synthetic_cards_positions_tilts_and_polarity() {
    let mut worst = (0.0f32, 0.0f32);
    for luma in [210.0, 35.0] {
        for angle in [0.0f32, 3.0, -3.0, 7.0, -7.0, 9.5, -9.5, 10.5, 12.0, -12.0] {
            for (ox, oy) in [(0.0f32, 0.0f32), (30.0, -20.0), (-40.0, 25.0), (17.3, 21.7)] {
                let card = Card {
                    luma,
                    ..Card::id1(320.0 + ox, 240.0 + oy, 410.0, angle)
                };
                let mut d = detector();
                let r = detect(&mut d, &draw(W, H, &card), guide());
                let what = format!("luma {luma} angle {angle} offset ({ox}, {oy}): {r:?}");
                if angle.abs() > 10.0 {
                    assert!(!r.found && r.corners.is_none(), "{what}");
                    assert!(!r.feedback.is_compliant(), "{what}");
                    continue;
                }
                assert!(r.found, "{what}");
                let err = corner_error(&r, &card);
                let tilt_err = (r.tilt_deg - angle).abs();
                worst = (worst.0.max(err), worst.1.max(tilt_err));
                assert!(err <= 1.5, "corner error {err}: {what}");
                assert!(tilt_err <= 0.1, "tilt error {tilt_err}: {what}");
                assert!((r.aspect / 1.5858 - 1.0).abs() < 0.01, "{what}");
                assert!(r.side_scores.as_array().iter().all(|&s| s >= 0.5), "{what}");
                let expected = if angle.abs() > 5.0 {
                    DocumentFeedback::DocumentTilted
                } else {
                    DocumentFeedback::DocumentCompliant
                };
                assert_eq!(r.feedback, expected, "{what}");
            }
        }
    }
    println!(
        "synthetic cards: max corner error {:.2} px, max tilt error {:.3}°",
        worst.0, worst.1
    );
}

#[test]
fn desk_flat_and_noise_frames_have_no_document() {
    let flat = LumaPlane::from_pixels(W, H, vec![128; (W * H) as usize]).unwrap();
    let noise = LumaPlane::from_pixels(
        W,
        H,
        (0..W * H)
            .map(|i| document_support::synth::hash(i % W, i / W) as u8)
            .collect(),
    )
    .unwrap();
    for (name, p) in [("desk", desk(W, H)), ("flat", flat), ("noise", noise)] {
        let r = detect(&mut detector(), &p, guide());
        assert!(!r.found, "{name}: {r:?}");
        assert_eq!(r.feedback, DocumentFeedback::NoDocumentDetected, "{name}");
        let best = r.side_scores.as_array().into_iter().fold(0.0f32, f32::max);
        assert!(best < 0.5, "{name}: best side score {best}");
        println!("{name}: best side score {best:.3}");
    }
}

#[test]
fn size_feedback_too_far_and_too_close() {
    // 0.65 of the guide's width: fill 0.42 < 0.5.
    let far = Card::id1(320.0, 240.0, 333.0, 0.0);
    let r = detect(&mut detector(), &draw(W, H, &far), guide());
    assert!(r.found && r.fill_ratio < 0.5, "{r:?}");
    assert_eq!(r.feedback, DocumentFeedback::DocumentTooFar);
    // 1.2 of the guide's width: fill 1.44 > 1.3, still inside the frame.
    let close = Card::id1(320.0, 240.0, 614.0, 0.0);
    let r = detect(&mut detector(), &draw(W, H, &close), guide());
    assert!(r.found && r.fill_ratio > 1.3, "{r:?}");
    assert_eq!(r.feedback, DocumentFeedback::DocumentTooClose);
    assert!(corner_error(&r, &close) < 1.0);
}

#[test]
fn position_feedback_found_and_from_three_sides() {
    let cases = [
        // Found: all four sides inside their search ranges, centre 10.7 % off.
        (
            Card::id1(265.0, 240.0, 430.0, 0.0),
            true,
            DocumentFeedback::DocumentOnLeft,
        ),
        (
            Card::id1(375.0, 240.0, 430.0, 0.0),
            true,
            DocumentFeedback::DocumentOnRight,
        ),
        // Three sides: the fourth lies beyond its range; its place comes from the aspect ratio.
        (
            Card::id1(250.0, 240.0, 410.0, 0.0),
            false,
            DocumentFeedback::DocumentOnLeft,
        ),
        (
            Card::id1(390.0, 240.0, 410.0, 0.0),
            false,
            DocumentFeedback::DocumentOnRight,
        ),
        (
            Card::id1(320.0, 200.0, 410.0, 0.0),
            false,
            DocumentFeedback::DocumentTooHigh,
        ),
        (
            Card::id1(320.0, 280.0, 410.0, 0.0),
            false,
            DocumentFeedback::DocumentTooLow,
        ),
        // Left edge 10 px outside the frame: cut.
        (
            Card::id1(270.0, 240.0, 560.0, 0.0),
            false,
            DocumentFeedback::DocumentNotFullyVisible,
        ),
    ];
    for (card, found, expected) in cases {
        let r = detect(&mut detector(), &draw(W, H, &card), guide());
        assert_eq!((r.found, r.feedback), (found, expected), "{card:?}: {r:?}");
        assert_eq!(r.corners.is_some(), found);
    }
}

#[test]
fn a_corner_outside_the_frame_is_not_fully_visible() {
    // All four sides are found, but the top-left corner of the tilted card leaves the frame.
    let card = Card::id1(290.0, 240.0, 560.0, -4.0);
    let r = detect(&mut detector(), &draw(W, H, &card), guide());
    assert!(r.found, "{r:?}");
    let c = r.corners.unwrap();
    assert!(
        c.iter()
            .any(|p| p.x < 6.4 || p.y < 4.8 || p.x > 633.6 || p.y > 475.2),
        "{c:?}"
    );
    assert_eq!(r.feedback, DocumentFeedback::DocumentNotFullyVisible);
    let b = r.bounding.unwrap();
    assert!(b.fits_in(W, H), "bounding box clamped to the frame: {b:?}");
}

#[test]
fn passport_profile_rejects_an_id1_card_and_finds_a_passport_page() {
    let opts = DocumentOptions {
        profile: DocumentProfile::PassportPage,
        ..Default::default()
    };
    let g = document_guide(W, H, DocumentProfile::PassportPage).unwrap();
    let id1 = Card::id1(320.0, 240.0, 420.0, 0.0);
    let mut d = DocumentDetector::new(opts).unwrap();
    let r = detect(&mut d, &draw(W, H, &id1), g);
    assert!(
        !r.found,
        "ID-1 aspect is 11.6 % off the passport page's: {r:?}"
    );
    let page = Card {
        h: 420.0 * 88.0 / 125.0,
        ..id1
    };
    d.reset();
    let r = detect(&mut d, &draw(W, H, &page), g);
    assert!(r.found && corner_error(&r, &page) < 0.6, "{r:?}");
    assert!((r.aspect - 1.4205).abs() < 0.02);
}

#[test]
fn corner_motion_between_frames_means_hold_still() {
    let mut d = detector();
    let a = Card::id1(320.0, 240.0, 410.0, 0.0);
    let r = detect(&mut d, &draw(W, H, &a), guide());
    assert_eq!(
        (r.feedback, r.motion_px),
        (DocumentFeedback::DocumentCompliant, None)
    );
    // 1 px: below 0.004 × 512 = 2.05 px.
    let r = detect(&mut d, &draw(W, H, &Card { cx: 321.0, ..a }), guide());
    let m = r.motion_px.unwrap();
    assert!((m - 1.0).abs() < 0.2, "{m}");
    assert_eq!(r.feedback, DocumentFeedback::DocumentCompliant);
    // 4 px.
    let r = detect(&mut d, &draw(W, H, &Card { cx: 325.0, ..a }), guide());
    assert!((r.motion_px.unwrap() - 4.0).abs() < 0.3);
    assert_eq!(r.feedback, DocumentFeedback::HoldStill);
    // A frame without the card forgets the corners; so does reset().
    let r = detect(&mut d, &desk(W, H), guide());
    assert!(!r.found);
    let r = detect(&mut d, &draw(W, H, &a), guide());
    assert_eq!(
        (r.feedback, r.motion_px),
        (DocumentFeedback::DocumentCompliant, None)
    );
    d.reset();
    let r = detect(&mut d, &draw(W, H, &Card { cx: 330.0, ..a }), guide());
    assert_eq!(r.motion_px, None);
}

#[test]
fn rgba_luma_and_plane_inputs_agree() {
    let card = Card::id1(318.0, 236.0, 420.0, 2.0);
    let p = draw(W, H, &card);
    let from_luma = detect(&mut detector(), &p, guide());
    let rgba: Vec<u8> = p.data().iter().flat_map(|&v| [v, v, v, 255]).collect();
    let f = RgbaFrame::new(&rgba, W, H).unwrap();
    let from_rgba = detector().detect_rgba(&f, guide()).unwrap();
    assert_eq!(from_luma, from_rgba);
    let mut small = LumaPlane::new();
    let y = YPlane::new(p.data(), W, H, W).unwrap();
    small.fill_from_y(&y, LumaRange::Full, 2).unwrap();
    let from_plane = detector().detect_plane(&small, 2, W, H, guide()).unwrap();
    assert_eq!(from_luma, from_plane);
    // 1280×720: downscaled by 4 to 320×180.
    let big = Card::id1(650.0, 350.0, 820.0, -3.0);
    let g = document_guide(1280, 720, DocumentProfile::Id1).unwrap();
    let r = detect(&mut detector(), &draw(1280, 720, &big), g);
    let err = corner_error(&r, &big);
    assert!(r.found && err < 2.0, "{err}: {r:?}");
    println!("1280x720 card: corner error {err:.2} px (analysis at 1/4 scale)");
}

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
                Err(DocumentError::Option { .. } | DocumentError::Order { .. })
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

#[test]
fn buffers_stop_growing_after_the_first_frame() {
    let mut d = detector();
    let frames: Vec<LumaPlane> = [0.0f32, 3.0, -6.0]
        .iter()
        .map(|&a| draw(W, H, &Card::id1(320.0, 240.0, 410.0, a)))
        .collect();
    detect(&mut d, &frames[0], guide());
    let cap = d.buffer_capacity();
    for p in frames.iter().cycle().take(9) {
        detect(&mut d, p, guide());
        assert_eq!(d.buffer_capacity(), cap);
    }
}

/// A passing quality report with `change` applied.
fn quality(change: impl FnOnce(&mut QualityReport)) -> QualityReport {
    let pass = Metric {
        value: 1.0,
        min: None,
        max: None,
        verdict: Verdict::Pass,
    };
    let mut q = QualityReport {
        subject: Subject::Document,
        analysis_scale: 1.0,
        frame_saturated_fraction: 0.0,
        sharpness: pass,
        relative_sharpness: pass,
        gradient_balance: pass,
        brightness: pass,
        dark_fraction: pass,
        bright_fraction: pass,
        contrast: pass,
        glare: pass,
        glare_blob: pass,
        stability: pass,
    };
    change(&mut q);
    q
}

#[test]
fn quality_failures_map_to_document_codes_by_priority() {
    use DocumentFeedback::*;
    let fail = |r| Metric::failed(0.0, r);
    let compliant = DocumentCompliant;
    assert_eq!(combine_feedback(compliant, None), compliant);
    assert_eq!(
        combine_feedback(compliant, Some(&quality(|_| ()))),
        compliant
    );
    type Set = fn(&mut QualityReport, Metric);
    let cases: [(Set, FailReason, DocumentFeedback); 8] = [
        (|q, m| q.glare = m, FailReason::Glare, DocumentGlare),
        (|q, m| q.glare_blob = m, FailReason::Glare, DocumentGlare),
        (
            |q, m| q.bright_fraction = m,
            FailReason::TooBright,
            ExcessiveLighting,
        ),
        (
            |q, m| q.brightness = m,
            FailReason::TooDark,
            InsufficientLighting,
        ),
        (
            |q, m| q.contrast = m,
            FailReason::LowContrast,
            InsufficientLighting,
        ),
        (|q, m| q.sharpness = m, FailReason::Blurry, DocumentBlurry),
        (
            |q, m| q.gradient_balance = m,
            FailReason::MotionBlur,
            DocumentBlurry,
        ),
        (|q, m| q.stability = m, FailReason::NoHistory, HoldStill),
    ];
    for (set, reason, code) in cases {
        let q = quality(|q| set(q, fail(reason)));
        assert_eq!(combine_feedback(compliant, Some(&q)), code, "{reason:?}");
        // Geometry comes first.
        assert_eq!(combine_feedback(DocumentTilted, Some(&q)), DocumentTilted);
    }
    // Priority: glare > too bright > too dark > blur > moving.
    let q = quality(|q| {
        q.stability = fail(FailReason::Moving);
        q.sharpness = fail(FailReason::Blurry);
        q.dark_fraction = fail(FailReason::TooDark);
    });
    assert_eq!(combine_feedback(compliant, Some(&q)), InsufficientLighting);
    let q = quality(|q| {
        q.stability = fail(FailReason::Moving);
        q.glare = fail(FailReason::Glare);
        q.bright_fraction = fail(FailReason::TooBright);
    });
    assert_eq!(combine_feedback(compliant, Some(&q)), DocumentGlare);
    // No document: only exposure can explain it.
    let dark = quality(|q| q.brightness = fail(FailReason::TooDark));
    assert_eq!(
        combine_feedback(NoDocumentDetected, Some(&dark)),
        InsufficientLighting
    );
    let bright = quality(|q| q.bright_fraction = fail(FailReason::TooBright));
    assert_eq!(
        combine_feedback(NoDocumentDetected, Some(&bright)),
        ExcessiveLighting
    );
    let flat = quality(|q| q.contrast = fail(FailReason::LowContrast));
    assert_eq!(
        combine_feedback(NoDocumentDetected, Some(&flat)),
        NoDocumentDetected
    );
}

#[test]
fn report_serializes_camel_case_with_screaming_codes() {
    let mut r = detect(
        &mut detector(),
        &draw(W, H, &Card::id1(320.0, 240.0, 410.0, 0.0)),
        guide(),
    );
    r.apply_quality(Some(&quality(|q| {
        q.glare = Metric::failed(0.1, FailReason::Glare)
    })));
    let v: serde_json::Value = serde_json::to_value(&r).unwrap();
    for key in [
        "found",
        "corners",
        "bounding",
        "fillRatio",
        "tiltDeg",
        "aspect",
        "sideScores",
        "motionPx",
        "guide",
        "geometryFeedback",
        "feedback",
    ] {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
    assert_eq!(v["feedback"], "DOCUMENT_GLARE");
    assert_eq!(v["geometryFeedback"], "DOCUMENT_COMPLIANT");
    assert_eq!(v["corners"][0].as_object().unwrap().len(), 2);
    assert!(v["sideScores"]["top"].as_f64().unwrap() > 0.5);
    let codes = [
        (DocumentFeedback::NoDocumentDetected, "NO_DOCUMENT_DETECTED"),
        (
            DocumentFeedback::DocumentNotFullyVisible,
            "DOCUMENT_NOT_FULLY_VISIBLE",
        ),
        (DocumentFeedback::DocumentTooHigh, "DOCUMENT_TOO_HIGH"),
        (
            DocumentFeedback::InsufficientLighting,
            "INSUFFICIENT_LIGHTING",
        ),
        (DocumentFeedback::HoldStill, "HOLD_STILL"),
    ];
    for (code, name) in codes {
        assert_eq!(serde_json::to_value(code).unwrap(), name);
        assert_eq!(
            serde_json::from_value::<DocumentFeedback>(name.into()).unwrap(),
            code
        );
    }
    let opts = serde_json::to_value(DocumentOptions::default()).unwrap();
    assert_eq!(opts["minSideScore"], 0.5);
    let back: DocumentOptions = serde_json::from_value(opts).unwrap();
    assert_eq!(back, DocumentOptions::default());
    let partial: DocumentOptions = serde_json::from_str(r#"{"maxTiltDeg": 8}"#).unwrap();
    assert_eq!(
        partial,
        DocumentOptions {
            max_tilt_deg: 8.0,
            ..Default::default()
        }
    );
}
