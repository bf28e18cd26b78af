//! Records each check twice: as a `diagnostic` event in the stream and as a line of the report;
//! and the permission checks built on it.

use idv_core::events::{Diagnostic, EventBody, EventKind, Severity};

use super::PermissionState;
use super::report::PreflightCheck;
use crate::EventStream;

pub(super) struct Recorder<'a> {
    pub(super) events: Option<&'a EventStream>,
    pub(super) checks: Vec<PreflightCheck>,
}

impl Recorder<'_> {
    pub(super) fn record(
        &mut self,
        check: &str,
        passed: bool,
        severity: Severity,
        detail: String,
        hint: Option<&str>,
    ) {
        let hint = if passed {
            None
        } else {
            hint.map(str::to_owned)
        };
        if let Some(events) = self.events {
            events.push(EventBody::capture(EventKind::Diagnostic(Diagnostic {
                check: check.to_owned(),
                severity: if passed { Severity::Info } else { severity },
                passed,
                detail: Some(detail.clone()),
                hint: hint.clone(),
            })));
        }
        self.checks.push(PreflightCheck {
            check: check.to_owned(),
            passed,
            severity,
            detail,
            hint,
        });
    }
}

pub(super) fn permission_check(rec: &mut Recorder<'_>, check: &str, what: &str, state: PermissionState) {
    let detail = format!(
        "{what} permission: {}",
        match state {
            PermissionState::Granted => "granted",
            PermissionState::Denied => "denied",
            PermissionState::Prompt => "not decided yet (the browser will ask)",
            PermissionState::Unknown => "unknown (no Permissions API for it)",
        }
    );
    rec.record(
        check,
        state != PermissionState::Denied,
        Severity::Error,
        detail,
        Some("The user refused it earlier: it must be allowed again in the browser's site settings (the icon left of the address), then the page reloaded."),
    );
}
