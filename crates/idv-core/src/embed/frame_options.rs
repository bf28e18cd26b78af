//! [`FrameOptions`]: the integrator's choices for a frame policy (mode, referrer policy, sandbox,
//! title, loading).

use super::loading::Loading;
use super::mode::EmbedMode;
use super::referrer_policy::ReferrerPolicy;
use super::sandbox::Sandbox;

/// Integrator choices for a [`FramePolicy`](super::FramePolicy); [`Default`] is the recommended policy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrameOptions {
    pub(super) mode: Option<EmbedMode>,
    pub(super) referrer_policy: ReferrerPolicy,
    pub(super) sandbox: Option<Sandbox>,
    pub(super) title: Option<String>,
    pub(super) loading: Loading,
}

impl FrameOptions {
    /// The defaults: the vendor's default mode, `strict-origin-when-cross-origin`, no sandbox,
    /// the English title, `eager`.
    pub fn new() -> FrameOptions {
        FrameOptions::default()
    }

    /// The embed mode (default [`EmbedMode::default_for`] the vendor).
    #[must_use]
    pub fn with_mode(mut self, mode: EmbedMode) -> FrameOptions {
        self.mode = Some(mode);
        self
    }

    /// The referrer policy.
    #[must_use]
    pub fn with_referrer_policy(mut self, policy: ReferrerPolicy) -> FrameOptions {
        self.referrer_policy = policy;
        self
    }

    /// Opts in to a sandbox ([`Sandbox`] explains why none is the default).
    #[must_use]
    pub fn with_sandbox(mut self, sandbox: Sandbox) -> FrameOptions {
        self.sandbox = Some(sandbox);
        self
    }

    /// The accessible name (a translation of [`default_title`](super::default_title)).
    #[must_use]
    pub fn with_title(mut self, title: impl Into<String>) -> FrameOptions {
        self.title = Some(title.into());
        self
    }

    /// The loading mode.
    #[must_use]
    pub fn with_loading(mut self, loading: Loading) -> FrameOptions {
        self.loading = loading;
        self
    }
}
