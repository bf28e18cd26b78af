//! The microphone meter in headless Chromium with the fake microphone fed by tone.wav (1 s of
//! 440 Hz at -6 dBFS peak, then 1 s of digital silence, looping).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[allow(dead_code, unreachable_pub, clippy::expect_used)]
mod common;
mod media_support;

use idv_core::events::{DeviceErrorKind, EventKind, MediaDevice};
use idv_web::microphone::{Level, MicrophoneMeter, MicrophoneOptions};
use idv_web::{CameraError, CameraOptions, CameraStream};
use media_support::{Recorded, sleep};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::MediaStreamTrackState;

wasm_bindgen_test_configure!(run_in_browser);

async fn sample_for(meter: &mut MicrophoneMeter, ms: i32) -> Vec<Level> {
    let mut levels = Vec::new();
    for _ in 0..ms / 50 {
        sleep(50).await;
        levels.push(meter.sample());
    }
    levels
}

#[wasm_bindgen_test]
async fn the_level_is_high_during_the_tone_and_silent_during_the_silence() {
    let mut meter = MicrophoneMeter::open(&MicrophoneOptions::default(), None)
        .await
        .expect("microphone opens");
    assert!(
        meter.is_running(),
        "the audio graph runs (autoplay allowed in the test browser)"
    );
    let levels = sample_for(&mut meter, 2_600).await;

    let loud: Vec<&Level> = levels.iter().filter(|l| l.rms_dbfs > -20.0).collect();
    let quiet: Vec<&Level> = levels.iter().filter(|l| l.rms_dbfs <= -50.0).collect();
    assert!(loud.len() >= 8, "tone windows: {levels:?}");
    assert!(quiet.len() >= 8, "silent windows: {levels:?}");
    // Inside the tone: RMS -9.03 and peak -6.02 dBFS (a full window of the sine).
    let best = loud
        .iter()
        .map(|l| l.rms_dbfs)
        .fold(f64::NEG_INFINITY, f64::max);
    assert!((best - -9.03).abs() < 1.0, "tone RMS {best:.2} dBFS");
    let peak = loud
        .iter()
        .map(|l| l.peak_dbfs)
        .fold(f64::NEG_INFINITY, f64::max);
    assert!((peak - -6.02).abs() < 1.0, "tone peak {peak:.2} dBFS");
    // The file's silence is digital zero.
    assert!(
        quiet.iter().any(|l| l.rms_dbfs == f64::NEG_INFINITY),
        "{quiet:?}"
    );
    // Silence is reported only after 500 ms below -50 dBFS, and never during the tone.
    assert!(
        levels.iter().any(|l| l.silent && l.silent_for_ms >= 500.0),
        "{levels:?}"
    );
    assert!(loud.iter().all(|l| !l.silent && l.silent_for_ms == 0.0));
    assert!(
        levels.iter().any(|l| l.rms_dbfs <= -50.0 && !l.silent),
        "the first 500 ms of silence are not yet silent"
    );

    let tracks = meter.stream().expect("own stream").tracks();
    assert_eq!(tracks.len(), 1);
    assert_eq!(tracks[0].kind(), "audio");
    let get_settings: js_sys::Function = js_sys::Reflect::get(&tracks[0], &"getSettings".into())
        .unwrap()
        .unchecked_into();
    let settings = get_settings.call0(&tracks[0]).unwrap();
    for key in ["echoCancellation", "noiseSuppression", "autoGainControl"] {
        let value = js_sys::Reflect::get(&settings, &key.into())
            .unwrap()
            .as_bool();
        assert_eq!(value, Some(false), "raw audio asked: {key}");
    }
    drop(meter);
    assert_eq!(
        tracks[0].ready_state(),
        MediaStreamTrackState::Ended,
        "closing the meter stops its microphone"
    );
}

#[wasm_bindgen_test]
async fn a_meter_on_a_camera_stream_leaves_its_tracks_alone() {
    let camera = CameraStream::open(&CameraOptions {
        audio: true,
        ..CameraOptions::default()
    })
    .await
    .expect("opens");
    let mut meter = MicrophoneMeter::attach(camera.media_stream(), &MicrophoneOptions::default())
        .await
        .expect("meter");
    assert!(meter.stream().is_none());
    let levels = sample_for(&mut meter, 2_200).await;
    assert!(levels.iter().any(|l| l.peak_dbfs > -10.0), "{levels:?}");
    drop(meter);
    assert!(camera.is_live(), "the caller's tracks keep running");
}

#[wasm_bindgen_test]
async fn a_stream_without_audio_is_no_device_and_a_missing_microphone_is_reported() {
    let camera = CameraStream::open(&CameraOptions::default())
        .await
        .expect("opens");
    let error = MicrophoneMeter::attach(camera.media_stream(), &MicrophoneOptions::default())
        .await
        .expect_err("no audio");
    assert_eq!(error, CameraError::NoDevice);

    let recorded = Recorded::new("mic-error");
    let options = MicrophoneOptions {
        device_id: Some("nope".into()),
        ..MicrophoneOptions::default()
    };
    let error = MicrophoneMeter::open(&options, Some(&recorded.stream))
        .await
        .expect_err("no such microphone");
    assert_eq!(error.code(), "overconstrained");
    let kinds = recorded.kinds();
    let [EventKind::DeviceError(e)] = kinds.as_slice() else {
        panic!("{kinds:?}")
    };
    assert_eq!(
        (e.device, e.error, e.constraint.as_deref()),
        (
            MediaDevice::Microphone,
            DeviceErrorKind::Overconstrained,
            Some("deviceId")
        )
    );
}
