//! [`OptionError`]: why an option value was refused. Shared by every options type of the crate
//! (quality, face, document, autocapture); fields are the camelCase names of the JS options.

use std::borrow::Cow;
use std::fmt;

use thiserror::Error;

/// An option out of its range, or two options in the wrong order.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum OptionError {
    /// NaN, infinite, or outside `min..=max`.
    #[error("{field} = {value} is not a finite number in {min}..={max}")]
    OutOfRange { field: Cow<'static, str>, value: f64, min: f64, max: f64 },
    /// `low` is not below (or, for [`OrderBound::AtMost`], exceeds) `high`.
    #[error("{low} ({low_value}) must {bound} {high} ({high_value})")]
    Order {
        low: Cow<'static, str>,
        low_value: f64,
        high: Cow<'static, str>,
        high_value: f64,
        bound: OrderBound,
    },
}

/// How the lower option of a pair must relate to the higher one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderBound {
    /// Strictly below (an empty window would be useless).
    Below,
    /// Below or equal.
    AtMost,
}

impl fmt::Display for OrderBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OrderBound::Below => "be below",
            OrderBound::AtMost => "not exceed",
        })
    }
}

impl OptionError {
    /// The same error with `prefix` before its field names (e.g. `document.`).
    pub(crate) fn prefixed(self, prefix: &str) -> Self {
        let join = |name: Cow<'static, str>| -> Cow<'static, str> {
            if prefix.is_empty() { name } else { Cow::Owned(format!("{prefix}{name}")) }
        };
        match self {
            Self::OutOfRange { field, value, min, max } => {
                Self::OutOfRange { field: join(field), value, min, max }
            }
            Self::Order { low, low_value, high, high_value, bound } => {
                Self::Order { low: join(low), low_value, high: join(high), high_value, bound }
            }
        }
    }
}

/// `value` must be finite and within `min..=max` (`contains` is false for NaN; infinities are
/// outside every finite range).
pub(crate) fn check_range(
    field: &'static str,
    value: f64,
    min: f64,
    max: f64,
) -> Result<(), OptionError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(OptionError::OutOfRange { field: Cow::Borrowed(field), value, min, max })
    }
}

/// `low` must relate to `high` as `bound` says.
pub(crate) fn check_order(
    low: (&'static str, f64),
    high: (&'static str, f64),
    bound: OrderBound,
) -> Result<(), OptionError> {
    let ok = match bound {
        OrderBound::Below => low.1 < high.1,
        OrderBound::AtMost => low.1 <= high.1,
    };
    if ok {
        Ok(())
    } else {
        Err(OptionError::Order {
            low: Cow::Borrowed(low.0),
            low_value: low.1,
            high: Cow::Borrowed(high.0),
            high_value: high.1,
            bound,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_prefixes() {
        let e = check_range("glare.level", f64::NAN, 1.0, 255.0).unwrap_err();
        assert_eq!(e.to_string(), "glare.level = NaN is not a finite number in 1..=255");
        let e = e.prefixed("document.");
        assert_eq!(e.to_string(), "document.glare.level = NaN is not a finite number in 1..=255");
        let e = check_order(("minMean", 3.0), ("maxMean", 3.0), OrderBound::Below).unwrap_err();
        assert_eq!(e.to_string(), "minMean (3) must be below maxMean (3)");
        assert_eq!(check_order(("minMean", 3.0), ("maxMean", 3.0), OrderBound::AtMost), Ok(()));
        let e =
            check_order(("a", 4.0), ("b", 3.0), OrderBound::AtMost).unwrap_err().prefixed("face.");
        assert_eq!(e.to_string(), "face.a (4) must not exceed face.b (3)");
    }
}
