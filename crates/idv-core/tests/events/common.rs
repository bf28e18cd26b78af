//! Helpers shared by the events integration tests: the vendor samples in
//! `shared/reference/samples` (beside the workspace), read at test time.

use std::path::PathBuf;

use idv_core::events::{DecodeOptions, EventBody, MessageData, Vendor, decode_message};

/// `/work/shared/reference/samples` for a workspace at `/work/main`.
pub(crate) fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/samples")
}

/// Every sample file as (path relative to the samples dir, e.g. `parsed/x.json`, contents),
/// sorted. Panics — failing the test — when the directory is missing or holds no file.
pub(crate) fn all_samples() -> Vec<(String, String)> {
    let root = samples_dir();
    let mut out = Vec::new();
    let mut dirs = vec![(root.clone(), String::new())];
    while let Some((dir, prefix)) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
            panic!(
                "samples directory {} is missing or unreadable: {e}",
                dir.display()
            )
        });
        for entry in entries {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                dirs.push((entry.path(), format!("{name}/")));
            } else {
                out.push((name, std::fs::read_to_string(entry.path()).unwrap()));
            }
        }
    }
    out.sort();
    assert!(
        out.len() >= 30,
        "expected the vendor samples in {}, found {}",
        root.display(),
        out.len()
    );
    out
}

/// One sample's contents by relative path.
pub(crate) fn sample(name: &str) -> String {
    let path = samples_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// One `.json` sample, parsed.
pub(crate) fn sample_json(name: &str) -> serde_json::Value {
    serde_json::from_str(&sample(name)).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
}

/// Decodes with default options; the message must not be rejected.
pub(crate) fn decode(vendor: Vendor, data: impl Into<MessageData>) -> EventBody {
    decode_message(vendor, data.into(), &DecodeOptions::default()).unwrap()
}

pub(crate) fn summary(b: &EventBody) -> (&'static str, bool, Option<&str>, Option<&str>) {
    (
        b.type_name(),
        b.terminal,
        b.code.as_deref(),
        b.session_id.as_deref(),
    )
}

pub(crate) const UNKNOWN: (&str, bool, Option<&str>, Option<&str>) = ("unknown", false, None, None);

/// Decodes a LiveID+ message given as a JSON value.
pub(crate) fn live(value: serde_json::Value) -> EventBody {
    decode(Vendor::LiveId, value)
}
