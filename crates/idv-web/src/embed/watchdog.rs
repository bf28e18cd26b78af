//! The load watchdog: a vendor frame that gives no sign of life (no accepted message) within a
//! timeout is reported. Browsers hide why a cross-origin frame failed — a page refused by
//! `X-Frame-Options` / CSP `frame-ancestors` still fires `load` and looks exactly like a working
//! one from outside (checked in Chromium) — so silence is the only signal the embedding page has.

use std::cell::Cell;
use std::rc::Rc;

use idv_core::embed::FramePolicy;
use idv_core::events::{Diagnostic, EventBody, EventKind, Severity};

use crate::EventStream;
use crate::time::Timeout;

/// Armed at embed time; cancelled on drop.
#[derive(Debug)]
pub(crate) struct Watchdog {
    _timeout: Option<Timeout>,
}

impl Watchdog {
    pub(crate) fn arm(
        stream: &EventStream,
        policy: &FramePolicy,
        accepted: Rc<Cell<u64>>,
        loaded: Rc<Cell<bool>>,
        timeout_ms: u32,
    ) -> Self {
        let stream = stream.clone();
        let vendor = policy.vendor();
        let origin = policy.origin().to_string();
        let page = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        let timeout = Timeout::new(timeout_ms, move || {
            if accepted.get() > 0 {
                return;
            }
            let load = if loaded.get() { "its load event fired" } else { "it did not even fire load" };
            stream.push(EventBody::new(
                vendor,
                EventKind::Diagnostic(Diagnostic {
                    check: "frameLoaded".to_owned(),
                    severity: Severity::Error,
                    passed: false,
                    detail: Some(format!(
                        "no message from the {vendor} frame ({origin}) within {timeout_ms} ms ({load}): it was refused \
                         (X-Frame-Options / CSP frame-ancestors), failed to load, or is still loading"
                    )),
                    hint: Some(format!(
                        "ask {vendor} to allow {page} to frame its client (their domain allow-list), check the network \
                         and that the link has not expired; or open the vendor in a new tab"
                    )),
                }),
            ));
        });
        Self { _timeout: timeout }
    }
}
