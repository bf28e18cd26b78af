//! The JSON names of the capture enums, one table per enum.

use crate::events::capture::{
    CaptureSubject, DeviceErrorKind, FacingMode, MediaDevice, Severity, StopReason,
};
use crate::events::envelope::ProgressStep;

/// The JSON names of the capture enums, as their serde attributes spell them (checked against
/// serde in the tests).
pub(super) const PROGRESS_STEPS: &[(&str, ProgressStep)] = &[
    ("deviceCheckPassed", ProgressStep::DeviceCheckPassed),
    ("operatorAnswered", ProgressStep::OperatorAnswered),
    ("operatorNotAnswered", ProgressStep::OperatorNotAnswered),
];
pub(super) const FACING_MODES: &[(&str, FacingMode)] = &[
    ("user", FacingMode::User),
    ("environment", FacingMode::Environment),
    ("left", FacingMode::Left),
    ("right", FacingMode::Right),
];
pub(super) const STOP_REASONS: &[(&str, StopReason)] = &[
    ("requested", StopReason::Requested),
    ("trackEnded", StopReason::TrackEnded),
    ("pageHidden", StopReason::PageHidden),
    ("error", StopReason::Error),
];
pub(super) const MEDIA_DEVICES: &[(&str, MediaDevice)] = &[
    ("camera", MediaDevice::Camera),
    ("microphone", MediaDevice::Microphone),
];
pub(super) const DEVICE_ERROR_KINDS: &[(&str, DeviceErrorKind)] = &[
    ("notAllowed", DeviceErrorKind::NotAllowed),
    ("notFound", DeviceErrorKind::NotFound),
    ("notReadable", DeviceErrorKind::NotReadable),
    ("overconstrained", DeviceErrorKind::Overconstrained),
    ("security", DeviceErrorKind::Security),
    ("aborted", DeviceErrorKind::Aborted),
    ("notSupported", DeviceErrorKind::NotSupported),
    ("other", DeviceErrorKind::Other),
];
pub(super) const CAPTURE_SUBJECTS: &[(&str, CaptureSubject)] = &[
    ("face", CaptureSubject::Face),
    ("documentFront", CaptureSubject::DocumentFront),
    ("documentBack", CaptureSubject::DocumentBack),
];
pub(super) const SEVERITIES: &[(&str, Severity)] = &[
    ("info", Severity::Info),
    ("warning", Severity::Warning),
    ("error", Severity::Error),
];
