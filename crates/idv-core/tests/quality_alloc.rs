//! Proof that the analyzer does not touch the heap per frame once warmed up: a counting global
//! allocator around `System`. Alone in its test binary so no other test allocates concurrently.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(unsafe_code)] // `GlobalAlloc` is an unsafe trait; this only forwards to `System`.

mod quality_support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use idv_core::frame::{LumaRange, Rect, RgbaFrame, YPlane};
use idv_core::quality::{QualityAnalyzer, QualityOptions, Subject};
use quality_support::{grey_rgba, text_like};

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
    let frames: Vec<Vec<u8>> =
        (0..4u32).map(|i| grey_rgba(1280, 720, |x, y| text_like(x + 3 * i, y))).collect();
    let mut a = QualityAnalyzer::new(QualityOptions::default()).unwrap();
    let roi = Rect::new(320, 160, 640, 400);
    let first = RgbaFrame::new(&frames[0], 1280, 720).unwrap();
    let cold = ALLOCATIONS.load(Ordering::SeqCst);
    a.analyze_rgba(&first, roi, Subject::Document).unwrap();
    assert!(ALLOCATIONS.load(Ordering::SeqCst) > cold, "the counter sees the warm-up allocations");
    let y_data = vec![128u8; 1280 * 720];
    let y = YPlane::new(&y_data, 1280, 720, 1280).unwrap();

    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let mut compliant = 0;
    for buf in frames.iter().cycle().take(12) {
        let f = RgbaFrame::new(buf, 1280, 720).unwrap();
        let r = a.analyze_rgba(&f, roi, Subject::Document).unwrap();
        compliant += usize::from(r.compliant());
    }
    a.analyze_luma(&y, LumaRange::Limited, roi, Subject::Document).unwrap();
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    assert_eq!(after - before, 0, "allocations during 13 analysed frames");
    assert_eq!(compliant, 0, "the frames move, so none is steady"); // keeps the reports alive
}
