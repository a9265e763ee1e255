// Comparisons and logic: bool results, no gradient. where (select) has gradients for both branches;
// where with one argument gives the coordinates of the true elements.
import { H, K } from '../backend/wasm.js';
import { Binary, Compare, Unary, type CompareName } from '../backend/abi.js';
import { scratch } from '../backend/scratch.js';
import { op, type Grads } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import type { TensorLike } from '../core/convert.js';
import { broadcastKernel } from './binary.js';
import { castRaw, zerosLike } from './create.js';
import { broadcastShapes, broadcastStrides } from './util.js';
import { broadcastTo } from './shape.js';
import { indicesOf, stringsOf } from './string_raw.js';

function compareOp(name: CompareName, strings = false) {
  return op(name, {
    inputs: strings ? [{ name: 'a', string: true }, { name: 'b', string: true }] : ['a', 'b'], promote: 'match', grad: null,
    forward: (a: Tensor, b: Tensor): Tensor => (a.dtype === 'string' || b.dtype === 'string' ? compareStrings(name, a, b) : broadcastKernel(name, Compare[name], a, b, true)),
  });
}

/** A comparison of two string tensors (broadcasting), by their element indices; order is by UTF-16 code units (as tfjs's). */
function compareStrings(name: CompareName, a: Tensor, b: Tensor): Tensor {
  for (const [t, n] of [[a, 'a'], [b, 'b']] as const) {
    if (t.dtype !== 'string') throw new Error(`${name}: a string tensor compares only with strings, ${n} is ${t.dtype} (shape [${t.shape}])`);
  }
  const shape = broadcastShapes(name, a.shape, b.shape);
  const ia = broadcastTo(indicesOf(a), shape).dataSync<'int32'>(), ib = broadcastTo(indicesOf(b), shape).dataSync<'int32'>();
  const sa = stringsOf(a), sb = stringsOf(b);
  const test: (x: string, y: string) => boolean = name === 'equal' ? (x, y) => x === y : name === 'notEqual' ? (x, y) => x !== y
    : name === 'greater' ? (x, y) => x > y : name === 'greaterEqual' ? (x, y) => x >= y : name === 'less' ? (x, y) => x < y : (x, y) => x <= y;
  const y = new Tensor(shape, 'bool'), u8 = H().u8;
  for (let k = 0; k < y.size; k++) u8[y.ptr + k] = test(sa[ia[k]], sb[ib[k]]) ? 1 : 0;
  return y;
}
function logicalOp(name: CompareName) {
  return op(name, {
    inputs: [{ name: 'a', literal: 'bool', dtypes: ['bool'] }, { name: 'b', literal: 'bool', dtypes: ['bool'] }], grad: null,
    forward: (a: Tensor, b: Tensor): Tensor => broadcastKernel(name, Compare[name], a, b, true),
  });
}

/** a == b elementwise (bool). */
export const equal = compareOp('equal', true);
/** a != b elementwise (bool). */
export const notEqual = compareOp('notEqual', true);
/** a > b elementwise (bool). */
export const greater = compareOp('greater', true);
/** a >= b elementwise (bool). */
export const greaterEqual = compareOp('greaterEqual', true);
/** a < b elementwise (bool). */
export const less = compareOp('less', true);
/** a <= b elementwise (bool). */
export const lessEqual = compareOp('lessEqual', true);
/** a AND b (bool tensors). */
export const logicalAnd = logicalOp('logicalAnd');
/** a OR b (bool tensors). */
export const logicalOr = logicalOp('logicalOr');
/** a XOR b (bool tensors). */
export const logicalXor = logicalOp('logicalXor');
/** NOT x (a bool tensor). */
export const logicalNot = op('logicalNot', {
  inputs: [{ name: 'x', literal: 'bool', dtypes: ['bool'] }], grad: null,
  forward: (x: Tensor): Tensor => {
    const t = new Tensor([], 'bool');
    H().u8[t.ptr] = 1;
    return broadcastKernel('logicalNot', Compare.logicalXor, x, t, true); // x XOR true
  },
});

/** NaN test (bool). */
export const isNaN = op('isNaN', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32', 'bool'] }], grad: null,
  forward: (x: Tensor): Tensor => broadcastKernel('isNaN', Compare.notEqual, x, x, true),
});

/** condition ? a : b elementwise, all three broadcast together. */
const select = op('where', {
  inputs: [{ name: 'condition', literal: 'bool', dtypes: ['bool'], promote: false }, 'a', 'b'], promote: 'match',
  forward: (c: Tensor, x0: Tensor, y0: Tensor): Tensor => {
    const shape = broadcastShapes('where', broadcastShapes('where', x0.shape, y0.shape), c.shape, 'a/b', 'condition');
    // the select kernel moves 32-bit elements: bool branches go through int32
    const isBool = x0.dtype === 'bool';
    const x = isBool ? castRaw(x0, 'int32') : x0, y = isBool ? castRaw(y0, 'int32') : y0;
    const out = new Tensor(shape, x.dtype);
    if (out.size > 0) {
      const st = [broadcastStrides(x.shape, shape), broadcastStrides(y.shape, shape), broadcastStrides(c.shape, shape)];
      const dims = scratch.dims(shape, st[0], st[1], st[2]);
      K().select_32(c.ptr, x.ptr, y.ptr, out.ptr, shape.length, dims);
    }
    return isBool ? castRaw(out, 'bool') : out;
  },
  grad: (dy, _y, [c]): Grads => {
    const z = zerosLike(dy);
    return [null, where(c, dy, z), where(c, z, dy)];
  },
});

/** The op giving the coordinates of the true elements, named `name` in its errors (where, whereAsync). */
function coordsOp(name: string) {
  return op(name, {
    inputs: [{ name: 'condition', literal: 'bool' }], grad: null,
    forward: (condition: Tensor): Tensor => {
      const c = condition.dtype === 'bool' ? condition : castRaw(condition, 'bool');
      const count = K().u8_count_nonzero(c.ptr, c.size);
      const y = new Tensor([count, c.rank], 'int32');
      if (count > 0 && c.rank > 0) K().u8_where_coords(c.ptr, y.ptr, c.size, c.rank, scratch.i32(c.shape));
      return y;
    },
  });
}
/** The coordinates of the true (non-zero) elements of condition, int32 [count, rank], row-major (TF's tf.where(condition)). */
export const whereIndices = coordsOp('where');
const whereIndicesAsync = coordsOp('whereAsync');

/**
 * condition ? a : b elementwise, all three broadcast together (tf.where with three arguments); with one
 * argument, the coordinates of the true elements, int32 [count, rank] (TF's tf.where(condition)).
 * @example tf.where(tf.greater(x, 0), x, tf.zerosLike(x))
 */
export function where(condition: TensorLike): Tensor;
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor;
export function where(condition: TensorLike, a?: TensorLike, b?: TensorLike): Tensor {
  if (a === undefined && b === undefined) return whereIndices(condition);
  if (a === undefined || b === undefined) throw new Error('where: pass both a and b, or neither (coordinates of the true elements)');
  return select(condition, a, b);
}

/** tfjs's whereAsync: the coordinates of the true elements of condition, int32 [count, rank]. */
export async function whereAsync(condition: TensorLike): Promise<Tensor> { return whereIndicesAsync(condition); }

function f32Scalar(v: number): Tensor {
  const t = new Tensor([], 'float32');
  H().f32[t.ptr >>> 2] = v;
  return t;
}
function boolFill(shape: number[], v: boolean): Tensor {
  const t = new Tensor(shape, 'bool');
  H().u8.fill(v ? 1 : 0, t.ptr, t.ptr + t.size);
  return t;
}

/** true where x is neither ±Infinity nor NaN (bool; int32 and bool tensors are finite everywhere). No gradient. */
export const isFinite = op('isFinite', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32', 'bool'] }], grad: null,
  forward: (x: Tensor): Tensor => {
    if (x.dtype !== 'float32') return boolFill(x.shape.slice(), true);
    // x - x is 0 for finite x and NaN for ±Infinity and NaN
    const d = broadcastKernel('isFinite', Binary.sub, x, x, false);
    return broadcastKernel('isFinite', Compare.equal, d, f32Scalar(0), true);
  },
});

/** true where x is +Infinity or -Infinity (bool; never for int32 and bool tensors). No gradient. */
export const isInf = op('isInf', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32', 'bool'] }], grad: null,
  forward: (x: Tensor): Tensor => {
    if (x.dtype !== 'float32') return boolFill(x.shape.slice(), false);
    const a = new Tensor(x.shape.slice(), 'float32');
    K().f32_unary__wasmsimd(Unary.abs, x.ptr, a.ptr, x.size);
    return broadcastKernel('isInf', Compare.equal, a, f32Scalar(Infinity), true);
  },
});
