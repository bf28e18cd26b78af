//! The camera's events: `cameraStarted`/`cameraStopped` payloads, its diagnostics, and the
//! `ended`/`mute`/`unmute` handlers of the open video track.

use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use idv_core::events::{
    CameraStarted, CameraStopped, Diagnostic, EventBody, EventKind, FacingMode as EventFacing,
    Severity, StopReason,
};
use wasm_bindgen::JsCast;
use web_sys::MediaStreamTrack;

use super::controller::{CameraInfo, Inner, emit};
use super::track::TrackSettings;

pub(super) fn stopped(reason: StopReason) -> EventBody {
    EventBody::capture(EventKind::CameraStopped(CameraStopped { reason }))
}

pub(super) fn started(settings: &TrackSettings) -> EventBody {
    let facing_mode = match settings.facing_mode.as_deref() {
        Some("user") => Some(EventFacing::User),
        Some("environment") => Some(EventFacing::Environment),
        Some("left") => Some(EventFacing::Left),
        Some("right") => Some(EventFacing::Right),
        _ => None,
    };
    EventBody::capture(EventKind::CameraStarted(CameraStarted {
        width: settings.width.unwrap_or(0),
        height: settings.height.unwrap_or(0),
        facing_mode,
        frame_rate: settings.frame_rate,
        label: Some(settings.label.clone()).filter(|l| !l.is_empty()),
    }))
}

pub(super) fn diagnostic(
    check: &str,
    severity: Severity,
    passed: bool,
    detail: String,
    hint: Option<&str>,
) -> EventBody {
    EventBody::capture(EventKind::Diagnostic(Diagnostic {
        check: check.to_owned(),
        severity,
        passed,
        detail: Some(detail),
        hint: hint.map(str::to_owned),
    }))
}

pub(super) fn fallback_diagnostic(info: &CameraInfo) -> EventBody {
    let tried: Vec<String> = info
        .attempts
        .iter()
        .map(|a| {
            let size = a.size.map_or_else(
                || "browser default".to_owned(),
                |s| format!("{}x{}", s.width, s.height),
            );
            format!(
                "{size}: {}",
                if a.ok {
                    "ok"
                } else {
                    a.error.unwrap_or("refused")
                }
            )
        })
        .collect();
    diagnostic(
        "cameraResolutionFallback",
        Severity::Info,
        true,
        format!(
            "the camera refused the asked size; tried {}",
            tried.join(", ")
        ),
        None,
    )
}

/// Listens to the video track's `ended`, `mute` and `unmute`. The handlers hold the camera
/// weakly and act only while `generation` is still the open one.
pub(super) fn watch(
    inner: &Rc<Inner>,
    track: &MediaStreamTrack,
    generation: u64,
) -> Vec<EventListener> {
    let on = |name: &'static str, handler: fn(&Rc<Inner>, u64)| {
        let weak: Weak<Inner> = Rc::downgrade(inner);
        EventListener::new(
            track.unchecked_ref::<web_sys::EventTarget>(),
            name,
            move |_| {
                if let Some(inner) = weak.upgrade()
                    && inner.state.borrow().generation == generation
                {
                    handler(&inner, generation);
                }
            },
        )
    };
    vec![
        on("ended", on_ended),
        on("mute", on_mute),
        on("unmute", on_unmute),
    ]
}

/// The device went away (unplugged, permission revoked, the OS took it): release the rest of
/// the stream and report `cameraStopped { reason: trackEnded }`.
pub(super) fn on_ended(inner: &Rc<Inner>, _generation: u64) {
    let active = {
        let mut state = inner.state.borrow_mut();
        state.generation += 1;
        state.active.take()
    };
    let Some(active) = active else { return };
    for track in active.stream.tracks() {
        track.stop();
    }
    // This handler is one of `active`'s listeners: release them after it returns.
    wasm_bindgen_futures::spawn_local(async move { drop(active) });
    emit(inner, stopped(StopReason::TrackEnded));
}

pub(super) fn on_mute(inner: &Rc<Inner>, _generation: u64) {
    emit(
        inner,
        diagnostic(
            "cameraMuted",
            Severity::Warning,
            false,
            "the camera track is muted: no frames arrive (the system paused the camera or another \
             application took it)"
                .to_owned(),
            Some(
                "Frames resume by themselves when the system unmutes the track; if not, stop and reopen the camera.",
            ),
        ),
    );
}

pub(super) fn on_unmute(inner: &Rc<Inner>, _generation: u64) {
    emit(
        inner,
        diagnostic(
            "cameraMuted",
            Severity::Info,
            true,
            "the camera track delivers frames again".to_owned(),
            None,
        ),
    );
}
