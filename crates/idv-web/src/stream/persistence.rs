//! Persistence of the history in `sessionStorage`: a write at most every 200 ms and one at
//! `pagehide`.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;

use super::{EventStream, history};

impl EventStream {
    /// Persists at most every 200 ms, and at `pagehide`, so a burst of messages costs one write.
    pub(super) fn schedule_persist(&self) {
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

    pub(super) fn listen_pagehide(&self) {
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
