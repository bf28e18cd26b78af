//! From probed facts to a launch mode: iframe, new tab (system browser), or file upload.

use serde::Serialize;

use super::webview::WebViewKind;

/// A permission's state as the Permissions API reports it (`unknown` where the API or the
/// permission name is unsupported, as in Firefox for `camera`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PermissionState {
    Granted,
    Denied,
    Prompt,
    Unknown,
}

impl PermissionState {
    /// Maps `PermissionStatus.state`.
    pub fn from_name(name: &str) -> PermissionState {
        match name {
            "granted" => PermissionState::Granted,
            "denied" => PermissionState::Denied,
            "prompt" => PermissionState::Prompt,
            _ => PermissionState::Unknown,
        }
    }
}

/// What the browser offers, probed without prompting the user. `None` means "could not tell".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Capabilities {
    pub secure_context: bool,
    /// `navigator.mediaDevices.getUserMedia` exists.
    pub media_devices: bool,
    /// A `videoinput` device is listed (labels need permission, presence does not).
    pub has_camera: Option<bool>,
    pub has_microphone: Option<bool>,
    pub camera_permission: PermissionState,
    pub microphone_permission: PermissionState,
    /// This document's Permissions Policy allows `camera` (the page's header and every ancestor
    /// frame's `allow`), from `document.featurePolicy` / `permissionsPolicy` where available.
    pub camera_allowed_by_policy: Option<bool>,
    pub microphone_allowed_by_policy: Option<bool>,
    /// The page itself runs inside a frame.
    pub in_iframe: bool,
    pub wasm_simd: bool,
    pub video_frame: bool,
    pub offscreen_canvas: bool,
    pub request_video_frame_callback: bool,
    pub webview: WebViewKind,
}

/// How to run the vendor flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LaunchMode {
    /// Embedded in this page (client events reach the stream).
    Iframe,
    /// The vendor's page in a new tab or the system browser (no client events; use the return
    /// URL and the server callback).
    NewTab,
    /// No live capture possible: let the user upload photos.
    FileUpload,
}

/// Why a mode was chosen, as stable codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Reason {
    InsecureContext,
    NoMediaDevices,
    NoCamera,
    NoMicrophone,
    CameraDenied,
    MicrophoneDenied,
    PolicyBlocksCamera,
    PolicyBlocksMicrophone,
    InAppBrowser,
    IosWebView,
    AndroidWebView,
    NoWasmSimd,
}

/// The advice, with every reason that applied (the first decided the mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    pub mode: LaunchMode,
    pub reasons: Vec<Reason>,
}

/// Chooses how to launch a vendor flow that needs the camera (and the microphone when
/// `needs_microphone`, as LiveID+ video calls do).
///
/// Order: no device → file upload; anything this page cannot fix but another top-level page can
/// (insecure context, a Permissions Policy or ancestor frame blocking the camera, an in-app
/// browser, this origin's permission denied — the vendor's own origin asks afresh in a new tab) →
/// new tab; otherwise the iframe. WebView kinds and missing SIMD are noted but do not change the
/// mode (the native host must grant the camera; analysis falls back to scalar code).
pub fn recommend(c: &Capabilities, needs_microphone: bool) -> Recommendation {
    use Reason::*;
    let mut upload = Vec::new();
    let mut new_tab = Vec::new();
    let mut notes = Vec::new();
    if c.has_camera == Some(false) {
        upload.push(NoCamera);
    }
    if needs_microphone && c.has_microphone == Some(false) {
        upload.push(NoMicrophone);
    }
    if !c.secure_context {
        new_tab.push(InsecureContext);
    } else if !c.media_devices {
        // A secure page without mediaDevices: an old WebView or a locked-down browser.
        upload.push(NoMediaDevices);
    }
    if c.camera_allowed_by_policy == Some(false) {
        new_tab.push(PolicyBlocksCamera);
    }
    if needs_microphone && c.microphone_allowed_by_policy == Some(false) {
        new_tab.push(PolicyBlocksMicrophone);
    }
    if let WebViewKind::InAppBrowser(_) = c.webview {
        new_tab.push(InAppBrowser);
    }
    if c.camera_permission == PermissionState::Denied {
        new_tab.push(CameraDenied);
    }
    if needs_microphone && c.microphone_permission == PermissionState::Denied {
        new_tab.push(MicrophoneDenied);
    }
    match c.webview {
        WebViewKind::IosWebView => notes.push(IosWebView),
        WebViewKind::AndroidWebView => notes.push(AndroidWebView),
        _ => {}
    }
    if !c.wasm_simd {
        notes.push(NoWasmSimd);
    }
    let mode = if !upload.is_empty() {
        LaunchMode::FileUpload
    } else if !new_tab.is_empty() {
        LaunchMode::NewTab
    } else {
        LaunchMode::Iframe
    };
    let reasons = upload.into_iter().chain(new_tab).chain(notes).collect();
    Recommendation { mode, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn healthy() -> Capabilities {
        Capabilities {
            secure_context: true,
            media_devices: true,
            has_camera: Some(true),
            has_microphone: Some(true),
            camera_permission: PermissionState::Prompt,
            microphone_permission: PermissionState::Prompt,
            camera_allowed_by_policy: Some(true),
            microphone_allowed_by_policy: Some(true),
            in_iframe: false,
            wasm_simd: true,
            video_frame: true,
            offscreen_canvas: true,
            request_video_frame_callback: true,
            webview: WebViewKind::None,
        }
    }

    /// A named change to the healthy capabilities, whether the flow needs the microphone, and
    /// the expected mode and reasons.
    type Case = (&'static str, Box<dyn Fn(&mut Capabilities)>, bool, LaunchMode, Vec<Reason>);

    #[test]
    fn decision_table() {
        use LaunchMode::*;
        use Reason::*;
        let cases: Vec<Case> = vec![
            ("healthy", Box::new(|_| {}), false, Iframe, vec![]),
            ("no camera", Box::new(|c| c.has_camera = Some(false)), false, FileUpload, vec![NoCamera]),
            ("unknown camera stays iframe", Box::new(|c| c.has_camera = None), false, Iframe, vec![]),
            ("insecure", Box::new(|c| c.secure_context = false), false, NewTab, vec![InsecureContext]),
            ("no mediaDevices", Box::new(|c| c.media_devices = false), false, FileUpload, vec![NoMediaDevices]),
            ("policy blocks camera", Box::new(|c| c.camera_allowed_by_policy = Some(false)), false, NewTab, vec![PolicyBlocksCamera]),
            ("denied", Box::new(|c| c.camera_permission = PermissionState::Denied), false, NewTab, vec![CameraDenied]),
            (
                "in-app browser",
                Box::new(|c| c.webview = WebViewKind::InAppBrowser(crate::capability::InAppBrowser::Instagram)),
                false,
                NewTab,
                vec![InAppBrowser],
            ),
            ("ios webview is a note", Box::new(|c| c.webview = WebViewKind::IosWebView), false, Iframe, vec![IosWebView]),
            ("mic ignored when not needed", Box::new(|c| c.has_microphone = Some(false)), false, Iframe, vec![]),
            ("mic needed and missing", Box::new(|c| c.has_microphone = Some(false)), true, FileUpload, vec![NoMicrophone]),
            (
                "mic policy",
                Box::new(|c| c.microphone_allowed_by_policy = Some(false)),
                true,
                NewTab,
                vec![PolicyBlocksMicrophone],
            ),
            (
                "upload wins over new tab",
                Box::new(|c| {
                    c.has_camera = Some(false);
                    c.secure_context = false;
                    c.wasm_simd = false;
                }),
                false,
                FileUpload,
                vec![NoCamera, InsecureContext, NoWasmSimd],
            ),
        ];
        for (name, change, mic, mode, reasons) in cases {
            let mut c = healthy();
            change(&mut c);
            let r = recommend(&c, mic);
            assert_eq!((r.mode, r.reasons), (mode, reasons), "{name}");
        }
    }

    #[test]
    fn permission_names() {
        assert_eq!(PermissionState::from_name("granted"), PermissionState::Granted);
        assert_eq!(PermissionState::from_name("denied"), PermissionState::Denied);
        assert_eq!(PermissionState::from_name("prompt"), PermissionState::Prompt);
        assert_eq!(PermissionState::from_name("weird"), PermissionState::Unknown);
    }
}
