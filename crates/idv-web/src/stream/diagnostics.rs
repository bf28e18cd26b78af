//! Counters of what the stream did not turn into events, and why.

use serde::Serialize;

/// What the stream saw but did not accept, and what it had to leave out. Messages from other
/// widgets, hostile frames and the page itself land here, never in the stream.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostics {
    /// Messages accepted and turned into events.
    pub accepted: u64,
    /// Messages whose `event.source` is no registered vendor frame (other widgets, other frames,
    /// the page posting to itself).
    pub rejected_source: u64,
    /// Messages from a registered frame whose `event.origin` is not allowed for its vendor
    /// (e.g. the frame navigated elsewhere).
    pub rejected_origin: u64,
    /// Messages from a registered frame that could not be represented (over the size or depth
    /// limit); each also produced a `diagnostic` event.
    pub rejected_unrepresentable: u64,
    /// Events dropped from the in-memory history window (still delivered live).
    pub history_dropped: u64,
    /// Writes to `sessionStorage` that failed (quota, disabled storage).
    pub persist_failures: u64,
    /// Subscriber callbacks that threw.
    pub subscriber_errors: u64,
    /// Events forwarded to a native WebView host.
    pub bridged: u64,
}
