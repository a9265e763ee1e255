// Inference kernels of the layers with a kernel (Dense, Conv2D, DepthwiseConv2D, SeparableConv2D): the product or the convolution,
// then the bias and an elementwise activation applied in place on the fresh result — one op instead of three,
// no intermediate tensors; and of a BatchNormalization on its own (scale, shift, activation: one op, not ten). The bias add and the activation run the same kernels as tf.add and tf.relu (…), so
// the result is bit-identical to the layer's own call. No gradient: model.predict / execute use it only while
// no tape records (src/models/infer.ts); training keeps the layers' ops.
import { H, K } from '../backend/wasm.js';
import { Binary, Unary } from '../backend/abi.js';
import { scratch } from '../backend/scratch.js';
import { fmtShape, opError } from '../core/convert.js';
import { op } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import { conv2dRaw } from './conv.js';
import { depthwiseRaw } from './depthwise.js';
import { geometry, type Padding } from './conv_geometry.js';
import { gemmRaw, NO_ACT } from './matmul.js';

/**
 * The activations applied in place: each is one unary kernel (and the op of the same name). All are fused into the
 * GEMM's and the direct convolution's tile store (each has a vector form whose scalar form is its lane 0: the same
 * bits fused or not). FusedActivation adds the layers' hard_swish / hard_silu (unary kernel hardSwish) and exact
 * gelu (unary kernel gelu: f32_act's gelu, the same bits), which the ONNX executor (InPlaceActivation's other user)
 * does not fuse.
 */
export type InPlaceActivation = 'relu' | 'relu6' | 'sigmoid' | 'tanh' | 'elu';
export type FusedActivation = InPlaceActivation | 'hardSwish' | 'gelu';

/**
 * A convolution's settings (NHWC); null in linearAct means a Dense product. `separable`: a depthwise convolution
 * (linearAct's `depthwise` kernel) then the 1×1 convolution with `kernel` (SeparableConv2D).
 */
export interface ConvSettings {
  depthwise: boolean;
  separable: boolean;
  strides: [number, number];
  padding: Padding;
  dilations: [number, number];
}

/** @internal out = a op b with b [C] broadcast over the last axis of a (the binary kernel's rank-2 walk); out may be a. */
export function rowsOp(code: number, a: Tensor, b: Tensor, out: Tensor): void {
  const C = b.size, p = scratch.ptr(), v = H().i32, o = p >>> 2;
  // dims: shape [rows, C], a's strides [C, 1], b's [0, 1]
  v[o] = a.size / C; v[o + 1] = C; v[o + 2] = C; v[o + 3] = 1; v[o + 4] = 0; v[o + 5] = 1;
  K().f32_binary__wasmsimd(code, a.ptr, b.ptr, out.ptr, 2, p);
}

/** y += bias (broadcast over the last axis), then y = act(y), in place. y must be a block no one else reads. */
function epilogue(y: Tensor, bias: Tensor | null, act: FusedActivation | null): void {
  if (y.size === 0) return;
  if (bias !== null) rowsOp(Binary.add, y, bias, y);
  if (act !== null) K().f32_unary__wasmsimd(Unary[act], y.ptr, y.ptr, y.size);
}

/**
 * @internal act(x·kernel + bias) (Dense: kernel [in, units], x [..., in]) or act(conv(x, kernel) + bias)
 * (x [batch, h, w, c] NHWC; Conv2D kernel [kh, kw, c, filters], depthwise [kh, kw, c, multiplier]; separable:
 * the depthwise kernel then the pointwise `kernel` [1, 1, c·multiplier, filters]). Dense: the bias and the
 * activation are the GEMM's epilogue (applied to each tile in registers; same bits), and so for Conv2D and the
 * pointwise kernel of SeparableConv2D (the GEMM's or the direct convolution kernel's epilogue). `packed`, when not
 * 0, is the kernel's current values packed by packB (the caller's cache: the product then packs nothing): Dense
 * [in, units] as it is, a convolution's [kh, kw, c, filters] as a kh·kw·c × filters matrix (not depthwise);
 * `wino`, when not 0, a Conv2D kernel transformed by winogradFilter (read where conv2d's rule takes Winograd).
 */
export const linearAct = op('linearAct', {
  inputs: [{ name: 'x', dtypes: ['float32'] }, { name: 'kernel', dtypes: ['float32'] }, { name: 'bias', dtypes: ['float32'], optional: true },
    { name: 'depthwise', dtypes: ['float32'], optional: true }],
  grad: null,
  forward: (x: Tensor, kernel: Tensor, bias: Tensor | null, depthwise: Tensor | null, conv: ConvSettings | null,
            act: FusedActivation | null, packed = 0, wino = 0): Tensor => {
    let y: Tensor;
    if (conv === null) {
      const inDim = kernel.shape[0], units = kernel.shape[1];
      if (x.rank < 1 || x.shape[x.rank - 1] !== inDim) {
        throw opError('linearAct', `x ${fmtShape(x.shape)} does not end in the kernel's ${inDim} inputs (kernel ${fmtShape(kernel.shape)})`);
      }
      if (bias !== null && bias.size !== units) {
        throw opError('linearAct', `bias ${fmtShape(bias.shape)} does not match the ${units} output channels`);
      }
      const out = x.shape.slice(0, -1);
      out.push(units);
      y = new Tensor(out, 'float32');
      if (y.size > 0) {
        // the activation in the GEMM's tile store, in registers
        gemmRaw(x.size / inDim, units, inDim, x.ptr, inDim, 1, packed || kernel.ptr, packed ? 0 : units, packed ? inDim : 1,
          y.ptr, false, bias === null ? 0 : bias.ptr, act === null ? NO_ACT : Unary[act]);
      }
      return y;
    }
    // Conv2D and the pointwise half of SeparableConv2D: the bias and the activation in the convolution's own tile
    // store (the GEMM's epilogue or the direct kernel's: the same bits), `packed` its kernel as packB packs a
    // KH·KW·C × filters matrix; depthwise: the bias and activation afterwards
    const outC = conv.depthwise ? kernel.shape[2] * kernel.shape[3] : kernel.shape[3];
    if (bias !== null && bias.size !== outC) {
      throw opError('linearAct', `bias ${fmtShape(bias.shape)} does not match the ${outC} output channels`);
    }
    const b = conv.depthwise || bias === null ? 0 : bias.ptr, code = conv.depthwise || act === null ? NO_ACT : Unary[act];
    if (conv.separable) {
      const dw = depthwise!;
      if (x.rank !== 4 || x.shape[3] !== dw.shape[2] || kernel.shape[2] !== dw.shape[2] * dw.shape[3]) {
        throw opError('linearAct', `x ${fmtShape(x.shape)} must be [batch, height, width, ${dw.shape[2]}] for depthwise kernel ${fmtShape(dw.shape)} and pointwise kernel ${fmtShape(kernel.shape)}`);
      }
      const g = geometry('linearAct', x.shape, dw.shape[0], dw.shape[1], conv.strides, conv.padding, conv.dilations);
      const d = depthwiseRaw(x, dw, g, dw.shape[3]);
      y = conv2dRaw(d, kernel, geometry('linearAct', d.shape, 1, 1, 1, 'valid', 1), b, code, packed); // (d is freed with the op's frame)
    } else {
      if (x.rank !== 4 || x.shape[3] !== kernel.shape[2]) {
        throw opError('linearAct', `x ${fmtShape(x.shape)} must be [batch, height, width, ${kernel.shape[2]}] for kernel ${fmtShape(kernel.shape)}`);
      }
      const g = geometry('linearAct', x.shape, kernel.shape[0], kernel.shape[1], conv.strides, conv.padding, conv.dilations);
      y = conv.depthwise ? depthwiseRaw(x, kernel, g, kernel.shape[3]) : conv2dRaw(x, kernel, g, b, code, packed, wino);
    }
    if (conv.depthwise) epilogue(y, bias, act);
    return y;
  },
});

/**
 * @internal act(x·scale + shift) over the last axis (scale, shift [C]): an inference BatchNormalization with its
 * scale γ/√(σ² + ε) and shift β − μ·scale computed as tf.batchNorm computes them, so the result is bit-identical.
 */
export const scaleShiftAct = op('scaleShiftAct', {
  inputs: [{ name: 'x', dtypes: ['float32'] }, { name: 'scale', dtypes: ['float32'] }, { name: 'shift', dtypes: ['float32'] }],
  grad: null,
  forward: (x: Tensor, scale: Tensor, shift: Tensor, act: FusedActivation | null): Tensor => {
    const C = x.rank === 0 ? 0 : x.shape[x.rank - 1];
    if (scale.size !== C || shift.size !== C) {
      throw opError('scaleShiftAct', `x ${fmtShape(x.shape)}: scale ${fmtShape(scale.shape)} and shift ${fmtShape(shift.shape)} must have its last axis' ${C} entries`);
    }
    const y = new Tensor(x.shape.slice(), 'float32');
    if (y.size > 0) rowsOp(Binary.mul, x, scale, y);
    epilogue(y, shift, act);
    return y;
  },
});
