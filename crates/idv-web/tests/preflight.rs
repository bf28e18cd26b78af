//! The media preflight in headless Chromium with the fake camera (640×480 at 30 fps, every frame
//! different) and the fake microphone (tone and silence): it passes, reports every check as a
//! `diagnostic` event, and fails the checks whose bar the devices cannot reach.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[allow(dead_code, unreachable_pub, clippy::expect_used)]
mod common;
mod media_support;

use idv_core::events::{EventKind, Severity};
use idv_web::preflight::{PermissionState, PreflightOptions, PreflightReport, run};
use media_support::Recorded;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn check<'a>(report: &'a PreflightReport, name: &str) -> &'a idv_web::preflight::PreflightCheck {
    report
        .checks
        .iter()
        .find(|c| c.check == name)
        .unwrap_or_else(|| panic!("no check {name}: {:?}", report.checks))
}

#[wasm_bindgen_test]
async fn the_fake_devices_pass_and_every_check_is_an_event() {
    let recorded = Recorded::new("preflight");
    // 2.2 s of microphone: the tone is in there whatever the phase of the loop.
    let options = PreflightOptions {
        microphone_ms: 2_200,
        ..PreflightOptions::default()
    };
    let report = run(&options, Some(&recorded.stream)).await;
    assert!(report.passed, "{report:#?}");
    assert!(report.secure_context);
    assert_eq!(report.camera_permission, PermissionState::Granted);
    assert_eq!(report.microphone_permission, PermissionState::Granted);

    let camera = report.camera.expect("camera measured");
    assert_eq!((camera.width, camera.height), (640, 480));
    assert!((24.0..=36.0).contains(&camera.fps), "{camera:?}");
    assert!(camera.frames >= 20, "{camera:?}");
    assert!(
        camera.changed_frames + 1 >= camera.frames - 1,
        "every frame of the recording differs: {camera:?}"
    );
    let mic = report.microphone.expect("microphone measured");
    assert!((mic.peak_dbfs - -6.02).abs() < 1.0, "{mic:?}");

    let names: Vec<&str> = report.checks.iter().map(|c| c.check.as_str()).collect();
    assert_eq!(
        names,
        [
            "secureContext",
            "permissionCamera",
            "permissionMicrophone",
            "preflightCameraOpen",
            "preflightCameraResolution",
            "preflightCameraFps",
            "preflightCameraMoving",
            "preflightMicrophoneOpen",
            "preflightMicrophoneSignal",
        ]
    );
    assert!(report.checks.iter().all(|c| c.passed && c.hint.is_none()));
    let events = recorded.kinds();
    assert_eq!(events.len(), names.len());
    for (event, name) in events.iter().zip(names) {
        let EventKind::Diagnostic(d) = event else {
            panic!("{event:?}")
        };
        assert_eq!(
            (d.check.as_str(), d.passed, d.severity),
            (name, true, Severity::Info)
        );
        assert!(d.detail.as_deref().is_some_and(|t| !t.is_empty()));
    }
}

#[wasm_bindgen_test]
async fn checks_fail_when_the_bar_is_out_of_reach() {
    let recorded = Recorded::new("preflight-fail");
    let options = PreflightOptions {
        width: 1280,
        height: 720,
        min_fps: 1000.0,
        min_signal_dbfs: 0.0,
        microphone_ms: 2_200,
        ..PreflightOptions::default()
    };
    let report = run(&options, Some(&recorded.stream)).await;
    assert!(!report.passed);
    let fps = check(&report, "preflightCameraFps");
    assert!(
        !fps.passed && fps.severity == Severity::Error && fps.hint.is_some(),
        "{fps:?}"
    );
    let size = check(&report, "preflightCameraResolution");
    assert!(
        !size.passed && size.severity == Severity::Warning,
        "{size:?}"
    );
    assert!(
        size.detail.contains("asked 1280x720") && size.detail.contains("640x480"),
        "{size:?}"
    );
    assert!(!check(&report, "preflightMicrophoneSignal").passed);
    assert!(check(&report, "preflightCameraMoving").passed);
    let failed: Vec<(String, Severity)> = recorded
        .kinds()
        .into_iter()
        .filter_map(|k| match k {
            EventKind::Diagnostic(d) if !d.passed => Some((d.check, d.severity)),
            _ => None,
        })
        .collect();
    assert_eq!(
        failed,
        vec![
            ("preflightCameraResolution".to_owned(), Severity::Warning),
            ("preflightCameraFps".to_owned(), Severity::Error),
            ("preflightMicrophoneSignal".to_owned(), Severity::Error),
        ]
    );
}

#[wasm_bindgen_test]
async fn only_what_is_asked_is_tested() {
    let options = PreflightOptions {
        microphone: false,
        camera_ms: 300,
        ..PreflightOptions::default()
    };
    let report = run(&options, None).await;
    assert!(report.microphone.is_none());
    assert!(
        report
            .checks
            .iter()
            .all(|c| !c.check.contains("Microphone")),
        "{:?}",
        report.checks
    );
    assert!(report.passed, "{report:#?}");
}
