//! CONV_2D as a matrix product: prepacked weights and a 4-pixel × 8-channel micro-kernel that
//! keeps its accumulators in eight vector registers (see [`super::ops`] for the layout).

use super::ops::{Geometry, activate};
use super::simd::{self, F4};
use super::tflite::Activation;

/// Output channels per weight tile (two vectors).
const NR: usize = 8;
/// Pixels per micro-kernel block.
const MR: usize = 4;

/// Convolution weights repacked for [`gemm`]: `ceil(n / 8)` tiles, each `k4 · 4` rows of two
/// vectors (8 output channels, zero past `n` and on padding input lanes).
#[derive(Debug, Clone)]
pub(super) struct Packed {
    /// Input vectors per row of the `A` operand (taps × padded input channels / 4).
    pub(super) k4: usize,
    /// Output vectors per pixel.
    pub(super) n4: usize,
    tiles: usize,
    /// Input lanes that can be non-zero: 3 when the input has 3 channels (the RGB image), whose
    /// fourth lane is padding, so the micro-kernel skips it; else 4.
    lanes: usize,
    weights: Vec<[F4; 2]>,
    bias: Vec<[F4; 2]>,
    pub(super) act: Activation,
}

impl Packed {
    /// From TFLite's OHWI layout: `n` outputs × `taps` × `c` inputs.
    pub(super) fn new(
        ohwi: &[f32],
        bias: &[f32],
        n: usize,
        taps: usize,
        c: usize,
        act: Activation,
    ) -> Self {
        let c4 = c.div_ceil(4);
        let (k4, n4, tiles) = (taps * c4, n.div_ceil(4), n.div_ceil(NR));
        let at = |o: usize, row: usize| -> f32 {
            let (tap, ch) = (row / (c4 * 4), row % (c4 * 4));
            if o >= n || ch >= c {
                0.0
            } else {
                ohwi.get((o * taps + tap) * c + ch).copied().unwrap_or(0.0)
            }
        };
        let tile_row = |f: &dyn Fn(usize) -> f32, o0: usize| -> [F4; 2] {
            let v: [f32; NR] = core::array::from_fn(|j| f(o0 + j));
            [simd::load_partial(&v[..4]), simd::load_partial(&v[4..])]
        };
        let mut weights = Vec::with_capacity(tiles * k4 * 4);
        for t in 0..tiles {
            for row in 0..k4 * 4 {
                weights.push(tile_row(&|o| at(o, row), t * NR));
            }
        }
        let b = |o: usize| {
            if o < n {
                bias.get(o).copied().unwrap_or(0.0)
            } else {
                0.0
            }
        };
        let bias = (0..tiles).map(|t| tile_row(&b, t * NR)).collect();
        let lanes = if c == 3 { 3 } else { 4 };
        Self {
            k4,
            n4,
            tiles,
            lanes,
            weights,
            bias,
            act,
        }
    }
}

/// `out[p] = act(bias + Σ a[p][k] · w[k])` for `m` rows of `a` (`k4` vectors each) into `m` rows
/// of `out` (`n4` vectors each).
pub(super) fn gemm(a: &[F4], m: usize, p: &Packed, out: &mut [F4]) {
    let sizes_ok = a.len() >= m * p.k4 && out.len() >= m * p.n4;
    if !sizes_ok || p.weights.len() != p.tiles * p.k4 * 4 || p.bias.len() != p.tiles {
        return;
    }
    let mut row = 0;
    while row + MR <= m {
        if p.lanes == 3 {
            gemm_block::<3>(a, row, p, out);
        } else {
            gemm_block::<4>(a, row, p, out);
        }
        row += MR;
    }
    while row < m {
        gemm_row(a, row, p, out);
        row += 1;
    }
}

/// Rows `row..row + 4`, reading the first `LANES` lanes of each input vector. Written out by
/// hand: at `opt-level = "z"` LLVM neither unrolls loops nor promotes an indexed accumulator
/// array to registers.
fn gemm_block<const LANES: usize>(a: &[F4], row: usize, p: &Packed, out: &mut [F4]) {
    let (k4, n4, w, bias) = (p.k4, p.n4, p.weights.as_slice(), p.bias.as_slice());
    let (a0, a1, a2, a3) = (row * k4, (row + 1) * k4, (row + 2) * k4, (row + 3) * k4);
    for (t, &b) in bias.iter().enumerate() {
        let (mut c00, mut c01, mut c10, mut c11) = (b[0], b[1], b[0], b[1]);
        let (mut c20, mut c21, mut c30, mut c31) = (b[0], b[1], b[0], b[1]);
        let base = t * k4 * 4;
        for q in 0..k4 {
            let (x0, x1, x2, x3) = (a[a0 + q], a[a1 + q], a[a2 + q], a[a3 + q]);
            macro_rules! lane {
                ($l:literal) => {
                    let wl = w[base + q * 4 + $l];
                    let s = simd::lane::<$l>(x0);
                    c00 = simd::mul_add(c00, s, wl[0]);
                    c01 = simd::mul_add(c01, s, wl[1]);
                    let s = simd::lane::<$l>(x1);
                    c10 = simd::mul_add(c10, s, wl[0]);
                    c11 = simd::mul_add(c11, s, wl[1]);
                    let s = simd::lane::<$l>(x2);
                    c20 = simd::mul_add(c20, s, wl[0]);
                    c21 = simd::mul_add(c21, s, wl[1]);
                    let s = simd::lane::<$l>(x3);
                    c30 = simd::mul_add(c30, s, wl[0]);
                    c31 = simd::mul_add(c31, s, wl[1]);
                };
            }
            lane!(0);
            lane!(1);
            lane!(2);
            if LANES == 4 {
                lane!(3);
            }
        }
        let (o, two) = (row * n4 + 2 * t, 2 * t + 1 < n4);
        for (r, lo, hi) in [(0, c00, c01), (1, c10, c11), (2, c20, c21), (3, c30, c31)] {
            out[o + r * n4] = activate(lo, p.act);
            if two {
                out[o + r * n4 + 1] = activate(hi, p.act);
            }
        }
    }
}

/// One row (the remainder after the blocks of 4).
fn gemm_row(a: &[F4], row: usize, p: &Packed, out: &mut [F4]) {
    let (k4, n4, w, bias) = (p.k4, p.n4, p.weights.as_slice(), p.bias.as_slice());
    for (t, &[mut lo, mut hi]) in bias.iter().enumerate() {
        let base = t * k4 * 4;
        for q in 0..k4 {
            let (x, wq) = (a[row * k4 + q], base + q * 4);
            macro_rules! lane {
                ($l:literal) => {
                    let s = simd::lane::<$l>(x);
                    lo = simd::mul_add(lo, s, w[wq + $l][0]);
                    hi = simd::mul_add(hi, s, w[wq + $l][1]);
                };
            }
            lane!(0);
            lane!(1);
            lane!(2);
            lane!(3);
        }
        let o = row * n4 + 2 * t;
        out[o] = activate(lo, p.act);
        if 2 * t + 1 < n4 {
            out[o + 1] = activate(hi, p.act);
        }
    }
}

/// Copies the receptive fields of output row `oy` into `cols` (`out_w` rows of
/// `k_h · k_w · in_c4` vectors, the tap order of the packed weights), zero over the padding.
fn im2col_row(src: &[F4], g: &Geometry, oy: usize, cols: &mut [F4]) {
    let c4 = g.in_c4;
    let (ky0, ky1, iy0) = g.rows(oy);
    let mut i = 0;
    for ox in 0..g.out_w {
        let (kx0, kx1, ix0) = g.cols(ox);
        for ky in 0..g.k_h {
            let row_ok = ky >= ky0 && ky < ky1;
            // Input index of tap (ky, kx0); only read when the tap is inside.
            let s = if row_ok {
                ((iy0 + ky - ky0) * g.in_w + ix0) * c4
            } else {
                0
            };
            for kx in 0..g.k_w {
                let ok = row_ok && kx >= kx0 && kx < kx1;
                for j in 0..c4 {
                    cols[i] = if ok {
                        src[s + (kx - kx0) * c4 + j]
                    } else {
                        simd::zero()
                    };
                    i += 1;
                }
            }
        }
    }
}

/// CONV_2D: pointwise convolutions run [`gemm`] on the input directly, others row by row on an
/// im2col copy in `cols` (at least `out_w · k4` long).
pub(super) fn conv(src: &[F4], g: &Geometry, p: &Packed, cols: &mut [F4], dst: &mut [F4]) {
    if src.len() != g.in_len() || dst.len() != g.out_len() || p.n4 != g.out_c4 {
        return;
    }
    let pointwise = g.k_h == 1 && g.k_w == 1 && g.stride_h == 1 && g.stride_w == 1;
    if pointwise && g.pad_top == 0 && g.pad_left == 0 {
        gemm(src, g.out_h * g.out_w, p, dst);
        return;
    }
    let row = g.out_w * p.k4;
    if cols.len() < row || p.k4 != g.k_h * g.k_w * g.in_c4 {
        return;
    }
    let out_row = g.out_w * g.out_c4;
    for oy in 0..g.out_h {
        im2col_row(src, g, oy, &mut cols[..row]);
        gemm(
            &cols[..row],
            g.out_w,
            p,
            &mut dst[oy * out_row..(oy + 1) * out_row],
        );
    }
}
