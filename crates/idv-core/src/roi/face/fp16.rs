//! fp16 weights: BlazeFace stores its weights as IEEE binary16 behind DEQUANTIZE operators;
//! they are widened to `f32` once, at load time.

use super::error::ModelError;
use super::tflite::{FLOAT16, FLOAT32};

/// IEEE 754 binary16 → binary32, exact for every input (subnormals, infinities, NaN payloads).
pub(crate) fn f16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h >> 15) << 31;
    let exp = u32::from((h >> 10) & 0x1f);
    let man = u32::from(h & 0x3ff);
    match exp {
        // Zero or subnormal: man × 2⁻²⁴, exact in f32.
        0 => {
            let magnitude = man as f32 * (1.0 / 16_777_216.0);
            f32::from_bits(sign | magnitude.to_bits())
        }
        // Infinity or NaN (payload kept).
        0x1f => f32::from_bits(sign | 0x7f80_0000 | (man << 13)),
        // Normal: rebias the exponent from 15 to 127.
        _ => f32::from_bits(sign | ((exp + 112) << 23) | (man << 13)),
    }
}

/// Decodes a constant buffer as `f32` (FLOAT32 or FLOAT16 little-endian) of `len` elements.
pub(super) fn constant_f32(dtype: i8, data: &[u8], len: usize) -> Result<Vec<f32>, ModelError> {
    let size = match dtype {
        FLOAT32 => 4,
        FLOAT16 => 2,
        other => {
            return Err(ModelError::Unsupported(format!(
                "constant of tensor type {other}"
            )));
        }
    };
    if len.checked_mul(size) != Some(data.len()) {
        return Err(ModelError::InvalidGraph(format!(
            "constant of {} bytes for {len} elements",
            data.len()
        )));
    }
    Ok(if size == 4 {
        data.chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect()
    } else {
        data.chunks_exact(2)
            .map(|b| f16_to_f32(u16::from_le_bytes([b[0], b[1]])))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roi::face::tflite::INT32;

    #[test]
    fn f16_decodes_normals_subnormals_and_specials() {
        assert_eq!(f16_to_f32(0x0000).to_bits(), 0.0f32.to_bits());
        assert_eq!(f16_to_f32(0x8000).to_bits(), (-0.0f32).to_bits());
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert_eq!(f16_to_f32(0x0400), 6.103_515_6e-5); // smallest normal 2^-14
        assert_eq!(f16_to_f32(0x0001), 5.960_464_5e-8); // smallest subnormal 2^-24
        assert_eq!(f16_to_f32(0x03ff), 6.097_555e-5); // largest subnormal 1023 × 2^-24
        assert_eq!(f16_to_f32(0x8001), -5.960_464_5e-8);
        assert_eq!(f16_to_f32(0x7c00), f32::INFINITY);
        assert_eq!(f16_to_f32(0xfc00), f32::NEG_INFINITY);
        assert!(f16_to_f32(0x7e00).is_nan());
        assert_eq!(f16_to_f32(0x7e01).to_bits(), 0x7fc0_2000); // payload shifted, quiet bit kept
    }

    #[test]
    fn f16_round_trips_through_every_finite_value_monotonically() {
        let mut last = f32::NEG_INFINITY;
        // Positive finite codes 0x0000..0x7c00 increase strictly.
        for h in 0u16..0x7c00 {
            let v = f16_to_f32(h);
            assert!(v > last || (h == 0 && v == 0.0), "{h:#x}");
            last = v;
        }
    }

    #[test]
    fn constants_check_their_length() {
        assert_eq!(
            constant_f32(FLOAT16, &[0x00, 0x3c, 0x00, 0xc0], 2),
            Ok(vec![1.0, -2.0])
        );
        assert_eq!(
            constant_f32(FLOAT32, &1.5f32.to_le_bytes(), 1),
            Ok(vec![1.5])
        );
        assert!(matches!(
            constant_f32(FLOAT16, &[0; 3], 2),
            Err(ModelError::InvalidGraph(_))
        ));
        assert!(matches!(
            constant_f32(INT32, &[0; 4], 1),
            Err(ModelError::Unsupported(_))
        ));
    }
}
