//! Media preflight: camera delivers moving frames at the asked size and rate, microphone has
//! signal, permissions, secure context.
//!
//! Our own take on the network-and-media test vendors run before a session (LiveID+'s
//! `WEBRTCTEST`): every check is a `diagnostic` event (`check`, `passed`, `detail`, `hint`) and
//! a line of the returned [`PreflightReport`].

use idv_core::events::{Diagnostic, EventBody, EventKind, Severity};
use idv_core::frame::LumaPlane;
use serde::Serialize;

use crate::camera::{CameraOptions, CameraStream, FacingMode};
use crate::frame_source::{FrameSource, FrameSourceOptions, Pixels};
use crate::microphone::{MicrophoneMeter, MicrophoneOptions, now_ms};
use crate::{EventStream, VideoPreview, dom, time};

/// The Permissions API answer, as the capability probe reports it.
pub use idv_core::capability::PermissionState;

/// What to test and the bar to pass.
#[derive(Debug, Clone, PartialEq)]
pub struct PreflightOptions {
    pub camera: bool,
    pub microphone: bool,
    /// Asked camera size (as `ideal`). Default 640×480.
    pub width: u32,
    pub height: u32,
    pub facing: Option<FacingMode>,
    /// Lowest acceptable frame rate. Default 15.
    pub min_fps: f64,
    /// How long the camera is measured. Default 1000 ms.
    pub camera_ms: u32,
    /// The microphone's peak must rise above this at least once. Default -60 dBFS (a working
    /// microphone's noise floor is above it; a dead or muted one gives digital silence).
    pub min_signal_dbfs: f64,
    /// How long the microphone is measured. Default 1000 ms.
    pub microphone_ms: u32,
}

impl Default for PreflightOptions {
    fn default() -> Self {
        Self {
            camera: true,
            microphone: true,
            width: 640,
            height: 480,
            facing: Some(FacingMode::User),
            min_fps: 15.0,
            camera_ms: 1000,
            min_signal_dbfs: -60.0,
            microphone_ms: 1000,
        }
    }
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreflightCheck {
    pub check: String,
    pub passed: bool,
    pub severity: Severity,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// What the camera measurement saw.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CameraMeasurement {
    pub width: u32,
    pub height: u32,
    /// Frames per second over the measurement (delivered and skipped frames).
    pub fps: f64,
    /// Frames read.
    pub frames: u64,
    /// Frames that differed from the one before.
    pub changed_frames: u64,
}

/// What the microphone measurement saw.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MicrophoneMeasurement {
    /// Loudest peak over the measurement, dBFS (`null` in JSON for digital silence).
    pub peak_dbfs: f64,
    /// Loudest window RMS, dBFS.
    pub rms_dbfs: f64,
    pub samples: u32,
}

/// The preflight's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreflightReport {
    /// No check of severity `error` failed.
    pub passed: bool,
    pub secure_context: bool,
    pub camera_permission: PermissionState,
    pub microphone_permission: PermissionState,
    pub camera: Option<CameraMeasurement>,
    pub microphone: Option<MicrophoneMeasurement>,
    pub checks: Vec<PreflightCheck>,
}

struct Recorder<'a> {
    events: Option<&'a EventStream>,
    checks: Vec<PreflightCheck>,
}

impl Recorder<'_> {
    fn record(
        &mut self,
        check: &str,
        passed: bool,
        severity: Severity,
        detail: String,
        hint: Option<&str>,
    ) {
        let hint = if passed {
            None
        } else {
            hint.map(str::to_owned)
        };
        if let Some(events) = self.events {
            events.push(EventBody::capture(EventKind::Diagnostic(Diagnostic {
                check: check.to_owned(),
                severity: if passed { Severity::Info } else { severity },
                passed,
                detail: Some(detail.clone()),
                hint: hint.clone(),
            })));
        }
        self.checks.push(PreflightCheck {
            check: check.to_owned(),
            passed,
            severity,
            detail,
            hint,
        });
    }
}

fn permission_check(rec: &mut Recorder<'_>, check: &str, what: &str, state: PermissionState) {
    let detail = format!(
        "{what} permission: {}",
        match state {
            PermissionState::Granted => "granted",
            PermissionState::Denied => "denied",
            PermissionState::Prompt => "not decided yet (the browser will ask)",
            PermissionState::Unknown => "unknown (no Permissions API for it)",
        }
    );
    rec.record(
        check,
        state != PermissionState::Denied,
        Severity::Error,
        detail,
        Some("The user refused it earlier: it must be allowed again in the browser's site settings (the icon left of the address), then the page reloaded."),
    );
}

/// Runs the preflight. Each check is reported into `events` as it completes.
pub async fn run(options: &PreflightOptions, events: Option<&EventStream>) -> PreflightReport {
    let mut rec = Recorder {
        events,
        checks: Vec::new(),
    };
    let secure = dom::window().is_ok_and(|w| w.is_secure_context());
    rec.record(
        "secureContext",
        secure,
        Severity::Error,
        format!(
            "the page is {}a secure context",
            if secure { "" } else { "not " }
        ),
        Some("Browsers only give the camera and microphone to https pages (and http://localhost)."),
    );
    let camera_permission = crate::embed::permission_state("camera").await;
    let microphone_permission = crate::embed::permission_state("microphone").await;
    if options.camera {
        permission_check(&mut rec, "permissionCamera", "camera", camera_permission);
    }
    if options.microphone {
        permission_check(
            &mut rec,
            "permissionMicrophone",
            "microphone",
            microphone_permission,
        );
    }
    let camera = if options.camera {
        measure_camera(options, &mut rec).await
    } else {
        None
    };
    let microphone = if options.microphone {
        measure_microphone(options, &mut rec).await
    } else {
        None
    };
    let passed = rec
        .checks
        .iter()
        .all(|c| c.passed || c.severity != Severity::Error);
    PreflightReport {
        passed,
        secure_context: secure,
        camera_permission,
        microphone_permission,
        camera,
        microphone,
        checks: rec.checks,
    }
}

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

async fn measure_camera(
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

async fn measure_microphone(
    options: &PreflightOptions,
    rec: &mut Recorder<'_>,
) -> Option<MicrophoneMeasurement> {
    let mut meter = match MicrophoneMeter::open(&MicrophoneOptions::default(), None).await {
        Ok(m) => m,
        Err(e) => {
            let detail = e.explanation(idv_core::events::MediaDevice::Microphone);
            rec.record(
                "preflightMicrophoneOpen",
                false,
                Severity::Error,
                detail,
                Some("See the deviceError code: permission or device."),
            );
            return None;
        }
    };
    rec.record(
        "preflightMicrophoneOpen",
        true,
        Severity::Error,
        "the microphone opened".into(),
        None,
    );
    let start = now_ms();
    let (mut peak, mut rms, mut samples) = (f64::NEG_INFINITY, f64::NEG_INFINITY, 0u32);
    while now_ms() - start < f64::from(options.microphone_ms) {
        time::sleep_ms(40).await;
        let level = meter.sample();
        peak = peak.max(level.peak_dbfs);
        rms = rms.max(level.rms_dbfs);
        samples += 1;
    }
    let running = meter.is_running();
    drop(meter);
    let passed = peak > options.min_signal_dbfs;
    let detail = format!(
        "loudest peak {peak:.1} dBFS, loudest RMS {rms:.1} dBFS over {} ms (above {} dBFS wanted){}",
        options.microphone_ms,
        options.min_signal_dbfs,
        if running {
            ""
        } else {
            "; the audio graph stayed suspended (no user gesture yet)"
        }
    );
    rec.record(
        "preflightMicrophoneSignal",
        passed,
        Severity::Error,
        detail,
        Some("The microphone delivers silence: it may be muted in the system or by a hardware switch, or another device is selected."),
    );
    Some(MicrophoneMeasurement {
        peak_dbfs: peak,
        rms_dbfs: rms,
        samples,
    })
}
