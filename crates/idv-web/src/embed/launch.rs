//! The other launch modes: the vendor's page in a new tab or in place of this page.
//!
//! In a new tab or after a redirect no client events reach this page (vendors post them only to
//! an embedding parent): the result comes back on the return URL (see
//! [`crate::EventStream::accept_return_url`]) and, authoritatively, in the vendor's server
//! callback. Authenteq works only this way (`verificationUrl`, then the redirect back with
//! `code`); Jumio and LiveID+ support it as their "standalone" mode.

use wasm_bindgen::JsValue;

use crate::dom::{self, MissingGlobal};

/// Why a launch did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LaunchError {
    #[error(transparent)]
    Missing(#[from] MissingGlobal),
    /// Not https (http only on localhost), or not a URL.
    #[error("refusing to open {0:?}: not an https URL")]
    Url(String),
    /// `window.open` returned nothing: a popup blocker (call it from a click handler).
    #[error("the new tab was blocked; open it from a click or tap handler")]
    PopupBlocked,
    #[error("navigation failed: {0}")]
    Navigation(String),
}

fn checked(url: &str) -> Result<(), LaunchError> {
    idv_core::embed::VendorUrl::parse(url).map(|_| ()).map_err(|_| LaunchError::Url(url.to_owned()))
}

/// Opens `url` in a new tab, without giving it a handle back to this page (`opener` cleared).
/// Must run inside a user gesture, or popup blockers refuse.
pub fn open_in_new_tab(url: &str) -> Result<(), LaunchError> {
    checked(url)?;
    let opened = dom::window()?
        .open_with_url_and_target(url, "_blank")
        .map_err(|e| LaunchError::Navigation(dom::error_message(&e)))?
        .ok_or(LaunchError::PopupBlocked)?;
    // `noopener` in the features would make `open` return null, hiding a blocked popup.
    let _ = js_sys::Reflect::set(&opened, &"opener".into(), &JsValue::NULL);
    Ok(())
}

/// Replaces this page with `url` (same-tab redirect; the back button returns here).
pub fn redirect_to(url: &str) -> Result<(), LaunchError> {
    checked(url)?;
    dom::window()?.location().assign(url).map_err(|e| LaunchError::Navigation(dom::error_message(&e)))
}
