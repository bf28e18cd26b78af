//! Vendor frames: [`EventStream::register_frame`], the page's `message` listener it attaches, the
//! routing of each message into the stream, and the [`FrameRegistration`] handle.

use std::cell::Cell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use idv_core::events::{OriginRules, Vendor};
use wasm_bindgen::JsCast;
use web_sys::{HtmlIFrameElement, MessageEvent};

use super::router::{self, Registered, Routed};
use super::{EventStream, Inner};

impl EventStream {
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
