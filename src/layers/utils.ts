// Argument checks and shape arithmetic the layers share (Keras conv_utils, tfjs-layers generic_utils).
import type { Tensor } from '../core/tensor.js';
import { cast } from '../ops/shape.js';
import { describeArg, type Shape } from './layer.js';

export type DataFormat = 'channelsLast' | 'channelsFirst';
export type PaddingMode = 'valid' | 'same';

/** The one input tensor of a single-input layer. */
export function single(layer: string, inputs: Tensor | Tensor[]): Tensor {
  if (!Array.isArray(inputs)) return inputs;
  if (inputs.length !== 1) throw new Error(`${layer}: expects one input tensor, got ${inputs.length}`);
  return inputs[0];
}

/** The input as float32 (Keras casts inputs to the layer's dtype). */
export function floatInput(layer: string, inputs: Tensor | Tensor[]): Tensor {
  const x = single(layer, inputs);
  return x.dtype === 'float32' ? x : cast(x, 'float32');
}

/** A number or an n-tuple of positive integers (kernelSize, strides, poolSize) → an n-tuple. */
export function tuple(layer: string, arg: string, v: number | number[], n: number, min = 1): number[] {
  const t = typeof v === 'number' ? new Array<number>(n).fill(v) : Array.isArray(v) ? v.slice() : [];
  if (t.length !== n || t.some((d) => !Number.isInteger(d) || d < min)) {
    throw new Error(`${layer}: ${arg} must be an integer ≥ ${min} or ${n} of them, got ${JSON.stringify(v)}`);
  }
  return t;
}

export function positiveInt(layer: string, arg: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new Error(`${layer}: ${arg} must be a positive integer, got ${describeArg(v)}`);
  return v;
}

export function checkPadding(layer: string, p: unknown): PaddingMode {
  if (p !== 'valid' && p !== 'same') throw new Error(`${layer}: padding must be 'valid' or 'same', got ${JSON.stringify(p)}`);
  return p;
}

export function checkDataFormat(layer: string, f: unknown): DataFormat {
  if (f === undefined || f === null) return 'channelsLast';
  if (f === 'channels_last') return 'channelsLast';
  if (f === 'channels_first') return 'channelsFirst';
  if (f !== 'channelsLast' && f !== 'channelsFirst') {
    throw new Error(`${layer}: dataFormat must be 'channelsLast' or 'channelsFirst', got ${JSON.stringify(f)}`);
  }
  return f;
}

/** Output length of a convolution or pooling window along one axis (Keras conv_output_length). */
export function convOutputLength(len: number | null, k: number, padding: PaddingMode, stride: number, dilation = 1): number | null {
  if (len === null) return null;
  const kEff = k + (k - 1) * (dilation - 1);
  const out = padding === 'same' ? len : len - kEff + 1;
  return Math.max(0, Math.ceil(out / stride));
}

/** {className, config} of an initializer or regularizer (Keras' serialize_keras_object), or null. */
export function serialize(o: { className: string; getConfig(): Record<string, unknown> } | null | undefined): Record<string, unknown> | null {
  return o ? { className: o.className, config: o.getConfig() } : null;
}

export function fmt(shape: Shape): string { return `[${shape.map((d) => d ?? 'None').join(',')}]`; }
