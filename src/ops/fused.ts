// tf.fused: conv2d, depthwiseConv2d and matMul followed by a bias add and an activation, taking one
// options object as tfjs's fused ops do. Composed through the seam (the op, add, the activation), so
// every activation has a gradient (tfjs has gradients for 'linear' and 'relu' only).
import { opError } from '../core/convert.js';
import { composite } from '../core/op.js';
import type { TensorLike } from '../core/convert.js';
import { Tensor } from '../core/tensor.js';
import { leakyRelu as leaky, prelu as preluOp } from './activations.js';
import { add } from './binary.js';
import { conv2d as conv } from './conv.js';
import { checkRoundingPad } from './conv3d.js';
import type { Padding } from './conv_geometry.js';
import { depthwiseConv2d as dconv } from './depthwise.js';
import { matMul as mm } from './matmul.js';
import { reshape } from './shape.js';
import { elu, relu, relu6, sigmoid } from './unary.js';

/** The activations the fused ops apply after the bias. */
export type Activation = 'linear' | 'relu' | 'prelu' | 'elu' | 'relu6' | 'leakyrelu' | 'sigmoid';

/** What the fused ops apply after the convolution or product. */
export interface FusedOptions {
  /** Added to the result (broadcast; with 'NCHW' a 1-D bias is per channel). */
  bias?: TensorLike;
  activation?: Activation;
  /** prelu's alpha (broadcast against the result; with 'NCHW' a 1-D one is per channel). */
  preluActivationWeights?: TensorLike;
  /** leakyrelu's alpha (default 0.2). */
  leakyreluAlpha?: number;
}
/** tf.fused.conv2d's and depthwiseConv2d's options: the convolution's arguments (as tf.conv2d's) and the fused ones. */
export interface FusedConv2DArgs extends FusedOptions {
  /** The input [batch, height, width, inChannels] (or rank 3; NCHW with dataFormat 'NCHW'). */
  x: TensorLike;
  /** [fh, fw, inChannels, outChannels] (depthwise: [fh, fw, inChannels, channelMultiplier]). */
  filter: TensorLike;
  /** Default 1. */
  strides?: number | [number, number];
  /** Default 'valid'. */
  pad?: Padding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}
/** tf.fused.matMul's options: matMul's arguments and the fused ones. */
export interface FusedMatMulArgs extends FusedOptions {
  a: TensorLike;
  b: TensorLike;
  transposeA?: boolean;
  transposeB?: boolean;
}

const ACTIVATIONS: readonly string[] = ['linear', 'relu', 'prelu', 'elu', 'relu6', 'leakyrelu', 'sigmoid'];

function checkActivation(op: string, activation: unknown, prelu: Tensor | null): void {
  if (activation !== undefined && activation !== null && !ACTIVATIONS.includes(activation as string)) {
    throw opError(op, `activation must be one of ${ACTIVATIONS.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(activation)}`);
  }
  if (activation === 'prelu' && prelu === null) throw opError(op, `activation 'prelu' needs preluActivationWeights`);
}

/** A 1-D per-channel tensor brought to [C, 1, 1] for an NCHW result (tfjs's rule). */
function perChannel(t: Tensor, nchw: boolean): Tensor {
  return nchw && t.rank === 1 && t.shape[0] !== 1 ? reshape(t, [t.shape[0], 1, 1]) : t;
}

function finish(y: Tensor, bias: Tensor | null, activation: Activation | undefined, prelu: Tensor | null,
                leakyreluAlpha: number | undefined, nchw: boolean): Tensor {
  let r = bias === null ? y : add(y, perChannel(bias, nchw));
  switch (activation ?? 'linear') {
    case 'relu': r = relu(r); break;
    case 'relu6': r = relu6(r); break;
    case 'elu': r = elu(r); break;
    case 'sigmoid': r = sigmoid(r); break;
    case 'leakyrelu': r = leaky(r, leakyreluAlpha ?? 0.2); break;
    case 'prelu': r = preluOp(r, perChannel(prelu!, nchw)); break;
    default: break;
  }
  return r;
}

const OPTIONAL = (name: string) => ({ name, dtypes: ['float32', 'int32'] as const, optional: true, cast: { int32: 'float32' as const } });

type Rounding = 'floor' | 'round' | 'ceil' | undefined;
type Convolve = (x: Tensor, filter: Tensor, strides: number | [number, number], pad: Padding, dataFormat: 'NHWC' | 'NCHW',
                 dilations: number | [number, number], dimRoundingMode: Rounding) => Tensor;

/** A fused convolution: `convolve` (conv2d or depthwiseConv2d), then the bias and the activation. */
function fusedConv(name: string, convolve: Convolve) {
  return composite(name, {
    inputs: [{ name: 'x', dtypes: ['float32'] }, { name: 'filter', dtypes: ['float32'] }, OPTIONAL('bias'), OPTIONAL('preluActivationWeights')],
    forward: (x: Tensor, filter: Tensor, bias: Tensor | null, prelu: Tensor | null, strides: number | [number, number] | undefined,
              pad: Padding | undefined, dataFormat: 'NHWC' | 'NCHW' | undefined, dilations: number | [number, number] | undefined,
              dimRoundingMode: Rounding, activation: Activation | undefined, leakyreluAlpha: number | undefined): Tensor => {
      checkActivation(name, activation, prelu);
      checkRoundingPad(name, pad, dimRoundingMode);
      const y = convolve(x, filter, strides ?? 1, pad ?? 'valid', dataFormat ?? 'NHWC', dilations ?? 1, dimRoundingMode);
      return finish(y, bias, activation, prelu, leakyreluAlpha, dataFormat === 'NCHW');
    },
  });
}

const fusedConv2d = fusedConv('fused.conv2d', conv);
const fusedDepthwise = fusedConv('fused.depthwiseConv2d', dconv);

const fusedMatMul = composite('fused.matMul', {
  inputs: [{ name: 'a', dtypes: ['float32'] }, { name: 'b', dtypes: ['float32'] }, OPTIONAL('bias'), OPTIONAL('preluActivationWeights')],
  forward: (a: Tensor, b: Tensor, bias: Tensor | null, prelu: Tensor | null, transposeA: boolean | undefined,
            transposeB: boolean | undefined, activation: Activation | undefined, leakyreluAlpha: number | undefined): Tensor => {
    checkActivation('fused.matMul', activation, prelu);
    return finish(mm(a, b, transposeA ?? false, transposeB ?? false), bias, activation, prelu, leakyreluAlpha, false);
  },
});

function options<T extends object>(op: string, args: T | undefined, required: readonly string[]): T {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) throw opError(op, `expects an options object {${required.join(', ')}, …}, got ${args === null ? 'null' : Array.isArray(args) ? 'an array' : typeof args}`);
  return args;
}

/**
 * conv2d(x, filter, …) + bias, then the activation (tfjs tf.fused.conv2d).
 * @example tf.fused.conv2d({x, filter, strides: 1, pad: 'same', bias, activation: 'relu'})
 */
export function conv2d(args: FusedConv2DArgs): Tensor {
  return callConv('fused.conv2d', fusedConv2d, args);
}

/** depthwiseConv2d(x, filter, …) + bias, then the activation (tfjs tf.fused.depthwiseConv2d). */
export function depthwiseConv2d(args: FusedConv2DArgs): Tensor {
  return callConv('fused.depthwiseConv2d', fusedDepthwise, args);
}

/** A fused convolution called with tfjs's options object. */
function callConv(name: string, fused: typeof fusedConv2d, args: FusedConv2DArgs): Tensor {
  const o = options(name, args, ['x', 'filter']);
  return fused(o.x, o.filter, o.bias ?? null, o.preluActivationWeights ?? null, o.strides, o.pad, o.dataFormat, o.dilations,
    o.dimRoundingMode, o.activation, o.leakyreluAlpha);
}

/** matMul(a, b, transposeA, transposeB) + bias, then the activation (tfjs tf.fused.matMul). */
export function matMul(args: FusedMatMulArgs): Tensor {
  const o = options('fused.matMul', args, ['a', 'b']);
  return fusedMatMul(o.a, o.b, o.bias ?? null, o.preluActivationWeights ?? null, o.transposeA, o.transposeB, o.activation, o.leakyreluAlpha);
}
