//! Calibration against the labelled fixture video (`target/fixtures/capture.y4m` and
//! `labels.json`, written by `bash scripts/fixtures.sh`; these tests fail, not skip, when the
//! files are missing).
//!
//! The whole video is analysed once, in order, as a camera would deliver it: the document
//! detector on every frame with the ID-1 guide of the 640×448 content (the stamp band below is
//! excluded), the quality analyzer with `Subject::Face` on the astronaut (x 96..544, y 0..448,
//! the whole pasted image: it is what a face guide would frame) for frames 0–89 and with
//! `Subject::Document` on the detected card's bounding box (the guide when nothing was found)
//! for frames 90–179. Each test then checks one segment against its labels and prints the
//! measured numbers that `docs/thresholds.md` quotes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod document_support;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use document_support::y4m::{CONTENT_HEIGHT, FACE_AREA, Fixture, fixture};
use idv_core::autocapture::{Autocapture, AutocaptureOptions, Decision};
use idv_core::frame::Rect;
use idv_core::quality::{
    FailReason, Metric, QualityAnalyzer, QualityOptions, QualityReport, Subject, Verdict,
};
use idv_core::roi::document::{
    DocumentDetector, DocumentFeedback, DocumentOptions, DocumentProfile, DocumentReport,
    document_guide,
};

/// Per frame: the detector's report on the content (quality applied for card frames), its
/// report with a guide over desk only (frames 90–92), and the quality report.
struct Frame {
    document: DocumentReport,
    desk: Option<DocumentReport>,
    quality: QualityReport,
}

fn guide() -> Rect {
    document_guide(640, CONTENT_HEIGHT, DocumentProfile::Id1).unwrap()
}

/// A guide over x 0..480 only: desk in frames 90–92, where the card's left edge is at x ≥ 536
/// and the search reaches x 509 at most.
fn desk_guide() -> Rect {
    document_guide(480, CONTENT_HEIGHT, DocumentProfile::Id1).unwrap()
}

fn analysed() -> &'static Vec<Frame> {
    static FRAMES: OnceLock<Vec<Frame>> = OnceLock::new();
    FRAMES.get_or_init(|| {
        let fx = fixture();
        let mut detector = DocumentDetector::new(DocumentOptions::default()).unwrap();
        let mut desk_detector = DocumentDetector::new(DocumentOptions::default()).unwrap();
        let mut quality = QualityAnalyzer::new(QualityOptions::default()).unwrap();
        (0..fx.frames)
            .map(|i| {
                let y = fx.content(i);
                let mut document = detector.detect_luma(&y, Fixture::RANGE, guide()).unwrap();
                let desk = (90..93).contains(&i).then(|| {
                    desk_detector
                        .detect_luma(&y, Fixture::RANGE, desk_guide())
                        .unwrap()
                });
                let (roi, subject) = if i < 90 {
                    (FACE_AREA, Subject::Face)
                } else {
                    (document.bounding.unwrap_or(guide()), Subject::Document)
                };
                let q = quality
                    .analyze_luma(&y, Fixture::RANGE, roi, subject)
                    .unwrap();
                if i >= 90 {
                    document.apply_quality(Some(&q));
                }
                Frame {
                    document,
                    desk,
                    quality: q,
                }
            })
            .collect()
    })
}

fn passed(metrics: &[&Metric]) -> bool {
    metrics.iter().all(|m| m.passed())
}

/// "pass", "tooDark" or "tooBright" from the three exposure metrics.
fn exposure_verdict(q: &QualityReport) -> &'static str {
    let m = [&q.brightness, &q.dark_fraction, &q.bright_fraction];
    if m.iter()
        .any(|m| m.verdict == Verdict::Fail(FailReason::TooDark))
    {
        "tooDark"
    } else if m
        .iter()
        .any(|m| m.verdict == Verdict::Fail(FailReason::TooBright))
    {
        "tooBright"
    } else {
        "pass"
    }
}

fn pass_fail(ok: bool) -> &'static str {
    if ok { "pass" } else { "fail" }
}

fn max_corner_error(fx: &Fixture, i: usize, r: &DocumentReport) -> f32 {
    let (c, l) = (
        r.corners.expect("corners"),
        fx.corners(i).expect("labelled corners"),
    );
    c.iter()
        .zip(l)
        .map(|(p, q)| (p.x - q.0).hypot(p.y - q.1))
        .fold(0.0, f32::max)
}

#[test]
fn card_still_corners_within_4_px_and_compliant_when_quality_passes() {
    let (fx, frames) = (fixture(), analysed());
    let mut worst = 0.0f32;
    for i in fx.segment("card_still") {
        let f = &frames[i];
        let r = &f.document;
        assert!(r.found, "frame {i}: {r:?}");
        let err = max_corner_error(fx, i, r);
        worst = worst.max(err);
        assert!(err <= 4.0, "frame {i}: corner error {err} px: {r:?}");
        assert!(
            (r.aspect / 1.5858 - 1.0).abs() < 0.02 && r.tilt_deg.abs() < 0.5,
            "{r:?}"
        );
        // Every quality metric labelled "pass" passes...
        let q = &f.quality;
        for (key, ok) in [
            (
                "sharpness",
                passed(&[&q.sharpness, &q.relative_sharpness, &q.gradient_balance]),
            ),
            ("exposure", exposure_verdict(q) == "pass"),
            ("glare", passed(&[&q.glare, &q.glare_blob])),
            ("stability", q.stability.passed()),
        ] {
            if fx.expect(i, key) == "pass" {
                assert!(ok, "frame {i}: {key} labelled pass: {q:?}");
            }
        }
        // ...and the frame is compliant exactly when the whole report is.
        assert_eq!(
            r.geometry_feedback,
            DocumentFeedback::DocumentCompliant,
            "frame {i}"
        );
        assert_eq!(
            r.feedback.is_compliant(),
            q.compliant(),
            "frame {i}: {r:?} {q:?}"
        );
    }
    let q = &frames[fx.segment("card_still").start + 10].quality;
    println!(
        "card_still: max corner error {worst:.2} px; card sharpness {:.1} (min {:?}), balance {:.3}, \
         mean {:.1}, contrast {:.1}, stability {:.2}",
        q.sharpness.value,
        q.sharpness.min,
        q.gradient_balance.value,
        q.brightness.value,
        q.contrast.value,
        q.stability.value
    );
    let compliant = fx
        .segment("card_still")
        .filter(|&i| frames[i].document.feedback.is_compliant());
    assert!(
        compliant.count() >= 29,
        "every card_still frame but the first is compliant"
    );
}

#[test]
fn card_sliding_is_never_compliant_while_it_moves() {
    let (fx, frames) = (fixture(), analysed());
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    for i in fx.segment("card_sliding") {
        let r = &frames[i].document;
        let partly_outside = fx.corners(i).expect("corners").iter().any(|c| c.0 > 640.0);
        if fx.expect(i, "stability") == "fail" || partly_outside {
            assert!(!r.feedback.is_compliant(), "frame {i}: {r:?}");
            *codes.entry(format!("{:?}", r.feedback)).or_default() += 1;
        }
        if partly_outside {
            assert!(
                matches!(
                    r.feedback,
                    DocumentFeedback::NoDocumentDetected
                        | DocumentFeedback::DocumentNotFullyVisible
                        | DocumentFeedback::DocumentOnRight
                ),
                "frame {i}: {r:?}"
            );
        }
        if let Some(m) = r.motion_px {
            let stability = frames[i].quality.stability.value;
            println!(
                "frame {i}: motion {m:.2} px, box stability {stability:.3}, {:?}",
                r.feedback
            );
        }
    }
    println!("card_sliding codes while moving: {codes:?}");
    assert!(codes.contains_key("DocumentNotFullyVisible") || codes.contains_key("DocumentOnRight"));
}

#[test]
fn no_document_on_face_frames_or_desk() {
    let (fx, frames) = (fixture(), analysed());
    let mut best = [0.0f32; 4];
    for (i, f) in frames
        .iter()
        .enumerate()
        .take(fx.segment("card_sliding").start)
    {
        let r = &f.document;
        assert!(!r.found && r.corners.is_none(), "frame {i}: {r:?}");
        assert_eq!(
            r.feedback,
            DocumentFeedback::NoDocumentDetected,
            "frame {i}"
        );
        for (b, s) in best.iter_mut().zip(r.side_scores.as_array()) {
            *b = b.max(s);
        }
    }
    println!("face frames 0-89: best side scores (top, right, bottom, left) {best:.3?}");
    for (i, f) in frames.iter().enumerate() {
        if let Some(r) = &f.desk {
            assert!(!r.found, "frame {i} desk guide: {r:?}");
            assert_eq!(r.feedback, DocumentFeedback::NoDocumentDetected);
            println!(
                "frame {i} desk-only guide: side scores {:.3?}",
                r.side_scores.as_array()
            );
        }
    }
}

#[test]
fn glare_verdict_matches_labels_on_the_card() {
    let (fx, frames) = (fixture(), analysed());
    let (mut checked, mut worst) = (0, 0.0f32);
    println!("frame  label  card fraction  measured fraction  largest blob  verdict");
    for i in fx.segment("glare") {
        let f = &frames[i];
        assert!(
            f.document.found,
            "frame {i}: the card is found under the highlight"
        );
        worst = worst.max(max_corner_error(fx, i, &f.document));
        let q = &f.quality;
        let verdict = pass_fail(passed(&[&q.glare, &q.glare_blob]));
        let label = fx.expect(i, "glare");
        println!(
            "{i:5}  {label:6} {:13.5}  {:17.4}  {:12.4}  {verdict}",
            fx.label(i)["glareFraction"].as_f64().unwrap_or(f64::NAN),
            q.glare.value,
            q.glare_blob.value
        );
        if label != "either" {
            assert_eq!(verdict, label, "frame {i}: {q:?}");
            checked += 1;
        }
        let expected = if verdict == "pass" {
            DocumentFeedback::DocumentCompliant
        } else {
            DocumentFeedback::DocumentGlare
        };
        if q.stability.passed() {
            assert_eq!(f.document.feedback, expected, "frame {i}");
        }
    }
    assert!(checked >= 20, "{checked}");
    assert!(worst <= 4.0, "{worst}");
    println!("glare: max corner error {worst:.2} px");
}

/// Autocapture over the whole video, fed the document feedback and the quality sharpness: it
/// fires once, after five compliant frames of the still card, with the sharpest of them.
#[test]
fn autocapture_fires_once_on_the_still_card() {
    let (fx, frames) = (fixture(), analysed());
    let mut a = Autocapture::new(AutocaptureOptions::default()).unwrap();
    let mut captures = Vec::new();
    for (i, f) in frames.iter().enumerate() {
        let compliant = i >= 90 && f.document.feedback.is_compliant();
        let sharpness = f.quality.sharpness.value;
        if let Decision::Capture { frame_id } = a.observe(i as u64, compliant, sharpness) {
            captures.push((i, frame_id));
        }
    }
    println!("autocapture: {captures:?}");
    let [(at, id)] = captures[..] else {
        panic!("one capture expected: {captures:?}")
    };
    let window = at + 1 - 5..at + 1;
    assert!(window.contains(&(id as usize)), "{captures:?}");
    assert!(
        window
            .clone()
            .all(|i| frames[i].document.feedback.is_compliant())
    );
    assert!(
        fx.segment("card_sliding").contains(&window.start)
            || fx.segment("card_still").contains(&window.start)
    );
    let best = window
        .map(|i| frames[i].quality.sharpness.value)
        .fold(f32::MIN, f32::max);
    assert_eq!(frames[id as usize].quality.sharpness.value, best);
}

#[test]
fn blur_ramp_sharpness_matches_labels() {
    let (fx, frames) = (fixture(), analysed());
    let mut checked = 0;
    println!("frame  sigma  label   lapvar@200px  /best  verdict  (absolute floor alone)");
    let ramp = fx.segment("sharp_face").start..fx.segment("blur_ramp").end;
    for (i, f) in frames.iter().enumerate().take(ramp.end).skip(ramp.start) {
        let q = &f.quality;
        let verdict = pass_fail(passed(&[&q.sharpness, &q.relative_sharpness]));
        let label = fx.expect(i, "sharpness");
        if fx.segment("blur_ramp").contains(&i) || i == 0 {
            println!(
                "{i:5}  {:5.2}  {label:6}  {:12.1}  {:5.3}  {verdict:7}  ({})",
                fx.label(i)["blurSigma"].as_f64().unwrap_or(0.0),
                q.sharpness.value,
                q.relative_sharpness.value,
                pass_fail(q.sharpness.passed())
            );
        }
        if label != "either" {
            assert_eq!(verdict, label, "frame {i}: {q:?}");
            checked += 1;
        }
    }
    assert!(checked >= 50, "{checked}");
}

#[test]
fn exposure_segments_match_labels() {
    let (fx, frames) = (fixture(), analysed());
    let mut seen: BTreeMap<&str, (f32, f32, f32)> = BTreeMap::new();
    for (i, f) in frames
        .iter()
        .enumerate()
        .take(fx.segment("card_sliding").start)
    {
        let q = &f.quality;
        let label = fx.expect(i, "exposure");
        if label != "either" {
            assert_eq!(exposure_verdict(q), label, "frame {i}: {q:?}");
        }
        let seg = fx.label(i)["segment"].as_str().unwrap_or("");
        let name = if seg == "dark" || seg == "bright" {
            seg
        } else {
            "face"
        };
        seen.insert(
            name,
            (
                q.brightness.value,
                q.dark_fraction.value,
                q.bright_fraction.value,
            ),
        );
    }
    println!("exposure (mean, <30 fraction, >225 fraction): {seen:?}");
    assert_eq!(seen.len(), 3);
}
