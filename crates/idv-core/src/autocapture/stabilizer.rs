use std::collections::VecDeque;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use crate::option_error::{OptionError, check_range};

/// Options of [`FeedbackStabilizer`]. Times in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StabilizerOptions {
    /// Codes older than this are forgotten: 3000 (Microblink's feedback stabilizer window).
    pub window_ms: f64,
    /// Weight of a code observed `decay_period_ms` ago relative to one observed now: 0.95
    /// (Microblink's decay, per frame; here per `decay_period_ms` so a slower frame rate does
    /// not stretch the memory).
    pub decay: f64,
    /// 33.3 ms: one frame at 30 fps.
    pub decay_period_ms: f64,
    /// A displayed code stays at least this long: 1000 (Microblink: 1–2 s per message).
    pub min_display_ms: f64,
    /// The leading code replaces the displayed one only when its weight is at least this
    /// multiple of the displayed code's weight: 1.5. Codes alternating every frame weigh within
    /// 1/0.95 ≈ 1.05 of each other and never switch; a steady new code reaches 1.5× after 18
    /// frames (~570 ms at 30 fps).
    pub switch_ratio: f64,
    /// At most this many recent codes are kept (a bound for very high frame rates): 512.
    pub max_samples: u32,
}

impl Default for StabilizerOptions {
    fn default() -> Self {
        Self {
            window_ms: 3000.0,
            decay: 0.95,
            decay_period_ms: 1000.0 / 30.0,
            min_display_ms: 1000.0,
            switch_ratio: 1.5,
            max_samples: 512,
        }
    }
}

impl StabilizerOptions {
    pub fn validate(&self) -> Result<(), OptionError> {
        check_range("windowMs", self.window_ms, 1.0, 600_000.0)?;
        check_range("decay", self.decay, 0.01, 1.0)?;
        check_range("decayPeriodMs", self.decay_period_ms, 0.1, 60_000.0)?;
        check_range("minDisplayMs", self.min_display_ms, 0.0, 600_000.0)?;
        check_range("switchRatio", self.switch_ratio, 1.0, 1000.0)?;
        check_range("maxSamples", f64::from(self.max_samples), 1.0, 100_000.0)
    }
}

/// Turns the raw per-frame feedback code into the code to display, without flicker.
///
/// Every update records `(now, code)`. The weight of a code is the sum over its observations in
/// the last `window_ms` of `decay ^ (age / decay_period_ms)`. The displayed code changes to the
/// heaviest code when (a) it has been displayed for at least `min_display_ms` and (b) the
/// heaviest code weighs at least `switch_ratio` times the displayed one. The first code is shown
/// at once.
///
/// Time comes from the caller: `now_ms` is any monotonic millisecond clock (e.g.
/// `performance.now()`). A timestamp earlier than the previous one counts as the previous one; a
/// NaN or infinite timestamp is ignored (the displayed code is returned, or the raw code when
/// nothing has been displayed yet).
#[derive(Debug, Clone)]
pub struct FeedbackStabilizer<T: Copy + Eq + Hash> {
    options: StabilizerOptions,
    samples: VecDeque<(f64, T)>,
    /// Displayed code and since when.
    shown: Option<(T, f64)>,
    last_ms: Option<f64>,
    /// Scratch: weight per distinct code.
    weights: Vec<(T, f64)>,
}

impl<T: Copy + Eq + Hash> FeedbackStabilizer<T> {
    pub fn new(options: StabilizerOptions) -> Result<Self, OptionError> {
        options.validate()?;
        Ok(Self {
            options,
            samples: VecDeque::new(),
            shown: None,
            last_ms: None,
            weights: Vec::new(),
        })
    }

    pub fn options(&self) -> &StabilizerOptions {
        &self.options
    }

    /// Records `code` observed at `now_ms` and returns the code to display.
    pub fn update(&mut self, now_ms: f64, code: T) -> T {
        if !now_ms.is_finite() {
            return self.shown.map_or(code, |(c, _)| c);
        }
        let now = self.last_ms.map_or(now_ms, |last| now_ms.max(last));
        self.last_ms = Some(now);
        self.samples.push_back((now, code));
        let o = self.options;
        while self.samples.len() > o.max_samples as usize
            || self
                .samples
                .front()
                .is_some_and(|&(t, _)| now - t > o.window_ms)
        {
            self.samples.pop_front();
        }

        self.weights.clear();
        for &(t, c) in &self.samples {
            let w = o.decay.powf((now - t) / o.decay_period_ms);
            match self.weights.iter_mut().find(|(k, _)| *k == c) {
                Some((_, sum)) => *sum += w,
                None => self.weights.push((c, w)),
            }
        }
        let Some((shown, since)) = self.shown else {
            self.shown = Some((code, now));
            return code;
        };
        let weight_of = |c: T| {
            self.weights
                .iter()
                .find(|(k, _)| *k == c)
                .map_or(0.0, |w| w.1)
        };
        let shown_weight = weight_of(shown);
        // Heaviest code; the displayed one wins ties.
        let (leader, leader_weight) =
            self.weights
                .iter()
                .copied()
                .fold(
                    (shown, shown_weight),
                    |best, w| if w.1 > best.1 { w } else { best },
                );
        if leader != shown
            && now - since >= o.min_display_ms
            && leader_weight >= o.switch_ratio * shown_weight
        {
            self.shown = Some((leader, now));
            return leader;
        }
        shown
    }

    /// The displayed code, `None` before the first update.
    pub fn shown(&self) -> Option<T> {
        self.shown.map(|(c, _)| c)
    }

    /// Forgets everything: the next update is displayed at once.
    pub fn reset(&mut self) {
        self.samples.clear();
        self.shown = None;
        self.last_ms = None;
    }
}
