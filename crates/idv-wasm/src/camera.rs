//! The camera, microphone and preflight for JS.
