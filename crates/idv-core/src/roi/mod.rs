//! Regions of interest: capture guides, face detection and document quadrilaterals.
