//! Vendor frames, the embedding doctor, launch helpers, return pages and the capability probe.

use idv_core::embed::{EmbedMode, FrameOptions, FramePolicy, ReferrerPolicy, Sandbox};
use idv_core::events::Vendor;
use idv_web::embed::{FrameWatch, VendorFrame};
use wasm_bindgen::prelude::*;

use crate::convert::{Fields, origin_rules, to_js, vendor};
use crate::stream::JsEventStream;

fn mode(vendor: Vendor, name: Option<String>, context: &str) -> Result<EmbedMode, JsError> {
    match name {
        None => EmbedMode::default_for(vendor).map_err(|e| JsError::new(&format!("{context}: {e}"))),
        Some(name) => EmbedMode::from_name(&name)
            .ok_or_else(|| JsError::new(&format!("{context}: unknown mode {name:?} (idCapture, biometric, full, embedded)"))),
    }
}

/// The exact `allow` attribute `vendor`'s iframe needs in `mode` (default: the vendor's fullest
/// documented mode). Throws for vendors without an iframe mode (Authenteq, Vult, AwareID).
#[wasm_bindgen(js_name = "allowAttribute")]
pub fn allow_attribute(
    #[wasm_bindgen(unchecked_param_type = "Vendor")] vendor_name: String,
    #[wasm_bindgen(unchecked_param_type = "EmbedMode | undefined")] mode_name: Option<String>,
) -> Result<String, JsError> {
    let vendor = vendor(Some(vendor_name), "allowAttribute")?;
    let mode = mode(vendor, mode_name, "allowAttribute")?;
    idv_core::embed::allow_attribute(vendor, mode)
        .map(str::to_owned)
        .map_err(|e| JsError::new(&format!("allowAttribute: {e}")))
}

/// Reads `{ vendor, url, mode, allowedOrigins, title, referrerPolicy, sandbox }` into a policy.
fn policy_from(fields: &Fields<'_>, url: Option<String>, context: &'static str) -> Result<FramePolicy, JsError> {
    let vendor = vendor(fields.string("vendor")?, context)?;
    let url = url.or(fields.string("url")?).ok_or_else(|| JsError::new(&format!("{context}: `url` is required")))?;
    let rules = origin_rules(vendor, &fields.strings("allowedOrigins")?, context)?;
    let mut options = FrameOptions::new().with_mode(mode(vendor, fields.string("mode")?, context)?);
    if let Some(title) = fields.string("title")? {
        options = options.with_title(title);
    }
    if let Some(policy) = fields.string("referrerPolicy")? {
        let parsed = ReferrerPolicy::from_name(&policy)
            .ok_or_else(|| JsError::new(&format!("{context}: unknown referrerPolicy {policy:?}")))?;
        options = options.with_referrer_policy(parsed);
    }
    let sandbox = fields.strings("sandbox")?;
    if fields.raw("sandbox").is_some() {
        let sandbox = Sandbox::parse(&sandbox.join(" ")).map_err(|e| JsError::new(&format!("{context}: sandbox: {e}")))?;
        options = options.with_sandbox(sandbox);
    }
    FramePolicy::new(vendor, &url, &rules, &options).map_err(|e| JsError::new(&format!("{context}: {e}")))
}

fn watch(fields: &Fields<'_>, vendor: Vendor) -> Result<FrameWatch, JsError> {
    Ok(match fields.raw("loadTimeoutMs") {
        None => FrameWatch::default_for(vendor),
        Some(v) if v.is_null() => FrameWatch { load_timeout_ms: None },
        Some(_) => FrameWatch { load_timeout_ms: fields.count("loadTimeoutMs")? },
    })
}

/// The iframe markup for server rendering (Jumio wants its iframe in the page at load): every
/// attribute of the policy, escaped. Adopt it on the client with `stream.adopt(iframe, …)`.
#[wasm_bindgen(js_name = "iframeHtml")]
pub fn iframe_html(
    #[wasm_bindgen(unchecked_param_type = "FrameOptionsInput")] options: JsValue,
) -> Result<String, JsError> {
    let fields = Fields::new(&options, "iframeHtml")?;
    Ok(policy_from(&fields, None, "iframeHtml")?.to_html())
}

/// A vendor iframe owned by the module: `remove()` (or garbage collection of the handle) stops
/// accepting its messages, cancels its watchdog and removes the iframe it created.
#[wasm_bindgen(js_name = "VendorFrame")]
#[derive(Debug)]
pub struct JsVendorFrame {
    inner: Option<VendorFrame>,
}

#[wasm_bindgen(js_class = "VendorFrame")]
impl JsVendorFrame {
    /// The iframe element (null after `remove()`).
    #[wasm_bindgen(getter)]
    pub fn iframe(&self) -> Option<web_sys::HtmlIFrameElement> {
        self.inner.as_ref().map(|f| f.iframe().clone())
    }

    /// The policy applied: `src`, `allow`, `allowFullscreen`, `referrerPolicy`, … (null after
    /// `remove()`).
    #[wasm_bindgen(getter, unchecked_return_type = "FramePolicy | null")]
    pub fn policy(&self) -> Result<JsValue, JsError> {
        match &self.inner {
            Some(frame) => to_js(frame.policy()),
            None => Ok(JsValue::NULL),
        }
    }

    /// Re-applies the size rules after the container changed size.
    pub fn resize(&self) {
        if let Some(frame) = &self.inner {
            frame.resize();
        }
    }

    /// Tears the frame down now (idempotent).
    pub fn remove(&mut self) {
        self.inner = None;
    }
}

#[wasm_bindgen(js_class = "EventStream")]
impl JsEventStream {
    /// True while the page's `message` listener is attached (some vendor frame is registered);
    /// false again once every frame was removed.
    #[wasm_bindgen(getter)]
    pub fn listening(&self) -> bool {
        self.inner.is_listening()
    }

    /// Creates the vendor's iframe in `container` with exactly the permissions it needs, accepts
    /// its messages into this stream, sizes it to the container, and runs the embedding doctor.
    pub fn embed(
        &self,
        container: web_sys::Element,
        #[wasm_bindgen(unchecked_param_type = "EmbedOptions")] options: JsValue,
    ) -> Result<JsVendorFrame, JsError> {
        let fields = Fields::new(&options, "embed")?;
        let policy = policy_from(&fields, None, "embed")?;
        let watch = watch(&fields, policy.vendor())?;
        let frame = VendorFrame::create(&container, policy, &self.inner, watch)
            .map_err(|e| JsError::new(&format!("embed: {e}")))?;
        Ok(JsVendorFrame { inner: Some(frame) })
    }

    /// Takes over an iframe the page rendered itself; reports (never fixes) every permission
    /// its `allow` lacks, accepts its messages, and runs the embedding doctor.
    pub fn adopt(
        &self,
        iframe: web_sys::HtmlIFrameElement,
        #[wasm_bindgen(unchecked_param_type = "AdoptOptions")] options: JsValue,
    ) -> Result<JsVendorFrame, JsError> {
        let fields = Fields::new(&options, "adopt")?;
        let src = iframe.get_attribute("src");
        let policy = policy_from(&fields, src, "adopt")?;
        let watch = watch(&fields, policy.vendor())?;
        let frame = VendorFrame::adopt(&iframe, policy, &self.inner, watch)
            .map_err(|e| JsError::new(&format!("adopt: {e}")))?;
        Ok(JsVendorFrame { inner: Some(frame) })
    }

    /// On a return page: parses `url` (default `location.href`) and pushes its event once (a
    /// reload does not push it again). Returns the event, or null when the URL carries no result
    /// or was accepted before.
    #[wasm_bindgen(js_name = "acceptReturnUrl", unchecked_return_type = "IdvEvent | null")]
    pub fn accept_return_url(
        &self,
        url: Option<String>,
        #[wasm_bindgen(unchecked_param_type = "Vendor | undefined")] vendor_name: Option<String>,
    ) -> Result<JsValue, JsError> {
        let url = match url {
            Some(url) => url,
            None => web_sys::window()
                .and_then(|w| w.location().href().ok())
                .ok_or_else(|| JsError::new("acceptReturnUrl: no location"))?,
        };
        let vendor = vendor_name.map(|n| vendor(Some(n), "acceptReturnUrl")).transpose()?;
        match self.inner.accept_return_url(&url, vendor) {
            Ok(Some(event)) => to_js(&event),
            Ok(None) => Ok(JsValue::NULL),
            Err(e) => Err(JsError::new(&format!("acceptReturnUrl: {e}"))),
        }
    }

    /// Probes the browser without prompting, pushes the result as a `capabilities` diagnostic,
    /// and resolves to `{ capabilities, recommendation }`.
    #[wasm_bindgen(js_name = "probeCapabilities", unchecked_return_type = "Promise<CapabilityReport>")]
    pub fn probe_capabilities(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ needsMicrophone?: boolean } | undefined")] options: JsValue,
    ) -> Result<js_sys::Promise, JsError> {
        let needs_microphone = Fields::new(&options, "probeCapabilities")?.bool("needsMicrophone")?.unwrap_or(false);
        let stream = self.inner.clone();
        Ok(wasm_bindgen_futures::future_to_promise(async move {
            let capabilities = idv_web::embed::probe_capabilities().await;
            let event = idv_web::embed::capability_event(&capabilities, needs_microphone);
            let report = event.raw.clone().unwrap_or(serde_json::Value::Null);
            stream.push(event);
            to_js(&report).map_err(JsValue::from)
        }))
    }
}

/// Opens the vendor's page in a new tab (call from a click handler). No client events arrive
/// from a standalone tab: the result comes on the return URL and the server callback.
#[wasm_bindgen(js_name = "openInNewTab")]
pub fn open_in_new_tab(url: &str) -> Result<(), JsError> {
    idv_web::embed::open_in_new_tab(url).map_err(|e| JsError::new(&format!("openInNewTab: {e}")))
}

/// Replaces this page with the vendor's (same-tab redirect; Authenteq's `verificationUrl`).
#[wasm_bindgen(js_name = "redirectTo")]
pub fn redirect_to(url: &str) -> Result<(), JsError> {
    idv_web::embed::redirect_to(url).map_err(|e| JsError::new(&format!("redirectTo: {e}")))
}
