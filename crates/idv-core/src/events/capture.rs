//! Typed fields of the module's own events (vendor `capture`): camera, devices, feedback,
//! captures and diagnostics. Each struct is the payload of one [`EventKind`] variant and its
//! fields sit next to `type` in the JSON object.
//!
//! [`EventKind`]: super::EventKind

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Payload of `cameraStarted`: the camera delivered its first frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CameraStarted {
    /// Width of the delivered frames, in pixels.
    pub width: u32,
    /// Height of the delivered frames, in pixels.
    pub height: u32,
    /// Which way the camera faces, when the browser says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub facing_mode: Option<FacingMode>,
    /// Frames per second the track reports, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub frame_rate: Option<f64>,
    /// The device label (empty before permission is granted, so often absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub label: Option<String>,
}

/// `MediaTrackSettings.facingMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum FacingMode {
    /// Front camera.
    User,
    /// Back camera.
    Environment,
    /// Left-facing camera.
    Left,
    /// Right-facing camera.
    Right,
}

/// Payload of `cameraStopped`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CameraStopped {
    /// Why it stopped.
    pub reason: StopReason,
}

/// Why a camera stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum StopReason {
    /// The integrator or the module stopped it (including on drop).
    Requested,
    /// The track ended on its own (device unplugged, permission revoked, OS took it).
    TrackEnded,
    /// The page was hidden and the camera was released.
    PageHidden,
    /// An error stopped it.
    Error,
}

/// Payload of `deviceError`: a camera or microphone could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeviceError {
    /// Which device.
    pub device: MediaDevice,
    /// What went wrong, from the browser's `DOMException` name.
    pub error: DeviceErrorKind,
    /// For `overconstrained`: the constraint that could not be satisfied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub constraint: Option<String>,
}

/// A capture device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum MediaDevice {
    /// A video input.
    Camera,
    /// An audio input.
    Microphone,
}

/// `getUserMedia` failures, by `DOMException` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum DeviceErrorKind {
    /// `NotAllowedError`: the user or a policy (iframe `allow`, insecure page) refused.
    NotAllowed,
    /// `NotFoundError`: no such device.
    NotFound,
    /// `NotReadableError`: the device is busy or failed at OS level.
    NotReadable,
    /// `OverconstrainedError`: no device satisfies the constraints.
    Overconstrained,
    /// `SecurityError`: media disabled for this document.
    Security,
    /// `AbortError`: the request was aborted.
    Aborted,
    /// No `getUserMedia` in this browser or context.
    NotSupported,
    /// Anything else.
    Other,
}

/// Payload of `feedback`: the guidance to show for the current frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    /// What is being captured.
    pub subject: CaptureSubject,
    /// The feedback code (AwareID vocabulary for faces: `FACE_TOO_FAR`, `FACE_COMPLIANT`, …;
    /// matching codes for documents, blur and glare).
    pub feedback: String,
    /// True when the frame meets every capture requirement.
    pub compliant: bool,
}

/// What a capture is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum CaptureSubject {
    /// A face (selfie, liveness).
    Face,
    /// The front of an identity document.
    DocumentFront,
    /// The back of an identity document.
    DocumentBack,
}

/// Payload of `captured`: a frame was captured and encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Captured {
    /// What the image shows.
    pub subject: CaptureSubject,
    /// Image width, in pixels.
    pub width: u32,
    /// Image height, in pixels.
    pub height: u32,
    /// The encoded image's MIME type (`image/jpeg`, `image/png`).
    pub mime_type: String,
    /// Encoded size in bytes.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Payload of `diagnostic`: an embedding-doctor finding or a capability-probe result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// A stable identifier of the check (`"iframeAllowCamera"`, `"secureContext"`, …).
    pub check: String,
    /// How serious a failed check is.
    pub severity: Severity,
    /// Whether the check passed.
    pub passed: bool,
    /// Details for a person reading the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
    /// How to fix a failed check, for the integrator (developer-facing English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hint: Option<String>,
}

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Severity {
    /// For information.
    Info,
    /// Something may not work.
    Warning,
    /// Something will not work.
    Error,
}
