// Comparisons and logic: bool results, no gradient. where (select) has gradients for both branches.
import { K } from '../backend/wasm.js';
import { C, type CompareName } from '../backend/kernels.js';
import { Tensor } from '../tensor.js';
import { binaryArgs, broadcastKernel } from './binary.js';
import { castRaw, zerosLike } from './create.js';
import { sumTo } from './shape.js';
import { broadcastShapes, broadcastStrides, checkDtype, coalesce, convert, record, scratchI32, type TensorLike } from './util.js';

function compare(name: CompareName, a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = binaryArgs(name, a, b);
  return broadcastKernel(name, C[name], x, y, true);
}
function logical(name: CompareName, a: TensorLike, b: TensorLike): Tensor {
  const x = convert(a, 'a', name, 'bool'), y = convert(b, 'b', name, 'bool');
  checkDtype(name, 'a', x, ['bool']);
  checkDtype(name, 'b', y, ['bool']);
  return broadcastKernel(name, C[name], x, y, true);
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
export function logicalNot(x: TensorLike): Tensor { return logical('logicalXor', x, true); }

/**
 * condition ? a : b elementwise, all three broadcast together (tf.where with three arguments).
 * @example tf.where(tf.greater(x, 0), x, tf.zerosLike(x))
 */
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const c = convert(condition, 'condition', 'where', 'bool');
  checkDtype('where', 'condition', c, ['bool']);
  let [x, y] = binaryArgs('where', a, b);
  const shape = broadcastShapes('where', broadcastShapes('where', x.shape, y.shape), c.shape, 'a/b', 'condition');
  if (x.dtype === 'bool') { x = castRaw(x, 'int32'); y = castRaw(y, 'int32'); }
  const out0 = new Tensor(shape, x.dtype);
  if (out0.size > 0) {
    const st = [broadcastStrides(x.shape, shape), broadcastStrides(y.shape, shape), broadcastStrides(c.shape, shape)];
    const dims = scratchI32([...shape, ...st[0], ...st[1], ...st[2]]);
    K().select_32(c.ptr, x.ptr, y.ptr, out0.ptr, shape.length, dims);
  }
  const isBool = convert(a, 'a', 'where').dtype === 'bool';
  const out = isBool ? castRaw(out0, 'bool') : out0;
  if (x.dtype === 'float32') {
    const sa = x.shape, sb = y.shape;
    record('where', [x, y], out, (dy, [cc]) => {
      const z = zerosLike(dy);
      return [sumTo(where(cc, dy, z), sa), sumTo(where(cc, z, dy), sb)];
    }, [c]);
  }
  return out;
}

/** NaN test (bool). */
export function isNaN(x: TensorLike): Tensor {
  const t = convert(x, 'x', 'isNaN');
  return compare('notEqual', t, t);
}
