//! TypeScript declarations for the JSON-shaped values the API takes and returns: the event types
//! generated from the Rust types (snapshot-tested in idv-core), plus the option and result shapes
//! of the bindings.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const EVENT_TYPES: &'static str = include_str!("../../idv-core/bindings/events.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const API_TYPES: &'static str = include_str!("api_types.d.ts");
