//! Autocapture (N consecutive compliant frames, sharpest of the run, one capture until reset)
//! and the feedback stabilizer on scripted sequences.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use idv_core::OptionError;
use idv_core::autocapture::{
    Autocapture, AutocaptureOptions, Decision, FeedbackStabilizer, StabilizerOptions,
};
use idv_core::roi::document::DocumentFeedback;

const FRAME_MS: f64 = 1000.0 / 30.0;

fn autocapture(n: u32) -> Autocapture {
    Autocapture::new(AutocaptureOptions {
        autocapture_minimum_frame_count: n,
    })
    .unwrap()
}

/// Plays `(compliant, sharpness)` frames with ids 0.. and returns the decisions.
fn play(a: &mut Autocapture, frames: &[(bool, f32)]) -> Vec<Decision> {
    frames
        .iter()
        .zip(0u64..)
        .map(|(&(c, s), id)| a.observe(id, c, s))
        .collect()
}

#[test]
fn fires_after_n_compliant_frames_with_the_sharpest_of_the_run() {
    use Decision::*;
    let mut a = autocapture(5);
    let d = play(
        &mut a,
        &[
            (true, 100.0),
            (true, 300.0),
            (true, 200.0),
            (true, 250.0),
            (true, 150.0),
        ],
    );
    assert_eq!(
        d,
        vec![Keep, Keep, Discard, Discard, Capture { frame_id: 1 }]
    );
    assert_eq!(a.captured(), Some(1));
    // Stopped until reset.
    assert_eq!(a.observe(5, true, 1000.0), Discard);
    assert_eq!(a.observe(6, false, 0.0), Discard);
    a.reset();
    assert_eq!((a.captured(), a.run_length(), a.best()), (None, 0, None));
    assert_eq!(a.observe(7, true, 1.0), Keep);
}

#[test]
fn the_capture_can_be_the_current_frame() {
    let mut a = autocapture(3);
    let d = play(&mut a, &[(true, 1.0), (true, 2.0), (true, 3.0)]);
    assert_eq!(
        d,
        vec![
            Decision::Keep,
            Decision::Keep,
            Decision::Capture { frame_id: 2 }
        ]
    );
    let mut one = autocapture(1);
    assert_eq!(
        one.observe(42, true, f32::NAN),
        Decision::Capture { frame_id: 42 }
    );
}

#[test]
fn a_non_compliant_frame_resets_the_run_and_the_best() {
    use Decision::*;
    let mut a = autocapture(3);
    let d = play(
        &mut a,
        &[
            (true, 500.0),
            (true, 100.0),
            (false, 900.0),
            (true, 50.0),
            (true, 60.0),
            (true, 40.0),
        ],
    );
    // The 500 of the first run is forgotten: frame 4 (60) is the sharpest of the second run.
    assert_eq!(
        d,
        vec![Keep, Discard, Discard, Keep, Keep, Capture { frame_id: 4 }]
    );
}

#[test]
fn at_most_one_retained_buffer_is_ever_needed() {
    // Simulate the browser layer: copy pixels only on Keep, and check the delivered frame is
    // the sharpest of the compliant window, over a pseudo-random sequence.
    let mut a = autocapture(5);
    let mut retained: Option<(u64, f32)> = None;
    let mut run: Vec<(u64, f32)> = Vec::new();
    let mut captures = 0;
    for id in 0u64..2000 {
        let h = id.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
        let compliant = h % 7 != 0;
        let sharpness = (h % 1000) as f32;
        if compliant {
            run.push((id, sharpness));
        } else {
            run.clear();
        }
        match a.observe(id, compliant, sharpness) {
            Decision::Keep => retained = Some((id, sharpness)),
            Decision::Discard => {}
            Decision::Capture { frame_id } => {
                let best = run
                    .iter()
                    .copied()
                    .reduce(|b, f| if f.1 > b.1 { f } else { b });
                assert_eq!(run.len(), 5);
                assert_eq!(Some(frame_id), best.map(|b| b.0));
                let delivered = if frame_id == id {
                    Some((id, sharpness))
                } else {
                    retained
                };
                assert_eq!(delivered.map(|d| d.0), Some(frame_id));
                captures += 1;
                a.reset();
                run.clear();
                retained = None;
            }
        }
    }
    assert!(captures > 50, "{captures}");
}

#[test]
fn options_validate_and_serialize_with_awareid_name() {
    assert!(matches!(
        Autocapture::new(AutocaptureOptions {
            autocapture_minimum_frame_count: 0
        }),
        Err(OptionError::OutOfRange { .. })
    ));
    let json = serde_json::to_value(AutocaptureOptions::default()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({ "autocaptureMinimumFrameCount": 5 })
    );
    let d = serde_json::to_value(Decision::Capture { frame_id: 7 }).unwrap();
    assert_eq!(d, serde_json::json!({ "type": "capture", "frameId": 7 }));
    for bad in [
        StabilizerOptions {
            window_ms: f64::NAN,
            ..Default::default()
        },
        StabilizerOptions {
            decay: 0.0,
            ..Default::default()
        },
        StabilizerOptions {
            decay: 1.5,
            ..Default::default()
        },
        StabilizerOptions {
            min_display_ms: f64::INFINITY,
            ..Default::default()
        },
        StabilizerOptions {
            switch_ratio: 0.5,
            ..Default::default()
        },
        StabilizerOptions {
            max_samples: 0,
            ..Default::default()
        },
        StabilizerOptions {
            decay_period_ms: -1.0,
            ..Default::default()
        },
    ] {
        assert!(FeedbackStabilizer::<u8>::new(bad).is_err(), "{bad:?}");
    }
}

fn stabilizer<T: Copy + Eq + std::hash::Hash>() -> FeedbackStabilizer<T> {
    FeedbackStabilizer::new(StabilizerOptions::default()).unwrap()
}

/// Feeds `codes(frame)` at 30 fps from `t0` for `frames` frames; returns `(time, shown)`.
fn feed<T: Copy + Eq + std::hash::Hash>(
    s: &mut FeedbackStabilizer<T>,
    t0: f64,
    frames: usize,
    codes: impl Fn(usize) -> T,
) -> Vec<(f64, T)> {
    (0..frames)
        .map(|k| {
            let t = t0 + k as f64 * FRAME_MS;
            (t, s.update(t, codes(k)))
        })
        .collect()
}

#[test]
fn alternating_codes_every_frame_do_not_flicker() {
    use DocumentFeedback::*;
    let mut s = stabilizer();
    let shown = feed(&mut s, 0.0, 300, |k| {
        if k % 2 == 0 {
            DocumentTooFar
        } else {
            HoldStill
        }
    });
    assert!(shown.iter().all(|&(_, c)| c == DocumentTooFar), "{shown:?}");
    // Three codes in rotation: still one message.
    let mut s = stabilizer();
    let codes = [DocumentTilted, DocumentGlare, DocumentBlurry];
    let shown = feed(&mut s, 0.0, 300, |k| codes[k % 3]);
    let changes = shown.windows(2).filter(|w| w[0].1 != w[1].1).count();
    assert_eq!(changes, 0, "{shown:?}");
}

#[test]
fn a_steady_new_code_takes_over_after_the_weight_and_display_times() {
    use DocumentFeedback::*;
    let mut s = stabilizer();
    feed(&mut s, 0.0, 150, |_| DocumentTooFar); // 5 s of "too far"
    let t0 = 150.0 * FRAME_MS;
    let shown = feed(&mut s, t0, 60, |_| DocumentTooClose);
    let first = shown
        .iter()
        .find(|(_, c)| *c == DocumentTooClose)
        .expect("takes over")
        .0
        - t0;
    // 1.5x the old weight after 18 frames: 17 frame intervals = 567 ms.
    assert!(
        (first - 17.0 * FRAME_MS).abs() < 1.0,
        "took over after {first} ms"
    );
    // Once shown it stays.
    let i = shown
        .iter()
        .position(|(_, c)| *c == DocumentTooClose)
        .unwrap();
    assert!(shown[i..].iter().all(|(_, c)| *c == DocumentTooClose));
}

#[test]
fn compliant_is_shown_only_after_the_minimum_display_time() {
    use DocumentFeedback::*;
    let mut s = stabilizer();
    // "Hold still" shown at t = 0, then compliant frames from 100 ms.
    assert_eq!(s.update(0.0, HoldStill), HoldStill);
    let shown = feed(&mut s, 100.0, 60, |_| DocumentCompliant);
    let first = shown
        .iter()
        .find(|(_, c)| *c == DocumentCompliant)
        .expect("shown")
        .0;
    // Weight alone would switch at 100 + 567 ms; the message stays its 1000 ms first.
    assert!(
        (1000.0..1000.0 + FRAME_MS).contains(&first),
        "compliant shown at {first} ms"
    );
    assert!(
        shown
            .iter()
            .filter(|(t, _)| *t < 1000.0)
            .all(|(_, c)| *c == HoldStill)
    );
}

#[test]
fn displayed_code_never_changes_faster_than_the_minimum_display_time() {
    // Pseudo-random bursts of 1..=40 frames of one of 5 codes, for 2 minutes.
    let mut s = stabilizer::<u8>();
    let mut t = 0.0;
    let mut last: Option<(u8, f64)> = None;
    let (mut k, mut switches) = (0u64, 0);
    while t < 120_000.0 {
        let h = k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 33;
        let (code, len) = ((h % 5) as u8, 1 + (h >> 8) % 40);
        for _ in 0..len {
            let shown = s.update(t, code);
            if let Some((prev, since)) = last {
                if shown != prev {
                    assert!(t - since >= 1000.0, "switched after {} ms", t - since);
                    switches += 1;
                    last = Some((shown, t));
                }
            } else {
                last = Some((shown, t));
            }
            t += FRAME_MS;
        }
        k += 1;
    }
    assert!(
        switches > 20,
        "still follows the input: {switches} switches"
    );
}

#[test]
fn odd_timestamps_do_not_panic_or_flip_the_display() {
    let mut s = stabilizer::<u8>();
    assert_eq!(s.update(f64::NAN, 3), 3, "nothing shown yet: the raw code");
    assert_eq!(s.shown(), None);
    assert_eq!(s.update(1000.0, 1), 1);
    assert_eq!(s.update(f64::INFINITY, 2), 1);
    assert_eq!(s.update(f64::NEG_INFINITY, 2), 1);
    // Time going backwards counts as "now": no early switch.
    for _ in 0..100 {
        assert_eq!(s.update(500.0, 2), 1);
    }
    assert_eq!(
        s.update(2000.0, 2),
        2,
        "after 1 s, 101 samples of 2 outweigh one of 1"
    );
    s.reset();
    assert_eq!((s.shown(), s.update(0.0, 4)), (None, 4));
    // Thousands of frames at a huge frame rate stay bounded by max_samples.
    for i in 0..10_000 {
        s.update(f64::from(i) * 0.01, (i % 2) as u8);
    }
}
