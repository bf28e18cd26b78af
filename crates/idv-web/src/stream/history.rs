//! The stream's history: a bounded in-memory window, and its copy in `sessionStorage`.
//!
//! Stored as `{"version":1,"nextSeq":N,"events":[…]}` under [`super::StreamOptions::storage_key`].
//! Secrets are redacted on the way to storage whatever the stream's `keep_secrets` says.

use std::collections::VecDeque;

use idv_core::events::{Event, redact_secrets};
use serde::Serialize;
use serde_json::Value;

use super::StreamOptions;

const VERSION: u32 = 1;

/// The in-memory window of recent events.
#[derive(Debug)]
pub(crate) struct History {
    events: VecDeque<Event>,
    limit: usize,
}

impl History {
    pub(crate) fn new(limit: usize) -> Self {
        Self { events: VecDeque::new(), limit: limit.max(1) }
    }

    /// Appends an event; returns how many old events fell out of the window.
    pub(crate) fn push(&mut self, event: Event) -> u64 {
        self.events.push_back(event);
        let mut dropped = 0;
        while self.events.len() > self.limit {
            self.events.pop_front();
            dropped += 1;
        }
        dropped
    }

    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &Event> {
        self.events.iter()
    }

    pub(crate) fn to_vec(&self) -> Vec<Event> {
        self.events.iter().cloned().collect()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Stored<'a> {
    version: u32,
    next_seq: u64,
    events: Vec<&'a Event>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// What a previous page of this tab left: the next `seq` and the events.
pub(crate) fn restore(options: &StreamOptions) -> Option<(u64, Vec<Event>)> {
    let text = storage()?.get_item(&options.storage_key()).ok().flatten()?;
    let (next_seq, events) = parse(&text)?;
    // A stored window must be consistent: increasing seq, all below nextSeq.
    let ordered = events.windows(2).all(|w| w[0].seq < w[1].seq);
    let below = events.last().is_none_or(|e| e.seq < next_seq);
    (ordered && below).then_some((next_seq, events))
}

/// The stored JSON's `nextSeq` and events, if it is a version-1 copy. Read through `Value` and
/// [`Event::from_json_value`] rather than a derived `Deserialize`: the derive of the flattened,
/// tagged envelope costs tens of kilobytes of wasm. Unknown fields are ignored, as serde would.
fn parse(text: &str) -> Option<(u64, Vec<Event>)> {
    let Value::Object(mut stored) = serde_json::from_str::<Value>(text).ok()? else { return None };
    let version = u32::try_from(stored.get("version")?.as_u64()?).ok()?;
    let next_seq = stored.get("nextSeq")?.as_u64()?;
    let Value::Array(events) = stored.remove("events")? else { return None };
    if version != VERSION {
        return None;
    }
    let events = events.into_iter().map(Event::from_json_value).collect::<Option<Vec<_>>>()?;
    Some((next_seq, events))
}

/// Writes the newest events that fit the limits. Returns false when the storage refused.
pub(crate) fn save(options: &StreamOptions, next_seq: u64, history: &History) -> bool {
    let Some(storage) = storage() else { return false };
    let redacted: Vec<Event> = history
        .iter()
        .rev()
        .take(options.persist_limit)
        .map(|e| {
            let mut e = e.clone();
            if let Some(raw) = e.body.raw.as_mut() {
                redact_secrets(e.body.vendor, raw);
            }
            e
        })
        .collect();
    // Newest first; drop from the old end until the JSON fits.
    let mut keep = redacted.len();
    loop {
        let events: Vec<&Event> = redacted[..keep].iter().rev().collect();
        let stored = Stored { version: VERSION, next_seq, events };
        let Ok(text) = serde_json::to_string(&stored) else { return false };
        let units = text.encode_utf16().count();
        if units <= options.persist_max_bytes || keep == 0 {
            return storage.set_item(&options.storage_key(), &text).is_ok();
        }
        // Shrink proportionally, at least by one, so a huge history converges fast.
        let ratio = options.persist_max_bytes as f64 / units as f64;
        keep = ((keep as f64 * ratio) as usize).min(keep - 1);
    }
}

/// Removes the stored copy (a flow that has ended and whose page wants a clean slate).
pub(crate) fn clear(options: &StreamOptions) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&options.storage_key());
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use idv_core::events::{EventBody, EventKind, Vendor};
    use serde_json::json;

    use super::{Event, Stored, parse};

    fn events() -> Vec<Event> {
        vec![
            EventBody::new(Vendor::Jumio, EventKind::Loaded).with_raw(json!({"eventType": 510})).into_event(3, "a"),
            EventBody::capture(EventKind::Cancelled).with_terminal(true).into_event(9, "b"),
        ]
    }

    #[test]
    fn reads_what_save_writes() {
        let events = events();
        let text = serde_json::to_string(&Stored { version: 1, next_seq: 10, events: events.iter().collect() }).unwrap();
        assert_eq!(parse(&text), Some((10, events)));
        let empty = serde_json::to_string(&Stored { version: 1, next_seq: 1, events: Vec::new() }).unwrap();
        assert_eq!(parse(&empty), Some((1, Vec::new())));
    }

    #[test]
    fn refuses_other_versions_and_shapes() {
        let event = serde_json::to_value(&events()[0]).unwrap();
        for bad in [
            json!({"version": 2, "nextSeq": 10, "events": [event]}),
            json!({"version": 1, "nextSeq": -1, "events": [event]}),
            json!({"version": 1, "events": [event]}),
            json!({"nextSeq": 10, "events": [event]}),
            json!({"version": 1, "nextSeq": 10}),
            json!({"version": 1, "nextSeq": 10, "events": {}}),
            json!({"version": 1, "nextSeq": 10, "events": [event, {"seq": 1}]}),
            json!([1, 10, [event]]),
        ] {
            assert_eq!(parse(&bad.to_string()), None, "{bad}");
        }
        assert_eq!(parse("{"), None);
    }
}
