//! Integration tests of `idv_core::events`: one binary, one module per topic.
//!
//! The vendor samples are read at test time from `shared/reference/samples` beside the workspace
//! (`/work/shared` for `/work/main`); a missing directory fails the tests.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod envelope;
mod jumio;
mod liveid;
mod mutation;
mod noise;
mod origin;
mod return_url;
mod samples;
mod secrets;
