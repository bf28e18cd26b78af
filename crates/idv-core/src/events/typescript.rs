//! TypeScript declarations of the event types, generated with `ts-rs`.
//!
//! The committed snapshot `crates/idv-core/bindings/events.d.ts` is compared with
//! [`typescript_declarations`] by `tests/events/envelope.rs` (`UPDATE_SNAPSHOTS=1` rewrites it);
//! the wasm crate `include_str!`s that file.

use ts_rs::{Config, TS};

use super::capture::{
    CameraStarted, CameraStopped, CaptureSubject, Captured, DeviceError, DeviceErrorKind,
    Diagnostic, FacingMode, Feedback, MediaDevice, Severity, StopReason,
};
use super::envelope::{Event, EventBody, EventKind, ProgressStep, Vendor};

/// The header of the generated file.
const HEADER: &str = "// Event types of idv-capture, generated from the Rust types in idv-core \
(crates/idv-core/src/events) by ts-rs.\n// Do not edit: run `UPDATE_SNAPSHOTS=1 cargo test -p \
idv-core --test events` to regenerate.\n";

/// The full `.d.ts` text for the public event types: `JsonValue`, `Vendor`, `ProgressStep`, the
/// capture payloads and their enums, `EventKind`, `EventBody` and `Event`, each as
/// `export type …;` with its doc comment.
pub fn typescript_declarations() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(HEADER);
    let decls = [
        declaration::<serde_json::Value>(&cfg),
        declaration::<Vendor>(&cfg),
        declaration::<ProgressStep>(&cfg),
        declaration::<FacingMode>(&cfg),
        declaration::<StopReason>(&cfg),
        declaration::<MediaDevice>(&cfg),
        declaration::<DeviceErrorKind>(&cfg),
        declaration::<CaptureSubject>(&cfg),
        declaration::<Severity>(&cfg),
        declaration::<CameraStarted>(&cfg),
        declaration::<CameraStopped>(&cfg),
        declaration::<DeviceError>(&cfg),
        declaration::<Feedback>(&cfg),
        declaration::<Captured>(&cfg),
        declaration::<Diagnostic>(&cfg),
        declaration::<EventKind>(&cfg),
        declaration::<EventBody>(&cfg),
        declaration::<Event>(&cfg),
    ];
    for decl in decls {
        out.push('\n');
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

/// `/** docs */ export type Name = …;` for one type.
fn declaration<T: TS>(cfg: &Config) -> String {
    let mut out = T::docs().unwrap_or_default();
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out
}
