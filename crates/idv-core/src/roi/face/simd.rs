//! Four-lane `f32` vectors for the kernels.
//!
//! With `target_feature = "simd128"` on wasm32 they are `core::arch::wasm32::v128` and every
//! operation is an explicit SIMD instruction (all safe functions). That matters because the
//! workspace's release profile is `opt-level = "z"`, where LLVM's loop and SLP vectorizers are
//! off: measured in Node 20 on this VM, plain Rust ran 18.5 ms per frame at `-Oz` + simd128 and
//! 4 ms at `-O3` + simd128. Everywhere else they are `[f32; 4]`, which LLVM auto-vectorizes at
//! opt-level 2 and 3 (and leaves scalar at `s`/`z`).
//!
//! Loads from `&[f32; 4]` become four lane loads on wasm (a `v128.load` from a `&[f32]` would
//! need `unsafe`), so weights *and activations* are stored as `[F4]`: see the channel-padded
//! layout in [`super::ops`].

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{
        f32x4, f32x4_add, f32x4_convert_u32x4, f32x4_div, f32x4_extract_lane, f32x4_mul,
        f32x4_pmax, f32x4_pmin, f32x4_replace_lane, f32x4_splat, f32x4_sub, i8x16_shuffle,
        i32x4_shuffle, u32x4_splat, v128,
    };

    pub(crate) type F4 = v128;

    #[inline(always)]
    pub(crate) fn splat(x: f32) -> F4 {
        f32x4_splat(x)
    }

    #[inline(always)]
    pub(crate) fn load(a: &[f32; 4]) -> F4 {
        f32x4(a[0], a[1], a[2], a[3])
    }

    #[inline(always)]
    pub(crate) fn to_array(v: F4) -> [f32; 4] {
        [
            f32x4_extract_lane::<0>(v),
            f32x4_extract_lane::<1>(v),
            f32x4_extract_lane::<2>(v),
            f32x4_extract_lane::<3>(v),
        ]
    }

    #[inline(always)]
    pub(crate) fn add(a: F4, b: F4) -> F4 {
        f32x4_add(a, b)
    }

    /// `acc + a · b`
    #[inline(always)]
    pub(crate) fn mul_add(acc: F4, a: F4, b: F4) -> F4 {
        f32x4_add(acc, f32x4_mul(a, b))
    }

    /// `if a < b { b } else { a }` per lane (so `max(0, NaN)` is 0, like the scalar code).
    #[inline(always)]
    pub(crate) fn max(a: F4, b: F4) -> F4 {
        f32x4_pmax(a, b)
    }

    /// `if b < a { b } else { a }` per lane.
    #[inline(always)]
    pub(crate) fn min(a: F4, b: F4) -> F4 {
        f32x4_pmin(a, b)
    }

    /// Lane `L` in all four lanes.
    #[inline(always)]
    pub(crate) fn lane<const L: usize>(v: F4) -> F4 {
        i32x4_shuffle::<L, L, L, L>(v, v)
    }

    /// `[r, g, b, _]` sums of 0..=255 values → `[r, g, b, 0]` in [-1, 1].
    #[inline(always)]
    pub(crate) fn normalize_rgb(v: F4) -> F4 {
        f32x4_replace_lane::<3>(
            f32x4_sub(f32x4_div(v, f32x4_splat(127.5)), f32x4_splat(1.0)),
            0.0,
        )
    }

    /// The four bytes of an RGBA pixel as `f32` lanes.
    #[inline(always)]
    pub(crate) fn from_rgba(p: &[u8; 4]) -> F4 {
        let v = u32x4_splat(u32::from_le_bytes(*p));
        let zero = u32x4_splat(0);
        let spread =
            i8x16_shuffle::<0, 16, 16, 16, 1, 16, 16, 16, 2, 16, 16, 16, 3, 16, 16, 16>(v, zero);
        f32x4_convert_u32x4(spread)
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    pub(crate) type F4 = [f32; 4];

    #[inline(always)]
    pub(crate) fn splat(x: f32) -> F4 {
        [x; 4]
    }

    #[inline(always)]
    pub(crate) fn load(a: &[f32; 4]) -> F4 {
        *a
    }

    #[inline(always)]
    pub(crate) fn to_array(v: F4) -> [f32; 4] {
        v
    }

    #[inline(always)]
    pub(crate) fn add(a: F4, b: F4) -> F4 {
        [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]]
    }

    /// `acc + a · b`
    #[inline(always)]
    pub(crate) fn mul_add(acc: F4, a: F4, b: F4) -> F4 {
        [
            acc[0] + a[0] * b[0],
            acc[1] + a[1] * b[1],
            acc[2] + a[2] * b[2],
            acc[3] + a[3] * b[3],
        ]
    }

    /// `if a < b { b } else { a }` per lane.
    #[inline(always)]
    pub(crate) fn max(a: F4, b: F4) -> F4 {
        let m = |a: f32, b: f32| if a < b { b } else { a };
        [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2]), m(a[3], b[3])]
    }

    /// `if b < a { b } else { a }` per lane.
    #[inline(always)]
    pub(crate) fn min(a: F4, b: F4) -> F4 {
        let m = |a: f32, b: f32| if b < a { b } else { a };
        [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2]), m(a[3], b[3])]
    }

    /// Lane `L` in all four lanes.
    #[inline(always)]
    pub(crate) fn lane<const L: usize>(v: F4) -> F4 {
        [v[L]; 4]
    }

    /// `[r, g, b, _]` sums of 0..=255 values → `[r, g, b, 0]` in [-1, 1].
    #[inline(always)]
    pub(crate) fn normalize_rgb(v: F4) -> F4 {
        [
            v[0] / 127.5 - 1.0,
            v[1] / 127.5 - 1.0,
            v[2] / 127.5 - 1.0,
            0.0,
        ]
    }

    /// The four bytes of an RGBA pixel as `f32` lanes.
    #[inline(always)]
    pub(crate) fn from_rgba(p: &[u8; 4]) -> F4 {
        p.map(f32::from)
    }
}

pub(crate) use imp::*;

/// All lanes zero.
#[inline(always)]
pub(crate) fn zero() -> F4 {
    splat(0.0)
}

/// Four values from a slice, zero past its end.
#[inline]
pub(crate) fn load_partial(s: &[f32]) -> F4 {
    let mut a = [0.0f32; 4];
    a.iter_mut().zip(s).for_each(|(a, s)| *a = *s);
    load(&a)
}

/// Packs values into vectors, zero-padding the last.
pub(crate) fn pack(values: &[f32]) -> Vec<F4> {
    values.chunks(4).map(load_partial).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_round_trip_and_compute() {
        let a = load(&[1.0, -2.0, 3.0, f32::NAN]);
        let b = splat(2.0);
        let r = to_array(mul_add(b, a, b));
        assert_eq!(&r[..3], &[4.0, -2.0, 8.0]);
        assert!(r[3].is_nan());
        let m = to_array(max(splat(0.0), a));
        assert_eq!(m, [1.0, 0.0, 3.0, 0.0]);
        assert_eq!(to_array(add(a, b))[..3], [3.0, 0.0, 5.0]);
        assert_eq!(
            to_array(from_rgba(&[0, 7, 128, 255])),
            [0.0, 7.0, 128.0, 255.0]
        );
        assert_eq!(to_array(load_partial(&[5.0, 6.0])), [5.0, 6.0, 0.0, 0.0]);
        assert_eq!(pack(&[1.0, 2.0, 3.0, 4.0, 5.0]).len(), 2);
        assert_eq!(to_array(min(splat(2.0), a))[..3], [1.0, -2.0, 2.0]);
        assert_eq!(to_array(lane::<2>(a)), [3.0; 4]);
        let n = to_array(normalize_rgb(from_rgba(&[0, 255, 51, 255])));
        assert_eq!(n, [-1.0, 1.0, -0.6, 0.0]);
    }
}
