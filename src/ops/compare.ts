// Comparisons and logic: bool results, no gradient. where (select) has gradients for both branches.
import { K } from '../backend/wasm.js';
import { C, type CompareName } from '../backend/kernels.js';
import { Tensor } from '../tensor.js';
import { binaryArgs, broadcastKernel, freeTemps } from './binary.js';
import { castRaw, zerosLike } from './create.js';
import { whereIndices } from './gather.js';
import { sumTo } from './shape.js';
import { broadcastShapes, broadcastStrides, checkDtype, coalesce, convert, record, scratchI32, type TensorLike } from './util.js';

function compare(name: CompareName, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryArgs(name, a, b);
  try {
    return broadcastKernel(name, C[name], x, y, true);
  } finally {
    freeTemps([x, y], a, b);
  }
}
/** `op` and `argA` name the public op in errors (logicalNot runs as logicalXor with true). */
function logical(name: CompareName, a: TensorLike, b: TensorLike, op: string = name, argA = 'a'): Tensor {
  const temps: Tensor[] = [];
  try {
    const x = convert(a, argA, op, 'bool');
    temps.push(x);
    const y = convert(b, 'b', op, 'bool');
    temps.push(y);
    checkDtype(op, argA, x, ['bool']);
    checkDtype(op, 'b', y, ['bool']);
    return broadcastKernel(op, C[name], x, y, true);
  } finally {
    freeTemps(temps, a, b);
  }
}

export function equal(a: TensorLike, b: TensorLike): Tensor { return compare('equal', a, b); }
export function notEqual(a: TensorLike, b: TensorLike): Tensor { return compare('notEqual', a, b); }
export function greater(a: TensorLike, b: TensorLike): Tensor { return compare('greater', a, b); }
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor { return compare('greaterEqual', a, b); }
export function less(a: TensorLike, b: TensorLike): Tensor { return compare('less', a, b); }
export function lessEqual(a: TensorLike, b: TensorLike): Tensor { return compare('lessEqual', a, b); }
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor { return logical('logicalAnd', a, b); }
export function logicalOr(a: TensorLike, b: TensorLike): Tensor { return logical('logicalOr', a, b); }
export function logicalXor(a: TensorLike, b: TensorLike): Tensor { return logical('logicalXor', a, b); }
export function logicalNot(x: TensorLike): Tensor { return logical('logicalXor', x, true, 'logicalNot', 'x'); }

/**
 * condition ? a : b elementwise, all three broadcast together (tf.where with three arguments).
 * @example tf.where(tf.greater(x, 0), x, tf.zerosLike(x))
 */
export function where(condition: TensorLike): Tensor;
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor;
export function where(condition: TensorLike, a?: TensorLike, b?: TensorLike): Tensor {
  // one argument: the coordinates of the true elements, int32 [count, rank] (TF's tf.where(cond))
  if (a === undefined && b === undefined) return whereIndices(condition);
  if (a === undefined || b === undefined) throw new Error('where: pass both a and b, or neither (coordinates of the true elements)');
  const c = convert(condition, 'condition', 'where', 'bool');
  const temps: Tensor[] = [c];
  try {
    checkDtype('where', 'condition', c, ['bool']);
    const [x0, y0] = binaryArgs('where', a, b);
    temps.push(x0, y0);
    const shape = broadcastShapes('where', broadcastShapes('where', x0.shape, y0.shape), c.shape, 'a/b', 'condition');
    // the select kernel moves 32-bit elements: bool branches go through int32 (the upcast dtype decides)
    const isBool = x0.dtype === 'bool';
    const x = isBool ? castRaw(x0, 'int32') : x0, y = isBool ? castRaw(y0, 'int32') : y0;
    temps.push(x, y);
    const out0 = new Tensor(shape, x.dtype);
    if (out0.size > 0) {
      const st = [broadcastStrides(x.shape, shape), broadcastStrides(y.shape, shape), broadcastStrides(c.shape, shape)];
      const dims = scratchI32([...shape, ...st[0], ...st[1], ...st[2]]);
      K().select_32(c.ptr, x.ptr, y.ptr, out0.ptr, shape.length, dims);
    }
    if (isBool) temps.push(out0);
    const out = isBool ? castRaw(out0, 'bool') : out0;
    if (x.dtype === 'float32') {
      const sa = x.shape, sb = y.shape;
      record('where', [x, y], out, (dy, [cc]) => {
        const z = zerosLike(dy);
        return [sumTo(where(cc, dy, z), sa), sumTo(where(cc, z, dy), sb)];
      }, [c]);
    }
    return out;
  } finally {
    freeTemps(temps, condition, a, b);
  }
}

/** NaN test (bool). */
export function isNaN(x: TensorLike): Tensor {
  const t = convert(x, 'x', 'isNaN');
  try {
    return compare('notEqual', t, t);
  } finally {
    freeTemps([t], x);
  }
}
