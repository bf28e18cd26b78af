//! Turns a parsed TFLite subgraph into a list of kernel steps: checks every tensor index, type
//! and shape, folds DEQUANTIZE of fp16 constants into fp32 constants at load time, repacks the
//! convolution weights for the kernels (in [`super::lower`]), fuses ADD + RELU, and refuses
//! every operator it does not implement.

use super::error::ModelError;
use super::lower::{Builder, geometry, nhwc};
use super::ops::{DepthwiseWeights, Geometry, Packed};
use super::tflite::{self, Activation, Options, RawModel, code};

/// No tensor above 4 Mi elements (16 MiB); BlazeFace's largest has 98 304.
pub(super) const MAX_ELEMENTS: usize = 1 << 22;
const MAX_DIM: usize = 1 << 16;
/// CONCATENATION of at most this many tensors (BlazeFace: 2).
pub(super) const MAX_CONCAT: usize = 8;

/// One kernel call. Tensor ids refer to [`Compiled::shapes`].
#[derive(Debug, Clone)]
pub(super) enum Kernel {
    Conv {
        g: Geometry,
        packed: Packed,
    },
    Depthwise {
        g: Geometry,
        dw: DepthwiseWeights,
    },
    MaxPool {
        g: Geometry,
        act: Activation,
    },
    Add {
        act: Activation,
    },
    /// RELU not fused into a preceding ADD.
    Unary {
        act: Activation,
    },
    /// Shapes `[n, h, w, c4]` and leading padding `[n, h, w, vectors]`.
    Pad {
        in_shape: [usize; 4],
        before: [usize; 4],
        out_shape: [usize; 4],
    },
    /// `outer` blocks of `runs[i]` vectors of input `i`.
    Concat {
        outer: usize,
        runs: Vec<usize>,
    },
    /// `len` values from `src_c` to `dst_c` channels.
    Reshape {
        src_c: usize,
        dst_c: usize,
        len: usize,
    },
}

#[derive(Debug, Clone)]
pub(super) struct Step {
    pub(super) kernel: Kernel,
    pub(super) inputs: Vec<usize>,
    pub(super) output: usize,
}

#[derive(Debug, Clone)]
pub(super) struct Compiled {
    pub(super) shapes: Vec<Vec<usize>>,
    pub(super) steps: Vec<Step>,
    pub(super) input: usize,
    pub(super) outputs: Vec<usize>,
}

pub(super) fn invalid(msg: String) -> ModelError {
    ModelError::InvalidGraph(msg)
}

/// Shape of every tensor, with each dimension in `1..=65536` and at most [`MAX_ELEMENTS`].
fn shapes(raw: &RawModel<'_>) -> Result<Vec<Vec<usize>>, ModelError> {
    raw.tensors
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if t.shape.len() > 4 {
                return Err(ModelError::Unsupported(format!(
                    "tensor {i} of rank {}",
                    t.shape.len()
                )));
            }
            let mut count = 1usize;
            let mut dims = Vec::with_capacity(t.shape.len());
            for &d in &t.shape {
                let d = usize::try_from(d)
                    .ok()
                    .filter(|d| (1..=MAX_DIM).contains(d));
                let d = d.ok_or_else(|| invalid(format!("tensor {i} has shape {:?}", t.shape)))?;
                count = count.saturating_mul(d);
                dims.push(d);
            }
            if count > MAX_ELEMENTS {
                return Err(ModelError::TooLarge(format!(
                    "tensor {i} has {count} elements"
                )));
            }
            Ok(dims)
        })
        .collect()
}

pub(super) fn count(shape: &[usize]) -> usize {
    shape.iter().product()
}

/// Channels (the last dimension; 1 for a scalar).
pub(super) fn channels(shape: &[usize]) -> usize {
    shape.last().copied().unwrap_or(1)
}

/// Length in vectors of a tensor in the channel-padded layout (see [`super::ops`]).
pub(super) fn vectors(shape: &[usize]) -> usize {
    let c = channels(shape);
    count(shape) / c * c.div_ceil(4)
}

/// Checks and lowers the whole graph.
pub(super) fn compile(raw: &RawModel<'_>) -> Result<Compiled, ModelError> {
    let shapes = shapes(raw)?;
    let n = shapes.len();
    let mut b = Builder {
        raw,
        shapes,
        folded: vec![None; n],
        defined: vec![false; n],
    };
    let &[input] = raw.inputs.as_slice() else {
        return Err(invalid("want exactly one graph input".into()));
    };
    let input = b.output(input)?;
    let mut steps: Vec<Step> = Vec::new();
    // How many op inputs and graph outputs read each tensor.
    let mut readers = vec![0usize; n];
    for &t in raw.ops.iter().flat_map(|op| &op.inputs).chain(&raw.outputs) {
        if let Some(r) = usize::try_from(t).ok().and_then(|t| readers.get_mut(t)) {
            *r += 1;
        }
    }
    for op in &raw.ops {
        let &[out] = op.outputs.as_slice() else {
            return Err(invalid(format!(
                "{} with {} outputs",
                op.name,
                op.outputs.len()
            )));
        };
        if op.code == code::DEQUANTIZE {
            let (&[src], o) = (op.inputs.as_slice(), b.index(out)?) else {
                return Err(invalid("DEQUANTIZE inputs".into()));
            };
            let src = b.index(src)?;
            if b.raw.tensors[src].data.is_none()
                || b.raw.tensors[o].dtype != tflite::FLOAT32
                || b.folded[o].is_some()
            {
                return Err(ModelError::Unsupported(
                    "DEQUANTIZE of anything but a float constant".into(),
                ));
            }
            let value = b.constant(src as i32, count(&b.shapes[src]))?;
            if value.len() != count(&b.shapes[o]) {
                return Err(invalid("DEQUANTIZE changes the size".into()));
            }
            b.folded[o] = Some(value);
            continue;
        }
        let out = b.output(out)?;
        let ins = op.inputs.as_slice();
        let (kernel, inputs) = match (op.code, &op.options) {
            (code::CONV_2D, Options::Window(w)) => {
                (b.conv(ins, out, w, false)?, vec![b.activation(ins[0])?])
            }
            (code::DEPTHWISE_CONV_2D, Options::Window(w)) => {
                (b.conv(ins, out, w, true)?, vec![b.activation(ins[0])?])
            }
            (code::MAX_POOL_2D, Options::Window(w)) => {
                let &[x] = ins else {
                    return Err(invalid("MAX_POOL_2D inputs".into()));
                };
                let x = b.activation(x)?;
                let (input, output) = (
                    nhwc(&b.shapes[x], "pool input")?,
                    nhwc(&b.shapes[out], "pool output")?,
                );
                let k = |v: i32| usize::try_from(v).ok().filter(|v| (1..=64).contains(v));
                let (Some(k_h), Some(k_w), true) =
                    (k(w.filter_h), k(w.filter_w), input[3] == output[3])
                else {
                    return Err(invalid("MAX_POOL_2D filter".into()));
                };
                (
                    Kernel::MaxPool {
                        g: geometry(w, input, k_h, k_w, output)?,
                        act: w.activation,
                    },
                    vec![x],
                )
            }
            (code::ADD, Options::Add(act)) => {
                let &[x, y] = ins else {
                    return Err(invalid("ADD inputs".into()));
                };
                let (x, y) = (b.activation(x)?, b.activation(y)?);
                if b.shapes[x] != b.shapes[out] || b.shapes[y] != b.shapes[out] {
                    return Err(ModelError::Unsupported("ADD with broadcasting".into()));
                }
                (Kernel::Add { act: *act }, vec![x, y])
            }
            (code::RELU | code::RESHAPE, _) => {
                let Some(&x) = ins.first() else {
                    return Err(invalid(format!("{} inputs", op.name)));
                };
                let x = b.activation(x)?;
                let same = if op.code == code::RELU {
                    b.shapes[x] == b.shapes[out]
                } else {
                    count(&b.shapes[x]) == count(&b.shapes[out])
                };
                if !same {
                    return Err(invalid(format!(
                        "{} of {:?} into {:?}",
                        op.name, b.shapes[x], b.shapes[out]
                    )));
                }
                if op.code == code::RESHAPE {
                    let (src_c, dst_c) = (channels(&b.shapes[x]), channels(&b.shapes[out]));
                    steps.push(Step {
                        kernel: Kernel::Reshape {
                            src_c,
                            dst_c,
                            len: count(&b.shapes[out]),
                        },
                        inputs: vec![x],
                        output: out,
                    });
                    continue;
                }
                let act = Activation::Relu;
                // ADD then RELU of its only reader: one fused step (no intermediate tensor).
                let last = steps.last_mut();
                if let Some(Step {
                    kernel:
                        Kernel::Add {
                            act: add_act @ Activation::None,
                        },
                    output,
                    ..
                }) = last
                    && *output == x
                    && readers[x] == 1
                {
                    (*add_act, *output) = (Activation::Relu, out);
                    continue;
                }
                (Kernel::Unary { act }, vec![x])
            }
            (code::PAD, _) => {
                let (k, x) = b.pad(ins, out)?;
                (k, vec![x])
            }
            (code::CONCATENATION, Options::Concat { axis, activation }) => {
                if *activation != Activation::None {
                    return Err(ModelError::Unsupported(
                        "CONCATENATION with a fused activation".into(),
                    ));
                }
                b.concat(ins, out, *axis)?
            }
            _ => return Err(ModelError::UnsupportedOp(op.name.clone())),
        };
        steps.push(Step {
            kernel,
            inputs,
            output: out,
        });
    }
    let outputs = raw
        .outputs
        .iter()
        .map(|&o| b.activation(o))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Compiled {
        shapes: b.shapes,
        steps,
        input,
        outputs,
    })
}
