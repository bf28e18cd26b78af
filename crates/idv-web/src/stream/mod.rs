//! The event stream: every vendor message, return URL and capture event, numbered and stamped,
//! delivered in order to subscribers and a native WebView host, kept for late subscribers and
//! across reloads in the same tab.
//!
//! Guarantees:
//! - `seq` is 1, 2, 3 … without gaps, in the order events were accepted (it continues after a
//!   reload when persistence is on);
//! - every subscriber sees every event after it subscribed, exactly once, in `seq` order — also
//!   when a subscriber pushes an event from inside its callback (it is queued and delivered after
//!   the current one);
//! - messages whose `event.source` is not a registered frame, or whose origin is not allowed,
//!   never become events; they are counted in [`Diagnostics`].

mod bridge;
mod clock;
mod diagnostics;
mod history;
mod options;
mod return_page;
mod router;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use idv_core::events::{Event, EventBody, OriginRules, Vendor};
use wasm_bindgen::JsCast;
use web_sys::{HtmlIFrameElement, MessageEvent};

pub use bridge::NativeHost;
pub use diagnostics::Diagnostics;
pub use options::StreamOptions;
pub use router::message_data;

use bridge::Bridge;
use history::History;
use router::{Registered, Routed};

type Callback = RefCell<Box<dyn FnMut(&Event)>>;

struct Subscriber {
    id: u64,
    active: Cell<bool>,
    callback: Callback,
}

struct State {
    next_seq: u64,
    history: History,
    pending: VecDeque<Event>,
    delivering: bool,
    frames: Vec<Registered>,
    diagnostics: Diagnostics,
    next_id: u64,
    persist_scheduled: bool,
    message_listener: Option<EventListener>,
    pagehide_listener: Option<EventListener>,
}

struct Inner {
    options: StreamOptions,
    state: RefCell<State>,
    subscribers: RefCell<Vec<Rc<Subscriber>>>,
    bridge: RefCell<Bridge>,
}

/// A handle to one event stream; clones share it. The stream (its listeners, its timer) goes
/// away with the last clone.
#[derive(Clone)]
pub struct EventStream {
    inner: Rc<Inner>,
}

impl std::fmt::Debug for EventStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream").field("name", &self.inner.options.name).finish_non_exhaustive()
    }
}

impl EventStream {
    /// Creates a stream; with persistence on, restores what this tab's previous page stored.
    pub fn new(options: StreamOptions) -> Self {
        let mut history = History::new(options.history_limit);
        let mut next_seq = 1;
        if options.persist
            && let Some((seq, events)) = history::restore(&options)
        {
            next_seq = seq;
            for event in events {
                history.push(event);
            }
        }
        let bridge = RefCell::new(Bridge::new(&options.bridge_name));
        let state = RefCell::new(State {
            next_seq,
            history,
            pending: VecDeque::new(),
            delivering: false,
            frames: Vec::new(),
            diagnostics: Diagnostics::default(),
            next_id: 1,
            persist_scheduled: false,
            message_listener: None,
            pagehide_listener: None,
        });
        let stream = Self { inner: Rc::new(Inner { options, state, subscribers: RefCell::new(Vec::new()), bridge }) };
        if stream.inner.options.persist {
            stream.listen_pagehide();
        }
        stream
    }

    pub fn options(&self) -> &StreamOptions {
        &self.inner.options
    }

    /// Numbers, stamps and delivers an event; returns it as delivered.
    pub fn push(&self, body: EventBody) -> Event {
        let event = {
            let mut state = self.inner.state.borrow_mut();
            let seq = state.next_seq;
            state.next_seq += 1;
            let event = body.into_event(seq, clock::now_iso());
            let dropped = state.history.push(event.clone());
            state.diagnostics.history_dropped += dropped;
            state.pending.push_back(event.clone());
            event
        };
        self.schedule_persist();
        self.drain();
        event
    }

    /// Delivers queued events in order, unless a delivery is already running further up the
    /// call stack (a subscriber pushing), which will pick them up.
    fn drain(&self) {
        {
            let mut state = self.inner.state.borrow_mut();
            if state.delivering {
                return;
            }
            state.delivering = true;
        }
        loop {
            let Some(event) = self.inner.state.borrow_mut().pending.pop_front() else { break };
            let subscribers = self.inner.subscribers.borrow().clone();
            for subscriber in subscribers {
                if subscriber.active.get()
                    && let Ok(mut callback) = subscriber.callback.try_borrow_mut()
                {
                    callback(&event);
                }
            }
            if self.inner.options.native_bridge && self.inner.bridge.borrow_mut().forward(&event) {
                self.inner.state.borrow_mut().diagnostics.bridged += 1;
            }
        }
        self.inner.state.borrow_mut().delivering = false;
    }

    /// Calls `callback` with every event accepted from now on. Dropping the returned handle
    /// unsubscribes (no further call, even for an event being delivered).
    pub fn subscribe(&self, callback: impl FnMut(&Event) + 'static) -> Subscription {
        self.subscribe_inner(Box::new(callback))
    }

    /// Like [`subscribe`](Self::subscribe), but first replays the history (events with
    /// `seq >= from_seq`), with no gap and no duplicate between the replay and live events.
    pub fn subscribe_from(&self, from_seq: u64, mut callback: impl FnMut(&Event) + 'static) -> Subscription {
        for event in self.history().into_iter().filter(|e| e.seq >= from_seq) {
            callback(&event);
        }
        self.subscribe_inner(Box::new(callback))
    }

    fn subscribe_inner(&self, callback: Box<dyn FnMut(&Event)>) -> Subscription {
        let id = {
            let mut state = self.inner.state.borrow_mut();
            state.next_id += 1;
            state.next_id
        };
        let subscriber = Rc::new(Subscriber { id, active: Cell::new(true), callback: RefCell::new(callback) });
        self.inner.subscribers.borrow_mut().push(subscriber);
        Subscription { stream: Rc::downgrade(&self.inner), id }
    }

    /// The events in the history window, oldest first.
    pub fn history(&self) -> Vec<Event> {
        self.inner.state.borrow().history.to_vec()
    }

    /// The `seq` the next event will get.
    pub fn next_seq(&self) -> u64 {
        self.inner.state.borrow().next_seq
    }

    pub fn diagnostics(&self) -> Diagnostics {
        self.inner.state.borrow().diagnostics
    }

    /// Which native host receives the events, if any.
    pub fn native_host(&self) -> Option<NativeHost> {
        if !self.inner.options.native_bridge {
            return None;
        }
        self.inner.bridge.borrow_mut().host()
    }

    /// Counts a subscriber failure (the JS bindings call this when a callback threw).
    /// True while the page's `message` listener is attached (some frame is registered).
    pub fn is_listening(&self) -> bool {
        self.inner.state.borrow().message_listener.is_some()
    }

    pub fn note_subscriber_error(&self) {
        self.inner.state.borrow_mut().diagnostics.subscriber_errors += 1;
    }

    /// Accepts messages from `frame` as `vendor`'s, when their origin is allowed by `rules`.
    /// Messages the frame posted before (kept by `web/early.js`) are delivered first.
    /// Dropping the returned handle stops accepting them; the page's `message` listener goes
    /// away with the last registration.
    pub fn register_frame(&self, frame: &HtmlIFrameElement, vendor: Vendor, rules: OriginRules) -> FrameRegistration {
        let accepted = Rc::new(Cell::new(0));
        let id = {
            let mut state = self.inner.state.borrow_mut();
            state.next_id += 1;
            let id = state.next_id;
            let registered = Registered {
                id,
                frame: frame.clone(),
                vendor,
                rules: Rc::new(rules),
                accepted: Rc::clone(&accepted),
            };
            state.frames.push(registered);
            id
        };
        self.ensure_message_listener();
        // What the frame said before it was registered (web/early.js), first and in order.
        let rules = self.inner.state.borrow().frames.iter().find(|r| r.id == id).map(|r| Rc::clone(&r.rules));
        for (origin, data) in router::take_early(frame) {
            let known = rules.as_ref().map(|rules| (vendor, Rc::clone(rules)));
            self.deliver_message(known, Some(Rc::clone(&accepted)), &origin, &data);
        }
        FrameRegistration { stream: Rc::downgrade(&self.inner), id, accepted }
    }

    fn ensure_message_listener(&self) {
        if self.inner.state.borrow().message_listener.is_some() {
            return;
        }
        let Some(window) = web_sys::window() else { return };
        let weak = Rc::downgrade(&self.inner);
        let listener = EventListener::new(&window, "message", move |event| {
            if let (Some(inner), Some(event)) = (weak.upgrade(), event.dyn_ref::<MessageEvent>()) {
                EventStream { inner }.on_message(event);
            }
        });
        self.inner.state.borrow_mut().message_listener = Some(listener);
    }

    fn on_message(&self, event: &MessageEvent) {
        let (frame, accepted) = {
            let state = self.inner.state.borrow();
            match router::find(&state.frames, event) {
                Some(r) => (Some((r.vendor, Rc::clone(&r.rules))), Some(Rc::clone(&r.accepted))),
                None => (None, None),
            }
        };
        self.deliver_message(frame, accepted, &event.origin(), &event.data());
    }

    /// Routes one message from a known (or unknown) frame: counted, or turned into an event.
    fn deliver_message(
        &self,
        frame: Option<(Vendor, Rc<OriginRules>)>,
        accepted: Option<Rc<Cell<u64>>>,
        origin: &str,
        data: &wasm_bindgen::JsValue,
    ) {
        let routed = router::route(frame, origin, data, self.inner.options.keep_secrets);
        if let (Routed::Accept(_), Some(accepted)) = (&routed, accepted) {
            accepted.set(accepted.get() + 1);
        }
        let mut state = self.inner.state.borrow_mut();
        match routed {
            Routed::Accept(body) => {
                state.diagnostics.accepted += 1;
                drop(state);
                self.push(body);
            }
            Routed::UnknownSource => state.diagnostics.rejected_source += 1,
            Routed::BadOrigin => state.diagnostics.rejected_origin += 1,
            Routed::Unrepresentable(body) => {
                state.diagnostics.rejected_unrepresentable += 1;
                drop(state);
                self.push(body);
            }
        }
    }

    /// Persists at most every 200 ms, and at `pagehide`, so a burst of messages costs one write.
    fn schedule_persist(&self) {
        if !self.inner.options.persist {
            return;
        }
        {
            let mut state = self.inner.state.borrow_mut();
            if state.persist_scheduled {
                return;
            }
            state.persist_scheduled = true;
        }
        let weak = Rc::downgrade(&self.inner);
        let flush = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(inner) = weak.upgrade() {
                EventStream { inner }.persist_now();
            }
        });
        let scheduled = web_sys::window().map(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(flush.unchecked_ref(), 200)
        });
        if !matches!(scheduled, Some(Ok(_))) {
            self.persist_now();
        }
    }

    /// Writes the history to `sessionStorage` now.
    pub fn persist_now(&self) {
        let mut state = self.inner.state.borrow_mut();
        state.persist_scheduled = false;
        if self.inner.options.persist && !history::save(&self.inner.options, state.next_seq, &state.history) {
            state.diagnostics.persist_failures += 1;
        }
    }

    /// Forgets the stored copy in `sessionStorage` (the in-memory history stays).
    pub fn clear_persisted(&self) {
        history::clear(&self.inner.options);
    }

    fn listen_pagehide(&self) {
        let Some(window) = web_sys::window() else { return };
        let weak = Rc::downgrade(&self.inner);
        let listener = EventListener::new(&window, "pagehide", move |_| {
            if let Some(inner) = weak.upgrade() {
                EventStream { inner }.persist_now();
            }
        });
        self.inner.state.borrow_mut().pagehide_listener = Some(listener);
    }
}

/// A live subscription; dropping it unsubscribes.
#[derive(Debug)]
#[must_use = "dropping the subscription unsubscribes at once"]
pub struct Subscription {
    stream: Weak<Inner>,
    id: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(inner) = self.stream.upgrade() {
            let mut subscribers = inner.subscribers.borrow_mut();
            if let Some(at) = subscribers.iter().position(|s| s.id == self.id) {
                subscribers.remove(at).active.set(false);
            }
        }
    }
}

/// A registered vendor frame; dropping it stops accepting the frame's messages.
#[derive(Debug)]
#[must_use = "dropping the registration stops accepting the frame's messages"]
pub struct FrameRegistration {
    stream: Weak<Inner>,
    id: u64,
    accepted: Rc<Cell<u64>>,
}

impl FrameRegistration {
    /// How many of the frame's messages became events so far.
    pub fn accepted(&self) -> u64 {
        self.accepted.get()
    }

    /// Whether the stream that registered the frame still exists.
    pub fn stream(&self) -> Option<EventStream> {
        self.stream.upgrade().map(|inner| EventStream { inner })
    }

    /// The counter behind [`accepted`](Self::accepted), for watchers that outlive a borrow.
    pub(crate) fn accepted_cell(&self) -> Rc<Cell<u64>> {
        Rc::clone(&self.accepted)
    }
}

impl Drop for FrameRegistration {
    fn drop(&mut self) {
        if let Some(inner) = self.stream.upgrade() {
            let mut state = inner.state.borrow_mut();
            state.frames.retain(|r| r.id != self.id);
            if state.frames.is_empty() {
                state.message_listener = None;
            }
        }
    }
}
