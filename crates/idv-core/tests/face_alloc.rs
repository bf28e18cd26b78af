//! Proof that face detection does not touch the heap per frame once warmed up: a counting global
//! allocator around `System`. Alone in its test binary so no other test allocates concurrently.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(unsafe_code)] // `GlobalAlloc` is an unsafe trait; this only forwards to `System`.

mod face_support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use face_support::{Rgba, detector, frame, scene};
use idv_core::frame::{Rect, RgbaFrame};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: as for `dealloc`; `new_size` is passed through.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

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
    let cold = ALLOCATIONS.load(Ordering::SeqCst);
    d.detect(&warm, None).expect("detect");
    d.detect(&warm, Some(region)).expect("detect");
    assert!(
        ALLOCATIONS.load(Ordering::SeqCst) > cold,
        "the counter sees the warm-up allocations"
    );

    let mut counts = Vec::with_capacity(8);
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    for f in &frames {
        let frame = RgbaFrame::new(&f.data, 640, 480).expect("frame");
        counts.push(d.detect(&frame, None).expect("detect").len());
        counts.push(d.detect(&frame, Some(region)).expect("detect").len());
    }
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    assert_eq!(after - before, 0, "allocations during warmed-up detection");
    assert_eq!(counts, vec![1, 1, 2, 2, 0, 0]);
}
