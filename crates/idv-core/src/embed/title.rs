//! Accessible names of vendor iframes: every English string of this module, in one place, so a
//! translation replaces this table (or passes its own title in
//! [`FrameOptions`](super::FrameOptions)).
//!
//! An iframe needs a `title` for screen readers (WCAG 2.x, 4.1.2 "Name, Role, Value"); it names
//! what the frame is for, not the vendor's brand alone.

use crate::events::Vendor;

/// The English accessible name of each embeddable vendor's frame.
pub const DEFAULT_TITLES: [(Vendor, &str); 2] = [
    (Vendor::Jumio, "Jumio identity verification"),
    (Vendor::LiveId, "Namirial LiveID+ video identification"),
];

/// The default accessible name for `vendor`'s frame, if it has an iframe mode.
pub fn default_title(vendor: Vendor) -> Option<&'static str> {
    DEFAULT_TITLES
        .into_iter()
        .find(|(v, _)| *v == vendor)
        .map(|(_, title)| title)
}
