//! Pure-Rust core of idv-capture.
//!
//! Nothing in this crate touches the browser: it compiles and is tested natively, and the browser
//! layer (`idv-web`) and the JS bindings (`idv-wasm`) are thin shells over it.
//!
//! - [`frame`]: validated views over RGBA8 pixel buffers, luma, regions.

pub mod frame;
