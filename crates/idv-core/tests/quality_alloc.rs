//! Proof that the analyzer does not touch the heap per frame once warmed up: a counting global
//! allocator around `System`. Alone in its test binary so no other test allocates concurrently.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod alloc_counter;
mod quality_support;


use idv_core::frame::{LumaRange, Rect, RgbaFrame, YPlane};
use idv_core::quality::{QualityAnalyzer, QualityOptions, Subject};
use quality_support::{grey_rgba, text_like};


#[test]
fn no_heap_allocation_per_frame_after_the_first() {
    let frames: Vec<Vec<u8>> =
        (0..4u32).map(|i| grey_rgba(1280, 720, |x, y| text_like(x + 3 * i, y))).collect();
    let mut a = QualityAnalyzer::new(QualityOptions::default()).unwrap();
    let roi = Rect::new(320, 160, 640, 400);
    let first = RgbaFrame::new(&frames[0], 1280, 720).unwrap();
    let cold = alloc_counter::allocations();
    a.analyze_rgba(&first, roi, Subject::Document).unwrap();
    assert!(alloc_counter::allocations() > cold, "the counter sees the warm-up allocations");
    let y_data = vec![128u8; 1280 * 720];
    let y = YPlane::new(&y_data, 1280, 720, 1280).unwrap();

    let before = alloc_counter::allocations();
    let mut compliant = 0;
    for buf in frames.iter().cycle().take(12) {
        let f = RgbaFrame::new(buf, 1280, 720).unwrap();
        let r = a.analyze_rgba(&f, roi, Subject::Document).unwrap();
        compliant += usize::from(r.compliant());
    }
    a.analyze_luma(&y, LumaRange::Limited, roi, Subject::Document).unwrap();
    let after = alloc_counter::allocations();
    assert_eq!(after - before, 0, "allocations during 13 analysed frames");
    assert_eq!(compliant, 0, "the frames move, so none is steady"); // keeps the reports alive
}
