//! Proof that face detection does not touch the heap per frame once warmed up: a counting global
//! allocator around `System`. Alone in its test binary so no other test allocates concurrently.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod alloc_counter;
mod face_support;


use face_support::{Rgba, detector, frame, scene};
use idv_core::frame::{Rect, RgbaFrame};


#[test]
fn no_heap_allocation_per_frame_after_the_first() {
    let astronaut = frame(0);
    let frames = [
        astronaut.clone(), // one face
        scene(
            &astronaut,
            140.0,
            &[(1.5, 0.0, (200.0, 240.0)), (1.5, 0.0, (440.0, 240.0))],
        ), // two
        Rgba::filled(640, 480, [128, 128, 128]), // none
    ];
    let mut d = detector();
    let region = Rect::new(100, 0, 440, 480);
    let warm = RgbaFrame::new(&frames[0].data, 640, 480).expect("frame");
    let cold = alloc_counter::allocations();
    d.detect(&warm, None).expect("detect");
    d.detect(&warm, Some(region)).expect("detect");
    assert!(
        alloc_counter::allocations() > cold,
        "the counter sees the warm-up allocations"
    );

    let mut counts = Vec::with_capacity(8);
    let before = alloc_counter::allocations();
    for f in &frames {
        let frame = RgbaFrame::new(&f.data, 640, 480).expect("frame");
        counts.push(d.detect(&frame, None).expect("detect").len());
        counts.push(d.detect(&frame, Some(region)).expect("detect").len());
    }
    let after = alloc_counter::allocations();
    assert_eq!(after - before, 0, "allocations during warmed-up detection");
    assert_eq!(counts, vec![1, 1, 2, 2, 0, 0]);
}
