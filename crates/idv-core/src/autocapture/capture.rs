use serde::{Deserialize, Serialize};

use crate::option_error::{OptionError, check_range};

/// Options of [`Autocapture`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AutocaptureOptions {
    /// Consecutive compliant frames needed before capturing (AwareID's
    /// `autocaptureMinimumFrameCount`): 5, i.e. ~170 ms at 30 fps. Long enough that one lucky
    /// frame between failures does not fire, short enough not to feel slow; the window also
    /// gives the sharpest-frame choice a few frames to pick from. 1..=1000.
    pub autocapture_minimum_frame_count: u32,
}

impl Default for AutocaptureOptions {
    fn default() -> Self {
        Self {
            autocapture_minimum_frame_count: 5,
        }
    }
}

impl AutocaptureOptions {
    pub fn validate(&self) -> Result<(), OptionError> {
        let n = f64::from(self.autocapture_minimum_frame_count);
        check_range("autocaptureMinimumFrameCount", n, 1.0, 1000.0)
    }
}

/// What the caller should do with the frame it just reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Decision {
    /// This frame is the sharpest of the current compliant run so far: copy its pixels into the
    /// retained buffer (replacing the previous one).
    Keep,
    /// Nothing to keep. After a non-compliant frame the retained buffer is stale and may be
    /// dropped.
    Discard,
    /// The run reached the required length: deliver frame `frame_id`, the sharpest of the run.
    /// It is either the frame being reported now (use its pixels directly) or the retained one.
    /// The machine then stops ([`Decision::Discard`] for everything) until
    /// [`Autocapture::reset`].
    Capture { frame_id: u64 },
}

/// The autocapture state machine (see the module docs). It never sees pixels.
///
/// - A compliant frame extends the run; if its sharpness beats the best of the run (the first
///   frame of a run always does; NaN never beats a number) it becomes the best: [`Decision::Keep`].
/// - A non-compliant frame ends the run and forgets the best: [`Decision::Discard`].
/// - When the run reaches `autocapture_minimum_frame_count`, [`Decision::Capture`] names the best
///   frame, once; then every frame is discarded until [`Self::reset`].
#[derive(Debug, Clone, PartialEq)]
pub struct Autocapture {
    options: AutocaptureOptions,
    run: u32,
    best: Option<(u64, f32)>,
    captured: Option<u64>,
}

impl Autocapture {
    pub fn new(options: AutocaptureOptions) -> Result<Self, OptionError> {
        options.validate()?;
        Ok(Self {
            options,
            run: 0,
            best: None,
            captured: None,
        })
    }

    pub fn options(&self) -> &AutocaptureOptions {
        &self.options
    }

    /// Reports one frame: its id (any value the caller can map back to pixels, e.g. a counter),
    /// whether it was compliant, and its sharpness (e.g. `QualityReport::sharpness.value`; only
    /// compared within a run, so use one measure consistently).
    pub fn observe(&mut self, frame_id: u64, compliant: bool, sharpness: f32) -> Decision {
        if self.captured.is_some() {
            return Decision::Discard;
        }
        if !compliant {
            self.run = 0;
            self.best = None;
            return Decision::Discard;
        }
        self.run = self.run.saturating_add(1);
        let better = match self.best {
            None => true,
            Some((_, b)) => sharpness > b || (b.is_nan() && !sharpness.is_nan()),
        };
        if better {
            self.best = Some((frame_id, sharpness));
        }
        if self.run >= self.options.autocapture_minimum_frame_count {
            let id = self.best.map_or(frame_id, |(id, _)| id);
            self.captured = Some(id);
            return Decision::Capture { frame_id: id };
        }
        if better {
            Decision::Keep
        } else {
            Decision::Discard
        }
    }

    /// Starts over: forgets the run, the best frame and a capture.
    pub fn reset(&mut self) {
        self.run = 0;
        self.best = None;
        self.captured = None;
    }

    /// Consecutive compliant frames so far in the current run.
    pub fn run_length(&self) -> u32 {
        self.run
    }

    /// The best frame of the current run: `(frame_id, sharpness)`.
    pub fn best(&self) -> Option<(u64, f32)> {
        self.best
    }

    /// The captured frame id, once [`Decision::Capture`] was returned (until [`Self::reset`]).
    pub fn captured(&self) -> Option<u64> {
        self.captured
    }
}
