//! SIMD128 kernels of the two resampling passes in [`super::resample`] (see [`super::simd`] for
//! why the intrinsics are explicit). Both compute exactly the scalar sums `Σ pixel × weight`
//! (14-bit weights, `i32x4_dot_i16x8` over pairs of taps), so results are bit-identical.
//!
//! - Horizontal: a [`RowPlan`] built with the axis tables gives, per group of four outputs, the
//!   start of a 16-byte window of the source row and, per pair of taps, a swizzle mask that
//!   picks each output's two pixels out of the window as `i16` pairs and their weights. Groups
//!   whose pixels do not fit one window (strong shrinking, the end of the row) are left to the
//!   scalar loop.
//! - Vertical: sixteen outputs of a row at a time, the weighted intermediate rows summed pair by
//!   pair.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{
        i8x16_swizzle, i16x8_shuffle, i32x4_add, i32x4_dot_i16x8, i32x4_splat, u8x16_narrow_i16x8,
        u16x8_extend_high_u8x16, u16x8_extend_low_u8x16, u16x8_narrow_i32x4, u32x4_extract_lane,
        u32x4_shr, v128,
    };

    /// Lanes of a mask byte that select nothing (`i8x16_swizzle` gives 0).
    const NONE: u8 = 0x80;
    const HALF: i32 = 1 << 13;

    use crate::simd_mem::{load16 as load, store16};

    /// `(acc + 2^13) >> 14` of four `i32` lanes, as four bytes.
    #[inline(always)]
    fn round4(acc: v128) -> [u8; 4] {
        let v = u32x4_shr(i32x4_add(acc, i32x4_splat(HALF)), 14);
        let n = u16x8_narrow_i32x4(v, v);
        u32x4_extract_lane::<0>(u8x16_narrow_i16x8(n, n)).to_le_bytes()
    }

    /// The horizontal pass's vector plan for one axis table (see the module docs).
    #[derive(Debug, Clone, Default)]
    pub(in crate::frame) struct RowPlan {
        /// Window start of each usable group (a prefix of the output's groups of four).
        bases: Vec<u32>,
        /// Tap pairs per output (`ceil(taps / 2)`).
        pairs: usize,
        /// `bases.len() * pairs` masks and weights, group by group.
        masks: Vec<[u8; 16]>,
        /// Eight `i16` weights per entry, little-endian bytes (loaded like the masks).
        weights: Vec<[u8; 16]>,
    }

    impl RowPlan {
        /// Rebuilds the plan from an axis table: `spans[j] = (lo, n)` and `taps` weights per
        /// output (`n` of them used) over a source row of `in_len` pixels.
        pub(in crate::frame) fn prepare(
            &mut self,
            spans: &[(u32, u32)],
            weights: &[u32],
            taps: usize,
            in_len: u32,
        ) {
            self.bases.clear();
            self.masks.clear();
            self.weights.clear();
            // Pairs of taps actually used (the tables reserve `taps`, outputs use up to `n`).
            let most = spans.iter().map(|&(_, n)| n as usize).max().unwrap_or(0);
            self.pairs = most.min(taps).div_ceil(2);
            let (groups, _) = spans.as_chunks::<4>();
            for (g, group) in groups.iter().enumerate() {
                let base = group[0].0;
                let fits = base.checked_add(16).is_some_and(|end| end <= in_len)
                    && group.iter().all(|&(lo, n)| lo >= base && lo - base + n <= 16);
                if !fits {
                    break;
                }
                self.bases.push(base);
                for p in 0..self.pairs {
                    let (mut mask, mut w) = ([NONE; 16], [0u8; 16]);
                    for (q, &(lo, n)) in group.iter().enumerate() {
                        for t in 0..2 {
                            let k = 2 * p + t;
                            let weight = weights.get((4 * g + q) * taps + k).copied();
                            if let (true, Some(weight)) = (k < n as usize, weight) {
                                mask[4 * q + 2 * t] = (lo - base) as u8 + k as u8;
                                let at = 4 * q + 2 * t;
                                w[at..at + 2].copy_from_slice(&(weight as i16).to_le_bytes());
                            }
                        }
                    }
                    self.masks.push(mask);
                    self.weights.push(w);
                }
            }
        }

        /// Resamples the leading groups of `row` into `out`; returns the outputs written.
        pub(in crate::frame) fn run(&self, row: &[u8], out: &mut [u8]) -> usize {
            let (out4, _) = out.as_chunks_mut::<4>();
            let tables = self
                .masks
                .chunks_exact(self.pairs.max(1))
                .zip(self.weights.chunks_exact(self.pairs.max(1)));
            let mut done = 0;
            for ((&base, (masks, weights)), o) in self.bases.iter().zip(tables).zip(out4) {
                let Some(window) = row.get(base as usize..).and_then(|r| r.first_chunk::<16>())
                else {
                    break;
                };
                let window = load(window);
                let mut acc = i32x4_splat(0);
                for (m, w) in masks.iter().zip(weights) {
                    acc = i32x4_add(acc, i32x4_dot_i16x8(i8x16_swizzle(window, load(m)), load(w)));
                }
                *o = round4(acc);
                done += 4;
            }
            done
        }

        pub(in crate::frame) fn capacity(&self) -> usize {
            self.bases.capacity() * 4 + self.masks.capacity() * 16 + self.weights.capacity() * 16
        }
    }

    /// Vertical pass for one output row: `out[x] = round(Σ_k weights[k] × row_k[x])` where row
    /// `k` is the `width` bytes of `src` at `first + k * stride`, sixteen outputs at a time;
    /// returns the outputs written.
    pub(in crate::frame) fn weighted_rows(
        src: &[u8],
        stride: usize,
        first: usize,
        width: usize,
        weights: &[u32],
        out: &mut [u8],
    ) -> usize {
        let row = |k: usize| {
            let start = first + k * stride;
            src.get(start..start + width).unwrap_or(&[])
        };
        let (o16, _) = out.as_chunks_mut::<16>();
        let mut done = 0;
        for (c, o) in o16.iter_mut().enumerate() {
            let x = c * 16;
            let at = |k: usize| row(k).get(x..).and_then(|r| r.first_chunk::<16>()).map(load);
            // Four named accumulators, not an array: at opt-level "s" an array stays on the stack.
            let zero = i32x4_splat(0);
            let (mut q0, mut q1, mut q2, mut q3) = (zero, zero, zero, zero);
            for (p, w) in weights.chunks(2).enumerate() {
                let (w0, w1) = (w[0] as i16, w.get(1).map_or(0, |&w| w as i16));
                let pair = i32x4_splat(i32::from(w0 as u16) | (i32::from(w1) << 16));
                let (Some(a), b) = (at(2 * p), at(2 * p + 1)) else { return done };
                let b = b.unwrap_or(zero);
                let (al, bl) = (u16x8_extend_low_u8x16(a), u16x8_extend_low_u8x16(b));
                let (ah, bh) = (u16x8_extend_high_u8x16(a), u16x8_extend_high_u8x16(b));
                let dot = |x: v128| i32x4_dot_i16x8(x, pair);
                q0 = i32x4_add(q0, dot(i16x8_shuffle::<0, 8, 1, 9, 2, 10, 3, 11>(al, bl)));
                q1 = i32x4_add(q1, dot(i16x8_shuffle::<4, 12, 5, 13, 6, 14, 7, 15>(al, bl)));
                q2 = i32x4_add(q2, dot(i16x8_shuffle::<0, 8, 1, 9, 2, 10, 3, 11>(ah, bh)));
                q3 = i32x4_add(q3, dot(i16x8_shuffle::<4, 12, 5, 13, 6, 14, 7, 15>(ah, bh)));
            }
            let r = |v: v128| u32x4_shr(i32x4_add(v, i32x4_splat(HALF)), 14);
            let v = u8x16_narrow_i16x8(
                u16x8_narrow_i32x4(r(q0), r(q1)),
                u16x8_narrow_i32x4(r(q2), r(q3)),
            );
            store16(o, v);
            done += 16;
        }
        done
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    /// No vector plan without SIMD128: the scalar loop does every output.
    #[derive(Debug, Clone, Default)]
    pub(in crate::frame) struct RowPlan;

    impl RowPlan {
        pub(in crate::frame) fn prepare(&mut self, _: &[(u32, u32)], _: &[u32], _: usize, _: u32) {}

        pub(in crate::frame) fn run(&self, _: &[u8], _: &mut [u8]) -> usize {
            0
        }

        pub(in crate::frame) fn capacity(&self) -> usize {
            0
        }
    }

    pub(in crate::frame) fn weighted_rows(
        _: &[u8],
        _: usize,
        _: usize,
        _: usize,
        _: &[u32],
        _: &mut [u8],
    ) -> usize {
        0
    }
}

pub(super) use imp::{RowPlan, weighted_rows};
