//! What the preflight returns: one [`PreflightCheck`] per check, the camera and microphone
//! measurements, and the [`PreflightReport`] summing them up.

use idv_core::events::Severity;
use serde::Serialize;

use super::PermissionState;

/// One check's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreflightCheck {
    pub check: String,
    pub passed: bool,
    pub severity: Severity,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// What the camera measurement saw.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CameraMeasurement {
    pub width: u32,
    pub height: u32,
    /// Frames per second over the measurement (delivered and skipped frames).
    pub fps: f64,
    /// Frames read.
    pub frames: u64,
    /// Frames that differed from the one before.
    pub changed_frames: u64,
}

/// What the microphone measurement saw.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MicrophoneMeasurement {
    /// Loudest peak over the measurement, dBFS (`null` in JSON for digital silence).
    pub peak_dbfs: f64,
    /// Loudest window RMS, dBFS.
    pub rms_dbfs: f64,
    pub samples: u32,
}

/// The preflight's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreflightReport {
    /// No check of severity `error` failed.
    pub passed: bool,
    pub secure_context: bool,
    pub camera_permission: PermissionState,
    pub microphone_permission: PermissionState,
    pub camera: Option<CameraMeasurement>,
    pub microphone: Option<MicrophoneMeasurement>,
    pub checks: Vec<PreflightCheck>,
}
