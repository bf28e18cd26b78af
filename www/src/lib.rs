//! The idv-capture demo onboarding app.

// `#[component]` re-emits each component's props struct as `pub`, whatever the function's
// visibility; the lint is meant for library APIs and this crate has none.
#![allow(unreachable_pub)]

mod camera_panel;
mod event_log;
pub mod i18n;
mod vendor_panel;

use leptos::prelude::*;

use crate::camera_panel::CameraPanel;
use crate::event_log::EventLog;
use crate::i18n::Texts;
use crate::vendor_panel::VendorPanel;
use idv_web::{EventStream, StreamOptions};

/// The whole demo page.
#[component]
pub fn App() -> impl IntoView {
    let t = Texts::from_browser();
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", t.lang);
    }
    // One stream for the page; it survives reloads in this tab (sessionStorage).
    let stream = StoredValue::new_local(EventStream::new(StreamOptions { name: "demo".into(), ..StreamOptions::default() }));
    view! {
        <main>
            <h1>{t.title}</h1>
            <p>{t.intro}</p>
            <div class="panels">
                <CameraPanel t=t />
                <EventLog t=t stream=stream />
            </div>
            <VendorPanel t=t stream=stream />
        </main>
    }
}
