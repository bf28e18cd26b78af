//! The JS API of the `idv-capture` npm package.
//!
//! Thin bindings over `idv-core` and `idv-web`: each export converts its JS arguments, calls the
//! core, and turns core errors into `JsError`s with the core's message. No logic lives here.
//!
//! - [`frame`]: pixel helpers (`lumaMean`).
//! - [`events`]: `normalizeMessage`, `parseReturnUrl`.
//! - [`stream`]: `createEventStream` and the `EventStream` class.

pub mod analyzer;
pub mod camera;
mod convert;
pub mod embed;
pub mod events;
pub mod frame;
pub mod stream;
mod types;

use wasm_bindgen::prelude::*;

/// The package version, from Cargo.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
