//! Lowering of single operators: shape checks, TensorFlow SAME/VALID padding, weight packing.

use super::compile::{Kernel, MAX_CONCAT, count, invalid, vectors};
use super::error::ModelError;
use super::ops::{DepthwiseWeights, Geometry, MAX_TAPS, Packed};
use super::tflite::{self, Padding, RawModel, Window};

/// `[1, h, w, c]` of an activation.
pub(super) fn nhwc(shape: &[usize], what: &str) -> Result<[usize; 4], ModelError> {
    match *shape {
        [1, h, w, c] => Ok([1, h, w, c]),
        _ => Err(ModelError::Unsupported(format!(
            "{what} of shape {shape:?} (want [1, h, w, c])"
        ))),
    }
}

/// Output size and leading padding of one axis (TensorFlow's SAME / VALID rules).
fn axis(input: usize, k: usize, stride: usize, padding: Padding) -> Option<(usize, usize)> {
    match padding {
        Padding::Same => {
            let out = input.div_ceil(stride);
            let total = ((out - 1) * stride + k).saturating_sub(input);
            Some((out, total / 2))
        }
        Padding::Valid => input.checked_sub(k).map(|d| (d / stride + 1, 0)),
    }
}

pub(super) fn geometry(
    w: &Window,
    input: [usize; 4],
    k_h: usize,
    k_w: usize,
    out: [usize; 4],
) -> Result<Geometry, ModelError> {
    if w.dilation_w != 1 || w.dilation_h != 1 {
        return Err(ModelError::Unsupported("dilation other than 1".into()));
    }
    let stride = |s: i32| usize::try_from(s).ok().filter(|s| (1..=64).contains(s));
    let (Some(stride_h), Some(stride_w)) = (stride(w.stride_h), stride(w.stride_w)) else {
        return Err(invalid(format!("strides {}x{}", w.stride_h, w.stride_w)));
    };
    let (Some((oh, pad_top)), Some((ow, pad_left))) = (
        axis(input[1], k_h, stride_h, w.padding),
        axis(input[2], k_w, stride_w, w.padding),
    ) else {
        return Err(invalid("kernel larger than its VALID input".into()));
    };
    if (oh, ow) != (out[1], out[2]) {
        return Err(invalid(format!(
            "window output {oh}x{ow}, tensor says {}x{}",
            out[1], out[2]
        )));
    }
    let [_, in_h, in_w, in_c] = input;
    let (in_c4, out_c4) = (in_c.div_ceil(4), out[3].div_ceil(4));
    Ok(Geometry {
        in_h,
        in_w,
        in_c4,
        out_h: oh,
        out_w: ow,
        out_c4,
        k_h,
        k_w,
        stride_h,
        stride_w,
        pad_top,
        pad_left,
    })
}

pub(super) struct Builder<'m, 'a> {
    pub(super) raw: &'m RawModel<'a>,
    pub(super) shapes: Vec<Vec<usize>>,
    /// Constant values (decoded lazily, DEQUANTIZE results stored here).
    pub(super) folded: Vec<Option<Vec<f32>>>,
    /// Activations produced so far (or the graph input).
    pub(super) defined: Vec<bool>,
}

impl Builder<'_, '_> {
    pub(super) fn index(&self, id: i32) -> Result<usize, ModelError> {
        usize::try_from(id)
            .ok()
            .filter(|&i| i < self.shapes.len())
            .ok_or_else(|| invalid(format!("tensor index {id}")))
    }

    pub(super) fn activation(&self, id: i32) -> Result<usize, ModelError> {
        let i = self.index(id)?;
        if !self.defined[i] {
            return Err(invalid(format!("tensor {i} read before it is computed")));
        }
        Ok(i)
    }

    pub(super) fn constant(&mut self, id: i32, len: usize) -> Result<Vec<f32>, ModelError> {
        let i = self.index(id)?;
        let value = match (&self.folded[i], self.raw.tensors[i].data) {
            (Some(v), _) => v.clone(),
            (None, Some(data)) => {
                tflite::constant_f32(self.raw.tensors[i].dtype, data, count(&self.shapes[i]))?
            }
            (None, None) => return Err(invalid(format!("tensor {i} should be a constant"))),
        };
        if value.len() != len {
            return Err(invalid(format!(
                "constant {i} has {} values, want {len}",
                value.len()
            )));
        }
        Ok(value)
    }

    pub(super) fn output(&mut self, id: i32) -> Result<usize, ModelError> {
        let i = self.index(id)?;
        if self.defined[i] || self.raw.tensors[i].data.is_some() || self.folded[i].is_some() {
            return Err(invalid(format!("tensor {i} written twice")));
        }
        if self.raw.tensors[i].dtype != tflite::FLOAT32 {
            return Err(ModelError::Unsupported(format!(
                "activation {i} of type {}",
                self.raw.tensors[i].dtype
            )));
        }
        self.defined[i] = true;
        Ok(i)
    }

    /// CONV_2D and DEPTHWISE_CONV_2D.
    pub(super) fn conv(
        &mut self,
        ins: &[i32],
        out: usize,
        w: &Window,
        depthwise: bool,
    ) -> Result<Kernel, ModelError> {
        let &[x, wt, b, ..] = ins else {
            return Err(invalid("convolution needs 3 inputs".into()));
        };
        let x = self.activation(x)?;
        let input = nhwc(&self.shapes[x], "convolution input")?;
        let output = nhwc(&self.shapes[out], "convolution output")?;
        let wshape = self.shapes[self.index(wt)?].clone();
        let [wo, k_h, k_w, wi] = wshape[..] else {
            return Err(invalid(format!("weights of shape {wshape:?}")));
        };
        let n = output[3];
        let (want_o, want_i) = if depthwise { (1, n) } else { (n, input[3]) };
        if (wo, wi) != (want_o, want_i) || (depthwise && (n != input[3] || w.depth_multiplier != 1))
        {
            return Err(ModelError::Unsupported(format!(
                "weights {wshape:?} for {input:?} -> {output:?}"
            )));
        }
        let weights = self.constant(wt, count(&wshape))?;
        let bias = if b < 0 {
            vec![0.0; n]
        } else {
            self.constant(b, n)?
        };
        let g = geometry(w, input, k_h, k_w, output)?;
        Ok(if depthwise {
            if k_h * k_w > MAX_TAPS {
                return Err(ModelError::Unsupported(format!(
                    "depthwise kernel {k_h}x{k_w}"
                )));
            }
            Kernel::Depthwise {
                g,
                dw: DepthwiseWeights::new(&weights, &bias, n, w.activation),
            }
        } else {
            Kernel::Conv {
                g,
                packed: Packed::new(&weights, &bias, n, k_h * k_w, input[3], w.activation),
            }
        })
    }

    pub(super) fn pad(&mut self, ins: &[i32], out: usize) -> Result<(Kernel, usize), ModelError> {
        let &[x, p] = ins else {
            return Err(invalid("PAD needs 2 inputs".into()));
        };
        let (x, p) = (self.activation(x)?, self.index(p)?);
        let (rank, oshape) = (self.shapes[x].len(), self.shapes[out].clone());
        let raw = &self.raw.tensors[p];
        let (Some(data), tflite::INT32, true) = (raw.data, raw.dtype, self.shapes[p] == [rank, 2])
        else {
            return Err(ModelError::Unsupported(
                "PAD paddings must be a constant int32 [rank, 2]".into(),
            ));
        };
        if data.len() != rank * 8 || oshape.len() != rank {
            return Err(invalid("PAD sizes".into()));
        }
        let mut in4 = [1usize; 4];
        let mut out4 = [1usize; 4];
        let mut before = [0usize; 4];
        for (d, pair) in data.chunks_exact(8).enumerate() {
            let v = |o: usize| i32::from_le_bytes([pair[o], pair[o + 1], pair[o + 2], pair[o + 3]]);
            let (Ok(lo), Ok(hi)) = (usize::try_from(v(0)), usize::try_from(v(4))) else {
                return Err(ModelError::Unsupported("negative PAD".into()));
            };
            let k = 4 - rank + d;
            (in4[k], out4[k], before[k]) = (self.shapes[x][d], oshape[d], lo);
            if self.shapes[x][d]
                .checked_add(lo)
                .and_then(|s| s.checked_add(hi))
                != Some(oshape[d])
            {
                return Err(invalid(format!("PAD output {oshape:?}")));
            }
        }
        if before[3] % 4 != 0 {
            return Err(ModelError::Unsupported(
                "PAD before the channels by other than a multiple of 4".into(),
            ));
        }
        (in4[3], out4[3], before[3]) = (in4[3].div_ceil(4), out4[3].div_ceil(4), before[3] / 4);
        Ok((
            Kernel::Pad {
                in_shape: in4,
                before,
                out_shape: out4,
            },
            x,
        ))
    }

    pub(super) fn concat(
        &mut self,
        ins: &[i32],
        out: usize,
        axis: i32,
    ) -> Result<(Kernel, Vec<usize>), ModelError> {
        let oshape = self.shapes[out].clone();
        let rank = oshape.len();
        let axis = usize::try_from(if axis < 0 { axis + rank as i32 } else { axis })
            .ok()
            .filter(|&a| a < rank)
            .ok_or_else(|| invalid(format!("concatenation axis {axis}")))?;
        let inputs = ins
            .iter()
            .map(|&i| self.activation(i))
            .collect::<Result<Vec<_>, _>>()?;
        if inputs.is_empty() || inputs.len() > MAX_CONCAT {
            return Err(ModelError::Unsupported(format!(
                "concatenation of {} tensors",
                inputs.len()
            )));
        }
        let mut total = 0;
        let mut runs = Vec::new();
        for &i in &inputs {
            let s = &self.shapes[i];
            let same = s.len() == rank && (0..rank).all(|d| d == axis || s[d] == oshape[d]);
            if !same {
                return Err(invalid(format!("concatenation of {s:?} into {oshape:?}")));
            }
            total += s[axis];
            if axis + 1 == rank && !s[axis].is_multiple_of(4) {
                return Err(ModelError::Unsupported(
                    "concatenation of channels not a multiple of 4".into(),
                ));
            }
            // In vectors: the channels of the block, padded.
            runs.push(vectors(&s[axis..]));
        }
        if total != oshape[axis] {
            return Err(invalid(format!(
                "concatenation sums to {total}, want {}",
                oshape[axis]
            )));
        }
        Ok((
            Kernel::Concat {
                outer: count(&oshape[..axis]),
                runs,
            },
            inputs,
        ))
    }
}
