// norm and moments: compositions of reductions and arithmetic, so their gradients (and higher orders)
// come from those ops.
import { opError } from '../core/convert.js';
import { composite } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import type { Tensor } from '../core/tensor.js';
import { squaredDifference } from './binary.js';
import { pow } from './pow.js';
import { max, mean, min, sum } from './reduce.js';
import { reshape } from './shape.js';
import { abs, sqrt, square } from './unary.js';
import { parseAxes } from './util.js';

export type NormOrd = number | 'euclidean' | 'fro';

/**
 * Vector and matrix norms (tfjs norm / TF tf.norm). With no axis the tensor is one vector. One axis (a
 * vector norm): ord 'euclidean' or 2, 1, Infinity, -Infinity, or any p > 0. Two axes (a matrix norm):
 * 'fro' or 'euclidean', 1 (max column sum), Infinity (max row sum), -Infinity.
 * @example tf.norm(tf.ones([2, 2]), 1)  // 4 (the flattened tensor's 1-norm, as TF)
 */
export const norm = composite('norm', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32'] }],
  forward: (x: Tensor, ord: NormOrd = 'euclidean', axis: number | number[] | null = null, keepDims = false): Tensor => {
    const op = 'norm';
    const axes = axis === null || axis === undefined ? parseAxes(op, null, x.rank) : parseAxes(op, axis, x.rank);
    if (Array.isArray(axis) && new Set(axis.map((a) => (a < 0 ? a + x.rank : a))).size !== axis.length) {
      throw opError(op, `axis ${JSON.stringify(axis)} repeats an axis`);
    }
    // one axis: a vector norm (also over a scalar's axis 0 or -1, which parseAxes accepts as for sum)
    const vector = axis === null || axis === undefined || !Array.isArray(axis) || axis.length === 1;
    if (!vector && axes.length !== 2) throw opError(op, `axis must be null, one axis or two axes, got ${JSON.stringify(axis)}`);
    let y: Tensor;
    if (vector) {
      if (ord === 'euclidean' || ord === 'fro' || ord === 2) y = sqrt(sum(square(x), axes));
      else if (ord === 1) y = sum(abs(x), axes);
      else if (ord === Infinity) y = max(abs(x), axes);
      else if (ord === -Infinity) y = min(abs(x), axes);
      else if (typeof ord === 'number' && ord > 0) y = pow(sum(pow(abs(x), ord), axes), 1 / ord);
      else throw opError(op, `invalid ord ${String(ord)} for a vector norm (use 'euclidean', 1, 2, Infinity, -Infinity or p > 0)`);
    } else {
      // axes as given (rows = axis[0], columns = axis[1]), not sorted: ord 1 sums over axis[0]
      const [a0, a1] = (axis as number[]).map((a) => (a < 0 ? a + x.rank : a));
      const after = (a: number, removed: number) => (a > removed ? a - 1 : a);
      if (ord === 'fro' || ord === 'euclidean') y = sqrt(sum(square(x), axes));
      else if (ord === 1) y = max(sum(abs(x), a0), after(a1, a0));
      else if (ord === Infinity) y = max(sum(abs(x), a1), after(a0, a1));
      else if (ord === -Infinity) y = min(sum(abs(x), a1), after(a0, a1));
      else if (ord === -1) y = min(sum(abs(x), a0), after(a1, a0));
      else throw opError(op, `invalid ord ${String(ord)} for a matrix norm (use 'fro', 'euclidean', 1, -1, Infinity or -Infinity; the spectral norm, ord 2, is not supported)`);
    }
    if (!keepDims) return y;
    return reshape(y, x.shape.map((d, i) => (axes.includes(i) ? 1 : d)));
  },
});

/**
 * Mean and variance over `axes` (tfjs moments; all axes when omitted). The variance is the mean squared
 * deviation from the mean (two passes, no cancellation).
 * @example const { mean, variance } = tf.moments(x, [0, 1, 2]);
 */
export const moments = composite('moments', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32'], cast: { int32: 'float32' } }],
  forward: (x: Tensor, axes: number | number[] | null = null, keepDims = false): { mean: Tensor; variance: Tensor } => {
    const ax = parseAxes('moments', axes, x.rank);
    const m = mean(x, ax, true);
    const variance = mean(squaredDifference(x, m), ax, keepDims);
    return { mean: keepDims ? m : reshape(m, x.shape.filter((_, i) => !ax.includes(i))), variance };
  },
});

/**
 * The Euclidean norm over `axis` (all axes when omitted): sqrt(Σ x²), as tf.norm(x, 'euclidean', axis).
 * @example tf.euclideanNorm(tf.tensor1d([3, 4]))  // 5
 */
export const euclideanNorm = composite('euclideanNorm', {
  inputs: [{ name: 'x', dtypes: ['float32', 'int32'] }],
  forward: (x: Tensor, axis: number | number[] | null = null, keepDims = false): Tensor => {
    const axes = parseAxes('euclideanNorm', axis, x.rank);
    const y = sqrt(sum(square(x), axes));
    return keepDims ? reshape(y, x.shape.map((d, i) => (axes.includes(i) ? 1 : d))) : y;
  },
});
