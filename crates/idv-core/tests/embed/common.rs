//! Shared by the embed integration tests: vendor URLs and a Jumio policy built from them.

use idv_core::embed::{EmbedMode, FrameOptions, FramePolicy};
use idv_core::events::{OriginRules, Vendor};

pub(crate) const JUMIO_URL: &str = "https://acme.netverify.com/web/v4/app?locale=en-GB&authorizationToken=x";
pub(crate) const LIVEID_URL: &str = "https://liveid.test.namirialtsp.com/embedded/session/123";
pub(crate) const JUMIO_ORIGIN: &str = "https://acme.netverify.com";

pub(crate) fn jumio_policy(mode: EmbedMode) -> FramePolicy {
    FramePolicy::new(
        Vendor::Jumio,
        JUMIO_URL,
        &OriginRules::with_defaults(),
        &FrameOptions::new().with_mode(mode),
    )
    .unwrap()
}
