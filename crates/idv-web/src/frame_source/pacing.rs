//! Pacing by the video: a callback per presented frame (`requestVideoFrameCallback`), or per
//! display refresh (`requestAnimationFrame`) where the former is missing. One closure, created
//! once and re-registered from inside itself: nothing is allocated per frame.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

use gloo_events::EventListener;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::HtmlVideoElement;

#[wasm_bindgen]
extern "C" {
    /// An `HTMLVideoElement` with `requestVideoFrameCallback` (not in web-sys).
    #[wasm_bindgen(extends = HtmlVideoElement)]
    type VideoCallbacks;

    #[wasm_bindgen(method, catch, js_name = requestVideoFrameCallback)]
    fn request_video_frame_callback(
        this: &VideoCallbacks,
        callback: &js_sys::Function,
    ) -> Result<u32, JsValue>;

    #[wasm_bindgen(method, catch, js_name = cancelVideoFrameCallback)]
    fn cancel_video_frame_callback(this: &VideoCallbacks, handle: u32) -> Result<(), JsValue>;

    /// `VideoFrameCallbackMetadata`.
    type FrameMetadata;

    #[wasm_bindgen(method, getter, js_name = presentedFrames)]
    fn presented_frames(this: &FrameMetadata) -> f64;

    #[wasm_bindgen(method, getter, js_name = mediaTime)]
    fn media_time(this: &FrameMetadata) -> f64;
}

/// How frames are paced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Pacing {
    /// `requestVideoFrameCallback` where the browser has it, else `requestAnimationFrame`.
    #[default]
    Auto,
    /// One callback per frame the video presents; exact drop counts.
    VideoFrameCallback,
    /// One callback per display refresh; new frames are told apart by their timestamp (on the
    /// `VideoFrame` path) and drops are not counted.
    AnimationFrame,
}

/// A waker slot that clones the waker only when it changed.
#[derive(Default)]
pub(crate) struct Signal {
    waker: RefCell<Option<Waker>>,
}

impl Signal {
    pub(crate) fn register(&self, cx: &Context<'_>) {
        let mut slot = self.waker.borrow_mut();
        if !slot.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            *slot = Some(cx.waker().clone());
        }
    }

    pub(crate) fn wake(&self) {
        let waker = self.waker.borrow_mut().take();
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// What the callbacks tell the waiting reader.
#[derive(Default)]
pub(crate) struct Ticks {
    /// Frames presented so far (`presentedFrames`), or callbacks so far with animation frames.
    pub(crate) presented: Cell<u64>,
    /// `mediaTime` of the last presented frame, in seconds (video frame callbacks only).
    pub(crate) media_time: Cell<Option<f64>>,
    pub(crate) stopped: Cell<bool>,
    pub(crate) signal: Signal,
    handle: Cell<Option<u32>>,
}

impl Ticks {
    /// Ends the loop and wakes a waiting reader (which then sees `None`).
    pub(crate) fn stop(&self) {
        self.stopped.set(true);
        self.signal.wake();
    }
}

type TickClosure = Closure<dyn FnMut(f64, JsValue)>;

/// The running callback loop; cancelled on drop.
pub(crate) struct Pacer {
    kind: Pacing,
    video: HtmlVideoElement,
    pub(crate) ticks: Rc<Ticks>,
    closure: Rc<RefCell<Option<TickClosure>>>,
    _ended: EventListener,
}

impl std::fmt::Debug for Pacer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pacer")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

pub(crate) fn has_video_frame_callback(video: &HtmlVideoElement) -> bool {
    js_sys::Reflect::has(video, &"requestVideoFrameCallback".into()).unwrap_or(false)
}

fn request(kind: Pacing, video: &HtmlVideoElement, f: &js_sys::Function) -> Option<u32> {
    match kind {
        Pacing::AnimationFrame => web_sys::window()?
            .request_animation_frame(f)
            .ok()
            .map(|h| h as u32),
        _ => video
            .unchecked_ref::<VideoCallbacks>()
            .request_video_frame_callback(f)
            .ok(),
    }
}

impl Pacer {
    /// Starts the loop on `video`. `Auto` resolves to the best the browser has.
    pub(crate) fn start(video: &HtmlVideoElement, pacing: Pacing) -> Self {
        let kind = match pacing {
            Pacing::Auto | Pacing::VideoFrameCallback if has_video_frame_callback(video) => {
                Pacing::VideoFrameCallback
            }
            _ => Pacing::AnimationFrame,
        };
        let ticks = Rc::new(Ticks::default());
        let closure: Rc<RefCell<Option<TickClosure>>> = Rc::new(RefCell::new(None));
        let weak_ticks: Weak<Ticks> = Rc::downgrade(&ticks);
        let weak_closure = Rc::downgrade(&closure);
        let target = video.clone();
        let tick = Closure::new(move |_now: f64, metadata: JsValue| {
            let Some(ticks) = weak_ticks.upgrade() else {
                return;
            };
            if metadata.is_object() {
                let m: &FrameMetadata = metadata.unchecked_ref();
                // Monotonic even when the element restarts counting (a new `srcObject`).
                let (now, before) = (m.presented_frames().max(0.0) as u64, ticks.presented.get());
                ticks
                    .presented
                    .set(if now > before { now } else { before + 1 });
                ticks.media_time.set(Some(m.media_time()));
            } else {
                ticks.presented.set(ticks.presented.get() + 1);
            }
            if !ticks.stopped.get()
                && let Some(cell) = weak_closure.upgrade()
                && let Some(f) = cell.borrow().as_ref()
            {
                ticks
                    .handle
                    .set(request(kind, &target, f.as_ref().unchecked_ref()));
            }
            ticks.signal.wake();
        });
        ticks
            .handle
            .set(request(kind, video, tick.as_ref().unchecked_ref()));
        *closure.borrow_mut() = Some(tick);
        // The stream ended: wake a waiting reader with `stopped`.
        let weak = Rc::downgrade(&ticks);
        let ended = EventListener::new(video, "ended", move |_| {
            if let Some(ticks) = weak.upgrade() {
                ticks.stop();
            }
        });
        Self {
            kind,
            video: video.clone(),
            ticks,
            closure,
            _ended: ended,
        }
    }

    pub(crate) fn kind(&self) -> Pacing {
        self.kind
    }

    /// Resolves when more than `after` frames have been presented, with the new count.
    pub(crate) fn after(&self, after: u64) -> NextTick<'_> {
        NextTick {
            ticks: &self.ticks,
            after,
        }
    }
}

impl Drop for Pacer {
    fn drop(&mut self) {
        self.ticks.stopped.set(true);
        if let Some(handle) = self.ticks.handle.take() {
            match self.kind {
                Pacing::AnimationFrame => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.cancel_animation_frame(handle as i32);
                    }
                }
                _ => {
                    let _ = self
                        .video
                        .unchecked_ref::<VideoCallbacks>()
                        .cancel_video_frame_callback(handle);
                }
            }
        }
        self.closure.borrow_mut().take();
        self.ticks.signal.wake();
    }
}

/// The future of [`Pacer::after`]: `None` once the pacer stopped.
#[derive(Debug)]
pub(crate) struct NextTick<'a> {
    ticks: &'a Ticks,
    after: u64,
}

impl std::fmt::Debug for Ticks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ticks")
            .field("presented", &self.presented.get())
            .finish_non_exhaustive()
    }
}

impl Future for NextTick<'_> {
    type Output = Option<u64>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.ticks.stopped.get() {
            return Poll::Ready(None);
        }
        let presented = self.ticks.presented.get();
        if presented > self.after {
            return Poll::Ready(Some(presented));
        }
        self.ticks.signal.register(cx);
        Poll::Pending
    }
}
