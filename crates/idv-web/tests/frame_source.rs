//! The frame source in headless Chromium with the fake camera fed by the generated recording:
//! the recording's exact pixels arrive through every path (VideoFrame Y plane, VideoFrame RGBA,
//! canvas), frames are paced by the video, a busy consumer drops (and counts) frames instead of
//! queueing them, and `stop` ends a waiting read.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

#[allow(dead_code, unreachable_pub, clippy::expect_used)]
mod common;
mod media_support;

use idv_core::frame::{LumaRange, Rect, RgbaFrame, region_luma_mean};
use idv_web::frame_source::{
    FramePath, FrameSource, FrameSourceError, FrameSourceOptions, Pacing, PathChoice, PixelFormat,
    Pixels, SourceFrame,
};
use idv_web::{CameraOptions, CameraStream, VideoPreview};
use media_support::{calibration_y, decode_stamp_y, expanded_region_mean, limited, sleep};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Luma after RGB -> limited-range I420 (file) -> RGB (Chromium) -> BT.601, region mean.
const RGBA_TOLERANCE: f64 = 4.0;
/// Expanded limited-range Y against the labels' BT.601 luma of the source RGB, region mean.
const Y_REGION_TOLERANCE: f64 = 1.5;

struct Rig {
    _camera: CameraStream,
    preview: VideoPreview,
}

async fn rig() -> Rig {
    let options = CameraOptions {
        width: Some(640),
        height: Some(480),
        ..CameraOptions::default()
    };
    let camera = CameraStream::open(&options).await.expect("camera opens");
    let preview = VideoPreview::attach(camera.media_stream(), None)
        .await
        .expect("preview plays");
    preview.ready(5_000).await.expect("a frame arrives");
    Rig {
        _camera: camera,
        preview,
    }
}

fn source(rig: &Rig, path: PathChoice, pixels: PixelFormat) -> FrameSource {
    FrameSource::new(
        rig.preview.element(),
        FrameSourceOptions {
            path,
            pixels,
            pacing: Pacing::Auto,
        },
    )
    .expect("source")
}

/// Checks one frame against the labels; returns its stamp.
fn check_frame(frame: &SourceFrame<'_>) -> u32 {
    let labels = common::labels();
    assert_eq!(
        (frame.info.width, frame.info.height),
        (labels.video.width, labels.video.height)
    );
    match frame.pixels {
        Pixels::Luma { plane, range } => {
            assert_eq!(range, LumaRange::Limited);
            let index = decode_stamp_y(&plane, frame.raw, &labels.layout);
            assert!(index < labels.video.frames, "stamp {index}");
            for (got, level) in calibration_y(&plane, frame.raw, &labels.layout)
                .iter()
                .zip(&labels.layout.calibration_levels)
            {
                let want = limited(*level);
                assert!(
                    (got - want).abs() <= 1.0,
                    "calibration {level}: raw Y {got:.2}, file {want}"
                );
            }
            let label = &labels.frames[index as usize];
            for (name, [x, y, w, h]) in &labels.regions {
                let got = expanded_region_mean(&plane, range, *x, *y, *w, *h);
                let want = label.regions[name];
                assert!(
                    (got - want).abs() <= Y_REGION_TOLERANCE,
                    "frame {index} {name}: {got:.2} vs {want:.2}"
                );
            }
            index
        }
        Pixels::Rgba(rgba) => check_rgba(&rgba),
    }
}

fn check_rgba(frame: &RgbaFrame<'_>) -> u32 {
    let labels = common::labels();
    let index = common::decode_stamp(frame, &labels.layout);
    assert!(index < labels.video.frames, "stamp {index}");
    for (got, want) in common::calibration_means(frame, &labels.layout)
        .iter()
        .zip(&labels.layout.calibration_levels)
    {
        assert!(
            (got - f64::from(*want)).abs() <= RGBA_TOLERANCE,
            "calibration {want}: {got:.1}"
        );
    }
    let label = &labels.frames[index as usize];
    for (name, [x, y, w, h]) in &labels.regions {
        let got = region_luma_mean(frame, Rect::new(*x, *y, *w, *h)).expect("region");
        assert!(
            (got - label.regions[name]).abs() <= RGBA_TOLERANCE,
            "frame {index} {name}: {got:.1}"
        );
    }
    index
}

async fn read_checked(source: &mut FrameSource, path: FramePath, luma: bool) -> Vec<u32> {
    let mut stamps = Vec::new();
    let mut last_ts = f64::NEG_INFINITY;
    for n in 1..=6u64 {
        let frame = source.next().await.expect("frame");
        assert_eq!(frame.info.seq, n);
        assert_eq!(frame.info.path, path);
        assert_eq!(matches!(frame.pixels, Pixels::Luma { .. }), luma);
        assert!(frame.info.timestamp_us > last_ts, "timestamps increase");
        last_ts = frame.info.timestamp_us;
        stamps.push(check_frame(&frame));
    }
    stamps
}

fn assert_advancing(stamps: &[u32]) {
    let frames = common::labels().video.frames;
    for w in stamps.windows(2) {
        let step = (w[1] + frames - w[0]) % frames;
        assert!((1..=4).contains(&step), "stamps {stamps:?}");
    }
}

#[wasm_bindgen_test]
async fn the_y_plane_from_video_frame_is_the_recording() {
    let rig = rig().await;
    let mut source = source(&rig, PathChoice::VideoFrame, PixelFormat::Luma);
    assert_eq!(source.path(), FramePath::VideoFrame);
    assert_eq!(source.pacing(), Pacing::VideoFrameCallback);
    let stamps = read_checked(&mut source, FramePath::VideoFrame, true).await;
    assert_advancing(&stamps);
}

#[wasm_bindgen_test]
async fn rgba_from_video_frame_is_the_recording() {
    let rig = rig().await;
    let mut source = source(&rig, PathChoice::VideoFrame, PixelFormat::Rgba);
    let stamps = read_checked(&mut source, FramePath::VideoFrame, false).await;
    assert_advancing(&stamps);
}

#[wasm_bindgen_test]
async fn rgba_from_the_canvas_is_the_recording() {
    let rig = rig().await;
    let mut source = source(&rig, PathChoice::Canvas, PixelFormat::Luma);
    assert_eq!(source.path(), FramePath::Canvas);
    let stamps = read_checked(&mut source, FramePath::Canvas, false).await;
    assert_advancing(&stamps);
}

#[wasm_bindgen_test]
async fn auto_prefers_video_frame_and_grab_reads_the_current_frame() {
    let rig = rig().await;
    let mut source = source(&rig, PathChoice::Auto, PixelFormat::Luma);
    assert_eq!(source.path(), FramePath::VideoFrame);
    let frame = source.grab().await.expect("grab");
    check_frame(&frame);
    assert_eq!(frame.info.seq, 1);
}

#[wasm_bindgen_test]
async fn a_busy_consumer_drops_frames_and_gets_the_newest_one() {
    let rig = rig().await;
    let frames = common::labels().video.frames;
    let mut source = source(&rig, PathChoice::Auto, PixelFormat::Luma);
    let stamp = |f: &SourceFrame<'_>| check_frame(f);
    let a = stamp(&source.next().await.expect("frame"));
    let b = stamp(&source.next().await.expect("frame"));
    assert!((1..=2).contains(&((b + frames - a) % frames)), "{a} -> {b}");
    let dropped_before = source.stats().dropped;
    assert!(
        dropped_before <= 1,
        "a quick consumer drops nothing: {:?}",
        source.stats()
    );

    sleep(400).await; // busy: ~12 frames go by
    let c = stamp(&source.next().await.expect("frame"));
    let advanced = (c + frames - b) % frames;
    assert!(
        advanced >= 9,
        "the frame after a pause is a fresh one, not a queued old one: {b} -> {c}"
    );
    let dropped = source.stats().dropped - dropped_before;
    assert!(
        dropped + 3 >= u64::from(advanced) && dropped < u64::from(advanced) + 2,
        "{dropped} counted drops for {advanced} frames skipped"
    );
    assert_eq!(source.stats().delivered, 3);
}

#[wasm_bindgen_test]
async fn animation_frame_pacing_never_delivers_the_same_frame_twice() {
    let rig = rig().await;
    let options = FrameSourceOptions {
        path: PathChoice::VideoFrame,
        pixels: PixelFormat::Luma,
        pacing: Pacing::AnimationFrame,
    };
    let mut source = FrameSource::new(rig.preview.element(), options).expect("source");
    assert_eq!(source.pacing(), Pacing::AnimationFrame);
    let mut stamps = Vec::new();
    for _ in 0..8 {
        stamps.push(check_frame(&source.next().await.expect("frame")));
    }
    assert_advancing(&stamps);
}

#[wasm_bindgen_test]
async fn stop_ends_a_waiting_read() {
    let rig = rig().await;
    let mut source = source(&rig, PathChoice::Auto, PixelFormat::Luma);
    source.next().await.expect("frame");
    let stopper = source.stopper();
    let later = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(
        &wasm_bindgen::JsValue::NULL,
    ));
    later.await.expect("tick");
    stopper.stop();
    assert_eq!(
        source.next().await.expect_err("stopped"),
        FrameSourceError::Stopped
    );
}

#[wasm_bindgen_test]
async fn a_hundred_frames_in_a_row_keep_coming() {
    // Unclosed VideoFrames stall a camera after a handful of frames: a long run proves they
    // are closed.
    let rig = rig().await;
    let mut source = source(&rig, PathChoice::VideoFrame, PixelFormat::Luma);
    let start = media_support::now_ms();
    for _ in 0..100 {
        let frame = source.next().await.expect("frame");
        assert!(matches!(frame.pixels, Pixels::Luma { .. }));
    }
    let seconds = (media_support::now_ms() - start) / 1000.0;
    assert!(seconds < 6.0, "100 frames at 30 fps took {seconds:.1} s");
    assert_eq!(source.stats().delivered, 100);
}
