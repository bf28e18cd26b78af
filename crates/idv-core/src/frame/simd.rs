//! SIMD128 kernels of the full-frame pass (wasm32 with `target_feature = "simd128"`).
//!
//! Each kernel handles the longest prefix of a row (or row pair) that fills whole vectors and
//! returns how far it got; the scalar code in [`super::downscale`] and [`super::luma`] finishes
//! the row, so both builds give **bit-identical** results (the npm e2e test compares the SIMD
//! and scalar builds frame by frame). Without SIMD128 every kernel handles nothing.
//!
//! Why explicit intrinsics: the release profile builds idv-core at `opt-level = "s"`, where
//! LLVM's loop and SLP vectorizers are off, so plain loops stay scalar even with `+simd128`.
//! Vectors are built from `&[u8; 16]` with the safe `u8x16` constructor, which LLVM turns into
//! one `v128.load` (checked with `wasm-dis`): no `unsafe`.

/// What a row-pair kernel did: output pixels written and input pixels counted as saturated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Done {
    pub(super) out: usize,
    pub(super) saturated: u64,
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{
        i8x16_bitmask, i8x16_shuffle, i16x8_add, i16x8_mul, i16x8_splat, i32x4_add,
        i32x4_dot_i16x8, i32x4_ne, i32x4_shuffle, i32x4_splat, i32x4_sub, u8x16_ge, u8x16_max,
        u8x16_narrow_i16x8, u8x16_splat, u16x8_extadd_pairwise_u8x16, u16x8_extend_high_u8x16,
        u16x8_extend_low_u8x16, u16x8_min, u16x8_narrow_i32x4, u16x8_shr, u16x8_splat,
        u16x8_sub_sat, u32x4_extmul_high_u16x8, u32x4_extmul_low_u16x8, u32x4_extract_lane,
        u32x4_shr, u32x4_splat, u64x2_extract_lane, v128, v128_and, v128_any_true,
    };

    use super::Done;
    use crate::frame::downscale::DownscaleStats;

    use crate::simd_mem::{load16 as load, store16};

    #[inline(always)]
    fn lane_sum(v: v128) -> u64 {
        u64::from(u32x4_extract_lane::<0>(v))
            + u64::from(u32x4_extract_lane::<1>(v))
            + u64::from(u32x4_extract_lane::<2>(v))
            + u64::from(u32x4_extract_lane::<3>(v))
    }

    /// BT.601 weights for two RGBA pixels, as `i16` lanes for `i32x4_dot_i16x8`.
    #[inline(always)]
    fn weights() -> v128 {
        core::arch::wasm32::i16x8(77, 150, 29, 0, 77, 150, 29, 0)
    }

    /// Counts pixels of `v` (four RGBA pixels) with any of R, G, B ≥ 250 into `acc` (per lane).
    #[inline(always)]
    fn count_saturated(acc: v128, v: v128) -> v128 {
        let level = u8x16_splat(DownscaleStats::SATURATION_LEVEL);
        let hit = v128_and(u8x16_ge(v, level), u32x4_splat(0x00FF_FFFF));
        // `ne` gives -1 for a hit: subtracting it counts up.
        i32x4_sub(acc, i32x4_ne(hit, i32x4_splat(0)))
    }

    /// True when any R, G or B byte of `max` (the byte-wise maximum of a block's vectors) is
    /// ≥ 250: most blocks have none, and then counting costs one `max` per vector.
    #[inline(always)]
    fn any_saturated(max: v128) -> bool {
        let m = v128_and(max, u32x4_splat(0x00FF_FFFF));
        v128_any_true(u8x16_ge(m, u8x16_splat(DownscaleStats::SATURATION_LEVEL)))
    }

    /// `[77R+150G, 29B, 77R'+150G', 29B']` of the 2×2 sums of four pixels of `a` over four of `b`
    /// (two output pixels). Each row's same-channel bytes of neighbouring pixels are shuffled
    /// next to each other, so one pairwise widening add sums them horizontally.
    #[inline(always)]
    fn block_pair(a: v128, b: v128) -> v128 {
        let pairs = |v: v128| {
            let v = i8x16_shuffle::<0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15>(v, v);
            u16x8_extadd_pairwise_u8x16(v)
        };
        i32x4_dot_i16x8(i16x8_add(pairs(a), pairs(b)), weights())
    }

    /// Four output lumas (`u32` lanes) from two [`block_pair`] results.
    #[inline(always)]
    fn lumas(p: v128, q: v128) -> v128 {
        let even = i32x4_shuffle::<0, 2, 4, 6>(p, q);
        let odd = i32x4_shuffle::<1, 3, 5, 7>(p, q);
        u32x4_shr(i32x4_add(even, odd), 10)
    }

    /// 2×2 box luma of RGBA rows `a` and `b`, 16 input pixels (8 outputs) per step.
    pub(in crate::frame) fn rgba_pairs(a: &[u8], b: &[u8], out: &mut [u8]) -> Done {
        let (a, _) = a.as_chunks::<64>();
        let (b, _) = b.as_chunks::<64>();
        let (o, _) = out.as_chunks_mut::<8>();
        let mut sat = u32x4_splat(0);
        let mut n = 0;
        for ((a, b), o) in a.iter().zip(b).zip(o) {
            let (a, _) = a.as_chunks::<16>();
            let (b, _) = b.as_chunks::<16>();
            // Written out (no arrays or loops): at opt-level "s" LLVM keeps small vector arrays
            // on the stack, which doubled the pass's cost.
            let (a0, a1, a2, a3) = (load(&a[0]), load(&a[1]), load(&a[2]), load(&a[3]));
            let (b0, b1, b2, b3) = (load(&b[0]), load(&b[1]), load(&b[2]), load(&b[3]));
            let max = u8x16_max(
                u8x16_max(u8x16_max(a0, b0), u8x16_max(a1, b1)),
                u8x16_max(u8x16_max(a2, b2), u8x16_max(a3, b3)),
            );
            if any_saturated(max) {
                sat = count_saturated(count_saturated(sat, a0), b0);
                sat = count_saturated(count_saturated(sat, a1), b1);
                sat = count_saturated(count_saturated(sat, a2), b2);
                sat = count_saturated(count_saturated(sat, a3), b3);
            }
            let d =
                [block_pair(a0, b0), block_pair(a1, b1), block_pair(a2, b2), block_pair(a3, b3)];
            let l = u16x8_narrow_i32x4(lumas(d[0], d[1]), lumas(d[2], d[3]));
            let l = u8x16_narrow_i16x8(l, l);
            *o = u64x2_extract_lane::<0>(l).to_le_bytes();
            n += 8;
        }
        Done { out: n, saturated: lane_sum(sat) }
    }

    /// Sum of per-pixel lumas `(77R+150G+29B) >> 8` over the longest 4-pixel prefix of `row`;
    /// returns `(pixels, sum)`.
    pub(in crate::frame) fn rgba_luma_sum(row: &[u8]) -> (usize, u64) {
        let (px, _) = row.as_chunks::<16>();
        let mut acc = u32x4_splat(0);
        for p in px {
            let v = load(p);
            let lo = i32x4_dot_i16x8(u16x8_extend_low_u8x16(v), weights());
            let hi = i32x4_dot_i16x8(u16x8_extend_high_u8x16(v), weights());
            // Lanes [77R+150G, 29B] per pixel: pair them, then shift each pixel's luma.
            let l = u32x4_shr(
                i32x4_add(i32x4_shuffle::<0, 2, 4, 6>(lo, hi), i32x4_shuffle::<1, 3, 5, 7>(lo, hi)),
                8,
            );
            acc = i32x4_add(acc, l);
        }
        (px.len() * 4, lane_sum(acc))
    }

    /// Limited (16–235) to full range per byte, exactly like the scalar table:
    /// `n + floor((36 n + 109) / 219)` with `n = max(v - 16, 0)`, clamped to 255. The division
    /// is a multiply by `19153` and a shift by 22, exact for every `36 n + 109 ≤ 8713`.
    #[inline(always)]
    fn expand_limited(v: v128) -> v128 {
        let half = |x: v128| {
            let n = u16x8_sub_sat(x, u16x8_splat(16));
            let m = i16x8_add(i16x8_mul(n, i16x8_splat(36)), i16x8_splat(109));
            let k = u16x8_splat(19153);
            let q = u16x8_narrow_i32x4(
                u32x4_shr(u32x4_extmul_low_u16x8(m, k), 22),
                u32x4_shr(u32x4_extmul_high_u16x8(m, k), 22),
            );
            u16x8_min(i16x8_add(n, q), u16x8_splat(255))
        };
        let (lo, hi) = (half(u16x8_extend_low_u8x16(v)), half(u16x8_extend_high_u8x16(v)));
        u8x16_narrow_i16x8(lo, hi)
    }

    /// 2×2 box mean of Y rows `a` and `b`, 32 input samples (16 outputs) per step; `limited`
    /// expands each sample from 16–235 first. Saturated: expanded sample ≥ 250.
    pub(in crate::frame) fn y_pairs(a: &[u8], b: &[u8], out: &mut [u8], limited: bool) -> Done {
        let (a, _) = a.as_chunks::<32>();
        let (b, _) = b.as_chunks::<32>();
        let (o, _) = out.as_chunks_mut::<16>();
        let level = u8x16_splat(DownscaleStats::SATURATION_LEVEL);
        let (mut sat, mut n) = (0u64, 0);
        for ((a, b), o) in a.iter().zip(b).zip(o) {
            let (a, _) = a.as_chunks::<16>();
            let (b, _) = b.as_chunks::<16>();
            let mut sums = [u16x8_splat(0); 2];
            for ((s, a), b) in sums.iter_mut().zip(a).zip(b) {
                let (mut va, mut vb) = (load(a), load(b));
                if limited {
                    (va, vb) = (expand_limited(va), expand_limited(vb));
                }
                sat += u64::from(i8x16_bitmask(u8x16_ge(va, level)).count_ones());
                sat += u64::from(i8x16_bitmask(u8x16_ge(vb, level)).count_ones());
                *s = i16x8_add(u16x8_extadd_pairwise_u8x16(va), u16x8_extadd_pairwise_u8x16(vb));
            }
            let means = u8x16_narrow_i16x8(u16x8_shr(sums[0], 2), u16x8_shr(sums[1], 2));
            store16(o, means);
            n += 16;
        }
        Done { out: n, saturated: sat }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    use super::Done;

    pub(in crate::frame) fn rgba_pairs(_: &[u8], _: &[u8], _: &mut [u8]) -> Done {
        Done::default()
    }

    pub(in crate::frame) fn rgba_luma_sum(_: &[u8]) -> (usize, u64) {
        (0, 0)
    }

    pub(in crate::frame) fn y_pairs(_: &[u8], _: &[u8], _: &mut [u8], _: bool) -> Done {
        Done::default()
    }
}

pub(super) use imp::{rgba_luma_sum, rgba_pairs, y_pairs};
