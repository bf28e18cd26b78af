//! Browser layer of idv-capture.
//!
//! Every browser resource this crate acquires is owned by a handle that releases it on `Drop`:
//! a [`camera::CameraStream`] stops its tracks, a [`video::VideoPreview`] detaches its stream and
//! leaves the page. Errors are typed enums; nothing here panics on a browser refusal.
//!
//! This crate has no `#[wasm_bindgen]` exports: the JS API lives in `idv-wasm`.

pub mod camera;
pub mod canvas_reader;
mod dom;
pub mod embed;
pub mod frame_source;
pub mod microphone;
pub mod preflight;
pub mod stream;
pub mod time;
pub mod video;

pub use camera::{CameraError, CameraOptions, CameraStream, FacingMode};
pub use canvas_reader::CanvasFrameReader;
pub use stream::{Diagnostics, EventStream, FrameRegistration, NativeHost, StreamOptions, Subscription};
pub use video::VideoPreview;
