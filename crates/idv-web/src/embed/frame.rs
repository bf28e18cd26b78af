//! [`VendorFrame`]: a vendor's iframe in the page, created with its policy or adopted as the page
//! rendered it, registered with the event stream, and removed (with its listeners) on drop.

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::EventListener;
use idv_core::embed::{EmbedError, FramePolicy};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlIFrameElement};

use super::sizing::Sizer;
use super::watchdog::Watchdog;
use crate::dom::{self, MissingGlobal};
use crate::{EventStream, FrameRegistration};

/// How long a frame may stay silent before the watchdog reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameWatch {
    /// Milliseconds after embedding within which the vendor must send its first message.
    /// `None` disables the watchdog (for vendors that say nothing until a user acts).
    pub load_timeout_ms: Option<u32>,
}

impl FrameWatch {
    /// Jumio posts `loaded` as soon as its client starts; LiveID+ posts only after its media test
    /// (tens of seconds), so its default is longer.
    pub fn default_for(vendor: idv_core::events::Vendor) -> Self {
        let ms = match vendor {
            idv_core::events::Vendor::Jumio => 20_000,
            _ => 60_000,
        };
        Self { load_timeout_ms: Some(ms) }
    }
}

/// Why a frame could not be embedded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EmbedWebError {
    #[error(transparent)]
    Missing(#[from] MissingGlobal),
    #[error(transparent)]
    Policy(#[from] EmbedError),
    /// The DOM refused (e.g. the container is not in a document that accepts children).
    #[error("the page refused the iframe: {0}")]
    Dom(String),
    /// An adopted iframe has no `src`, or it points somewhere else than the vendor's origin.
    #[error("the adopted iframe's src {src:?} is not the vendor URL")]
    AdoptedSource { src: String },
}

/// A vendor iframe owned by the module. Dropping it stops accepting its messages, cancels the
/// watchdog and resize listener, and removes the iframe if the module created it (an adopted
/// iframe stays: the page rendered it, the page owns it).
#[derive(Debug)]
pub struct VendorFrame {
    iframe: HtmlIFrameElement,
    container: Option<Element>,
    policy: FramePolicy,
    created: bool,
    _registration: FrameRegistration,
    _sizer: Option<Sizer>,
    _watchdog: Option<Watchdog>,
    _load: EventListener,
}

impl VendorFrame {
    /// Creates the iframe with exactly the policy's attributes, appends it to `container`, and
    /// starts the embedding doctor (page checks in the background, the load watchdog).
    pub fn create(
        container: &Element,
        policy: FramePolicy,
        stream: &EventStream,
        watch: FrameWatch,
    ) -> Result<Self, EmbedWebError> {
        let iframe: HtmlIFrameElement = dom::create("iframe")?;
        // Attributes first, `src` last: the frame must never start loading without its `allow`.
        let attributes = policy.attributes();
        for (name, value) in attributes.iter().filter(|(n, _)| *n != "src") {
            iframe.set_attribute(name, value).map_err(|e| EmbedWebError::Dom(dom::error_message(&e)))?;
        }
        let registration = stream.register_frame(&iframe, policy.vendor(), policy.origin_rules());
        let (load, loaded) = load_listener(&iframe);
        let sizer = Sizer::new(container, &iframe, &policy);
        if let Some((_, src)) = attributes.iter().find(|(n, _)| *n == "src") {
            iframe.set_attribute("src", src).map_err(|e| EmbedWebError::Dom(dom::error_message(&e)))?;
        }
        container.append_child(&iframe).map_err(|e| EmbedWebError::Dom(dom::error_message(&e)))?;
        let watchdog = watch
            .load_timeout_ms
            .map(|ms| Watchdog::arm(stream, &policy, registration.accepted_cell(), loaded, ms));
        run_doctor(stream, &policy);
        Ok(Self {
            iframe,
            container: Some(container.clone()),
            policy,
            created: true,
            _registration: registration,
            _sizer: Some(sizer),
            _watchdog: watchdog,
            _load: load,
        })
    }

    /// Takes over an iframe the page already rendered (Jumio asks for its iframe to exist at page
    /// load). Its `allow` and `allowfullscreen` are compared with the policy and every missing
    /// permission is reported into the stream — never silently fixed: a fix after load does not
    /// reach an already-running frame, and the page's markup is what must change.
    pub fn adopt(
        iframe: &HtmlIFrameElement,
        policy: FramePolicy,
        stream: &EventStream,
        watch: FrameWatch,
    ) -> Result<Self, EmbedWebError> {
        let src = iframe.get_attribute("src").unwrap_or_default();
        let src_origin = idv_core::embed::origins_for_url(&src).map_err(|_| EmbedWebError::AdoptedSource { src: src.clone() })?;
        if src_origin.to_string() != policy.origin().to_string() {
            return Err(EmbedWebError::AdoptedSource { src });
        }
        let allow = iframe.get_attribute("allow").unwrap_or_default();
        let audit = policy.audit(&allow, iframe.has_attribute("allowfullscreen"));
        for diagnostic in audit.diagnostics().into_iter().filter(|d| !d.passed) {
            stream.push(idv_core::events::EventBody::new(
                policy.vendor(),
                idv_core::events::EventKind::Diagnostic(diagnostic),
            ));
        }
        let registration = stream.register_frame(iframe, policy.vendor(), policy.origin_rules());
        // Only loads after adoption are seen; the watchdog's verdict rests on messages anyway.
        let (load, loaded) = load_listener(iframe);
        let watchdog = watch
            .load_timeout_ms
            .map(|ms| Watchdog::arm(stream, &policy, registration.accepted_cell(), loaded, ms));
        run_doctor(stream, &policy);
        Ok(Self {
            iframe: iframe.clone(),
            container: None,
            policy,
            created: false,
            _registration: registration,
            _sizer: None,
            _watchdog: watchdog,
            _load: load,
        })
    }

    pub fn iframe(&self) -> &HtmlIFrameElement {
        &self.iframe
    }

    pub fn policy(&self) -> &FramePolicy {
        &self.policy
    }

    /// Re-applies the size rules (after the container changed size without a window resize).
    pub fn resize(&self) {
        if let Some(container) = &self.container {
            super::sizing::apply(container, &self.iframe, &self.policy);
        }
    }
}

/// The page checks, in the background: their findings arrive as `diagnostic` events.
fn run_doctor(stream: &EventStream, policy: &FramePolicy) {
    let (stream, policy) = (stream.clone(), policy.clone());
    wasm_bindgen_futures::spawn_local(async move {
        super::doctor::check_page(&stream, &policy).await;
    });
}

fn load_listener(iframe: &HtmlIFrameElement) -> (EventListener, Rc<Cell<bool>>) {
    let loaded = Rc::new(Cell::new(false));
    let flag = Rc::clone(&loaded);
    let listener = EventListener::new(iframe, "load", move |_| flag.set(true));
    (listener, loaded)
}

impl Drop for VendorFrame {
    fn drop(&mut self) {
        if self.created {
            self.iframe.unchecked_ref::<Element>().remove();
        }
    }
}
