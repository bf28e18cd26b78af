//! [`CameraError`]: every way opening or driving a camera (or microphone) fails, mapped from
//! the browser's `DOMException` names, with its `deviceError` event and an explanation that
//! names the way out.

use idv_core::events::{DeviceError, DeviceErrorKind, EventBody, EventKind, MediaDevice};
use wasm_bindgen::JsValue;

use crate::dom;

/// Why the camera could not be opened (mapped from the browser's `DOMException` names) or a
/// camera operation could not be done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CameraError {
    /// `NotAllowedError` / `SecurityError`: the user or the page's policy refused.
    #[error("camera permission denied ({name})")]
    PermissionDenied { name: String },
    /// `NotFoundError`: no camera (or microphone) matches.
    #[error("no camera or microphone found")]
    NoDevice,
    /// `NotReadableError`: the device exists but another application holds it or it failed.
    #[error("the camera is in use or could not be started")]
    InUse,
    /// `OverconstrainedError`: no device can satisfy the named constraint.
    #[error("no camera satisfies the constraint `{constraint}`")]
    UnsupportedConstraint { constraint: String },
    /// No `navigator.mediaDevices`: an insecure context (plain http off localhost) or an old
    /// WebView.
    #[error("camera unavailable: {reason}")]
    Unavailable { reason: &'static str },
    /// The request was superseded by `stop()` or a newer `open()`/`switch` before the browser
    /// answered; whatever it opened has been stopped.
    #[error("the camera request was cancelled by a newer request")]
    Cancelled,
    /// No camera is open (torch, settings).
    #[error("no camera is open")]
    NotOpen,
    /// The open camera has no torch (`getCapabilities().torch` absent or false).
    #[error("this camera has no torch")]
    TorchUnsupported,
    /// `AbortError` and anything not listed above, with the browser's own name and message.
    #[error("camera failed: {name}: {message}")]
    Other { name: String, message: String },
}

impl CameraError {
    /// Maps a value thrown by `getUserMedia` to its typed error.
    pub fn from_js(err: &JsValue) -> Self {
        let name = dom::error_name(err).unwrap_or_default();
        match name.as_str() {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => {
                Self::PermissionDenied { name }
            }
            "NotFoundError" | "DevicesNotFoundError" => Self::NoDevice,
            "NotReadableError" | "TrackStartError" => Self::InUse,
            "OverconstrainedError" | "ConstraintNotSatisfiedError" => {
                let constraint = js_sys::Reflect::get(err, &"constraint".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                Self::UnsupportedConstraint { constraint }
            }
            _ => Self::Other {
                name,
                message: dom::error_message(err),
            },
        }
    }

    /// The `deviceError` kind this failure is reported as; `None` for outcomes that are not a
    /// device failure (a cancelled request, a torch or state error).
    pub fn device_error_kind(&self) -> Option<DeviceErrorKind> {
        Some(match self {
            Self::PermissionDenied { name } if name == "SecurityError" => DeviceErrorKind::Security,
            Self::PermissionDenied { .. } => DeviceErrorKind::NotAllowed,
            Self::NoDevice => DeviceErrorKind::NotFound,
            Self::InUse => DeviceErrorKind::NotReadable,
            Self::UnsupportedConstraint { .. } => DeviceErrorKind::Overconstrained,
            Self::Unavailable { .. } => DeviceErrorKind::NotSupported,
            Self::Other { name, .. } if name == "AbortError" => DeviceErrorKind::Aborted,
            Self::Other { .. } => DeviceErrorKind::Other,
            Self::Cancelled | Self::NotOpen | Self::TorchUnsupported => return None,
        })
    }

    /// A stable camelCase code for JS: the `deviceError` kind, or `cancelled`, `notOpen`,
    /// `torchUnsupported`.
    pub fn code(&self) -> &'static str {
        match self.device_error_kind() {
            Some(DeviceErrorKind::NotAllowed) => "notAllowed",
            Some(DeviceErrorKind::NotFound) => "notFound",
            Some(DeviceErrorKind::NotReadable) => "notReadable",
            Some(DeviceErrorKind::Overconstrained) => "overconstrained",
            Some(DeviceErrorKind::Security) => "security",
            Some(DeviceErrorKind::Aborted) => "aborted",
            Some(DeviceErrorKind::NotSupported) => "notSupported",
            Some(_) => "other",
            None => match self {
                Self::Cancelled => "cancelled",
                Self::NotOpen => "notOpen",
                _ => "torchUnsupported",
            },
        }
    }

    /// The constraint an `OverconstrainedError` named.
    pub fn constraint(&self) -> Option<&str> {
        match self {
            Self::UnsupportedConstraint { constraint } if !constraint.is_empty() => {
                Some(constraint)
            }
            _ => None,
        }
    }

    /// What to tell the integrator (and, reworded, the user): why it failed and the way out.
    pub fn explanation(&self, device: MediaDevice) -> String {
        let what = match device {
            MediaDevice::Microphone => "microphone",
            _ => "camera",
        };
        match self.device_error_kind() {
            Some(DeviceErrorKind::NotAllowed) => format!(
                "Access to the {what} was refused. The user can allow it in the browser's site \
                 settings (the icon left of the address) and retry; inside an iframe the embedding \
                 page must grant it with allow=\"camera; microphone\"."
            ),
            Some(DeviceErrorKind::Security) => {
                format!("The {what} is disabled for this document (policy or insecure context).")
            }
            Some(DeviceErrorKind::NotFound) => format!("No {what} was found on this device."),
            Some(DeviceErrorKind::NotReadable) => format!(
                "The {what} could not be started: another application or tab may be using it. \
                 Close it and retry."
            ),
            Some(DeviceErrorKind::Overconstrained) => format!(
                "No {what} satisfies the constraint `{}`.",
                self.constraint().unwrap_or("?")
            ),
            Some(DeviceErrorKind::NotSupported) => format!(
                "This browser or context cannot use the {what} ({self}). Serve the page over \
                 https and use a current browser."
            ),
            _ => self.to_string(),
        }
    }

    /// The `deviceError` event for this failure, or `None` when it is no device failure.
    pub fn event(&self, device: MediaDevice) -> Option<EventBody> {
        let error = self.device_error_kind()?;
        let payload = DeviceError {
            device,
            error,
            constraint: self.constraint().map(str::to_owned),
        };
        Some(
            EventBody::capture(EventKind::DeviceError(payload))
                .with_message(Some(self.explanation(device))),
        )
    }
}
