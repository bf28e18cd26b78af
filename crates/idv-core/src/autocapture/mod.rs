//! Autocapture: N consecutive compliant frames, the sharpest of the window, and a feedback
//! stabilizer so guidance does not flicker.
