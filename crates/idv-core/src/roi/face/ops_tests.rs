//! Each kernel on a tiny tensor with hand-computed results.

use super::*;
use crate::roi::face::gemm::gemm;

fn plain(v: &[F4], c: usize) -> Vec<f32> {
    let mut out = vec![0.0; v.len() / c.div_ceil(4) * c];
    unpad(v, c, &mut out);
    out
}

fn geometry(
    input: [usize; 3],
    output: [usize; 3],
    k: usize,
    stride: usize,
    pad: usize,
) -> Geometry {
    Geometry {
        in_h: input[0],
        in_w: input[1],
        in_c4: input[2].div_ceil(4),
        out_h: output[0],
        out_w: output[1],
        out_c4: output[2].div_ceil(4),
        k_h: k,
        k_w: k,
        stride_h: stride,
        stride_w: stride,
        pad_top: pad,
        pad_left: pad,
    }
}

#[test]
fn taps_clip_to_the_input() {
    // (first valid tap, end, first input index)
    assert_eq!(Geometry::taps(0, 2, 0, 3, 4), (0, 3, 0));
    assert_eq!(Geometry::taps(1, 2, 0, 3, 4), (0, 2, 2)); // tap 2 reads index 4 = padding
    assert_eq!(Geometry::taps(0, 1, 1, 3, 4), (1, 3, 0)); // tap 0 reads index -1
    assert_eq!(Geometry::taps(3, 1, 1, 3, 4), (0, 2, 2));
    let (k0, k1, _) = Geometry::taps(9, 1, 1, 3, 4); // entirely past the end: empty
    assert_eq!(k0, k1);
}

#[test]
fn gemm_matches_a_naive_product_with_partial_tiles_and_a_remainder_row() {
    // 5 rows (a block of 4 and one more), 3 inputs, 10 outputs (two tiles, the second partial).
    let (m, c, n) = (5, 3, 10);
    let w: Vec<f32> = (0..n * c).map(|i| (i % 7) as f32 - 3.0).collect();
    let bias: Vec<f32> = (0..n).map(|o| o as f32 * 0.5).collect();
    let a: Vec<f32> = (0..m * c).map(|i| (i % 5) as f32 - 1.0).collect();
    let p = Packed::new(&w, &bias, n, 1, c, Activation::None);
    let mut out = vec![simd::splat(9.0); m * n.div_ceil(4)];
    gemm(&pad_channels(&a, c), m, &p, &mut out);
    let got = plain(&out, n);
    for row in 0..m {
        for o in 0..n {
            let want = bias[o] + (0..c).map(|i| a[row * c + i] * w[o * c + i]).sum::<f32>();
            assert_eq!(got[row * n + o], want, "row {row} out {o}");
        }
    }
    // One by hand: row 0 = [-1, 0, 1], output 9 = w[27..30] = [3, -3, -2] → -3 - 2 + 4.5.
    assert_eq!(got[9], -0.5);
    // Padding lanes stay zero.
    assert_eq!(simd::to_array(out[2])[2..], [0.0, 0.0]);
}

#[test]
fn conv_3x3_stride_2_same_pads_only_after() {
    // 4×4×1 input 0..16, all-ones kernel: TF SAME pads 0 before and 1 after.
    let input = pad_channels(&(0..16).map(|v| v as f32).collect::<Vec<_>>(), 1);
    let g = geometry([4, 4, 1], [2, 2, 1], 3, 2, 0);
    let p = Packed::new(&[1.0; 9], &[0.0], 1, 9, 1, Activation::None);
    let mut cols = vec![simd::zero(); 2 * 9];
    let mut out = vec![simd::zero(); 4];
    conv(&input, &g, &p, &mut cols, &mut out);
    assert_eq!(plain(&out, 1), vec![45.0, 39.0, 66.0, 50.0]);
}

#[test]
fn conv_relu6_clamps() {
    let input = pad_channels(&[-2.0, 1.0, 4.0, 9.0], 1);
    let g = geometry([2, 2, 1], [2, 2, 1], 1, 1, 0);
    let p = Packed::new(&[1.0], &[0.0], 1, 1, 1, Activation::Relu6);
    let mut out = vec![simd::zero(); 4];
    conv(&input, &g, &p, &mut [], &mut out);
    assert_eq!(plain(&out, 1), vec![0.0, 1.0, 4.0, 6.0]);
}

#[test]
fn depthwise_same_counts_taps_at_borders_and_centre() {
    // 3×3×2: channel 0 is y·3 + x with an identity kernel, channel 1 is 1 with an all-ones
    // kernel (so it counts the taps inside the input: 4 at corners, 6 at edges, 9 inside).
    let values: Vec<f32> = (0..9).flat_map(|i| [i as f32, 1.0]).collect();
    let weights: Vec<f32> = (0..9)
        .flat_map(|t| [if t == 4 { 1.0 } else { 0.0 }, 1.0])
        .collect();
    let dw = DepthwiseWeights::new(&weights, &[0.0, 0.5], 2, Activation::None);
    let g = geometry([3, 3, 2], [3, 3, 2], 3, 1, 1);
    let mut out = vec![simd::zero(); 9];
    depthwise(&pad_channels(&values, 2), &g, &dw, &mut out);
    let got = plain(&out, 2);
    let ch0: Vec<f32> = got.iter().step_by(2).copied().collect();
    let ch1: Vec<f32> = got.iter().skip(1).step_by(2).copied().collect();
    assert_eq!(ch0, (0..9).map(|v| v as f32).collect::<Vec<_>>());
    assert_eq!(ch1, vec![4.5, 6.5, 4.5, 6.5, 9.5, 6.5, 4.5, 6.5, 4.5]);
}

#[test]
fn depthwise_interior_path_equals_the_general_one() {
    // 5×5×6 with stride 1: inner pixels take the unrolled 3×3 path, the ring the general one;
    // compare both against a direct sum.
    let (h, w, c) = (5usize, 5usize, 6usize);
    let x: Vec<f32> = (0..h * w * c)
        .map(|i| ((i * 7) % 11) as f32 - 5.0)
        .collect();
    let k: Vec<f32> = (0..9 * c).map(|i| ((i * 5) % 7) as f32 - 3.0).collect();
    let bias: Vec<f32> = (0..c).map(|i| i as f32).collect();
    let dw = DepthwiseWeights::new(&k, &bias, c, Activation::Relu);
    let mut out = vec![simd::zero(); h * w * 2];
    depthwise(
        &pad_channels(&x, c),
        &geometry([h, w, c], [h, w, c], 3, 1, 1),
        &dw,
        &mut out,
    );
    let got = plain(&out, c);
    for (y, xx, ch) in
        (0..h).flat_map(|y| (0..w).flat_map(move |xx| (0..c).map(move |ch| (y, xx, ch))))
    {
        let mut sum = bias[ch];
        for (ky, kx) in (0..3).flat_map(|ky| (0..3).map(move |kx| (ky, kx))) {
            let (iy, ix) = (y as isize + ky as isize - 1, xx as isize + kx as isize - 1);
            if (0..h as isize).contains(&iy) && (0..w as isize).contains(&ix) {
                sum += x[(iy as usize * w + ix as usize) * c + ch] * k[(ky * 3 + kx) * c + ch];
            }
        }
        assert_eq!(got[(y * w + xx) * c + ch], sum.max(0.0), "{y},{xx},{ch}");
    }
}

#[test]
fn max_pool_same_ignores_padding() {
    // 3×3×2, 2×2 stride 2 SAME: pads one after. Channel 1 is negative everywhere: zero padding
    // would win the max; TFLite ignores it.
    let values: Vec<f32> = (0..9).flat_map(|i| [i as f32, -(i as f32) - 1.0]).collect();
    let g = Geometry {
        k_h: 2,
        k_w: 2,
        ..geometry([3, 3, 2], [2, 2, 2], 2, 2, 0)
    };
    let mut out = vec![simd::zero(); 4];
    max_pool(&pad_channels(&values, 2), &g, Activation::None, &mut out);
    assert_eq!(
        plain(&out, 2),
        vec![4.0, -1.0, 5.0, -3.0, 7.0, -7.0, 8.0, -9.0]
    );
}

#[test]
fn add_and_relu() {
    let a = pad_channels(&[1.0, -2.0, 3.0, -4.0, 5.0], 5);
    let b = pad_channels(&[1.0; 5], 5);
    let mut out = vec![simd::splat(7.0); 2];
    add(&a, &b, Activation::Relu, &mut out);
    assert_eq!(plain(&out, 5), vec![2.0, 0.0, 4.0, 0.0, 6.0]);
    assert_eq!(simd::to_array(out[1]), [6.0, 0.0, 0.0, 0.0]); // padding lanes stay 0
    add(&a, &b, Activation::None, &mut out);
    assert_eq!(plain(&out, 5), vec![2.0, -1.0, 4.0, -3.0, 6.0]);
    unary(&a, Activation::Relu, &mut out);
    assert_eq!(plain(&out, 5), vec![1.0, 0.0, 3.0, 0.0, 5.0]);
}

#[test]
fn pad_channels_and_width() {
    // [1, 1, 2, 3] → [1, 1, 3, 8]: one pixel before in width, 5 channels after.
    let src = pad_channels(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 3);
    let mut out = vec![simd::splat(9.0); 3 * 2];
    pad(&src, [1, 1, 2, 1], [0, 0, 1, 0], [1, 1, 3, 2], &mut out);
    let mut want = vec![0.0; 24];
    want[8..11].copy_from_slice(&[1.0, 2.0, 3.0]);
    want[16..19].copy_from_slice(&[4.0, 5.0, 6.0]);
    assert_eq!(plain(&out, 8), want);
}

#[test]
fn concat_interleaves_blocks() {
    // Axis 1 of [1, 2, 4] and [1, 1, 4] → [1, 3, 4].
    let a = pad_channels(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], 4);
    let b = pad_channels(&[9.0, 10.0, 11.0, 12.0], 4);
    let mut out = vec![simd::zero(); 3];
    concat(&[(&a, 2), (&b, 1)], 1, &mut out);
    assert_eq!(
        plain(&out, 4),
        (1..=12).map(|v| v as f32).collect::<Vec<_>>()
    );
    // Two outer blocks of one vector each, from two inputs.
    let mut out = vec![simd::zero(); 4];
    concat(&[(&a, 1), (&a, 1)], 2, &mut out);
    assert_eq!(plain(&out, 4)[4..8], [1.0, 2.0, 3.0, 4.0]);
    assert_eq!(plain(&out, 4)[8..12], [5.0, 6.0, 7.0, 8.0]);
}

#[test]
fn reshape_repacks_channels() {
    // [1, 2, 2, 2] → [1, 8, 1], like the classifier heads.
    let values: Vec<f32> = (0..8).map(|v| v as f32).collect();
    let mut out = vec![simd::splat(9.0); 8];
    reshape(&pad_channels(&values, 2), 2, 1, 8, &mut out);
    assert_eq!(plain(&out, 1), values);
    assert_eq!(simd::to_array(out[3]), [3.0, 0.0, 0.0, 0.0]);
    // [1, 2, 6] → [1, 3, 4] (not multiples of 4 on one side).
    let mut out = vec![simd::zero(); 3];
    let values: Vec<f32> = (0..12).map(|v| v as f32).collect();
    reshape(&pad_channels(&values, 6), 6, 4, 12, &mut out);
    assert_eq!(plain(&out, 4), values);
    // Multiples of 4 on both sides: a plain copy.
    let mut out = vec![simd::zero(); 4];
    let values: Vec<f32> = (0..16).map(|v| v as f32).collect();
    reshape(&pad_channels(&values, 16), 16, 8, 16, &mut out);
    assert_eq!(plain(&out, 8), values);
}

#[test]
fn wrong_sizes_leave_the_output_alone() {
    let g = geometry([2, 2, 1], [2, 2, 1], 1, 1, 0);
    let p = Packed::new(&[1.0], &[0.0], 1, 1, 1, Activation::None);
    let mut out = vec![simd::splat(3.0); 4];
    conv(&[simd::zero(); 3], &g, &p, &mut [], &mut out);
    let dw = DepthwiseWeights::new(&[1.0; 4], &[0.0], 1, Activation::None);
    depthwise(
        &[simd::zero(); 4],
        &geometry([2, 2, 1], [2, 2, 1], 3, 1, 1),
        &dw,
        &mut out,
    );
    max_pool(&[simd::zero(); 5], &g, Activation::None, &mut out);
    // Padding that would write past the output; a reshape whose length is not whole pixels.
    pad(
        &[simd::zero(); 2],
        [1, 1, 2, 1],
        [0, 0, 3, 0],
        [1, 1, 4, 1],
        &mut out,
    );
    reshape(&[simd::zero(); 3], 4, 1, 10, &mut out);
    assert!(out.iter().all(|&v| simd::to_array(v) == [3.0; 4]));
}
