//! [`Camera`]: the controller that owns the open camera and reports its lifecycle as events.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use idv_core::events::{EventBody, MediaDevice, StopReason};
use serde::Serialize;
use web_sys::{HtmlElement, MediaStream, MediaStreamTrack};

use super::events::{fallback_diagnostic, started, stopped, watch};
use super::resolution::{self, SizeAttempt};
use super::track::{self, TrackSettings};
use super::{CameraError, CameraOptions, CameraStream, FacingMode, list_cameras};
use crate::EventStream;

/// Which camera [`Camera::switch_to`] opens next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SwitchTarget {
    /// This device (`deviceId` from [`list_cameras`]).
    Device(String),
    /// The camera facing this way (a preference: a device with one camera gives that one).
    Facing(FacingMode),
    /// The next camera in `enumerateDevices()` order after the current one, wrapping around.
    Next,
}

/// What the open camera delivers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CameraInfo {
    /// The track's real settings (size, rate, facing, device).
    pub settings: TrackSettings,
    /// Show the preview mirrored (a front camera); the analysed pixels are never mirrored.
    pub mirrored: bool,
    /// The camera has a torch [`Camera::set_torch`] can switch.
    pub torch: bool,
    /// The resolution fallback's attempts, in order (one when the first size was accepted).
    pub attempts: Vec<SizeAttempt>,
}

/// The open camera and what must go away with it.
pub(super) struct Active {
    pub(super) stream: CameraStream,
    info: CameraInfo,
    /// `ended` / `mute` / `unmute` on the video track; removed on drop.
    _listeners: Vec<EventListener>,
}

pub(super) struct State {
    pub(super) active: Option<Active>,
    /// Bumped by every `open`/`stop`: an `open` whose generation is no longer current when the
    /// browser answers was superseded, and stops what it got.
    pub(super) generation: u64,
    /// The options of the last `open`, the base of `switch_to`.
    options: CameraOptions,
    events: Option<EventStream>,
}

pub(super) struct Inner {
    pub(super) state: RefCell<State>,
}

/// The camera controller: owns the current [`CameraStream`] and, optionally, an
/// [`EventStream`] that receives `cameraStarted`, `cameraStopped`, `deviceError` and
/// `diagnostic` events.
///
/// Guarantees: at most one stream is open; the old tracks are stopped *before* a switch asks for
/// the new camera (a second `getUserMedia` with the first still open fails on many phones); a
/// request superseded by `stop()` or a newer `open()` stops what it got; when the last clone is
/// dropped, the tracks stop and `cameraStopped { reason: requested }` is reported.
#[derive(Clone)]
pub struct Camera {
    inner: Rc<Inner>,
}

impl std::fmt::Debug for Camera {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Camera")
            .field("live", &self.is_live())
            .finish_non_exhaustive()
    }
}

impl Default for Camera {
    fn default() -> Self {
        Self::new()
    }
}

impl Camera {
    /// A closed camera; nothing is asked of the browser until [`open`](Self::open).
    pub fn new() -> Self {
        let state = State {
            active: None,
            generation: 0,
            options: CameraOptions::default(),
            events: None,
        };
        Self {
            inner: Rc::new(Inner {
                state: RefCell::new(state),
            }),
        }
    }

    /// Reports events into `events` from now on (`None`: stop reporting).
    pub fn set_events(&self, events: Option<EventStream>) {
        self.inner.state.borrow_mut().events = events;
    }

    /// The stream events go to, if any.
    pub fn events(&self) -> Option<EventStream> {
        self.inner.state.borrow().events.clone()
    }

    fn emit(&self, body: EventBody) {
        emit(&self.inner, body);
    }

    /// Opens the camera with `options`, first stopping the one that is open. Size fallback as
    /// [`CameraOptions::fallback`] says; failures are reported as `deviceError` and returned.
    pub async fn open(&self, options: CameraOptions) -> Result<CameraInfo, CameraError> {
        let (generation, old) = {
            let mut state = self.inner.state.borrow_mut();
            state.generation += 1;
            state.options = options.clone();
            (state.generation, state.active.take())
        };
        if let Some(old) = old {
            drop(old);
            self.emit(stopped(StopReason::Requested));
        }
        let result = resolution::open_with_fallback(&options).await;
        if self.inner.state.borrow().generation != generation {
            drop(result);
            return Err(CameraError::Cancelled);
        }
        let (stream, attempts) = match result {
            Ok(ok) => ok,
            Err(error) => {
                if let Some(event) = error.event(MediaDevice::Camera) {
                    self.emit(event);
                }
                return Err(error);
            }
        };
        let Some(video) = stream.video_track() else {
            return Err(CameraError::Other {
                name: "TypeError".into(),
                message: "the stream has no video track".into(),
            });
        };
        let settings = TrackSettings::of(&video);
        let mirrored = match settings.facing_mode.as_deref() {
            Some(facing) => facing == "user",
            None => options.facing != Some(FacingMode::Environment),
        };
        let info = CameraInfo {
            settings,
            mirrored,
            torch: track::torch_supported(&video),
            attempts,
        };
        let listeners = watch(&self.inner, &video, generation);
        self.inner.state.borrow_mut().active = Some(Active {
            stream,
            info: info.clone(),
            _listeners: listeners,
        });
        self.emit(started(&info.settings));
        if info.attempts.len() > 1 {
            self.emit(fallback_diagnostic(&info));
        }
        Ok(info)
    }

    /// Opens another camera with the last options: the current tracks are stopped first.
    pub async fn switch_to(&self, target: SwitchTarget) -> Result<CameraInfo, CameraError> {
        let mut options = self.inner.state.borrow().options.clone();
        match target {
            SwitchTarget::Device(id) => {
                options.device_id = Some(id);
                options.facing = None;
            }
            SwitchTarget::Facing(facing) => {
                options.device_id = None;
                options.facing = Some(facing);
            }
            SwitchTarget::Next => {
                let cameras = list_cameras().await?;
                let current = self.info().and_then(|i| i.settings.device_id);
                let at = current.and_then(|id| cameras.iter().position(|c| c.device_id == id));
                let next = match at {
                    Some(i) => cameras.get((i + 1) % cameras.len()),
                    None => cameras.first(),
                };
                let next = next
                    .filter(|c| !c.device_id.is_empty())
                    .ok_or(CameraError::NoDevice)?;
                options.device_id = Some(next.device_id.clone());
                options.facing = None;
            }
        }
        self.open(options).await
    }

    /// Stops the camera (and cancels an `open` in progress). Reports `cameraStopped` when one
    /// was open.
    pub fn stop(&self) {
        let old = {
            let mut state = self.inner.state.borrow_mut();
            state.generation += 1;
            state.active.take()
        };
        if let Some(old) = old {
            drop(old);
            self.emit(stopped(StopReason::Requested));
        }
    }

    /// True while a camera is open and its video track is live.
    pub fn is_live(&self) -> bool {
        self.inner
            .state
            .borrow()
            .active
            .as_ref()
            .is_some_and(|a| a.stream.is_live())
    }

    /// What the open camera delivers.
    pub fn info(&self) -> Option<CameraInfo> {
        self.inner
            .state
            .borrow()
            .active
            .as_ref()
            .map(|a| a.info.clone())
    }

    /// The open stream, to show in a `<video>` or hand to a [`crate::VideoPreview`].
    pub fn media_stream(&self) -> Option<MediaStream> {
        // `Clone::clone`, not `MediaStream.clone()`: that JS method makes a new stream with new
        // tracks, which nothing would ever stop.
        self.inner
            .state
            .borrow()
            .active
            .as_ref()
            .map(|a| Clone::clone(a.stream.media_stream()))
    }

    /// The open video track.
    pub fn video_track(&self) -> Option<MediaStreamTrack> {
        self.inner
            .state
            .borrow()
            .active
            .as_ref()
            .and_then(|a| a.stream.video_track())
    }

    /// Whether the preview should be mirrored (front camera).
    pub fn mirrored(&self) -> bool {
        self.inner
            .state
            .borrow()
            .active
            .as_ref()
            .is_some_and(|a| a.info.mirrored)
    }

    /// Mirrors `preview` (CSS `scaleX(-1)`) for a front camera, un-mirrors it otherwise. Only the
    /// picture shown to the user: frames read from the video are never mirrored.
    pub fn apply_mirror(&self, preview: &HtmlElement) {
        let transform = if self.mirrored() { "scaleX(-1)" } else { "" };
        let _ = preview.style().set_property("transform", transform);
    }

    /// Whether the open camera has a torch.
    pub fn torch_supported(&self) -> bool {
        self.inner
            .state
            .borrow()
            .active
            .as_ref()
            .is_some_and(|a| a.info.torch)
    }

    /// Switches the torch on or off (`TorchUnsupported` when there is none, `NotOpen` when no
    /// camera is open).
    pub async fn set_torch(&self, on: bool) -> Result<(), CameraError> {
        let track = self.video_track().ok_or(CameraError::NotOpen)?;
        track::set_torch(&track, on).await
    }
}

pub(super) fn emit(inner: &Inner, body: EventBody) {
    // Cloned out first: a subscriber may call back into the camera.
    let events = inner.state.borrow().events.clone();
    if let Some(events) = events {
        events.push(body);
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        let state = self.state.get_mut();
        if let Some(active) = state.active.take() {
            drop(active);
            if let Some(events) = &state.events {
                events.push(stopped(StopReason::Requested));
            }
        }
    }
}
