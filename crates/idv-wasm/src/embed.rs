//! Vendor frames, the embedding doctor, launch helpers and the capability probe for JS.
