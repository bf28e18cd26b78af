//! The `Camera` controller in headless Chromium with the fake camera (one device, 640×480 from
//! the generated recording): resolution fallback and its memory, typed failures and their
//! `deviceError` events, switching without a live track left behind, teardown, `ended`/`mute`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[allow(dead_code, unreachable_pub, clippy::expect_used)]
mod common;
mod media_support;

use idv_core::events::{DeviceErrorKind, EventKind, MediaDevice, StopReason};
use idv_web::camera::{
    Camera, CameraError, CameraOptions, DeviceKind, FacingMode, Size, SizeMode, SwitchTarget,
    forget_remembered_sizes, list_cameras, list_devices,
};
use media_support::{
    Recorded, any_live, dispatch, gum_log, gum_streams, sleep, spy_get_user_media, watch_tracks,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::MediaStreamTrackState;

wasm_bindgen_test_configure!(run_in_browser);

fn exact(width: u32, height: u32) -> CameraOptions {
    CameraOptions {
        width: Some(width),
        height: Some(height),
        size_mode: SizeMode::Exact,
        ..CameraOptions::default()
    }
}

#[wasm_bindgen_test]
async fn an_impossible_size_steps_down_to_what_the_camera_delivers_and_is_remembered() {
    forget_remembered_sizes();
    let recorded = Recorded::new("fallback");
    let camera = Camera::new();
    camera.set_events(Some(recorded.stream.clone()));

    let info = camera
        .open(exact(4000, 3000))
        .await
        .expect("falls back to a size that works");
    let tried: Vec<(Option<Size>, bool)> = info.attempts.iter().map(|a| (a.size, a.ok)).collect();
    assert_eq!(
        tried,
        vec![
            (Some(Size::new(4000, 3000)), false),
            (Some(Size::new(1920, 1080)), false),
            (Some(Size::new(1280, 720)), false),
            (Some(Size::new(640, 480)), true),
        ]
    );
    assert!(
        info.attempts[..3]
            .iter()
            .all(|a| a.error == Some("overconstrained"))
    );
    assert_eq!(
        (info.settings.width, info.settings.height),
        (Some(640), Some(480))
    );
    let kinds = recorded.kinds();
    let Some(EventKind::CameraStarted(started)) = kinds.first() else {
        panic!("first event: {kinds:?}")
    };
    assert_eq!(
        (started.width, started.height, started.frame_rate),
        (640, 480, Some(30.0))
    );
    assert!(
        matches!(&kinds[1], EventKind::Diagnostic(d) if d.check == "cameraResolutionFallback" && d.passed)
    );

    // The next open with the same ask goes straight to the size that worked.
    camera.stop();
    let again = camera.open(exact(4000, 3000)).await.expect("reopens");
    assert_eq!(again.attempts.len(), 1, "{:?}", again.attempts);
    assert_eq!(
        (again.attempts[0].size, again.attempts[0].ok),
        (Some(Size::new(640, 480)), true)
    );
    camera.stop();
    assert!(!camera.is_live());

    // Forgotten, the ladder runs again.
    forget_remembered_sizes();
    let fresh = camera.open(exact(4000, 3000)).await.expect("opens");
    assert_eq!(fresh.attempts.len(), 4);
}

#[wasm_bindgen_test]
async fn the_remembered_size_can_survive_in_session_storage() {
    forget_remembered_sizes();
    let options = CameraOptions {
        persist_size: true,
        ..exact(3000, 2000)
    };
    let camera = Camera::new();
    camera.open(options.clone()).await.expect("opens");
    camera.stop();
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let stored = storage
        .get_item("idv-capture:camera-size:user|3000x2000")
        .unwrap();
    assert_eq!(stored.as_deref(), Some("640x480"));
    forget_remembered_sizes();
    assert_eq!(
        storage
            .get_item("idv-capture:camera-size:user|3000x2000")
            .unwrap(),
        None
    );
}

#[wasm_bindgen_test]
async fn an_impossible_size_without_fallback_is_an_overconstrained_device_error() {
    forget_remembered_sizes();
    let recorded = Recorded::new("overconstrained-size");
    let camera = Camera::new();
    camera.set_events(Some(recorded.stream.clone()));
    let error = camera
        .open(CameraOptions {
            fallback: false,
            ..exact(10000, 10000)
        })
        .await
        .expect_err("refused");
    assert_eq!(
        error,
        CameraError::UnsupportedConstraint {
            constraint: "width".into()
        }
    );
    assert_eq!(error.code(), "overconstrained");
    let kinds = recorded.kinds();
    assert_eq!(kinds.len(), 1, "{kinds:?}");
    let EventKind::DeviceError(e) = &kinds[0] else {
        panic!("{kinds:?}")
    };
    assert_eq!(
        (e.device, e.error, e.constraint.as_deref()),
        (
            MediaDevice::Camera,
            DeviceErrorKind::Overconstrained,
            Some("width")
        )
    );
    assert!(!camera.is_live());
}

#[wasm_bindgen_test]
async fn an_unknown_device_is_an_overconstrained_device_error_naming_device_id() {
    let recorded = Recorded::new("overconstrained-device");
    let camera = Camera::new();
    camera.set_events(Some(recorded.stream.clone()));
    let options = CameraOptions {
        device_id: Some("nope".into()),
        ..CameraOptions::default()
    };
    let error = camera.open(options).await.expect_err("no such device");
    assert_eq!(error.constraint(), Some("deviceId"));
    let events = recorded.events.borrow();
    assert_eq!(events.len(), 1);
    let EventKind::DeviceError(e) = &events[0].body.kind else {
        panic!("{:?}", events[0])
    };
    assert_eq!(
        (e.error, e.constraint.as_deref()),
        (DeviceErrorKind::Overconstrained, Some("deviceId"))
    );
    assert!(
        events[0]
            .body
            .message
            .as_deref()
            .unwrap_or("")
            .contains("deviceId")
    );
    assert_eq!(
        serde_json::to_value(&events[0]).unwrap()["error"],
        "overconstrained"
    );
}

#[wasm_bindgen_test]
async fn devices_are_listed_as_typed_values() {
    let devices = list_devices().await.expect("enumerateDevices");
    assert!(devices.iter().any(|d| d.kind == DeviceKind::AudioInput));
    let cameras = list_cameras().await.expect("cameras");
    assert_eq!(
        cameras.len(),
        1,
        "the fake device exposes one camera: {cameras:?}"
    );
    assert!(
        cameras[0].label.ends_with("capture.y4m"),
        "{:?}",
        cameras[0].label
    );
    assert!(!cameras[0].device_id.is_empty());
}

#[wasm_bindgen_test]
async fn switching_stops_the_old_tracks_before_asking_for_the_new_camera() {
    let restore = spy_get_user_media();
    let recorded = Recorded::new("switch");
    let camera = Camera::new();
    camera.set_events(Some(recorded.stream.clone()));
    let first = camera
        .open(CameraOptions {
            audio: true,
            ..CameraOptions::default()
        })
        .await
        .expect("opens");
    let old_tracks = camera.media_stream().expect("stream").get_tracks();
    let old_tracks: Vec<web_sys::MediaStreamTrack> =
        old_tracks.iter().map(|t| t.unchecked_into()).collect();
    assert_eq!(old_tracks.len(), 2);
    watch_tracks(&old_tracks);
    // The spy sees live tracks: a plain second open beside the camera counts both.
    drop(
        idv_web::CameraStream::open(&CameraOptions::default())
            .await
            .expect("second stream"),
    );

    let device = first.settings.device_id.clone().expect("device id");
    let second = camera
        .switch_to(SwitchTarget::Device(device.clone()))
        .await
        .expect("switches");
    assert_eq!(second.settings.device_id.as_deref(), Some(device.as_str()));
    camera
        .switch_to(SwitchTarget::Facing(FacingMode::Environment))
        .await
        .expect("switches by facing");
    camera
        .switch_to(SwitchTarget::Next)
        .await
        .expect("switches to the next (the same) camera");
    restore
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("restore");

    // [first open, the plain open beside it, three switches]: at every switch none of the first
    // tracks was live any more.
    assert_eq!(gum_log(), vec![0, 2, 0, 0, 0]);
    assert!(
        old_tracks
            .iter()
            .all(|t| t.ready_state() == MediaStreamTrackState::Ended)
    );
    assert!(camera.is_live());
    let types = recorded.types();
    assert_eq!(
        types,
        vec![
            "cameraStarted",
            "cameraStopped",
            "cameraStarted",
            "cameraStopped",
            "cameraStarted",
            "cameraStopped",
            "cameraStarted"
        ]
    );

    let live = camera.video_track().expect("track");
    drop(camera);
    assert_eq!(
        live.ready_state(),
        MediaStreamTrackState::Ended,
        "dropping the camera stops it"
    );
    assert_eq!(recorded.types().last(), Some(&"cameraStopped"));
}

#[wasm_bindgen_test]
async fn a_superseded_open_stops_what_it_got() {
    let restore = spy_get_user_media();
    let camera = Camera::new();
    let first_result = std::rc::Rc::new(std::cell::RefCell::new(None));
    let (slot, first_camera) = (std::rc::Rc::clone(&first_result), camera.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let result = first_camera.open(CameraOptions::default()).await;
        let tracks = first_camera.media_stream().map(|s| s.get_tracks().length());
        *slot.borrow_mut() = Some((result, tracks));
    });
    sleep(0).await; // the first request is now waiting for the browser
    camera
        .open(CameraOptions::default())
        .await
        .expect("the newest open wins");
    for _ in 0..100 {
        if first_result.borrow().is_some() {
            break;
        }
        sleep(10).await;
    }
    let (first, _) = first_result
        .borrow_mut()
        .take()
        .expect("the first open finished");
    restore
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("restore");
    assert_eq!(first.expect_err("superseded"), CameraError::Cancelled);
    let stream = camera.media_stream().expect("stream");
    let opened = gum_streams();
    assert_eq!(opened.len(), 2, "both requests reached the browser");
    let kept: Vec<bool> = opened.iter().map(|s| s.id() == stream.id()).collect();
    assert_eq!(kept.iter().filter(|k| **k).count(), 1);
    for (s, kept) in opened.iter().zip(kept) {
        assert_eq!(
            any_live(s),
            kept,
            "only the newest request's stream is live"
        );
    }
    assert!(camera.is_live());
    camera.stop();
    assert!(camera.media_stream().is_none());
}

#[wasm_bindgen_test]
async fn a_track_that_ends_by_itself_is_reported_and_released() {
    let recorded = Recorded::new("ended");
    let camera = Camera::new();
    camera.set_events(Some(recorded.stream.clone()));
    camera.open(CameraOptions::default()).await.expect("opens");
    let track = camera.video_track().expect("track");
    dispatch(track.unchecked_ref(), "mute");
    dispatch(track.unchecked_ref(), "unmute");
    dispatch(track.unchecked_ref(), "ended");
    assert_eq!(
        track.ready_state(),
        MediaStreamTrackState::Ended,
        "the rest of the stream is stopped"
    );
    assert!(!camera.is_live());
    assert!(camera.media_stream().is_none());
    sleep(10).await;
    let kinds = recorded.kinds();
    assert!(
        matches!(&kinds[1], EventKind::Diagnostic(d) if d.check == "cameraMuted" && !d.passed),
        "{kinds:?}"
    );
    assert!(
        matches!(&kinds[2], EventKind::Diagnostic(d) if d.check == "cameraMuted" && d.passed),
        "{kinds:?}"
    );
    assert!(
        matches!(&kinds[3], EventKind::CameraStopped(s) if s.reason == StopReason::TrackEnded),
        "{kinds:?}"
    );
    // A stop after that reports nothing more.
    camera.stop();
    assert_eq!(recorded.kinds().len(), 4);
}

#[wasm_bindgen_test]
async fn the_fake_camera_has_no_torch_and_the_front_camera_is_mirrored() {
    let camera = Camera::new();
    assert_eq!(camera.set_torch(true).await, Err(CameraError::NotOpen));
    let info = camera.open(CameraOptions::default()).await.expect("opens");
    assert!(!info.torch);
    assert_eq!(
        camera.set_torch(true).await,
        Err(CameraError::TorchUnsupported)
    );
    assert!(
        info.mirrored,
        "facing user (no facingMode reported) is mirrored"
    );
    let video: web_sys::HtmlElement = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("video")
        .unwrap()
        .unchecked_into();
    camera.apply_mirror(&video);
    assert_eq!(
        video.style().get_property_value("transform").unwrap(),
        "scaleX(-1)"
    );

    let back = camera
        .open(CameraOptions {
            facing: Some(FacingMode::Environment),
            ..CameraOptions::default()
        })
        .await
        .expect("opens");
    assert!(!back.mirrored);
    camera.apply_mirror(&video);
    assert_eq!(video.style().get_property_value("transform").unwrap(), "");
}
