//! A counting global allocator around `System`, for the tests that prove a per-frame path does
//! not touch the heap once warmed up. Include with `mod alloc_counter;` in a test binary of its
//! own (so no other test allocates concurrently) and read [`allocations`].
#![allow(unsafe_code)] // `GlobalAlloc` is an unsafe trait; this only forwards to `System`.
#![allow(unreachable_pub)] // shared test support: `pub` for the test binaries that include it

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// Allocations (and reallocations) so far in this test binary.
pub fn allocations() -> usize {
    ALLOCATIONS.load(Ordering::SeqCst)
}
