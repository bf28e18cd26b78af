//! Per-vendor iframe embedding policy: allow attributes, sizes, origins.
