//! [`PreflightOptions`]: what the preflight tests and the bar each check must pass.

use crate::camera::FacingMode;

/// What to test and the bar to pass.
#[derive(Debug, Clone, PartialEq)]
pub struct PreflightOptions {
    pub camera: bool,
    pub microphone: bool,
    /// Asked camera size (as `ideal`). Default 640×480.
    pub width: u32,
    pub height: u32,
    pub facing: Option<FacingMode>,
    /// Lowest acceptable frame rate. Default 15.
    pub min_fps: f64,
    /// How long the camera is measured. Default 1000 ms.
    pub camera_ms: u32,
    /// The microphone's peak must rise above this at least once. Default -60 dBFS (a working
    /// microphone's noise floor is above it; a dead or muted one gives digital silence).
    pub min_signal_dbfs: f64,
    /// How long the microphone is measured. Default 1000 ms.
    pub microphone_ms: u32,
}

impl Default for PreflightOptions {
    fn default() -> Self {
        Self {
            camera: true,
            microphone: true,
            width: 640,
            height: 480,
            facing: Some(FacingMode::User),
            min_fps: 15.0,
            camera_ms: 1000,
            min_signal_dbfs: -60.0,
            microphone_ms: 1000,
        }
    }
}
