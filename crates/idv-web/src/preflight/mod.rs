//! Media preflight: camera delivers moving frames at the asked size and rate, microphone has
//! signal, permissions, secure context.
//!
//! Our own take on the network-and-media test vendors run before a session (LiveID+'s
//! `WEBRTCTEST`): every check is a `diagnostic` event (`check`, `passed`, `detail`, `hint`) and
//! a line of the returned [`PreflightReport`].

mod camera_check;
mod microphone_check;
mod options;
mod recorder;
mod report;

use idv_core::events::Severity;

use crate::{EventStream, dom};

use camera_check::measure_camera;
use microphone_check::measure_microphone;
use recorder::{Recorder, permission_check};

/// The Permissions API answer, as the capability probe reports it.
pub use idv_core::capability::PermissionState;

pub use options::PreflightOptions;
pub use report::{CameraMeasurement, MicrophoneMeasurement, PreflightCheck, PreflightReport};

/// Runs the preflight. Each check is reported into `events` as it completes.
pub async fn run(options: &PreflightOptions, events: Option<&EventStream>) -> PreflightReport {
    let mut rec = Recorder {
        events,
        checks: Vec::new(),
    };
    let secure = dom::window().is_ok_and(|w| w.is_secure_context());
    rec.record(
        "secureContext",
        secure,
        Severity::Error,
        format!(
            "the page is {}a secure context",
            if secure { "" } else { "not " }
        ),
        Some("Browsers only give the camera and microphone to https pages (and http://localhost)."),
    );
    let camera_permission = crate::embed::permission_state("camera").await;
    let microphone_permission = crate::embed::permission_state("microphone").await;
    if options.camera {
        permission_check(&mut rec, "permissionCamera", "camera", camera_permission);
    }
    if options.microphone {
        permission_check(
            &mut rec,
            "permissionMicrophone",
            "microphone",
            microphone_permission,
        );
    }
    let camera = if options.camera {
        measure_camera(options, &mut rec).await
    } else {
        None
    };
    let microphone = if options.microphone {
        measure_microphone(options, &mut rec).await
    } else {
        None
    };
    let passed = rec
        .checks
        .iter()
        .all(|c| c.passed || c.severity != Severity::Error);
    PreflightReport {
        passed,
        secure_context: secure,
        camera_permission,
        microphone_permission,
        camera,
        microphone,
        checks: rec.checks,
    }
}
