// Neural-network ops: batchNorm, dropout and the fused cross-entropies with logits (TF's tf.nn names).
// The cross-entropies are one wasm pass forward (assembly/f32-nn/xent.ts); their gradients are ops
// (softmax − labels, sigmoid − labels, …), so they are differentiable again. batchNorm and dropout are
// compositions: their gradients come from the ops they are made of.
import { K } from '../backend/wasm.js';
import { fmtShape, opError } from '../core/convert.js';
import { composite, op, type InputSpec, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { add, mul, sub } from './binary.js';
import { oneHot } from './create.js';
import { bernoulliMask } from './random.js';
import { sum } from './reduce.js';
import { clone, reshape, transpose } from './shape.js';
import { logSoftmax, softmax } from './softmax.js';
import { neg, rsqrt, sigmoid } from './unary.js';
import { broadcastShapes } from './util.js';

/** A float argument (int32 is converted). */
function float(name: string, optional = false): InputSpec {
  return { name, dtypes: ['float32', 'int32'], cast: { int32: 'float32' }, optional };
}

function sameShape(op: string, a: Tensor, b: Tensor, an: string, bn: string): void {
  if (a.rank !== b.rank || a.shape.some((d, i) => d !== b.shape[i])) {
    throw opError(op, `${an} ${fmtShape(a.shape)} and ${bn} ${fmtShape(b.shape)} must have the same shape`);
  }
}

/**
 * (x − mean) · scale / √(variance + ε) + offset, the statistics broadcasting against x (tfjs batchNorm;
 * computed as x·a + b with a = scale/√(variance + ε), b = offset − mean·a on the small statistics).
 * @example tf.batchNorm(x, movingMean, movingVariance, beta, gamma, 1e-3)
 */
export const batchNorm = composite('batchNorm', {
  inputs: [float('x'), float('mean'), float('variance'), float('offset', true), float('scale', true)],
  forward: (x: Tensor, mean: Tensor, variance: Tensor, offset?: Tensor | null, scale?: Tensor | null,
            varianceEpsilon = 0.001): Tensor => {
    const op = 'batchNorm';
    for (const [arg, u] of [['mean', mean], ['variance', variance], ['offset', offset], ['scale', scale]] as const) {
      if (u === null || u === undefined) continue;
      const b = broadcastShapes(op, x.shape, u.shape, 'x', arg);
      if (b.length !== x.rank || b.some((d, i) => d !== x.shape[i])) {
        throw opError(op, `${arg} ${fmtShape(u.shape)} must broadcast to the shape of x ${fmtShape(x.shape)}`);
      }
    }
    if (typeof varianceEpsilon !== 'number' || !(varianceEpsilon >= 0)) throw opError(op, `varianceEpsilon must be ≥ 0, got ${varianceEpsilon}`);
    let a = rsqrt(add(variance, varianceEpsilon));
    if (scale) a = mul(a, scale);
    let b = neg(mul(mean, a));
    if (offset) b = add(b, offset);
    return add(mul(x, a), b);
  },
});

/**
 * Inverted dropout: each element (or each slice, with noiseShape) is kept with probability 1 − rate and
 * scaled by 1 / (1 − rate), else zeroed (tfjs dropout). The mask comes from Philox with `seed`; entries of
 * noiseShape that are null take x's size, a shorter noiseShape broadcasts from the right. x is float32
 * (TF, tfjs). rate 0 returns a copy.
 * @example tf.dropout(x, 0.5, undefined, 42)
 */
export const dropout = composite('dropout', {
  inputs: [{ name: 'x', dtypes: ['float32'] }], // TF and tfjs: it scales x, so x must be floating
  forward: (x: Tensor, rate: number, noiseShape?: (number | null)[] | null, seed?: number | string): Tensor => {
    const op = 'dropout';
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) throw opError(op, `rate must be a number in [0, 1), got ${rate}`);
    let shape = x.shape.slice();
    if (noiseShape !== undefined && noiseShape !== null) {
      if (!Array.isArray(noiseShape) || noiseShape.length > x.rank) {
        throw opError(op, `noiseShape ${JSON.stringify(noiseShape)} must have at most one entry per axis of x ${fmtShape(x.shape)}`);
      }
      // a shorter noiseShape broadcasts from the right, as any shape does (TF: [1] for x [2,3] is [1,1])
      const ns = [...new Array<number>(x.rank - noiseShape.length).fill(1), ...noiseShape];
      shape = ns.map((d, i) => (d === null || d === undefined ? x.shape[i] : d));
      if (shape.some((d, i) => d !== x.shape[i] && d !== 1)) {
        throw opError(op, `noiseShape ${fmtShape(shape)} must broadcast to x ${fmtShape(x.shape)} (each entry 1 or x's size)`);
      }
    }
    if (rate === 0) return clone(x);
    const keep = 1 - rate;
    return mul(x, bernoulliMask(shape, keep, 1 / keep, typeof seed === 'string' ? hashSeed(seed) : seed));
  },
});

/** FNV-1a of a string seed (tfjs accepts string seeds). */
function hashSeed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function axisOf(op: string, rank: number, axis: number): number {
  if (rank === 0) throw opError(op, 'logits must have rank ≥ 1, got a scalar');
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) throw opError(op, `axis ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

/** The fused primitive over the last axis: labels and logits of the same shape → loss [...shape[:-1]]. */
const softmaxXentLast = op('softmaxCrossEntropyWithLogits', {
  inputs: ['labels', 'logits'],
  forward: (z: Tensor, x: Tensor): Tensor => {
    const loss = new Tensor(x.shape.slice(0, -1), 'float32');
    if (loss.size > 0) K().f32_softmax_xent(z.ptr, x.ptr, loss.ptr, loss.size, x.shape[x.rank - 1], 0);
    return loss;
  },
  grad: (dy, _y, [z, x], [needZ, needX]): Grads => {
    const d = reshape(dy, [...dy.shape, 1]);
    // d/dx = softmax·Σlabels − labels: softmax − labels when the labels are a distribution (TF's
    // formula, which is only right then), the exact derivative otherwise. The labels' gradient only when
    // asked for (labels are usually constants: a log-softmax and two ops saved per training step)
    return [needZ ? neg(mul(logSoftmax(x), d)) : null, needX ? mul(sub(mul(softmax(x), sum(z, -1, true)), z), d) : null];
  },
});

/**
 * −Σ labels · log softmax(logits) along `axis`, per example, in one stable pass (TF's
 * tf.nn.softmax_cross_entropy_with_logits). Gradients: softmax − labels for logits (softmax·Σlabels − labels
 * when the labels do not sum to 1), −log softmax for labels.
 * @example tf.softmaxCrossEntropyWithLogits(tf.oneHot([1, 2], 3).toFloat(), logits)  // shape [2]
 */
export const softmaxCrossEntropyWithLogits = composite('softmaxCrossEntropyWithLogits', {
  inputs: [float('labels'), float('logits')],
  forward: (labels: Tensor, logits: Tensor, axis = -1): Tensor => {
    const op = 'softmaxCrossEntropyWithLogits';
    sameShape(op, labels, logits, 'labels', 'logits');
    const ax = axisOf(op, logits.rank, axis);
    if (ax === logits.rank - 1) return softmaxXentLast(labels, logits);
    const perm = [...Array(logits.rank).keys()].filter((i) => i !== ax).concat(ax);
    return softmaxXentLast(transpose(labels, perm), transpose(logits, perm));
  },
});

// The training loss head (src/losses.ts): the categorical cross-entropies of probabilities p = softmax(logits) that
// a model's softmax made, computed from its logits as Keras' TensorFlow backend does (its `_keras_logits`): one
// kernel forward (f32_softmax_xent: no clipping at ε, no log of p), one backward (f32_softmax_xent_grad from the
// probabilities the model already has), one tape node each. Labels are float32 of the logits' shape, or int32
// class indices (sparse) of their shape without the last axis. Both over the last axis.

/** dx = (p·Σlabels − labels)·dy (p − onehot for class indices): the head's gradient, differentiable again. */
const softmaxXentHeadGrad = op('softmaxXentHeadGrad', {
  inputs: [{ name: 'labels', dtypes: ['float32', 'int32'] }, { name: 'probs', dtypes: ['float32'] }, { name: 'dy', dtypes: ['float32'] }],
  forward: (z: Tensor, p: Tensor, dy: Tensor): Tensor => {
    const dx = new Tensor(p.shape.slice(), 'float32'), n = p.shape[p.rank - 1];
    if (dx.size > 0) K().f32_softmax_xent_grad(z.ptr, p.ptr, dy.ptr, dx.ptr, dx.size / n, n, z.dtype === 'int32' ? 1 : 0);
    return dx;
  },
  grad: (g, _dx, [z, p, dy], [, needP, needDy]): Grads => {
    const zd = z.dtype === 'int32' ? oneHot(z, p.shape[p.rank - 1], 1, 0, 'float32') : z;
    const s = z.dtype === 'int32' ? null : sum(zd, -1, true), d = reshape(dy, [...dy.shape, 1]);
    const ps = s === null ? p : mul(p, s);
    return [null, needP ? mul(s === null ? g : mul(g, s), d) : null, needDy ? sum(mul(g, sub(ps, zd)), -1) : null];
  },
});

/** Per-example −Σ labels·log softmax(logits) (the head's loss); probs = softmax(logits), read by the gradient only. */
export const softmaxXentHead = op('softmaxXentHead', {
  inputs: [{ name: 'labels', dtypes: ['float32', 'int32'] }, { name: 'logits', dtypes: ['float32'] }, { name: 'probs', dtypes: ['float32'] }],
  forward: (z: Tensor, x: Tensor, _p: Tensor): Tensor => {
    const loss = new Tensor(x.shape.slice(0, -1), 'float32');
    if (loss.size > 0) K().f32_softmax_xent(z.ptr, x.ptr, loss.ptr, loss.size, x.shape[x.rank - 1], z.dtype === 'int32' ? 1 : 0);
    return loss;
  },
  grad: (dy, _y, [z, x, p], [needZ, needX]): Grads => [
    needZ && z.dtype === 'float32' ? neg(mul(logSoftmax(x), reshape(dy, [...dy.shape, 1]))) : null,
    needX ? softmaxXentHeadGrad(z, p, dy) : null,
    null, // p's own gradient is not the loss's: the loss is a function of the logits
  ],
});

/**
 * Elementwise max(x, 0) − x·z + log(1 + e^−|x|) for logits x and labels z (TF's
 * tf.nn.sigmoid_cross_entropy_with_logits): never overflows. Gradients: σ(x) − z for logits, −x for labels.
 */
export const sigmoidCrossEntropyWithLogits = op('sigmoidCrossEntropyWithLogits', {
  inputs: [float('labels'), float('logits')],
  forward: (labels: Tensor, logits: Tensor): Tensor => {
    sameShape('sigmoidCrossEntropyWithLogits', labels, logits, 'labels', 'logits');
    const loss = new Tensor(logits.shape.slice(), 'float32');
    if (loss.size > 0) K().f32_sigmoid_xent(labels.ptr, logits.ptr, loss.ptr, loss.size);
    return loss;
  },
  grad: (dy, _y, [z, x]): Grads => [neg(mul(x, dy)), mul(sub(sigmoid(x), z), dy)],
});

function batchNormNd(rank: 2 | 3 | 4) {
  const name = `batchNorm${rank}d`;
  return composite(name, {
    inputs: [float('x'), float('mean'), float('variance'), float('offset', true), float('scale', true)],
    forward: (x: Tensor, mean: Tensor, variance: Tensor, offset?: Tensor | null, scale?: Tensor | null,
              varianceEpsilon = 0.001): Tensor => {
      if (x.rank !== rank) throw opError(name, `x must be rank ${rank}, got rank ${x.rank} (shape ${fmtShape(x.shape)})`);
      for (const [arg, u] of [['mean', mean], ['variance', variance], ['offset', offset], ['scale', scale]] as const) {
        if (u !== null && u !== undefined && u.rank !== rank && u.rank !== 1) {
          throw opError(name, `${arg} must be rank ${rank} or rank 1, got rank ${u.rank} (shape ${fmtShape(u.shape)})`);
        }
      }
      return batchNorm(x, mean, variance, offset, scale, varianceEpsilon);
    },
  });
}
/** batchNorm of a rank-2 x (tfjs batchNorm2d): the statistics are rank 2 or rank 1. */
export const batchNorm2d = batchNormNd(2);
/** batchNorm of a rank-3 x (tfjs batchNorm3d): the statistics are rank 3 or rank 1. */
export const batchNorm3d = batchNormNd(3);
/** batchNorm of a rank-4 x (tfjs batchNorm4d): the statistics are rank 4 or rank 1. */
export const batchNorm4d = batchNormNd(4);
