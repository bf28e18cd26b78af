//! Responsive sizing: the frame follows its container. Jumio gets the largest of its documented
//! size classes that fits; other vendors fill the container.

use gloo_events::EventListener;
use idv_core::embed::FramePolicy;
use web_sys::{Element, HtmlIFrameElement};

/// Keeps the iframe sized to its container until dropped.
#[derive(Debug)]
pub(crate) struct Sizer {
    _listener: Option<EventListener>,
}

/// Sizes `iframe` for `container` now.
pub(crate) fn apply(container: &Element, iframe: &HtmlIFrameElement, policy: &FramePolicy) {
    let style = iframe.style();
    let width = u32::try_from(container.client_width()).unwrap_or(0);
    let height = u32::try_from(container.client_height()).unwrap_or(0);
    match policy.size_for(width, height.max(1)) {
        Some(size) => {
            let _ = style.set_property("width", &format!("{}px", size.width));
            let _ = style.set_property("height", &format!("{}px", size.height));
            let _ = iframe.set_attribute("data-size-class", &format!("{:?}", size.class).to_ascii_lowercase());
        }
        None => {
            let _ = style.set_property("width", "100%");
            let _ = style.set_property("height", if height > 0 { "100%" } else { "600px" });
        }
    }
    let _ = style.set_property("border", "0");
    let _ = style.set_property("max-width", "100%");
}

impl Sizer {
    /// Sizes now and again on every window resize (a container that changes without a window
    /// resize can call [`super::VendorFrame::resize`]).
    pub(crate) fn new(container: &Element, iframe: &HtmlIFrameElement, policy: &FramePolicy) -> Self {
        apply(container, iframe, policy);
        let listener = web_sys::window().map(|window| {
            let (container, iframe, policy) = (container.clone(), iframe.clone(), policy.clone());
            EventListener::new(&window, "resize", move |_| apply(&container, &iframe, &policy))
        });
        Self { _listener: listener }
    }
}
