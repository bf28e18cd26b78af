use thiserror::Error;

/// Why autocapture or stabilizer options were refused. `field` is the camelCase name.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum AutocaptureError {
    #[error("{field} = {value} is not a finite number in {min}..={max}")]
    OutOfRange {
        field: &'static str,
        value: f64,
        min: f64,
        max: f64,
    },
}

pub(crate) fn check(
    field: &'static str,
    value: f64,
    min: f64,
    max: f64,
) -> Result<(), AutocaptureError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(AutocaptureError::OutOfRange {
            field,
            value,
            min,
            max,
        })
    }
}
