//! Frame quality metrics: sharpness, exposure, contrast, glare, stability.
