//! Subscribers: [`EventStream::subscribe`] and [`EventStream::subscribe_from`], and the
//! [`Subscription`] handle whose drop unsubscribes.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use idv_core::events::Event;

use super::{EventStream, Inner, Subscriber};

impl EventStream {
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
