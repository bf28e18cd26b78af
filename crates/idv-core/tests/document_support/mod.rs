//! Shared by the `document_*` tests and `examples/document_bench.rs`: the fixture video and its
//! labels, synthetic cards drawn on a luma plane, and the detector as the tests drive it.
#![allow(dead_code, clippy::expect_used, clippy::panic, clippy::unwrap_used)]

pub(crate) mod detect;
pub(crate) mod synth;
pub(crate) mod y4m;
