use serde::Serialize;

/// Why a metric failed; one word the feedback layer can turn into a message for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum FailReason {
    /// Mean luma below the floor, or too many pixels near black.
    TooDark,
    /// Mean luma above the ceiling, or too many pixels near white.
    TooBright,
    /// Sharpness under the absolute floor or well below the best recent frame.
    Blurry,
    /// Gradient energy much weaker along one axis than the other: motion blur.
    MotionBlur,
    /// Luma spread too small to see detail.
    LowContrast,
    /// Saturated highlight covering too much of the region.
    Glare,
    /// The region changed too much since the previous frame.
    Moving,
    /// No previous frame to compare with yet (first frame, or the subject changed).
    NoHistory,
}

/// Outcome of one metric.
///
/// Serialized adjacently tagged: `{"status":"pass"}` or `{"status":"fail","reason":"tooDark"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "status", content = "reason", rename_all = "camelCase")]
pub enum Verdict {
    Pass,
    Fail(FailReason),
}

impl Verdict {
    pub fn passed(&self) -> bool {
        matches!(self, Verdict::Pass)
    }
}

/// One measured value with the thresholds it was judged against.
///
/// `min`/`max` are `None` (and omitted from JSON) when that side is not checked. Comparisons are
/// inclusive (`value >= min`, `value <= max`); a NaN value fails.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metric {
    pub value: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f32>,
    pub verdict: Verdict,
}

impl Metric {
    /// Passes when `value >= min`, else fails with `reason`.
    pub fn at_least(value: f32, min: f32, reason: FailReason) -> Self {
        let verdict = if value >= min { Verdict::Pass } else { Verdict::Fail(reason) };
        Self { value, min: Some(min), max: None, verdict }
    }

    /// Passes when `value <= max`, else fails with `reason`.
    pub fn at_most(value: f32, max: f32, reason: FailReason) -> Self {
        let verdict = if value <= max { Verdict::Pass } else { Verdict::Fail(reason) };
        Self { value, min: None, max: Some(max), verdict }
    }

    /// Passes when `min <= value <= max`; fails with `below` or `above` (NaN counts as below).
    pub fn within(value: f32, min: f32, max: f32, below: FailReason, above: FailReason) -> Self {
        let verdict = if value > max {
            Verdict::Fail(above)
        } else if value >= min {
            Verdict::Pass
        } else {
            Verdict::Fail(below)
        };
        Self { value, min: Some(min), max: Some(max), verdict }
    }

    /// A metric that could not be measured this frame.
    pub fn failed(value: f32, reason: FailReason) -> Self {
        Self { value, min: None, max: None, verdict: Verdict::Fail(reason) }
    }

    pub fn passed(&self) -> bool {
        self.verdict.passed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_are_inclusive_and_nan_fails() {
        assert!(Metric::at_least(100.0, 100.0, FailReason::Blurry).passed());
        assert!(!Metric::at_least(99.9, 100.0, FailReason::Blurry).passed());
        assert!(!Metric::at_least(f32::NAN, 100.0, FailReason::Blurry).passed());
        assert!(!Metric::at_most(f32::NAN, 2.0, FailReason::Moving).passed());
        let m = Metric::within(f32::NAN, 60.0, 200.0, FailReason::TooDark, FailReason::TooBright);
        assert_eq!(m.verdict, Verdict::Fail(FailReason::TooDark));
        let m = Metric::within(200.5, 60.0, 200.0, FailReason::TooDark, FailReason::TooBright);
        assert_eq!(m.verdict, Verdict::Fail(FailReason::TooBright));
    }

    #[test]
    fn serializes_camel_case_and_omits_missing_bounds() {
        let m = Metric::at_most(3.0, 2.0, FailReason::Moving);
        let json = serde_json::to_string(&m).expect("serializable");
        assert_eq!(
            json,
            r#"{"value":3.0,"max":2.0,"verdict":{"status":"fail","reason":"moving"}}"#
        );
        let json = serde_json::to_string(&Verdict::Pass).expect("serializable");
        assert_eq!(json, r#"{"status":"pass"}"#);
    }
}
