//! The capability probe's decisions, without the browser: which WebView or in-app browser a
//! user agent is, and how to run the verification there — in an iframe, in a new tab (the
//! system browser), or with file upload when live capture cannot work.
//!
//! The browser layer gathers the facts ([`Capabilities`]) without prompting the user (like
//! iProov's support checker) and asks [`recommend`].

mod recommend;
mod webview;

pub use recommend::{Capabilities, LaunchMode, PermissionState, Reason, Recommendation, recommend};
pub use webview::{InAppBrowser, WebViewKind, webview_kind};
