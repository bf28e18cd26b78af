//! Helpers of the camera, frame-source, microphone and preflight browser tests: timers, the
//! frame stamp read from a Y plane, region means, event capture, small JS hooks.
#![allow(dead_code, unreachable_pub, clippy::expect_used, clippy::unwrap_used)]

use std::cell::RefCell;
use std::rc::Rc;

use idv_core::events::{Event, EventKind};
use idv_core::frame::{LumaPlane, LumaRange, YPlane};
use idv_web::{EventStream, StreamOptions, Subscription};
use wasm_bindgen::JsCast;

use crate::common::Layout;

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timer");
}

pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .expect("performance")
}

/// A non-persistent stream and everything pushed into it.
pub struct Recorded {
    pub stream: EventStream,
    pub events: Rc<RefCell<Vec<Event>>>,
    _subscription: Subscription,
}

impl Recorded {
    pub fn new(name: &str) -> Self {
        let stream = EventStream::new(StreamOptions {
            name: name.into(),
            persist: false,
            ..StreamOptions::default()
        });
        let events = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&events);
        let subscription = stream.subscribe(move |e| sink.borrow_mut().push(e.clone()));
        Self {
            stream,
            events,
            _subscription: subscription,
        }
    }

    pub fn kinds(&self) -> Vec<EventKind> {
        self.events
            .borrow()
            .iter()
            .map(|e| e.body.kind.clone())
            .collect()
    }

    pub fn types(&self) -> Vec<&'static str> {
        self.events
            .borrow()
            .iter()
            .map(|e| e.body.kind.type_name())
            .collect()
    }
}

/// Mean of the `w`x`h` region at `x, y` of a Y plane, raw (no range expansion).
pub fn y_region_mean(plane: &YPlane<'_>, data: &[u8], x: u32, y: u32, w: u32, h: u32) -> f64 {
    let stride = plane.stride() as usize;
    let mut sum = 0u64;
    for row in y..y + h {
        let start = row as usize * stride + x as usize;
        sum += data[start..start + w as usize]
            .iter()
            .map(|&v| u64::from(v))
            .sum::<u64>();
    }
    sum as f64 / f64::from(w * h)
}

/// The limited-range Y value of a full-range grey level, as the generator wrote it.
pub fn limited(level: u8) -> f64 {
    (16.0 + 219.0 * f64::from(level) / 255.0).round()
}

fn block(plane: &YPlane<'_>, data: &[u8], layout: &Layout, x: u32) -> f64 {
    let inset = layout.block / 4;
    y_region_mean(
        plane,
        data,
        x + inset,
        layout.band_y + inset,
        layout.block / 2,
        layout.block / 2,
    )
}

/// The frame index stamped into the band, read from raw limited-range Y.
pub fn decode_stamp_y(plane: &YPlane<'_>, data: &[u8], layout: &Layout) -> u32 {
    let mid = (16.0 + 235.0) / 2.0;
    (0..layout.stamp_bits).fold(0, |acc, bit| {
        (acc << 1) | u32::from(block(plane, data, layout, bit * layout.block) > mid)
    })
}

/// Raw Y of each calibration patch.
pub fn calibration_y(plane: &YPlane<'_>, data: &[u8], layout: &Layout) -> Vec<f64> {
    (0..layout.calibration_levels.len() as u32)
        .map(|j| block(plane, data, layout, layout.calibration_x + j * layout.block))
        .collect()
}

/// Region means of the plane expanded to full range (what the labels hold).
pub fn expanded_region_mean(
    plane: &YPlane<'_>,
    range: LumaRange,
    x: u32,
    y: u32,
    w: u32,
    h: u32,
) -> f64 {
    let mut full = LumaPlane::new();
    full.fill_from_y(plane, range, 1).expect("expand");
    let mut sum = 0u64;
    for row in y..y + h {
        sum += full.row(row)[x as usize..(x + w) as usize]
            .iter()
            .map(|&v| u64::from(v))
            .sum::<u64>();
    }
    sum as f64 / f64::from(w * h)
}

/// Replaces `navigator.mediaDevices.getUserMedia` with a wrapper that first records, in
/// `window.__gumLog`, how many tracks listed in `window.__watchTracks` were still live.
/// Returns a function that restores the original.
pub fn spy_get_user_media() -> js_sys::Function {
    let install = js_sys::Function::new_no_args(
        r#"
        const md = navigator.mediaDevices;
        const original = md.getUserMedia.bind(md);
        window.__gumLog = [];
        window.__gumStreams = [];
        window.__watchTracks = [];
        md.getUserMedia = (c) => {
          window.__gumLog.push(window.__watchTracks.filter((t) => t.readyState === "live").length);
          return original(c).then((s) => { window.__gumStreams.push(s); return s; });
        };
        return () => { md.getUserMedia = original; };
        "#,
    );
    install
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("install spy")
        .unchecked_into()
}

pub fn watch_tracks(tracks: &[web_sys::MediaStreamTrack]) {
    let list = js_sys::Array::new();
    for t in tracks {
        list.push(t);
    }
    js_sys::Reflect::set(&js_sys::global(), &"__watchTracks".into(), &list).expect("set");
}

/// Live tracks counted by the spy at each `getUserMedia` call.
pub fn gum_log() -> Vec<u32> {
    let log = js_sys::Reflect::get(&js_sys::global(), &"__gumLog".into()).expect("log");
    js_sys::Array::from(&log)
        .iter()
        .map(|v| v.as_f64().expect("number") as u32)
        .collect()
}

/// Every stream `getUserMedia` returned since the spy was installed, in order.
pub fn gum_streams() -> Vec<web_sys::MediaStream> {
    let list = js_sys::Reflect::get(&js_sys::global(), &"__gumStreams".into()).expect("streams");
    js_sys::Array::from(&list)
        .iter()
        .map(|v| v.unchecked_into())
        .collect()
}

/// True while any track of `stream` is live.
pub fn any_live(stream: &web_sys::MediaStream) -> bool {
    stream.get_tracks().iter().any(|t| {
        t.unchecked_into::<web_sys::MediaStreamTrack>()
            .ready_state()
            == web_sys::MediaStreamTrackState::Live
    })
}

/// Fires a plain `Event` of `name` at `target` (the browser's own `ended`/`mute` cannot be
/// provoked on the fake device).
pub fn dispatch(target: &web_sys::EventTarget, name: &str) {
    let event = web_sys::Event::new(name).expect("event");
    target.dispatch_event(&event).expect("dispatch");
}
