//! Jumio's iframe size classes (vendors.md, Jumio "Web": Large ≥900×710, Medium 640×660,
//! Small 560×600, X-Small ≤480×535 px) and the iframe size to use in a given container.
//!
//! Choice for containers between two classes: the **largest class that fits in both
//! dimensions** is chosen, and the iframe gets
//!
//! - Large: the whole container (the class is open-ended, ≥900×710);
//! - Medium, Small: exactly the class size (640×660, 560×600), to be centred in the container —
//!   a layout the vendor designed for, rather than an in-between size it did not document;
//! - X-Small (the container is narrower than 560 or lower than 600): the container, capped at
//!   480×535 (the class is documented as "at most").
//!
//! So an 800×700 container gets Medium at 640×660: Large needs 900 wide *and* 710 high.

use serde::Serialize;

/// A Jumio size class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum SizeClass {
    /// At least 900×710.
    Large,
    /// 640×660.
    Medium,
    /// 560×600.
    Small,
    /// At most 480×535 (`"xSmall"`).
    XSmall,
}

impl SizeClass {
    /// Every class, largest first.
    pub const ALL: [SizeClass; 4] = [
        SizeClass::Large,
        SizeClass::Medium,
        SizeClass::Small,
        SizeClass::XSmall,
    ];

    /// The documented size, `(width, height)` in CSS pixels: the minimum for Large, the maximum
    /// for X-Small, the exact size otherwise.
    pub fn documented_size(self) -> (u32, u32) {
        match self {
            SizeClass::Large => (900, 710),
            SizeClass::Medium => (640, 660),
            SizeClass::Small => (560, 600),
            SizeClass::XSmall => (480, 535),
        }
    }
}

/// A size class and the iframe size recommended for it, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FrameSize {
    /// The class chosen.
    pub class: SizeClass,
    /// The iframe width.
    pub width: u32,
    /// The iframe height.
    pub height: u32,
}

/// The largest Jumio size class that fits a `container_width` × `container_height` container,
/// and the iframe size for it (module docs).
pub fn size_class_for(container_width: u32, container_height: u32) -> FrameSize {
    let fits = |class: SizeClass| {
        let (w, h) = class.documented_size();
        container_width >= w && container_height >= h
    };
    let class = [SizeClass::Large, SizeClass::Medium, SizeClass::Small]
        .into_iter()
        .find(|c| fits(*c))
        .unwrap_or(SizeClass::XSmall);
    let (w, h) = class.documented_size();
    let (width, height) = match class {
        SizeClass::Large => (container_width, container_height),
        SizeClass::XSmall => (container_width.min(w), container_height.min(h)),
        _ => (w, h),
    };
    FrameSize {
        class,
        width,
        height,
    }
}
