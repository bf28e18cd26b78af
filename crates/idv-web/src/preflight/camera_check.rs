//! The camera check: it opens, delivers frames at the asked size and rate, and the picture moves.

use idv_core::events::Severity;
use idv_core::frame::LumaPlane;

use super::options::PreflightOptions;
use super::recorder::Recorder;
use super::report::CameraMeasurement;
use crate::camera::{CameraOptions, CameraStream};
use crate::frame_source::{FrameSource, FrameSourceOptions, Pixels};
use crate::microphone::now_ms;
use crate::{VideoPreview, time};

/// Longest wait for one camera frame before the camera counts as stalled.
const FRAME_WAIT_MS: u32 = 1_000;

/// `future`'s output, or `None` when `ms` pass first.
async fn within<F: std::future::Future>(ms: u32, future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut timer = std::pin::pin!(time::sleep_ms(ms));
    std::future::poll_fn(|cx| {
        if let std::task::Poll::Ready(value) = future.as_mut().poll(cx) {
            return std::task::Poll::Ready(Some(value));
        }
        timer.as_mut().poll(cx).map(|()| None)
    })
    .await
}

/// Pixels differing by more than this many grey levels make a frame "changed".
const CHANGE_LEVEL: u8 = 8;

fn count_changed(a: &LumaPlane, b: &LumaPlane) -> u64 {
    if a.width() != b.width() || a.height() != b.height() {
        return u64::MAX;
    }
    a.data()
        .iter()
        .zip(b.data())
        .filter(|(x, y)| x.abs_diff(**y) > CHANGE_LEVEL)
        .count() as u64
}

pub(super) async fn measure_camera(
    options: &PreflightOptions,
    rec: &mut Recorder<'_>,
) -> Option<CameraMeasurement> {
    let camera_options = CameraOptions {
        facing: options.facing,
        width: Some(options.width),
        height: Some(options.height),
        ..CameraOptions::default()
    };
    let stream = match CameraStream::open(&camera_options).await {
        Ok(stream) => stream,
        Err(e) => {
            let detail = e.explanation(idv_core::events::MediaDevice::Camera);
            rec.record(
                "preflightCameraOpen",
                false,
                Severity::Error,
                detail,
                Some("See the deviceError code: permission, device or constraint."),
            );
            return None;
        }
    };
    rec.record(
        "preflightCameraOpen",
        true,
        Severity::Error,
        "the camera opened".into(),
        None,
    );
    let measured = sample_camera(&stream, options).await;
    drop(stream);
    let m = match measured {
        Ok(m) => m,
        Err(detail) => {
            rec.record("preflightCameraFrames", false, Severity::Error, detail, Some("The camera opened but delivers no picture: another application may hold it, or the device is faulty."));
            return None;
        }
    };
    let size_ok = (m.width, m.height) == (options.width, options.height)
        || (m.height, m.width) == (options.width, options.height);
    rec.record(
        "preflightCameraResolution",
        size_ok,
        Severity::Warning,
        format!(
            "asked {}x{}, the camera delivers {}x{}",
            options.width, options.height, m.width, m.height
        ),
        Some("The camera cannot deliver the asked size; captures will use the delivered one."),
    );
    rec.record(
        "preflightCameraFps",
        m.fps >= options.min_fps,
        Severity::Error,
        format!("{:.1} frames per second (at least {} wanted)", m.fps, options.min_fps),
        Some("Too few frames: close other applications using the camera, improve lighting (cameras slow down in the dark), or use another device."),
    );
    let moving = m.frames >= 2 && m.changed_frames * 2 >= m.frames - 1;
    rec.record(
        "preflightCameraMoving",
        moving,
        Severity::Error,
        format!("{} of {} frames differed from the one before", m.changed_frames, m.frames.saturating_sub(1)),
        Some("The picture is frozen: the camera is covered, blocked by the system, or stalled. Reopen it or use another camera."),
    );
    Some(m)
}

/// Reads frames for `camera_ms` and compares each with the one before (luma, ¼ size).
async fn sample_camera(
    stream: &CameraStream,
    options: &PreflightOptions,
) -> Result<CameraMeasurement, String> {
    let preview = VideoPreview::attach(stream.media_stream(), None)
        .await
        .map_err(|e| e.to_string())?;
    preview.ready(3_000).await.map_err(|e| e.to_string())?;
    let mut source = FrameSource::new(preview.element(), FrameSourceOptions::default())
        .map_err(|e| e.to_string())?;
    let (mut previous, mut current) = (LumaPlane::new(), LumaPlane::new());
    let (mut frames, mut changed, mut size) = (0u64, 0u64, (0, 0));
    let (mut first_at, mut last_at) = (None, 0.0);
    let start = now_ms();
    let mut dropped_at_first = 0;
    while now_ms() - start < f64::from(options.camera_ms) {
        // A stalled camera presents no frame at all: stop waiting after a second.
        let Some(frame) = within(FRAME_WAIT_MS, source.next()).await else {
            break;
        };
        let frame = frame.map_err(|e| e.to_string())?;
        let at = now_ms();
        size = (frame.info.width, frame.info.height);
        match frame.pixels {
            Pixels::Luma { plane, range } => current.fill_from_y(&plane, range, 4),
            Pixels::Rgba(rgba) => current.fill_from_rgba(&rgba, 4),
        }
        .map_err(|e| e.to_string())?;
        if frames > 0 && count_changed(&previous, &current) > 0 {
            changed += 1;
        }
        std::mem::swap(&mut previous, &mut current);
        frames += 1;
        if first_at.is_none() {
            first_at = Some(at);
            dropped_at_first = source.stats().dropped;
        }
        last_at = at;
    }
    let span = last_at - first_at.unwrap_or(last_at);
    let presented = (frames.saturating_sub(1) + source.stats().dropped - dropped_at_first) as f64;
    let fps = if span > 0.0 {
        presented * 1000.0 / span
    } else {
        0.0
    };
    Ok(CameraMeasurement {
        width: size.0,
        height: size.1,
        fps,
        frames,
        changed_frames: changed,
    })
}
