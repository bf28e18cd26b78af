//! The parts of the TFLite schema (`schema.fbs`) this inference reads, turned into plain structs.
//!
//! Read: `Model.operator_codes` (`deprecated_builtin_code` and `builtin_code`, the larger wins, as
//! TFLite's own `GetBuiltinCode` does; the BlazeFace file only fills the deprecated one),
//! `Model.subgraphs[0]` (tensors with shape/type/buffer, inputs, outputs, operators with their
//! opcode index, inputs, outputs and builtin options) and `Model.buffers[].data`. Everything else
//! (names, metadata, quantization, signatures) is ignored.

use super::error::ModelError;
use super::flatbuf::Table;
pub(super) use super::fp16::constant_f32;

pub(super) const FLOAT32: i8 = 0;
pub(super) const FLOAT16: i8 = 1;
pub(super) const INT32: i8 = 2;

/// Builtin operator codes used by BlazeFace.
pub(super) mod code {
    pub(crate) const ADD: i32 = 0;
    pub(crate) const CONCATENATION: i32 = 2;
    pub(crate) const CONV_2D: i32 = 3;
    pub(crate) const DEPTHWISE_CONV_2D: i32 = 4;
    pub(crate) const DEQUANTIZE: i32 = 6;
    pub(crate) const MAX_POOL_2D: i32 = 17;
    pub(crate) const RELU: i32 = 19;
    pub(crate) const RESHAPE: i32 = 22;
    pub(crate) const CUSTOM: i32 = 32;
    pub(crate) const PAD: i32 = 34;
}

#[rustfmt::skip]
const NAMES: [&str; 61] = [
    "ADD", "AVERAGE_POOL_2D", "CONCATENATION", "CONV_2D", "DEPTHWISE_CONV_2D", "DEPTH_TO_SPACE",
    "DEQUANTIZE", "EMBEDDING_LOOKUP", "FLOOR", "FULLY_CONNECTED", "HASHTABLE_LOOKUP",
    "L2_NORMALIZATION", "L2_POOL_2D", "LOCAL_RESPONSE_NORMALIZATION", "LOGISTIC",
    "LSH_PROJECTION", "LSTM", "MAX_POOL_2D", "MUL", "RELU", "RELU_N1_TO_1", "RELU6", "RESHAPE",
    "RESIZE_BILINEAR", "RNN", "SOFTMAX", "SPACE_TO_DEPTH", "SVDF", "TANH", "CONCAT_EMBEDDINGS",
    "SKIP_GRAM", "CALL", "CUSTOM", "EMBEDDING_LOOKUP_SPARSE", "PAD",
    "UNIDIRECTIONAL_SEQUENCE_RNN", "GATHER", "BATCH_TO_SPACE_ND", "SPACE_TO_BATCH_ND",
    "TRANSPOSE", "MEAN", "SUB", "DIV", "SQUEEZE", "UNIDIRECTIONAL_SEQUENCE_LSTM", "STRIDED_SLICE",
    "BIDIRECTIONAL_SEQUENCE_RNN", "EXP", "TOPK_V2", "SPLIT", "LOG_SOFTMAX", "DELEGATE",
    "BIDIRECTIONAL_SEQUENCE_LSTM", "CAST", "PRELU", "MAXIMUM", "ARG_MAX", "MINIMUM", "LESS",
    "NEG", "PADV2",
];

/// The TFLite name of a builtin operator code (`BUILTIN_<n>` past the names listed here).
pub(super) fn op_name(code: i32) -> String {
    usize::try_from(code)
        .ok()
        .and_then(|i| NAMES.get(i))
        .map_or_else(|| format!("BUILTIN_{code}"), |s| (*s).to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Padding {
    Same,
    Valid,
}

/// Fused activation. TFLite also has RELU_N1_TO_1, TANH and SIGN_BIT: refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Activation {
    None,
    Relu,
    Relu6,
}

/// Options of CONV_2D, DEPTHWISE_CONV_2D (with `depth_multiplier`) and MAX_POOL_2D (with the
/// filter size; dilation 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Window {
    pub(super) padding: Padding,
    pub(super) stride_w: i32,
    pub(super) stride_h: i32,
    pub(super) dilation_w: i32,
    pub(super) dilation_h: i32,
    pub(super) depth_multiplier: i32,
    pub(super) filter_w: i32,
    pub(super) filter_h: i32,
    pub(super) activation: Activation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Options {
    None,
    Window(Window),
    Add(Activation),
    Concat { axis: i32, activation: Activation },
}

#[derive(Debug, Clone)]
pub(super) struct RawTensor<'a> {
    pub(super) shape: Vec<i32>,
    pub(super) dtype: i8,
    /// The constant's bytes; `None` for activations (empty buffer).
    pub(super) data: Option<&'a [u8]>,
}

#[derive(Debug, Clone)]
pub(super) struct RawOp {
    pub(super) code: i32,
    pub(super) name: String,
    pub(super) inputs: Vec<i32>,
    pub(super) outputs: Vec<i32>,
    pub(super) options: Options,
}

#[derive(Debug, Clone)]
pub(super) struct RawModel<'a> {
    pub(super) tensors: Vec<RawTensor<'a>>,
    pub(super) ops: Vec<RawOp>,
    pub(super) inputs: Vec<i32>,
    pub(super) outputs: Vec<i32>,
}

fn unsupported(what: String) -> ModelError {
    ModelError::Unsupported(what)
}

fn activation(v: i8) -> Result<Activation, ModelError> {
    match v {
        0 => Ok(Activation::None),
        1 => Ok(Activation::Relu),
        3 => Ok(Activation::Relu6),
        other => Err(unsupported(format!("fused activation {other}"))),
    }
}

fn padding(v: i8) -> Result<Padding, ModelError> {
    match v {
        0 => Ok(Padding::Same),
        1 => Ok(Padding::Valid),
        other => Err(ModelError::InvalidGraph(format!("padding {other}"))),
    }
}

/// Builtin options of the ops that have any we use. `kind` is the union type stored next to it.
fn options(code: i32, kind: u8, table: Option<Table<'_>>) -> Result<Options, ModelError> {
    // Union type ids from schema.fbs: Conv2DOptions 1, DepthwiseConv2DOptions 2,
    // Pool2DOptions 5, ConcatenationOptions 10, AddOptions 11.
    let expected = match code {
        code::CONV_2D => 1,
        code::DEPTHWISE_CONV_2D => 2,
        code::MAX_POOL_2D => 5,
        code::CONCATENATION => 10,
        code::ADD => 11,
        _ => return Ok(Options::None),
    };
    let Some(t) = table else {
        return match code {
            code::ADD => Ok(Options::Add(Activation::None)),
            _ => Err(ModelError::InvalidGraph(format!(
                "{} without options",
                op_name(code)
            ))),
        };
    };
    if kind != expected {
        return Err(ModelError::InvalidGraph(format!(
            "{} with options type {kind}",
            op_name(code)
        )));
    }
    let window = |act_field: usize, dil_field: Option<usize>| -> Result<Window, ModelError> {
        Ok(Window {
            padding: padding(t.i8(0, 0)?)?,
            stride_w: t.i32(1, 1)?,
            stride_h: t.i32(2, 1)?,
            dilation_w: dil_field.map_or(Ok(1), |f| t.i32(f, 1))?,
            dilation_h: dil_field.map_or(Ok(1), |f| t.i32(f + 1, 1))?,
            depth_multiplier: 1,
            filter_w: 1,
            filter_h: 1,
            activation: activation(t.i8(act_field, 0)?)?,
        })
    };
    Ok(match code {
        code::CONV_2D => Options::Window(window(3, Some(4))?),
        code::DEPTHWISE_CONV_2D => Options::Window(Window {
            depth_multiplier: t.i32(3, 0)?,
            ..window(4, Some(5))?
        }),
        code::MAX_POOL_2D => Options::Window(Window {
            filter_w: t.i32(3, 0)?,
            filter_h: t.i32(4, 0)?,
            ..window(5, None)?
        }),
        code::CONCATENATION => Options::Concat {
            axis: t.i32(0, 0)?,
            activation: activation(t.i8(1, 0)?)?,
        },
        _ => Options::Add(activation(t.i8(0, 0)?)?),
    })
}

/// Parses the model's first subgraph. Checks the identifier and every reference; the graph's
/// consistency (shapes, indices) is checked when it is compiled.
pub(super) fn parse(bytes: &[u8]) -> Result<RawModel<'_>, ModelError> {
    if bytes.len() < 8 {
        return Err(ModelError::NotTflite("shorter than a flatbuffer header"));
    }
    if bytes.get(4..8) != Some(b"TFL3".as_slice()) {
        return Err(ModelError::NotTflite("file identifier is not TFL3"));
    }
    let model = Table::root(bytes)?;
    let mut codes = Vec::new();
    for c in model.tables(1)? {
        let code = i32::from(c.i8(0, 0)?).max(c.i32(3, 0)?);
        let name = if code == code::CUSTOM {
            let custom = c.bytes(1)?.unwrap_or_default();
            format!("CUSTOM:{}", String::from_utf8_lossy(custom))
        } else {
            op_name(code)
        };
        codes.push((code, name));
    }
    let buffers: Vec<Option<&[u8]>> = model
        .tables(4)?
        .iter()
        .map(|b| Ok(b.bytes(0)?.filter(|d| !d.is_empty())))
        .collect::<Result<_, ModelError>>()?;
    let subgraphs = model.tables(2)?;
    let graph = subgraphs
        .first()
        .ok_or(ModelError::InvalidGraph("no subgraph".into()))?;
    let mut tensors = Vec::new();
    for t in graph.tables(0)? {
        let buffer = t.u32(2, 0)? as usize;
        let data = match buffers.get(buffer) {
            Some(d) => *d,
            None => return Err(ModelError::InvalidGraph(format!("buffer index {buffer}"))),
        };
        tensors.push(RawTensor {
            shape: t.i32s(0)?.unwrap_or_default(),
            dtype: t.i8(1, 0)?,
            data,
        });
    }
    let mut ops = Vec::new();
    for o in graph.tables(3)? {
        let index = o.u32(0, 0)? as usize;
        let (code, name) = codes
            .get(index)
            .cloned()
            .ok_or_else(|| ModelError::InvalidGraph(format!("opcode index {index}")))?;
        let options = options(code, o.u8(3, 0)?, o.table(4)?)?;
        let inputs = o.i32s(1)?.unwrap_or_default();
        let outputs = o.i32s(2)?.unwrap_or_default();
        ops.push(RawOp {
            code,
            name,
            inputs,
            outputs,
            options,
        });
    }
    let inputs = graph.i32s(1)?.unwrap_or_default();
    let outputs = graph.i32s(2)?.unwrap_or_default();
    Ok(RawModel {
        tensors,
        ops,
        inputs,
        outputs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fall_back_to_the_code() {
        assert_eq!(op_name(18), "MUL");
        assert_eq!(op_name(34), "PAD");
        assert_eq!(op_name(200), "BUILTIN_200");
        assert_eq!(op_name(-1), "BUILTIN_-1");
    }
}
