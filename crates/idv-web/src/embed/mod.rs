//! Vendor frames in the page: creation and adoption with the vendor's policy, the embedding
//! doctor, launch modes and the capability probe.
