// Neural-network ops: batchNorm, dropout and the fused cross-entropies with logits (TF's tf.nn names).
// The cross-entropies are one wasm pass forward (assembly/f32-nn/xent.ts); their gradients are ops
// (softmax − labels, sigmoid − labels, …), so they are differentiable again. batchNorm and dropout are
// compositions: their gradients come from the ops they are made of.
import { K } from '../backend/wasm.js';
import { Tensor } from '../tensor.js';
import { add, mul, sub } from './binary.js';
import { castRaw } from './create.js';
import { bernoulliMask } from './random.js';
import { sum } from './reduce.js';
import { clone, reshape, transpose } from './shape.js';
import { logSoftmax, softmax } from './softmax.js';
import { neg, rsqrt, sigmoid } from './unary.js';
import { broadcastShapes, checkDtype, convert, fmtShape, opError, record, type TensorLike } from './util.js';

function floatArg(op: string, v: TensorLike, arg: string): Tensor {
  const t = convert(v, arg, op);
  checkDtype(op, arg, t, ['float32', 'int32']);
  return t.dtype === 'float32' ? t : castRaw(t, 'float32');
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
export function batchNorm(x: TensorLike, mean: TensorLike, variance: TensorLike, offset?: TensorLike | null,
                          scale?: TensorLike | null, varianceEpsilon = 0.001): Tensor {
  const op = 'batchNorm';
  const t = floatArg(op, x, 'x'), m = floatArg(op, mean, 'mean'), v = floatArg(op, variance, 'variance');
  const o = offset === undefined || offset === null ? null : floatArg(op, offset, 'offset');
  const s = scale === undefined || scale === null ? null : floatArg(op, scale, 'scale');
  for (const [arg, u] of [['mean', m], ['variance', v], ['offset', o], ['scale', s]] as const) {
    if (u === null) continue;
    const b = broadcastShapes(op, t.shape, u.shape, 'x', arg);
    if (b.length !== t.rank || b.some((d, i) => d !== t.shape[i])) {
      throw opError(op, `${arg} ${fmtShape(u.shape)} must broadcast to the shape of x ${fmtShape(t.shape)}`);
    }
  }
  if (!(varianceEpsilon >= 0)) throw opError(op, `varianceEpsilon must be ≥ 0, got ${varianceEpsilon}`);
  let a = rsqrt(add(v, varianceEpsilon));
  if (s !== null) a = mul(a, s);
  let b = neg(mul(m, a));
  if (o !== null) b = add(b, o);
  return add(mul(t, a), b);
}

/**
 * Inverted dropout: each element (or each slice, with noiseShape) is kept with probability 1 − rate and
 * scaled by 1 / (1 − rate), else zeroed (tfjs dropout). The mask comes from Philox with `seed`; entries of
 * noiseShape that are null take x's size. rate 0 returns a copy.
 * @example tf.dropout(x, 0.5, undefined, 42)
 */
export function dropout(x: TensorLike, rate: number, noiseShape?: (number | null)[] | null, seed?: number | string): Tensor {
  const op = 'dropout';
  const t = floatArg(op, x, 'x');
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) throw opError(op, `rate must be a number in [0, 1), got ${rate}`);
  let shape = t.shape.slice();
  if (noiseShape !== undefined && noiseShape !== null) {
    if (!Array.isArray(noiseShape) || noiseShape.length !== t.rank) {
      throw opError(op, `noiseShape ${JSON.stringify(noiseShape)} must have one entry per axis of x ${fmtShape(t.shape)}`);
    }
    shape = noiseShape.map((d, i) => (d === null || d === undefined ? t.shape[i] : d));
    if (shape.some((d, i) => d !== t.shape[i] && d !== 1)) {
      throw opError(op, `noiseShape ${fmtShape(shape)} must broadcast to x ${fmtShape(t.shape)} (each entry 1 or x's size)`);
    }
  }
  if (rate === 0) return clone(t);
  const keep = 1 - rate;
  const mask = bernoulliMask(shape, keep, 1 / keep, typeof seed === 'string' ? hashSeed(seed) : seed);
  const y = mul(t, mask);
  mask.dispose();
  return y;
}

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
function softmaxXentLast(z: Tensor, x: Tensor): Tensor {
  const n = x.shape[x.rank - 1], outShape = x.shape.slice(0, -1);
  const loss = new Tensor(outShape, 'float32');
  if (loss.size > 0) K().f32_softmax_xent(z.ptr, x.ptr, loss.ptr, loss.size, n);
  const col = [...outShape, 1];
  record('softmaxCrossEntropyWithLogits', [z, x], loss, (dy, [zs, xs]) => {
    const d = reshape(dy, col);
    // d/dx = softmax·Σlabels − labels: softmax − labels when the labels are a distribution (TF's
    // formula, which is only right then), the exact derivative otherwise
    return [neg(mul(logSoftmax(xs), d)), mul(sub(mul(softmax(xs), sum(zs, -1, true)), zs), d)];
  }, [z, x]);
  return loss;
}

/**
 * −Σ labels · log softmax(logits) along `axis`, per example, in one stable pass (TF's
 * tf.nn.softmax_cross_entropy_with_logits). Gradients: softmax − labels for logits (softmax·Σlabels − labels
 * when the labels do not sum to 1), −log softmax for labels.
 * @example tf.softmaxCrossEntropyWithLogits(tf.oneHot([1, 2], 3).toFloat(), logits)  // shape [2]
 */
export function softmaxCrossEntropyWithLogits(labels: TensorLike, logits: TensorLike, axis = -1): Tensor {
  const op = 'softmaxCrossEntropyWithLogits';
  const z = floatArg(op, labels, 'labels'), x = floatArg(op, logits, 'logits');
  sameShape(op, z, x, 'labels', 'logits');
  const ax = axisOf(op, x.rank, axis);
  if (ax === x.rank - 1) return softmaxXentLast(z, x);
  const perm = [...Array(x.rank).keys()].filter((i) => i !== ax).concat(ax);
  const zt = transpose(z, perm), xt = transpose(x, perm);
  const loss = softmaxXentLast(zt, xt);
  zt.dispose(); xt.dispose();
  return loss;
}

/**
 * Elementwise max(x, 0) − x·z + log(1 + e^−|x|) for logits x and labels z (TF's
 * tf.nn.sigmoid_cross_entropy_with_logits): never overflows. Gradients: σ(x) − z for logits, −x for labels.
 */
export function sigmoidCrossEntropyWithLogits(labels: TensorLike, logits: TensorLike): Tensor {
  const op = 'sigmoidCrossEntropyWithLogits';
  const z = floatArg(op, labels, 'labels'), x = floatArg(op, logits, 'logits');
  sameShape(op, z, x, 'labels', 'logits');
  const loss = new Tensor(x.shape.slice(), 'float32');
  if (loss.size > 0) K().f32_sigmoid_xent(z.ptr, x.ptr, loss.ptr, loss.size);
  record(op, [z, x], loss, (dy, [zs, xs]) => [neg(mul(xs, dy)), mul(sub(sigmoid(xs), zs), dy)], [z, x]);
  return loss;
}
