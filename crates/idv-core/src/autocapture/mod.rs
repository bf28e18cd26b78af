//! Autocapture: N consecutive compliant frames, the sharpest of the window, and a feedback
//! stabilizer so guidance does not flicker.
//!
//! - [`Autocapture`]: after `autocaptureMinimumFrameCount` (AwareID's name; default 5)
//!   consecutive compliant frames it fires once with the sharpest frame of that run. It never
//!   sees pixels: the caller passes a frame id, the compliance verdict and a sharpness value per
//!   frame, and [`Decision`] says whether to keep that frame's pixels (at most one retained
//!   buffer), drop them, or capture.
//! - [`FeedbackStabilizer`]: turns the raw per-frame feedback code into the code to display: a
//!   code is shown once it outweighs the displayed one in a decaying window (Microblink: 3 s,
//!   decay 0.95) and a shown code stays at least `minDisplayMs` (1000 ms). Time comes from the
//!   caller (millisecond timestamps); nothing here reads a clock.
//!
//! Typical loop (per frame): `let code = report.feedback;`
//! `let shown = stabilizer.update(now_ms, code);` then
//! `match autocapture.observe(id, code.is_compliant(), quality.sharpness.value)` — `Keep` → copy
//! this frame's pixels into the one retained buffer, `Capture { frame_id }` → deliver the
//! retained buffer, or the current frame when `frame_id` is this frame's id.

mod capture;
mod stabilizer;

pub use capture::{Autocapture, AutocaptureOptions, Decision};
pub use stabilizer::{FeedbackStabilizer, StabilizerOptions};
