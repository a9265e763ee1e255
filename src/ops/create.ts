// Creating tensors: from values, filled, ranges, one-hot.
import { H, K } from '../backend/wasm.js';
import type { DType } from '../engine.js';
import { Tensor } from '../tensor.js';
import { checkDtype, checkShape, convert, makeTensor, opError, sizeOf, writeValues, type TensorLike } from './util.js';

/**
 * A tensor from (nested) arrays or a TypedArray; the shape is inferred unless given.
 * @example tf.tensor([[1, 2], [3, 4]]); tf.tensor([1, 2, 3, 4], [2, 2], 'int32');
 */
export function tensor(values: TensorLike, shape?: number[], dtype?: DType): Tensor {
  if (values instanceof Tensor) return convert(values, 'values', 'tensor');
  return makeTensor(values, shape, dtype, 'tensor');
}

function ranked(op: string, rank: number, values: TensorLike, shape?: number[], dtype?: DType): Tensor {
  const t = makeTensor(values, shape, dtype, op);
  if (t.rank !== rank) {
    t.dispose();
    throw opError(op, `expected rank ${rank}, got values of shape [${t.shape}]`);
  }
  return t;
}

export function scalar(value: number | boolean, dtype?: DType): Tensor {
  if (typeof value !== 'number' && typeof value !== 'boolean') throw opError('scalar', `value must be a number or boolean, got ${typeof value}`);
  return makeTensor(value, [], dtype, 'scalar');
}
export function tensor1d(values: TensorLike, dtype?: DType): Tensor { return ranked('tensor1d', 1, values, undefined, dtype); }
export function tensor2d(values: TensorLike, shape?: [number, number], dtype?: DType): Tensor { return ranked('tensor2d', 2, values, shape, dtype); }
export function tensor3d(values: TensorLike, shape?: [number, number, number], dtype?: DType): Tensor { return ranked('tensor3d', 3, values, shape, dtype); }
export function tensor4d(values: TensorLike, shape?: [number, number, number, number], dtype?: DType): Tensor { return ranked('tensor4d', 4, values, shape, dtype); }

const bits = new DataView(new ArrayBuffer(4));

/** A tensor of `shape` with every element `value`. */
export function fill(shape: number[], value: number | boolean, dtype?: DType): Tensor {
  checkShape('fill', shape);
  const dt: DType = dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32');
  const t = new Tensor(shape.slice(), dt);
  const v = Number(value);
  if (dt === 'bool') H().u8.fill(v ? 1 : 0, t.ptr, t.ptr + t.size);
  else {
    if (dt === 'float32') bits.setFloat32(0, v, true); else bits.setInt32(0, v, true);
    K().x32_fill(t.ptr, t.size, bits.getUint32(0, true));
  }
  return t;
}
export function zeros(shape: number[], dtype: DType = 'float32'): Tensor { return fill(shape, 0, dtype); }
export function ones(shape: number[], dtype: DType = 'float32'): Tensor { return fill(shape, 1, dtype); }
export function zerosLike(x: TensorLike): Tensor { const t = convert(x, 'x', 'zerosLike'); return fill(t.shape, 0, t.dtype); }
export function onesLike(x: TensorLike): Tensor { const t = convert(x, 'x', 'onesLike'); return fill(t.shape, 1, t.dtype); }

/** [start, start+step, …) below stop (tfjs: range(start, stop, step = 1, dtype = 'float32')). */
export function range(start: number, stop?: number, step = 1, dtype: DType = 'float32'): Tensor {
  if (stop === undefined) { stop = start; start = 0; }
  if (step === 0) throw opError('range', 'step must not be 0');
  if (![start, stop, step].every(Number.isFinite)) throw opError('range', `start ${start}, stop ${stop} and step ${step} must be finite`);
  const n = Math.max(Math.ceil((stop - start) / step), 0);
  const vals = new Array<number>(n);
  for (let i = 0; i < n; i++) vals[i] = start + i * step;
  const t = new Tensor([n], dtype);
  writeValues(t, vals);
  return t;
}

/**
 * num evenly spaced values from start to stop inclusive, computed as TensorFlow does: in float32,
 * step = (stop - start) / (num - 1) and start + i·step, the last value exactly stop.
 */
export function linspace(start: number, stop: number, num: number): Tensor {
  if (!Number.isInteger(num) || num < 0) throw opError('linspace', `num must be a non-negative integer, got ${num}`);
  const f = Math.fround, a = f(start), b = f(stop);
  const step = num > 1 ? f(f(b - a) / (num - 1)) : 0;
  const vals = new Array<number>(num);
  for (let i = 0; i < num; i++) vals[i] = i === num - 1 && num > 1 ? b : f(a + f(i * step));
  const t = new Tensor([num], 'float32');
  writeValues(t, vals);
  return t;
}

/**
 * One-hot encoding along a new last axis (tfjs: dtype defaults to 'int32').
 * @example tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3)  // [[1,0,0],[0,0,1]]
 */
export function oneHot(indices: TensorLike, depth: number, onValue = 1, offValue = 0, dtype: DType = 'int32'): Tensor {
  const x = convert(indices, 'indices', 'oneHot', 'int32');
  checkDtype('oneHot', 'indices', x, ['int32']);
  if (!Number.isInteger(depth) || depth < 1) throw opError('oneHot', `depth must be a positive integer, got ${depth}`);
  const f = new Tensor([...x.shape, depth], 'float32');
  K().f32_one_hot(x.ptr, f.ptr, x.size, depth, onValue, offValue);
  if (dtype === 'float32') return f;
  const out = castRaw(f, dtype);
  f.dispose();
  return out;
}

/** @internal dtype conversion without recording (cast in shape.ts adds the gradient). */
export function castRaw(x: Tensor, dtype: DType): Tensor {
  const k = K();
  const y = new Tensor(x.shape.slice(), dtype);
  const from = x.dtype;
  if (from === dtype) H().u8.copyWithin(y.ptr, x.ptr, x.ptr + x.size * (dtype === 'bool' ? 1 : 4));
  else if (from === 'float32' && dtype === 'int32') k.cast_f32_i32(x.ptr, y.ptr, x.size);
  else if (from === 'int32' && dtype === 'float32') k.cast_i32_f32(x.ptr, y.ptr, x.size);
  else if (from === 'bool') k.cast_u8_x32(x.ptr, y.ptr, x.size, dtype === 'float32' ? 0x3f800000 : 1);
  else if (from === 'float32') k.cast_f32_u8(x.ptr, y.ptr, x.size);
  else k.cast_i32_u8(x.ptr, y.ptr, x.size);
  return y;
}

/** An identity matrix (or a batch of them). */
export function eye(numRows: number, numColumns = numRows, batchShape: number[] = [], dtype: DType = 'float32'): Tensor {
  const n = numRows * numColumns;
  const vals = new Array<number>(n).fill(0);
  for (let i = 0; i < Math.min(numRows, numColumns); i++) vals[i * numColumns + i] = 1;
  const reps = sizeOf(batchShape);
  const all = new Array<number>(n * reps);
  for (let r = 0; r < reps; r++) for (let i = 0; i < n; i++) all[r * n + i] = vals[i];
  const t = new Tensor([...batchShape, numRows, numColumns], dtype);
  writeValues(t, all);
  return t;
}
