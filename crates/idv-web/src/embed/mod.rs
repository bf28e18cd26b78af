//! Vendor frames in the page: creation and adoption with the vendor's policy
//! ([`idv_core::embed::FramePolicy`]), the embedding doctor, the load watchdog, launch modes and
//! the capability probe.

mod doctor;
mod features;
mod frame;
mod launch;
mod probe;
mod sizing;
mod watchdog;

pub use doctor::check_page;
pub(crate) use features::permission_state;
pub use frame::{EmbedWebError, FrameWatch, VendorFrame};
pub use launch::{LaunchError, open_in_new_tab, redirect_to};
pub use probe::{capability_event, probe_capabilities};
