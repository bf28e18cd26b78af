//! After warm-up, reading frames allocates nothing on the Rust heap: a counting global allocator
//! watches 30 frames of each path (VideoFrame Y plane, VideoFrame RGBA, canvas).
#![cfg(target_arch = "wasm32")]
#![allow(unsafe_code, clippy::expect_used, clippy::unwrap_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use idv_web::frame_source::{
    FrameSource, FrameSourceOptions, Pacing, PathChoice, PixelFormat, Pixels,
};
use idv_web::{CameraOptions, CameraStream, VideoPreview};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call unchanged to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

async fn allocations_per_30_frames(path: PathChoice, pixels: PixelFormat) -> usize {
    let options = CameraOptions {
        width: Some(640),
        height: Some(480),
        ..CameraOptions::default()
    };
    let camera = CameraStream::open(&options).await.expect("camera");
    let preview = VideoPreview::attach(camera.media_stream(), None)
        .await
        .expect("preview");
    preview.ready(5_000).await.expect("frame");
    let mut source = FrameSource::new(
        preview.element(),
        FrameSourceOptions {
            path,
            pixels,
            pacing: Pacing::Auto,
        },
    )
    .expect("source");
    for _ in 0..5 {
        source.next().await.expect("warm-up frame");
    }
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let mut sum = 0u64;
    for _ in 0..30 {
        let frame = source.next().await.expect("frame");
        sum += match frame.pixels {
            Pixels::Luma { plane, .. } => u64::from(plane.width()),
            Pixels::Rgba(rgba) => rgba.data().len() as u64,
        };
    }
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    assert!(sum > 0);
    assert_eq!(source.stats().delivered, 35);
    allocations
}

#[wasm_bindgen_test]
async fn the_video_frame_luma_path_allocates_nothing_per_frame() {
    assert_eq!(
        allocations_per_30_frames(PathChoice::VideoFrame, PixelFormat::Luma).await,
        0
    );
}

#[wasm_bindgen_test]
async fn the_video_frame_rgba_path_allocates_nothing_per_frame() {
    assert_eq!(
        allocations_per_30_frames(PathChoice::VideoFrame, PixelFormat::Rgba).await,
        0
    );
}

#[wasm_bindgen_test]
async fn the_canvas_path_allocates_nothing_per_frame() {
    assert_eq!(
        allocations_per_30_frames(PathChoice::Canvas, PixelFormat::Rgba).await,
        0
    );
}
