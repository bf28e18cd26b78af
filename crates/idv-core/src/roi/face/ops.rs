//! The operator kernels, on channel-padded NHWC tensors with batch 1.
//!
//! **Layout.** A tensor whose last dimension (the channels) is `c` is stored as `[F4]`: every
//! pixel (every index of the other dimensions) takes `c4 = ceil(c / 4)` vectors, the lanes past
//! `c` are zero. Every kernel then loads and stores whole vectors from `[F4]` (one `v128.load` on
//! wasm, no `unsafe`) and keeps the padding lanes at zero (zero weights and biases there).
//!
//! **Loops** are index loops over vectors with `#[inline(always)]` helpers: under the size
//! profile (`opt-level = "z"`) LLVM inlines almost nothing, so iterator adaptors in a hot loop
//! become calls. The depthwise kernel accumulates every tap of a 4-channel group in one
//! register; convolutions are in [`super::gemm`]. Sizes are checked when the graph is compiled, and each
//! kernel checks its buffers' lengths again on entry, so indexing never goes out of range.

pub(super) use super::gemm::{Packed, conv};
use super::simd::{self, F4};
use super::tflite::Activation;

/// Largest depthwise kernel (taps): 5×5.
pub(super) const MAX_TAPS: usize = 25;

/// Where a windowed op (convolution, pooling) reads: sizes, kernel, stride, leading padding.
/// `in_c4` and `out_c4` are the padded channel counts in vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Geometry {
    pub(super) in_h: usize,
    pub(super) in_w: usize,
    pub(super) in_c4: usize,
    pub(super) out_h: usize,
    pub(super) out_w: usize,
    pub(super) out_c4: usize,
    pub(super) k_h: usize,
    pub(super) k_w: usize,
    pub(super) stride_h: usize,
    pub(super) stride_w: usize,
    pub(super) pad_top: usize,
    pub(super) pad_left: usize,
}

impl Geometry {
    pub(super) fn in_len(&self) -> usize {
        self.in_h * self.in_w * self.in_c4
    }

    pub(super) fn out_len(&self) -> usize {
        self.out_h * self.out_w * self.out_c4
    }

    /// Kernel taps `k0..k1` of output `o` that fall inside an input of `len` (TF padding).
    #[inline(always)]
    fn taps(o: usize, stride: usize, pad: usize, k: usize, len: usize) -> (usize, usize, usize) {
        let start = o * stride; // input index of tap 0, plus `pad`
        let k0 = pad.saturating_sub(start).min(k);
        let k1 = (len + pad).saturating_sub(start).min(k).max(k0);
        (k0, k1, start + k0 - pad.min(start + k0))
    }

    /// Valid taps of output row `oy` and the input row of the first.
    #[inline(always)]
    pub(super) fn rows(&self, oy: usize) -> (usize, usize, usize) {
        Self::taps(oy, self.stride_h, self.pad_top, self.k_h, self.in_h)
    }

    #[inline(always)]
    pub(super) fn cols(&self, ox: usize) -> (usize, usize, usize) {
        Self::taps(ox, self.stride_w, self.pad_left, self.k_w, self.in_w)
    }
}

#[inline(always)]
pub(super) fn activate(v: F4, act: Activation) -> F4 {
    match act {
        Activation::None => v,
        Activation::Relu => simd::max(simd::zero(), v),
        Activation::Relu6 => simd::min(simd::max(simd::zero(), v), simd::splat(6.0)),
    }
}

/// Depthwise weights: `taps` runs of `c4` vectors, and the bias as `c4` vectors.
#[derive(Debug, Clone)]
pub(super) struct DepthwiseWeights {
    c4: usize,
    weights: Vec<F4>,
    bias: Vec<F4>,
    pub(super) act: Activation,
}

impl DepthwiseWeights {
    /// From TFLite's `[1, k_h, k_w, c]` layout.
    pub(super) fn new(weights: &[f32], bias: &[f32], c: usize, act: Activation) -> Self {
        let weights = weights.chunks(c.max(1)).flat_map(simd::pack).collect();
        Self {
            c4: c.div_ceil(4),
            weights,
            bias: simd::pack(bias),
            act,
        }
    }
}

/// DEPTHWISE_CONV_2D with depth multiplier 1.
pub(super) fn depthwise(src: &[F4], g: &Geometry, dw: &DepthwiseWeights, dst: &mut [F4]) {
    let c4 = g.in_c4;
    let sizes_ok = src.len() == g.in_len() && dst.len() == g.out_len() && g.out_c4 == c4;
    if !sizes_ok || dw.c4 != c4 || dw.bias.len() != c4 || dw.weights.len() != g.k_h * g.k_w * c4 {
        return;
    }
    // Slices, not `Vec`s: `Vec`'s `Index` is a call at `opt-level = "z"`, a slice's is not.
    let (weights, bias) = (dw.weights.as_slice(), dw.bias.as_slice());
    let mut o = 0;
    for oy in 0..g.out_h {
        let (ky0, ky1, iy0) = g.rows(oy);
        for ox in 0..g.out_w {
            let (kx0, kx1, ix0) = g.cols(ox);
            if g.k_h == 3 && g.k_w == 3 && (ky0, ky1, kx0, kx1) == (0, 3, 0, 3) {
                let s = (iy0 * g.in_w + ix0) * c4;
                depthwise_3x3(
                    src,
                    s,
                    g.in_w * c4,
                    weights,
                    bias,
                    dw.act,
                    &mut dst[o..o + c4],
                );
                o += c4;
                continue;
            }
            for j in 0..c4 {
                let mut acc = bias[j];
                for ky in ky0..ky1 {
                    let s = ((iy0 + ky - ky0) * g.in_w + ix0) * c4 + j;
                    let w = ky * g.k_w * c4 + j;
                    for kx in kx0..kx1 {
                        acc = simd::mul_add(acc, src[s + (kx - kx0) * c4], weights[w + kx * c4]);
                    }
                }
                dst[o + j] = activate(acc, dw.act);
            }
            o += c4;
        }
    }
}

/// One output pixel of a 3×3 depthwise convolution whose taps are all inside the input: `s` is
/// the top-left input pixel, `row` the input row length. The nine taps are written out (at
/// `opt-level = "z"` the loop would stay a loop).
#[inline(always)]
fn depthwise_3x3(
    src: &[F4],
    s: usize,
    row: usize,
    w: &[F4],
    bias: &[F4],
    act: Activation,
    out: &mut [F4],
) {
    let c4 = out.len();
    let (r0, r1, r2) = (s, s + row, s + 2 * row);
    let (a, b) = (c4, 2 * c4);
    for (j, o) in out.iter_mut().enumerate() {
        let mut acc = bias[j];
        acc = simd::mul_add(acc, src[r0 + j], w[j]);
        acc = simd::mul_add(acc, src[r0 + a + j], w[a + j]);
        acc = simd::mul_add(acc, src[r0 + b + j], w[b + j]);
        acc = simd::mul_add(acc, src[r1 + j], w[3 * c4 + j]);
        acc = simd::mul_add(acc, src[r1 + a + j], w[4 * c4 + j]);
        acc = simd::mul_add(acc, src[r1 + b + j], w[5 * c4 + j]);
        acc = simd::mul_add(acc, src[r2 + j], w[6 * c4 + j]);
        acc = simd::mul_add(acc, src[r2 + a + j], w[7 * c4 + j]);
        acc = simd::mul_add(acc, src[r2 + b + j], w[8 * c4 + j]);
        *o = activate(acc, act);
    }
}

/// MAX_POOL_2D: padding cells are ignored, as in TFLite.
pub(super) fn max_pool(src: &[F4], g: &Geometry, act: Activation, dst: &mut [F4]) {
    let c4 = g.in_c4;
    if src.len() != g.in_len() || dst.len() != g.out_len() || g.out_c4 != c4 {
        return;
    }
    let mut o = 0;
    for oy in 0..g.out_h {
        let (ky0, ky1, iy0) = g.rows(oy);
        for ox in 0..g.out_w {
            let (kx0, kx1, ix0) = g.cols(ox);
            for j in 0..c4 {
                let mut m = simd::splat(f32::NEG_INFINITY);
                for iy in iy0..iy0 + (ky1 - ky0) {
                    for ix in ix0..ix0 + (kx1 - kx0) {
                        m = simd::max(m, src[(iy * g.in_w + ix) * c4 + j]);
                    }
                }
                dst[o + j] = activate(m, act);
            }
            o += c4;
        }
    }
}

/// ADD of two same-shape tensors.
pub(super) fn add(a: &[F4], b: &[F4], act: Activation, dst: &mut [F4]) {
    let n = dst.len().min(a.len()).min(b.len());
    for i in 0..n {
        dst[i] = activate(simd::add(a[i], b[i]), act);
    }
}

/// RELU.
pub(super) fn unary(src: &[F4], act: Activation, dst: &mut [F4]) {
    let n = dst.len().min(src.len());
    for i in 0..n {
        dst[i] = activate(src[i], act);
    }
}

/// PAD with zeros: `in_shape` / `out_shape` are `[n, h, w, c4]` in vectors; `before` the
/// leading padding in cells and in vectors for the channels (a multiple of 4 was required).
pub(super) fn pad(
    src: &[F4],
    in_shape: [usize; 4],
    before: [usize; 4],
    out_shape: [usize; 4],
    dst: &mut [F4],
) {
    let [n, h, w, c4] = in_shape;
    let [_, oh, ow, oc4] = out_shape;
    let fits = (0..4).all(|d| before[d] + in_shape[d] <= out_shape[d]);
    if !fits || src.len() != n * h * w * c4 || dst.len() != out_shape.iter().product::<usize>() {
        return;
    }
    dst.fill(simd::zero());
    let mut i = 0;
    for b in 0..n {
        for y in 0..h {
            for x in 0..w {
                let o =
                    (((b + before[0]) * oh + y + before[1]) * ow + x + before[2]) * oc4 + before[3];
                dst[o..o + c4].copy_from_slice(&src[i..i + c4]);
                i += c4;
            }
        }
    }
}

/// CONCATENATION along a dimension other than the channels: for each of `outer` blocks, the
/// next `run` vectors of every input in turn.
pub(super) fn concat(srcs: &[(&[F4], usize)], outer: usize, dst: &mut [F4]) {
    let total: usize = srcs.iter().map(|(_, run)| run * outer).sum();
    if dst.len() != total || srcs.iter().any(|(s, run)| s.len() != run * outer) {
        return;
    }
    let mut at = 0;
    for o in 0..outer {
        for &(src, run) in srcs {
            dst[at..at + run].copy_from_slice(&src[o * run..(o + 1) * run]);
            at += run;
        }
    }
}

/// RESHAPE: the `len` logical values of a tensor with `src_c` channels, in order, into one with
/// `dst_c` channels (a plain copy when both are multiples of 4).
pub(super) fn reshape(src: &[F4], src_c: usize, dst_c: usize, len: usize, dst: &mut [F4]) {
    let (s4, d4) = (src_c.div_ceil(4), dst_c.div_ceil(4));
    let whole = src_c > 0 && dst_c > 0 && len.is_multiple_of(src_c) && len.is_multiple_of(dst_c);
    if !whole || src.len() != len / src_c * s4 || dst.len() != len / dst_c * d4 {
        return;
    }
    if src_c.is_multiple_of(4) && dst_c.is_multiple_of(4) {
        dst.copy_from_slice(src);
        return;
    }
    let mut lanes = [0.0f32; 4];
    let mut out = 0;
    for e in 0..len {
        let v = simd::to_array(src[e / src_c * s4 + e % src_c / 4]);
        lanes[e % dst_c % 4] = v[e % src_c % 4];
        let last_of_vector = e % dst_c % 4 == 3 || e % dst_c == dst_c - 1;
        if last_of_vector {
            dst[out] = simd::load(&lanes);
            lanes = [0.0; 4];
            out += 1;
        }
    }
}

/// The logical values of a padded tensor (`c` channels) into `out`.
pub(super) fn unpad(src: &[F4], c: usize, out: &mut [f32]) {
    let c4 = c.div_ceil(4);
    if c == 0 || src.len() != out.len() / c * c4 {
        return;
    }
    for (p, values) in out.chunks_exact_mut(c).enumerate() {
        for (ch, v) in values.iter_mut().enumerate() {
            *v = simd::to_array(src[p * c4 + ch / 4])[ch % 4];
        }
    }
}

/// Logical values (`c` channels) into the padded layout.
#[cfg(test)]
pub(super) fn pad_channels(values: &[f32], c: usize) -> Vec<F4> {
    values.chunks(c.max(1)).flat_map(simd::pack).collect()
}

#[cfg(test)]
#[path = "ops_tests.rs"]
mod tests;
