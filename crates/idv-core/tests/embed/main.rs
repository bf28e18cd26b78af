//! Integration tests of `idv_core::embed`: allow strings, the `allow` parser and its grant
//! semantics, audits, size classes, vendor URLs and origins, the frame policy and its JSON.
//! One binary, one module per topic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod allow_parser;
mod audit;
mod common;
mod modes;
mod policy;
mod sandbox;
mod size;
mod title;
mod urls;
