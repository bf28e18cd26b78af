//! The event envelope, vendor decoders, return-URL parsing and origin rules.
