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
mod persistence;
mod registration;
mod return_page;
mod router;
mod subscription;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_events::EventListener;
use idv_core::events::{Event, EventBody};

pub use bridge::NativeHost;
pub use diagnostics::Diagnostics;
pub use options::StreamOptions;
pub use registration::FrameRegistration;
pub use router::message_data;
pub use subscription::Subscription;

use bridge::Bridge;
use history::History;
use router::Registered;

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
}
