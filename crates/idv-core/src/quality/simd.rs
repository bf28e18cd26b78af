//! SIMD128 kernels of the sharpness statistics and the glare count (wasm32 with `target_feature = "simd128"`; see
//! `crate::frame`'s SIMD notes for why the intrinsics are explicit and how loads stay safe).
//!
//! [`laplacian_block`] does the interior columns `1..end` of one row sixteen at a time: the
//! 4-neighbour Laplacian's Σ L and Σ L², and the squared differences to the right and downward
//! neighbours. The scalar code in [`super::sharpness`] does the borders and the rest, so the
//! sums are exactly the scalar ones.

/// Sums over the columns `1..end` of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Block {
    /// First column not done (1 when the kernel did nothing).
    pub(super) end: usize,
    pub(super) sum: i64,
    pub(super) sum_sq: u64,
    /// Σ (c[x+1] − c[x])² for x in `1..end`.
    pub(super) ex: u64,
    /// Σ (d[x] − c[x])² for x in `1..end` (only when `down` was asked).
    pub(super) ey: u64,
}

/// Σv, Σv² and the counts below and above two levels over a row's columns `..done`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct RowSums {
    pub(super) done: usize,
    pub(super) sum: u64,
    pub(super) sum_sq: u64,
    pub(super) below: u64,
    pub(super) above: u64,
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{
        i8x16_bitmask, i16x8_add, i16x8_shl, i16x8_sub, i32x4_add, i32x4_dot_i16x8,
        i32x4_extadd_pairwise_i16x8, i32x4_extract_lane, i32x4_splat, u8x16_ge, u8x16_gt, u8x16_lt,
        u8x16_splat, u16x8_extadd_pairwise_u8x16, u16x8_extend_high_u8x16, u16x8_extend_low_u8x16,
        u32x4_extadd_pairwise_u16x8, u32x4_extract_lane, v128, v128_and,
    };

    use super::{Block, RowSums};

    use crate::simd_mem::{load16 as load, store16};

    fn lanes_u32(v: v128) -> u64 {
        u64::from(u32x4_extract_lane::<0>(v))
            + u64::from(u32x4_extract_lane::<1>(v))
            + u64::from(u32x4_extract_lane::<2>(v))
            + u64::from(u32x4_extract_lane::<3>(v))
    }

    fn lanes(v: v128) -> i64 {
        i64::from(i32x4_extract_lane::<0>(v))
            + i64::from(i32x4_extract_lane::<1>(v))
            + i64::from(i32x4_extract_lane::<2>(v))
            + i64::from(i32x4_extract_lane::<3>(v))
    }

    /// Bytes of `row` ≥ `level` over its longest 16-byte prefix: `(bytes looked at, count)`.
    pub(in crate::quality) fn count_at_least(row: &[u8], level: u8) -> (usize, u64) {
        let (chunks, _) = row.as_chunks::<16>();
        let threshold = u8x16_splat(level);
        let mut n = 0u64;
        for c in chunks {
            n += u64::from(i8x16_bitmask(u8x16_ge(load(c), threshold)).count_ones());
        }
        (chunks.len() * 16, n)
    }

    /// `mask[x] = (row[x] >= level) as u8` over the longest 16-byte prefix of `row` that `mask`
    /// also holds: `(bytes written, count of ones)`.
    pub(in crate::quality) fn mask_at_least(
        row: &[u8],
        level: u8,
        mask: &mut [u8],
    ) -> (usize, u64) {
        let (chunks, _) = row.as_chunks::<16>();
        let (out, _) = mask.as_chunks_mut::<16>();
        let (threshold, one) = (u8x16_splat(level), u8x16_splat(1));
        let (mut n, mut done) = (0u64, 0);
        for (c, o) in chunks.iter().zip(out) {
            let hit = u8x16_ge(load(c), threshold);
            n += u64::from(i8x16_bitmask(hit).count_ones());
            let bits = v128_and(hit, one);
            store16(o, bits);
            done += 16;
        }
        (done, n)
    }

    /// [`RowSums`] over the longest 16-byte prefix of `row` (`below`: `v < dark`, `above`:
    /// `v > bright`). Lanes: Σv ≤ 16 · 255 and Σv² ≤ 2 · 65025 per 16 bytes, so the `u32` lanes
    /// hold rows of any accepted width (≤ 8192).
    pub(in crate::quality) fn region_sums(row: &[u8], dark: u8, bright: u8) -> RowSums {
        let (chunks, _) = row.as_chunks::<16>();
        let (lo, hi) = (u8x16_splat(dark), u8x16_splat(bright));
        let (mut sum, mut sq) = (i32x4_splat(0), i32x4_splat(0));
        let (mut below, mut above) = (0u64, 0u64);
        for c in chunks {
            let v = load(c);
            sum = i32x4_add(sum, u32x4_extadd_pairwise_u16x8(u16x8_extadd_pairwise_u8x16(v)));
            let (l, h) = (u16x8_extend_low_u8x16(v), u16x8_extend_high_u8x16(v));
            sq = i32x4_add(sq, i32x4_add(i32x4_dot_i16x8(l, l), i32x4_dot_i16x8(h, h)));
            below += u64::from(i8x16_bitmask(u8x16_lt(v, lo)).count_ones());
            above += u64::from(i8x16_bitmask(u8x16_gt(v, hi)).count_ones());
        }
        RowSums {
            done: chunks.len() * 16,
            sum: lanes_u32(sum),
            sum_sq: lanes_u32(sq),
            below,
            above,
        }
    }

    /// Running sums of a row: Σ L and Σ L² (as `u32` lanes), Σ dx², Σ dy², each 4 lanes.
    #[derive(Clone, Copy)]
    struct Acc {
        sum: v128,
        sq: v128,
        ex: v128,
        ey: v128,
    }

    /// Adds eight columns (`i16` lanes of the left, centre, right, up and down neighbours).
    #[inline(always)]
    fn add8(acc: Acc, l: v128, m: v128, r: v128, up: v128, dn: v128, down: bool) -> Acc {
        let lap = i16x8_sub(i16x8_add(i16x8_add(up, dn), i16x8_add(l, r)), i16x8_shl(m, 2));
        let dx = i16x8_sub(r, m);
        let ey = if down {
            let dy = i16x8_sub(dn, m);
            i32x4_add(acc.ey, i32x4_dot_i16x8(dy, dy))
        } else {
            acc.ey
        };
        Acc {
            sum: i32x4_add(acc.sum, i32x4_extadd_pairwise_i16x8(lap)),
            sq: i32x4_add(acc.sq, i32x4_dot_i16x8(lap, lap)),
            ex: i32x4_add(acc.ex, i32x4_dot_i16x8(dx, dx)),
            ey,
        }
    }

    /// See the module docs; `u`, `c`, `d` are the rows above, at and below (same length).
    ///
    /// Lane bounds per block of 16 columns: Σ L² ≤ 4 · 1020² = 4.2e6, Σ dx², Σ dy² ≤ 4 · 255²;
    /// rows are at most 8192 columns (512 blocks), so Σ L² < 2.2e9 fits the lanes read as `u32`
    /// and the others fit `i32`.
    pub(in crate::quality) fn laplacian_block(u: &[u8], c: &[u8], d: &[u8], down: bool) -> Block {
        let w = c.len().min(u.len()).min(d.len());
        // Column x needs c[x - 1 ..= x + 16]: blocks start at 1 and end by w - 1.
        let blocks = w.saturating_sub(2) / 16;
        let zero = i32x4_splat(0);
        let mut acc = Acc { sum: zero, sq: zero, ex: zero, ey: zero };
        let at = |row: &[u8], x: usize| row.get(x..).and_then(|r| r.first_chunk::<16>()).map(load);
        let mut end = 1;
        for b in 0..blocks {
            let x = 1 + 16 * b;
            let (Some(l), Some(m), Some(r), Some(up), Some(dn)) =
                (at(c, x - 1), at(c, x), at(c, x + 1), at(u, x), at(d, x))
            else {
                break;
            };
            let (lw, hg) = (u16x8_extend_low_u8x16, u16x8_extend_high_u8x16);
            acc = add8(acc, lw(l), lw(m), lw(r), lw(up), lw(dn), down);
            acc = add8(acc, hg(l), hg(m), hg(r), hg(up), hg(dn), down);
            end = x + 16;
        }
        Block {
            end,
            sum: lanes(acc.sum),
            sum_sq: lanes_u32(acc.sq),
            ex: lanes(acc.ex) as u64,
            ey: lanes(acc.ey) as u64,
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    use super::{Block, RowSums};

    pub(in crate::quality) fn count_at_least(_: &[u8], _: u8) -> (usize, u64) {
        (0, 0)
    }

    pub(in crate::quality) fn region_sums(_: &[u8], _: u8, _: u8) -> RowSums {
        RowSums::default()
    }

    pub(in crate::quality) fn mask_at_least(_: &[u8], _: u8, _: &mut [u8]) -> (usize, u64) {
        (0, 0)
    }

    pub(in crate::quality) fn laplacian_block(_: &[u8], _: &[u8], _: &[u8], _: bool) -> Block {
        Block { end: 1, sum: 0, sum_sq: 0, ex: 0, ey: 0 }
    }
}

pub(super) use imp::{count_at_least, laplacian_block, mask_at_least, region_sums};
