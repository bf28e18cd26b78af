//! How an [`super::EventStream`] behaves: history bounds, persistence, secrets, native bridge.

/// Options of an event stream. `Default` is what most pages want.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamOptions {
    /// Names the stream; the `sessionStorage` key is `idv-capture:stream:<name>`. Two streams on
    /// one page need two names.
    pub name: String,
    /// Events kept in memory for late subscribers and `history()`. Older events are dropped from
    /// the history (never from live delivery); [`super::Diagnostics::history_dropped`] counts
    /// them and the `seq` of the oldest kept event shows where the window starts.
    pub history_limit: usize,
    /// Persist the history in `sessionStorage`, so a reload in the same tab keeps it and `seq`
    /// continues where it stopped.
    pub persist: bool,
    /// The most recent events written to `sessionStorage`.
    pub persist_limit: usize,
    /// At most this many bytes (UTF-16 code units, as the storage quota counts) of JSON written
    /// to `sessionStorage`; the oldest events are left out to fit.
    pub persist_max_bytes: usize,
    /// Keep vendor secrets (Jumio `authorizationToken`, LiveID+ `message.token`) in `raw`.
    /// Off by default. Even when on, secrets are never written to `sessionStorage`.
    pub keep_secrets: bool,
    /// Forward every event to a native WebView host, when one is present.
    pub native_bridge: bool,
    /// The name the native host registered: Android `addJavascriptInterface(obj, name)`, iOS /
    /// WebKitGTK `webkit.messageHandlers.<name>`. React Native's `ReactNativeWebView` needs none.
    pub bridge_name: String,
}

impl Default for StreamOptions {
    fn default() -> Self {
        Self {
            name: "default".to_owned(),
            history_limit: 10_000,
            persist: true,
            persist_limit: 1_000,
            persist_max_bytes: 1 << 20,
            keep_secrets: false,
            native_bridge: true,
            bridge_name: "idvCapture".to_owned(),
        }
    }
}

impl StreamOptions {
    /// The `sessionStorage` key of this stream.
    pub fn storage_key(&self) -> String {
        format!("idv-capture:stream:{}", self.name)
    }
}
