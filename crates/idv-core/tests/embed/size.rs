//! Jumio's size classes at their boundaries.

use idv_core::embed::{SizeClass, size_class_for};
use serde_json::json;

#[test]
fn size_classes_at_boundaries() {
    use SizeClass::*;
    // (container w, h, class, iframe w, h)
    let table: &[(u32, u32, SizeClass, u32, u32)] = &[
        (1280, 800, Large, 1280, 800),
        (900, 710, Large, 900, 710),
        (899, 710, Medium, 640, 660),
        (900, 709, Medium, 640, 660),
        (800, 700, Medium, 640, 660),
        (640, 660, Medium, 640, 660),
        (2000, 660, Medium, 640, 660),
        (639, 660, Small, 560, 600),
        (640, 659, Small, 560, 600),
        (560, 600, Small, 560, 600),
        (559, 600, XSmall, 480, 535),
        (560, 599, XSmall, 480, 535),
        (480, 535, XSmall, 480, 535),
        (375, 667, XSmall, 375, 535),
        (320, 480, XSmall, 320, 480),
        (0, 0, XSmall, 0, 0),
        (u32::MAX, u32::MAX, Large, u32::MAX, u32::MAX),
    ];
    for &(w, h, class, fw, fh) in table {
        let size = size_class_for(w, h);
        assert_eq!(
            (size.class, size.width, size.height),
            (class, fw, fh),
            "{w}×{h}"
        );
    }
    assert_eq!(
        serde_json::to_value(size_class_for(500, 500)).unwrap(),
        json!({"class": "xSmall", "width": 480, "height": 500})
    );
    assert_eq!(SizeClass::Large.documented_size(), (900, 710));
}
