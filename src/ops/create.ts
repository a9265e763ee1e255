// Creating tensors: from values, filled, ranges, identity matrices, one-hot; and the untaped dtype cast
// the other ops use.
import { H, K } from '../backend/wasm.js';
import { checkNumber, checkShape, checkSize, makeTensor, opError, sizeOf, writeValues } from '../core/convert.js';
import { BYTES, checkDtypeName, type DType } from '../core/dtype.js';
import { isTensor } from '../core/engine.js';
import { op, provideSeamOps } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import type { TensorLike } from '../core/convert.js';
import { complexRaw, partRaw } from './complex_raw.js';

/**
 * A tensor from (nested) arrays or a TypedArray; the shape is inferred unless given.
 * @example tf.tensor([[1, 2], [3, 4]]); tf.tensor([1, 2, 3, 4], [2, 2], 'int32');
 */
export const tensor = op('tensor', {
  inputs: [], grad: null,
  forward: (values: TensorLike, shape?: number[], dtype?: DType): Tensor => {
    if (isTensor(values)) {
      if (values.isDisposed) throw opError('tensor', `argument 'values' is disposed (shape [${values.shape}])`);
      return values;
    }
    return makeTensor(values, shape, dtype, 'tensor');
  },
});

function ranked(name: string, rank: number, values: TensorLike, shape?: number[], dtype?: DType): Tensor {
  if (isTensor(values) && values.isDisposed) throw opError(name, `argument 'values' is disposed (shape [${values.shape}])`);
  const t = isTensor(values) ? values : makeTensor(values, shape, dtype, name);
  if (t.rank !== rank) throw opError(name, `expected rank ${rank}, got values of shape [${t.shape}]`);
  return t;
}

/** A rank-0 tensor. @example tf.scalar(3.14) */
export const scalar = op('scalar', {
  inputs: [], grad: null,
  forward: (value: number | boolean | string, dtype?: DType): Tensor => {
    if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'string') {
      throw opError('scalar', `value must be a number, boolean or string, got ${typeof value}`);
    }
    return makeTensor(value, [], dtype, 'scalar');
  },
});
/** A rank-1 tensor. */
export const tensor1d = op('tensor1d', {
  inputs: [], grad: null,
  forward: (values: TensorLike, dtype?: DType): Tensor => ranked('tensor1d', 1, values, undefined, dtype),
});
/** A rank-2 tensor. */
export const tensor2d = op('tensor2d', {
  inputs: [], grad: null,
  forward: (values: TensorLike, shape?: [number, number], dtype?: DType): Tensor => ranked('tensor2d', 2, values, shape, dtype),
});
/** A rank-3 tensor. */
export const tensor3d = op('tensor3d', {
  inputs: [], grad: null,
  forward: (values: TensorLike, shape?: [number, number, number], dtype?: DType): Tensor => ranked('tensor3d', 3, values, shape, dtype),
});
/** A rank-4 tensor. */
export const tensor4d = op('tensor4d', {
  inputs: [], grad: null,
  forward: (values: TensorLike, shape?: [number, number, number, number], dtype?: DType): Tensor => ranked('tensor4d', 4, values, shape, dtype),
});

/** A rank-5 tensor. */
export const tensor5d = op('tensor5d', {
  inputs: [], grad: null,
  forward: (values: TensorLike, shape?: [number, number, number, number, number], dtype?: DType): Tensor => ranked('tensor5d', 5, values, shape, dtype),
});
/** A rank-6 tensor. */
export const tensor6d = op('tensor6d', {
  inputs: [], grad: null,
  forward: (values: TensorLike, shape?: [number, number, number, number, number, number], dtype?: DType): Tensor => ranked('tensor6d', 6, values, shape, dtype),
});

const bits = new DataView(new ArrayBuffer(4));

/** @internal Fills a new tensor (no checks). */
function filled(shape: number[], value: number, dtype: DType): Tensor {
  if (dtype === 'complex64') { // value + 0j
    const re = filled(shape, value, 'float32');
    const y = complexRaw(re, null);
    re.dispose();
    return y;
  }
  const t = new Tensor(shape, dtype);
  if (dtype === 'bool') H().u8.fill(value !== 0 ? 1 : 0, t.ptr, t.ptr + t.size); // NaN is true (TF's cast)
  else {
    if (dtype === 'float32') bits.setFloat32(0, value, true); else bits.setInt32(0, value, true);
    K().x32_fill(t.ptr, t.size, bits.getUint32(0, true));
  }
  return t;
}

/** A tensor of `shape` with every element `value`. @example tf.fill([2, 2], 4) */
export const fill = op('fill', {
  inputs: [], grad: null,
  forward: (shape: number[], value: number | boolean, dtype?: DType): Tensor => {
    const s = checkShape('fill', shape);
    if (typeof value !== 'number' && typeof value !== 'boolean') {
      throw opError('fill', `value must be a number or boolean, got ${typeof value === 'string' ? `the string '${value}'` : String(value)}`);
    }
    const dt = dtype === undefined ? (typeof value === 'boolean' ? 'bool' : 'float32') : checkDtypeName('fill', dtype);
    return filled(s, Number(value), dt);
  },
});

/** Zeros of `shape` (complex64: 0 + 0j). */
export const zeros = op('zeros', {
  inputs: [], grad: null,
  forward: (shape: number[], dtype: DType = 'float32'): Tensor => filled(checkShape('zeros', shape), 0, checkDtypeName('zeros', dtype, 'dtype', true)),
});
/** Ones of `shape` (complex64: 1 + 0j). */
export const ones = op('ones', {
  inputs: [], grad: null,
  forward: (shape: number[], dtype: DType = 'float32'): Tensor => filled(checkShape('ones', shape), 1, checkDtypeName('ones', dtype, 'dtype', true)),
});
/** Zeros of x's shape and dtype. */
export const zerosLike = op('zerosLike', {
  inputs: [{ name: 'x', complex: true }], grad: null,
  forward: (x: Tensor): Tensor => filled(x.shape.slice(), 0, x.dtype),
});
/** Ones of x's shape and dtype (complex64: 1 + 0j, as tfjs). */
export const onesLike = op('onesLike', {
  inputs: [{ name: 'x', complex: true }], grad: null,
  forward: (x: Tensor): Tensor => filled(x.shape.slice(), 1, x.dtype),
});

/** [start, start+step, …) below stop (tfjs: range(start, stop, step = 1, dtype = 'float32')). */
export const range = op('range', {
  inputs: [], grad: null,
  forward: (start: number, stop?: number, step = 1, dtype: DType = 'float32'): Tensor => {
    if (stop === undefined) { stop = start; start = 0; }
    for (const [k, v] of [['start', start], ['stop', stop], ['step', step]] as const) checkNumber('range', v, k);
    if (step === 0) throw opError('range', 'step must not be 0');
    checkDtypeName('range', dtype);
    if (dtype === 'bool') throw opError('range', "dtype must be 'float32' or 'int32', got 'bool'");
    if (dtype === 'int32' && ![start, stop, step].every(Number.isInteger)) {
      // TensorFlow converts the arguments to int32 first, which rejects fractions
      throw opError('range', `an int32 range needs integer start, stop and step, got ${start}, ${stop}, ${step}`);
    }
    const n = Math.max(Math.ceil((stop - start) / step), 0);
    const vals = new Array<number>(n);
    for (let i = 0; i < n; i++) vals[i] = start + i * step;
    const t = new Tensor([n], dtype);
    writeValues(t, vals);
    return t;
  },
});

/**
 * num evenly spaced values from start to stop inclusive, computed as TensorFlow does: in float32,
 * step = (stop - start) / (num - 1) and start + i·step, the last value exactly stop.
 */
export const linspace = op('linspace', {
  inputs: [], grad: null,
  forward: (start: number, stop: number, num: number): Tensor => {
    checkNumber('linspace', start, 'start');
    checkNumber('linspace', stop, 'stop');
    checkSize('linspace', num, 'num');
    const f = Math.fround, a = f(start), b = f(stop);
    const step = num > 1 ? f(f(b - a) / (num - 1)) : 0;
    const vals = new Array<number>(num);
    for (let i = 0; i < num; i++) vals[i] = i === num - 1 && num > 1 ? b : f(a + f(i * step));
    const t = new Tensor([num], 'float32');
    writeValues(t, vals);
    return t;
  },
});

/**
 * One-hot encoding along a new last axis (tfjs: dtype defaults to 'int32').
 * @example tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3)  // [[1,0,0],[0,0,1]]
 */
export const oneHot = op('oneHot', {
  inputs: [{ name: 'indices', literal: 'int32', dtypes: ['int32'] }], grad: null,
  forward: (indices: Tensor, depth: number, onValue = 1, offValue = 0, dtype: DType = 'int32'): Tensor => {
    checkSize('oneHot', depth, 'depth', true);
    checkNumber('oneHot', onValue, 'onValue');
    checkNumber('oneHot', offValue, 'offValue');
    checkDtypeName('oneHot', dtype);
    const f = new Tensor([...indices.shape, depth], 'float32');
    K().f32_one_hot(indices.ptr, f.ptr, indices.size, depth, onValue, offValue);
    return dtype === 'float32' ? f : castRaw(f, dtype);
  },
});

/** An identity matrix (or a batch of them). @example tf.eye(3) */
export const eye = op('eye', {
  inputs: [], grad: null,
  forward: (numRows: number, numColumns?: number, batchShape?: number[], dtype: DType = 'float32'): Tensor => {
    checkSize('eye', numRows, 'numRows');
    const cols = numColumns === undefined || numColumns === null ? numRows : checkSize('eye', numColumns, 'numColumns');
    const batch = batchShape === undefined || batchShape === null ? [] : checkShape('eye', batchShape, 'batchShape');
    checkDtypeName('eye', dtype);
    const t = filled([...batch, numRows, cols], 0, dtype);
    const n = numRows * cols, reps = sizeOf(batch), diag = Math.min(numRows, cols);
    const one = dtype === 'bool' ? 1 : dtype === 'float32' ? 0x3f800000 : 1;
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < diag; i++) {
        const at = r * n + i * cols + i;
        if (dtype === 'bool') H().u8[t.ptr + at] = 1;
        else H().i32[(t.ptr >>> 2) + at] = one;
      }
    }
    return t;
  },
});

/** @internal dtype conversion without recording (cast, the op, adds the gradient). */
export function castRaw(x: Tensor, dtype: DType): Tensor {
  const from = x.dtype;
  if ((from === 'string') !== (dtype === 'string')) throw new Error(`cannot cast ${from} to ${dtype}`);
  if (from === 'string') return x.view(x.shape.slice());
  if (dtype === 'complex64' && from !== dtype) { // x + 0j
    const f = from === 'float32' ? x : castRaw(x, 'float32');
    const c = complexRaw(f, null);
    if (f !== x) f.dispose();
    return c;
  }
  if (from === 'complex64' && from !== dtype) { // the real part, as tfjs (and TensorFlow)
    const re = partRaw(x, 0);
    if (dtype === 'float32') return re;
    const c = castRaw(re, dtype);
    re.dispose();
    return c;
  }
  const k = K();
  const y = new Tensor(x.shape.slice(), dtype);
  if (from === dtype) H().u8.copyWithin(y.ptr, x.ptr, x.ptr + x.size * BYTES[dtype]);
  else if (from === 'float32' && dtype === 'int32') k.cast_f32_i32(x.ptr, y.ptr, x.size);
  else if (from === 'int32' && dtype === 'float32') k.cast_i32_f32(x.ptr, y.ptr, x.size);
  else if (from === 'bool') k.cast_u8_x32(x.ptr, y.ptr, x.size, dtype === 'float32' ? 0x3f800000 : 1);
  else if (from === 'float32') k.cast_f32_u8(x.ptr, y.ptr, x.size);
  else k.cast_i32_u8(x.ptr, y.ptr, x.size);
  return y;
}

provideSeamOps({ castRaw });
