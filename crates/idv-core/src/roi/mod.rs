//! Regions of interest: capture guides, face detection and document quadrilaterals.
//!
//! - [`face`]: BlazeFace short-range face detection (hand-written inference) and AwareID-style
//!   face feedback against a guide region.
//! - [`document`]: ID-1 card / passport page quadrilateral within a guide, and its feedback.

pub mod document;
pub mod face;
