//! Accessible names: one table of default titles, overridable per frame.

use idv_core::embed::{FrameOptions, FramePolicy, default_title};
use idv_core::events::{OriginRules, Vendor};

use crate::common::JUMIO_URL;

#[test]
fn titles_come_from_one_table() {
    assert_eq!(
        default_title(Vendor::Jumio),
        Some("Jumio identity verification")
    );
    assert_eq!(
        default_title(Vendor::LiveId),
        Some("Namirial LiveID+ video identification")
    );
    for vendor in [
        Vendor::Authenteq,
        Vendor::Vult,
        Vendor::AwareId,
        Vendor::Capture,
    ] {
        assert_eq!(default_title(vendor), None, "{vendor}");
    }
    let policy = FramePolicy::new(
        Vendor::Jumio,
        JUMIO_URL,
        &OriginRules::with_defaults(),
        &FrameOptions::new().with_title("Vérification d'identité Jumio"),
    )
    .unwrap();
    assert_eq!(policy.title(), "Vérification d'identité Jumio");
}
