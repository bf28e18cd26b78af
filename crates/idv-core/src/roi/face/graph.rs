//! A loaded model ready to run: the compiled steps, and the activation buffers they share.
//!
//! Buffers are planned once at load time by liveness: a step's output takes a free buffer (the
//! smallest that fits, else the largest free one, grown) and its inputs' buffers are freed after
//! their last reader. BlazeFace's 100+ activations then share a handful of buffers, and running
//! the graph allocates nothing.

use super::compile::{Compiled, Kernel, MAX_CONCAT, MAX_ELEMENTS, channels, compile, vectors};
use super::error::ModelError;
use super::ops;
use super::simd::{self, F4};
use super::tflite;

/// All activation buffers together stay below 64 MiB (in vectors of 4).
const MAX_TOTAL: usize = 1 << 22;

/// A tensor's place: buffer index and length in vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slice {
    slot: usize,
    len: usize,
}

#[derive(Debug, Clone)]
struct Planned {
    kernel: Kernel,
    inputs: Vec<Slice>,
    output: Slice,
}

/// A TFLite graph compiled for this crate's kernels.
#[derive(Debug, Clone)]
pub(crate) struct Graph {
    steps: Vec<Planned>,
    slots: Vec<Vec<F4>>,
    /// im2col scratch for non-pointwise convolutions.
    cols: Vec<F4>,
    input: Slice,
    input_shape: Vec<usize>,
    /// Where each output is, its shape, and its values unpadded after a run.
    outputs: Vec<(Slice, Vec<usize>, Vec<f32>)>,
}

fn internal() -> ModelError {
    ModelError::InvalidGraph("buffer size mismatch at run time".into())
}

impl Graph {
    /// Parses, checks and compiles a `.tflite` file.
    pub(crate) fn load(bytes: &[u8]) -> Result<Self, ModelError> {
        let raw = tflite::parse(bytes)?;
        let compiled = compile(&raw)?;
        Self::plan(compiled)
    }

    fn plan(c: Compiled) -> Result<Self, ModelError> {
        let len = |t: usize| vectors(&c.shapes[t]);
        let mut last_use = vec![None; c.shapes.len()];
        for (i, s) in c.steps.iter().enumerate() {
            s.inputs.iter().for_each(|&t| last_use[t] = Some(i));
        }
        let mut sizes: Vec<usize> = Vec::new();
        let mut free: Vec<usize> = Vec::new();
        let mut slot_of = vec![usize::MAX; c.shapes.len()];
        let take = |need: usize, sizes: &mut Vec<usize>, free: &mut Vec<usize>| {
            let fit = free
                .iter()
                .enumerate()
                .filter(|&(_, &s)| sizes[s] >= need)
                .min_by_key(|&(_, &s)| sizes[s]);
            let any = free.iter().enumerate().max_by_key(|&(_, &s)| sizes[s]);
            match fit.or(any).map(|(i, _)| i) {
                Some(i) => {
                    let s = free.swap_remove(i);
                    sizes[s] = sizes[s].max(need);
                    s
                }
                None => {
                    sizes.push(need);
                    sizes.len() - 1
                }
            }
        };
        slot_of[c.input] = take(len(c.input), &mut sizes, &mut free);
        let mut steps = Vec::with_capacity(c.steps.len());
        let mut cols = 0usize;
        for (i, s) in c.steps.into_iter().enumerate() {
            let out = take(len(s.output), &mut sizes, &mut free);
            slot_of[s.output] = out;
            let inputs = s
                .inputs
                .iter()
                .map(|&t| Slice {
                    slot: slot_of[t],
                    len: len(t),
                })
                .collect();
            for &t in &s.inputs {
                let dead = last_use[t] == Some(i) && !c.outputs.contains(&t);
                if dead && !free.contains(&slot_of[t]) {
                    free.push(slot_of[t]);
                }
            }
            if let Kernel::Conv { g, packed } = &s.kernel {
                cols = cols.max(g.out_w.saturating_mul(packed.k4));
            }
            steps.push(Planned {
                kernel: s.kernel,
                inputs,
                output: Slice {
                    slot: out,
                    len: len(s.output),
                },
            });
        }
        let total = sizes.iter().fold(cols, |a, &s| a.saturating_add(s));
        if total > MAX_TOTAL || cols > MAX_ELEMENTS {
            return Err(ModelError::TooLarge(format!("{total} activation values")));
        }
        let outputs = c
            .outputs
            .iter()
            .map(|&t| {
                let shape = c.shapes[t].clone();
                let values = vec![0.0; shape.iter().product()];
                (
                    Slice {
                        slot: slot_of[t],
                        len: len(t),
                    },
                    shape,
                    values,
                )
            })
            .collect();
        Ok(Self {
            steps,
            slots: sizes.iter().map(|&n| vec![simd::zero(); n]).collect(),
            cols: vec![simd::zero(); cols],
            input: Slice {
                slot: slot_of[c.input],
                len: len(c.input),
            },
            input_shape: c.shapes[c.input].clone(),
            outputs,
        })
    }

    pub(crate) fn input_shape(&self) -> &[usize] {
        &self.input_shape
    }

    /// Shapes of the graph outputs, in the model's order.
    pub(crate) fn output_shapes(&self) -> impl Iterator<Item = &[usize]> {
        self.outputs.iter().map(|(_, s, _)| s.as_slice())
    }

    /// The input tensor in the padded layout, to be filled before [`Graph::run`].
    pub(crate) fn input_mut(&mut self) -> &mut [F4] {
        let Slice { slot, len } = self.input;
        self.slots
            .get_mut(slot)
            .and_then(|s| s.get_mut(..len))
            .unwrap_or_default()
    }

    /// Output `i` after [`Graph::run`], unpadded.
    pub(crate) fn output(&self, i: usize) -> &[f32] {
        self.outputs
            .get(i)
            .map(|(_, _, v)| v.as_slice())
            .unwrap_or_default()
    }

    /// Runs every step. Allocation-free.
    pub(crate) fn run(&mut self) -> Result<(), ModelError> {
        for step in &self.steps {
            let out = step.output;
            // The output buffer is never one of the step's inputs (see `plan`): take it out so
            // that the inputs can be borrowed from the rest.
            let mut buf = std::mem::take(self.slots.get_mut(out.slot).ok_or_else(internal)?);
            let result = Self::step(&self.slots, &mut self.cols, step, buf.get_mut(..out.len));
            self.slots[out.slot] = buf;
            result?;
        }
        for (Slice { slot, len }, shape, values) in &mut self.outputs {
            let src = self
                .slots
                .get(*slot)
                .and_then(|b| b.get(..*len))
                .ok_or_else(internal)?;
            ops::unpad(src, channels(shape), values);
        }
        Ok(())
    }

    fn step(
        slots: &[Vec<F4>],
        cols: &mut [F4],
        step: &Planned,
        dst: Option<&mut [F4]>,
    ) -> Result<(), ModelError> {
        let dst = dst.ok_or_else(internal)?;
        let arg = |i: usize| -> Result<&[F4], ModelError> {
            let s = step.inputs.get(i).ok_or_else(internal)?;
            slots
                .get(s.slot)
                .and_then(|b| b.get(..s.len))
                .ok_or_else(internal)
        };
        match &step.kernel {
            Kernel::Conv { g, packed } => ops::conv(arg(0)?, g, packed, cols, dst),
            Kernel::Depthwise { g, dw } => ops::depthwise(arg(0)?, g, dw, dst),
            Kernel::MaxPool { g, act } => ops::max_pool(arg(0)?, g, *act, dst),
            Kernel::Add { act } => ops::add(arg(0)?, arg(1)?, *act, dst),
            Kernel::Unary { act } => ops::unary(arg(0)?, *act, dst),
            Kernel::Pad {
                in_shape,
                before,
                out_shape,
            } => ops::pad(arg(0)?, *in_shape, *before, *out_shape, dst),
            Kernel::Reshape { src_c, dst_c, len } => {
                ops::reshape(arg(0)?, *src_c, *dst_c, *len, dst)
            }
            Kernel::Concat { outer, runs } => {
                let mut srcs: [(&[F4], usize); MAX_CONCAT] = [(&[], 0); MAX_CONCAT];
                for (i, (s, &run)) in srcs.iter_mut().zip(runs).enumerate() {
                    *s = (arg(i)?, run);
                }
                ops::concat(srcs.get(..runs.len()).ok_or_else(internal)?, *outer, dst);
            }
        }
        Ok(())
    }
}
