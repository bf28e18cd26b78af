//! The camera in real headless Chromium, fed by the generated recording (fake camera) and tone
//! (fake microphone). Run by `make test` with the webdriver.json that scripts/test.sh writes.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[allow(dead_code, unreachable_pub, clippy::expect_used)]
mod common;

use idv_core::frame::{Rect, region_luma_mean};
use idv_web::{CameraOptions, CameraStream, CanvasFrameReader, VideoPreview};
use wasm_bindgen_test::*;
use web_sys::{MediaStreamTrack, MediaStreamTrackState};

wasm_bindgen_test_configure!(run_in_browser);

fn vga() -> CameraOptions {
    CameraOptions { width: Some(640), height: Some(480), ..CameraOptions::default() }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.expect("timer");
}

/// Tolerance for luma after the round trip RGB -> limited-range I420 (file) -> RGB (Chromium)
/// -> BT.601 luma, averaged over a region.
const LUMA_TOLERANCE: f64 = 4.0;

#[wasm_bindgen_test]
async fn camera_pixels_match_the_recording() {
    let labels = common::labels();
    let camera = CameraStream::open(&vga()).await.expect("camera opens");
    let preview = VideoPreview::attach(camera.media_stream(), None).await.expect("preview plays");
    let size = preview.ready(5_000).await.expect("a frame arrives");
    assert_eq!(size, (labels.video.width, labels.video.height));

    let mut reader = CanvasFrameReader::new().expect("canvas");
    for _ in 0..4 {
        let frame = reader.read(preview.element()).expect("frame read");
        let index = common::decode_stamp(&frame, &labels.layout);
        assert!(index < labels.video.frames, "stamp {index} is not a frame of the recording");
        let label = &labels.frames[index as usize];
        assert_eq!(label.frame, index);

        let measured = common::calibration_means(&frame, &labels.layout);
        for (got, want) in measured.iter().zip(&labels.layout.calibration_levels) {
            let want = f64::from(*want);
            assert!((got - want).abs() <= LUMA_TOLERANCE, "calibration patch {want}: measured {got:.1}");
        }
        for (name, [x, y, w, h]) in &labels.regions {
            let got = region_luma_mean(&frame, Rect::new(*x, *y, *w, *h)).expect("region");
            let want = label.regions[name];
            assert!(
                (got - want).abs() <= LUMA_TOLERANCE,
                "frame {index} ({}) region {name}: measured {got:.1}, recording {want:.1}",
                label.segment
            );
        }
        sleep(150).await;
    }
}

#[wasm_bindgen_test]
async fn the_video_is_live_and_advances() {
    let labels = common::labels();
    let camera = CameraStream::open(&vga()).await.expect("camera opens");
    let preview = VideoPreview::attach(camera.media_stream(), None).await.expect("preview plays");
    preview.ready(5_000).await.expect("a frame arrives");
    let mut reader = CanvasFrameReader::new().expect("canvas");
    let first = common::decode_stamp(&reader.read(preview.element()).expect("frame"), &labels.layout);
    sleep(500).await;
    let later = common::decode_stamp(&reader.read(preview.element()).expect("frame"), &labels.layout);
    // 500 ms at 30 fps is ~15 frames; the recording loops, so compare modulo its length.
    let advanced = (later + labels.video.frames - first) % labels.video.frames;
    assert!((5..=40).contains(&advanced), "stamp went from {first} to {later}");
}

#[wasm_bindgen_test]
async fn dropping_the_stream_stops_every_track() {
    let options = CameraOptions { audio: true, ..vga() };
    let camera = CameraStream::open(&options).await.expect("camera and microphone open");
    let tracks: Vec<MediaStreamTrack> = camera.tracks();
    let kinds: Vec<String> = tracks.iter().map(|t| t.kind()).collect();
    assert!(kinds.contains(&"video".to_owned()) && kinds.contains(&"audio".to_owned()), "{kinds:?}");
    assert!(camera.is_live());
    assert!(tracks.iter().all(|t| t.ready_state() == MediaStreamTrackState::Live));

    drop(camera);
    for track in &tracks {
        assert_eq!(track.ready_state(), MediaStreamTrackState::Ended, "{} track still live", track.kind());
    }
}

#[wasm_bindgen_test]
async fn dropping_the_preview_detaches_it() {
    let camera = CameraStream::open(&vga()).await.expect("camera opens");
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let body = document.body().expect("body");
    let preview = VideoPreview::attach(camera.media_stream(), Some(&body)).await.expect("preview");
    let element = preview.element().clone();
    assert!(element.is_connected());
    drop(preview);
    assert!(!element.is_connected());
    assert!(element.src_object().is_none());
}
