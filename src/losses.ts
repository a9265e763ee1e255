// `tf.losses`: tfjs's losses reduced to a scalar with optional weights (tf.losses.meanSquaredError, …),
// Keras' per-example loss functions (categoricalCrossentropy, mse, huber, …), Keras' loss classes
// (new tf.losses.CategoricalCrossentropy({fromLogits: true}).call(y, out)) and getLossFn for
// model.compile({loss}). The math lives in ops (the fused, stable cross-entropies of src/ops/nn.ts); this
// file clips, weights and reduces. Every function runs in a tidy scope: only its result outlives it.
import { Tensor } from './core/tensor.js';
import { abs, add, cast, clipByValue, clone, div, equal, log, log1p, logicalOr, max, maximum, mean, minimum, mul, neg, notEqual,
  oneHot, ones, relu, reshape, rsqrt, scalar, softmaxCrossEntropyWithLogits, sigmoidCrossEntropyWithLogits, softplus, square, sub,
  sum, where } from './ops/index.js';
import { tidy } from './core/engine.js';
import { convert, fmtShape, opError, type TensorLike } from './core/convert.js';

/** How a weighted loss is reduced (tfjs tf.losses.Reduction). */
export enum Reduction { NONE = 0, MEAN = 1, SUM = 2, SUM_BY_NONZERO_WEIGHTS = 3 }

/**
 * Weights and reduces per-element losses: NONE keeps them, SUM adds them, MEAN divides by the sum of the
 * weights, SUM_BY_NONZERO_WEIGHTS (the default) by the number of non-zero weights (the number of
 * elements without weights).
 */
export function computeWeightedLoss(losses: TensorLike, weights?: TensorLike | null,
                                    reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  return tidy(() => {
    const op = 'computeWeightedLoss';
    const l = convert(losses, 'losses', op);
    const w = weights === undefined || weights === null ? null : convert(weights, 'weights', op);
    const weighted = w === null ? l : mul(l, w);
    switch (reduction) {
      case Reduction.NONE: return weighted;
      case Reduction.SUM: return sum(weighted);
      case Reduction.MEAN: {
        if (w === null) return mean(weighted);
        const r = div(sum(weighted), sum(w));
        return l.size > w.size ? div(r, l.size / w.size) : r;
      }
      case Reduction.SUM_BY_NONZERO_WEIGHTS: {
        if (w === null) return div(sum(weighted), l.size);
        const nonZero = cast(sum(notEqual(mul(w, ones(l.shape)), 0)), 'float32');
        return div(sum(weighted), nonZero);
      }
      default: throw opError(op, `unknown reduction ${String(reduction)}`);
    }
  });
}

function pair(op: string, a: TensorLike, b: TensorLike, an: string, bn: string): [Tensor, Tensor] {
  const x = convert(a, an, op), y = convert(b, bn, op);
  if (x.rank !== y.rank || x.shape.some((d, i) => d !== y.shape[i])) {
    throw opError(op, `${an} ${fmtShape(x.shape)} and ${bn} ${fmtShape(y.shape)} must have the same shape`);
  }
  return [x.dtype === 'float32' ? x : cast(x, 'float32'), y.dtype === 'float32' ? y : cast(y, 'float32')];
}

/**
 * Softmax cross-entropy between one-hot labels and logits [batch, classes] (tfjs
 * tf.losses.softmaxCrossEntropy). labelSmoothing ε replaces the labels by labels·(1 − ε) + ε / classes.
 * @example tf.losses.softmaxCrossEntropy(tf.oneHot([1, 0], 3), logits)  // mean over the batch
 */
export function softmaxCrossEntropy(onehotLabels: TensorLike, logits: TensorLike, weights?: TensorLike | null, labelSmoothing = 0,
                                    reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  return tidy(() => {
    let [z, x] = pair('softmaxCrossEntropy', onehotLabels, logits, 'onehotLabels', 'logits');
    if (labelSmoothing > 0) z = add(mul(z, 1 - labelSmoothing), labelSmoothing / z.shape[z.rank - 1]);
    return computeWeightedLoss(softmaxCrossEntropyWithLogits(z, x), weights, reduction);
  });
}

/**
 * Sigmoid cross-entropy between multi-class labels and logits (tfjs tf.losses.sigmoidCrossEntropy).
 * labelSmoothing ε replaces the labels by labels·(1 − ε) + ε / 2.
 */
export function sigmoidCrossEntropy(multiClassLabels: TensorLike, logits: TensorLike, weights?: TensorLike | null, labelSmoothing = 0,
                                    reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  return tidy(() => {
    let [z, x] = pair('sigmoidCrossEntropy', multiClassLabels, logits, 'multiClassLabels', 'logits');
    if (labelSmoothing > 0) z = add(mul(z, 1 - labelSmoothing), 0.5 * labelSmoothing);
    return computeWeightedLoss(sigmoidCrossEntropyWithLogits(z, x), weights, reduction);
  });
}

/** Mean squared error (tfjs tf.losses.meanSquaredError). */
export function meanSquaredError(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null,
                                 reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  return tidy(() => {
    const [z, p] = pair('meanSquaredError', labels, predictions, 'labels', 'predictions');
    return computeWeightedLoss(square(sub(z, p)), weights, reduction);
  });
}

/** Mean absolute error (tfjs tf.losses.absoluteDifference). */
export function absoluteDifference(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null,
                                   reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  return tidy(() => {
    const [z, p] = pair('absoluteDifference', labels, predictions, 'labels', 'predictions');
    return computeWeightedLoss(abs(sub(z, p)), weights, reduction);
  });
}

/** −z·log(p + ε) − (1 − z)·log(1 − p + ε) (tfjs tf.losses.logLoss). */
export function logLoss(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null, epsilon = 1e-7,
                        reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  return tidy(() => {
    const [z, p] = pair('logLoss', labels, predictions, 'labels', 'predictions');
    const l = sub(neg(mul(z, log(add(p, epsilon)))), mul(sub(1, z), log(add(sub(1, p), epsilon))));
    return computeWeightedLoss(l, weights, reduction);
  });
}

/** Huber loss: ½d² for |d| ≤ δ, δ·(|d| − ½δ) beyond (tfjs tf.losses.huberLoss). */
export function huberLoss(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null, delta = 1.0,
                          reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  return tidy(() => {
    const [z, p] = pair('huberLoss', labels, predictions, 'labels', 'predictions');
    const err = abs(sub(p, z));
    const q = minimum(err, delta);
    return computeWeightedLoss(add(mul(square(q), 0.5), mul(sub(err, q), delta)), weights, reduction);
  });
}

/** Hinge loss with labels in {0, 1}: max(0, 1 − (2z − 1)·p) (tfjs tf.losses.hingeLoss). */
export function hingeLoss(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null,
                          reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  return tidy(() => {
    const [z, p] = pair('hingeLoss', labels, predictions, 'labels', 'predictions');
    return computeWeightedLoss(relu(sub(1, mul(sub(mul(z, 2), 1), p))), weights, reduction);
  });
}

/** 1 − Σ z·p along `axis` for unit-normalised labels and predictions (tfjs tf.losses.cosineDistance). */
export function cosineDistance(labels: TensorLike, predictions: TensorLike, axis: number, weights?: TensorLike | null,
                               reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  return tidy(() => {
    const [z, p] = pair('cosineDistance', labels, predictions, 'labels', 'predictions');
    return computeWeightedLoss(sub(scalar(1), sum(mul(z, p), axis, true)), weights, reduction);
  });
}

// ---- Keras per-example losses ----------------------------------------------------------------------
// One value per example: the loss is reduced over the last axis only (the mean for the regression
// losses, the sum for the cross-entropies over classes), as tf.keras.losses.* functions. Probabilities
// are clipped to [ε, 1 − ε] with Keras' ε = 1e-7 (so p = 0 or 1 gives a finite loss and a zero
// gradient); the fromLogits paths use the fused, stable cross-entropies of src/ops/nn.ts.

/** Keras' backend.epsilon(): the clipping bound of the probabilistic losses. */
export const EPSILON = 1e-7;

const toFloat = (t: Tensor): Tensor => (t.dtype === 'float32' ? t : cast(t, 'float32'));

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * yTrue and yPred as float32 of one shape. Shapes must be equal, except that [N] and [N,1] (a trailing
 * size-1 axis on either side) are accepted and yTrue takes yPred's shape — Keras squeezes that axis.
 * Other mismatches are errors (Keras would broadcast [N] against [N,1] to [N,N] silently).
 */
function kerasPair(op: string, yTrue: TensorLike, yPred: TensorLike): [Tensor, Tensor] {
  const z = convert(yTrue, 'yTrue', op), p = convert(yPred, 'yPred', op);
  if (!sameShape(z.shape, p.shape)) {
    const squeezable = Math.abs(z.rank - p.rank) === 1 && z.size === p.size &&
      sameShape(z.rank > p.rank ? z.shape.slice(0, -1) : z.shape, p.rank > z.rank ? p.shape.slice(0, -1) : p.shape) &&
      (z.rank > p.rank ? z.shape[z.rank - 1] : p.shape[p.rank - 1]) === 1;
    if (!squeezable) throw opError(op, `yTrue ${fmtShape(z.shape)} and yPred ${fmtShape(p.shape)} must have the same shape`);
    return [toFloat(reshape(z, p.shape)), toFloat(p)];
  }
  return [toFloat(z), toFloat(p)];
}

function checkSmoothing(op: string, ls: number): void {
  if (typeof ls !== 'number' || !(ls >= 0 && ls <= 1)) throw opError(op, `labelSmoothing must be a number in [0, 1], got ${String(ls)}`);
}

function lastAxis(op: string, p: Tensor, axis: number): number {
  if (p.rank === 0) throw opError(op, 'yPred must have rank ≥ 1 (a class axis), got a scalar');
  if (!Number.isInteger(axis) || axis < -p.rank || axis >= p.rank) throw opError(op, `axis ${axis} is out of range for yPred ${fmtShape(p.shape)}`);
  return axis < 0 ? axis + p.rank : axis;
}

/** Options of the cross-entropies, positional (tfjs-layers) or as an object (Keras keywords). */
export interface CrossentropyOptions { fromLogits?: boolean; labelSmoothing?: number; axis?: number }
function xentArgs(a: boolean | CrossentropyOptions | undefined, ls: number, axis: number): Required<CrossentropyOptions> {
  if (typeof a === 'object' && a !== null) return { fromLogits: a.fromLogits ?? false, labelSmoothing: a.labelSmoothing ?? ls, axis: a.axis ?? axis };
  return { fromLogits: a ?? false, labelSmoothing: ls, axis };
}

/**
 * Cross-entropy between one-hot (or soft) labels and predicted probabilities — or logits with
 * fromLogits — along the class axis (tf.keras.losses.categorical_crossentropy). Probabilities are
 * rescaled to sum to 1 and clipped to [ε, 1 − ε]; labelSmoothing ε' uses yTrue·(1 − ε') + ε'/classes.
 * @example tf.losses.categoricalCrossentropy(tf.oneHot([1, 3], 10), logits, true)  // shape [2]
 */
export function categoricalCrossentropy(yTrue: TensorLike, yPred: TensorLike, fromLogits: boolean | CrossentropyOptions = false,
                                        labelSmoothing = 0, axis = -1): Tensor {
  const op = 'categoricalCrossentropy';
  const o = xentArgs(fromLogits, labelSmoothing, axis);
  checkSmoothing(op, o.labelSmoothing);
  return tidy(() => {
    let [z, p] = kerasPair(op, yTrue, yPred);
    const ax = lastAxis(op, p, o.axis);
    if (o.labelSmoothing > 0) z = add(mul(z, 1 - o.labelSmoothing), o.labelSmoothing / p.shape[ax]);
    if (o.fromLogits) return softmaxCrossEntropyWithLogits(z, p, ax);
    const q = clipByValue(div(p, sum(p, ax, true)), EPSILON, 1 - EPSILON);
    return neg(sum(mul(z, log(q)), ax));
  });
}

/**
 * Integer class labels as int32 of yPred's shape without the class axis; validates dtype, integrality and
 * range (labels of shape [...batch] or [...batch, 1]).
 */
function sparseLabels(op: string, yTrue: TensorLike, p: Tensor): Tensor {
  const y = convert(yTrue, 'yTrue', op);
  if (p.rank === 0) throw opError(op, 'yPred must have rank ≥ 1 (a class axis), got a scalar');
  const outer = p.shape.slice(0, -1), classes = p.shape[p.rank - 1];
  if (!sameShape(y.shape, outer) && !sameShape(y.shape, [...outer, 1])) {
    throw opError(op, `yTrue ${fmtShape(y.shape)} must hold one class index per example: shape ${fmtShape(outer)} or ` +
      `${fmtShape([...outer, 1])} for yPred ${fmtShape(p.shape)}`);
  }
  if (y.dtype !== 'int32' && y.dtype !== 'float32') {
    throw opError(op, `yTrue must hold integer class indices as int32 or float32, got ${y.dtype} (shape ${fmtShape(y.shape)})`);
  }
  const v = y.dataSync();
  for (let i = 0; i < v.length; i++) {
    if (!Number.isInteger(v[i])) throw opError(op, `label ${v[i]} at index ${i} is not an integer class index`);
    if (v[i] < 0 || v[i] >= classes) {
      throw opError(op, `label ${v[i]} at index ${i} is out of range [0, ${classes}) for yPred ${fmtShape(p.shape)}`);
    }
  }
  return reshape(y.dtype === 'int32' ? y : cast(y, 'int32'), outer);
}

/**
 * Cross-entropy between integer class labels (shape [batch] or [batch, 1], int32 or float32 holding
 * integers) and probabilities — or logits with fromLogits — [batch, classes]
 * (tf.keras.losses.sparse_categorical_crossentropy). Out-of-range labels are an error, not garbage.
 * @example tf.losses.sparseCategoricalCrossentropy([1, 0], tf.tensor([[0.1, 0.9], [0.8, 0.2]]))
 */
export function sparseCategoricalCrossentropy(yTrue: TensorLike, yPred: TensorLike,
                                              fromLogits: boolean | { fromLogits?: boolean } = false): Tensor {
  const op = 'sparseCategoricalCrossentropy';
  const logits = typeof fromLogits === 'object' && fromLogits !== null ? fromLogits.fromLogits ?? false : fromLogits;
  return tidy(() => {
    const p = toFloat(convert(yPred, 'yPred', op));
    const labels = sparseLabels(op, yTrue, p);
    const z = oneHot(labels, p.shape[p.rank - 1], 1, 0, 'float32');
    // Keras: probabilities go through log(clip(p)) and the same fused softmax cross-entropy, i.e.
    // −log(p_label / Σp) on clipped p
    return softmaxCrossEntropyWithLogits(z, logits ? p : log(clipByValue(p, EPSILON, 1 - EPSILON)));
  });
}

/**
 * Binary cross-entropy, the mean over the last axis (tf.keras.losses.binary_crossentropy). Probabilities
 * are clipped to [ε, 1 − ε]; fromLogits uses the stable max(x,0) − x·z + log(1 + e^−|x|).
 * labelSmoothing ε' uses yTrue·(1 − ε') + ε'/2.
 */
export function binaryCrossentropy(yTrue: TensorLike, yPred: TensorLike, fromLogits: boolean | CrossentropyOptions = false,
                                   labelSmoothing = 0, axis = -1): Tensor {
  const op = 'binaryCrossentropy';
  const o = xentArgs(fromLogits, labelSmoothing, axis);
  checkSmoothing(op, o.labelSmoothing);
  return tidy(() => {
    let [z, p] = kerasPair(op, yTrue, yPred);
    const ax = p.rank === 0 ? -1 : lastAxis(op, p, o.axis);
    if (o.labelSmoothing > 0) z = add(mul(z, 1 - o.labelSmoothing), 0.5 * o.labelSmoothing);
    let l: Tensor;
    if (o.fromLogits) l = sigmoidCrossEntropyWithLogits(z, p);
    else {
      const q = clipByValue(p, EPSILON, 1 - EPSILON);
      l = neg(add(mul(z, log(q)), mul(sub(1, z), log(sub(1, q)))));
    }
    return p.rank === 0 ? l : mean(l, ax);
  });
}

/** mean(|yPred − yTrue|) over the last axis (tf.keras.losses.mean_absolute_error). */
export function meanAbsoluteError(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return tidy(() => { const [z, p] = kerasPair('meanAbsoluteError', yTrue, yPred); return mean(abs(sub(p, z)), -1); });
}

/**
 * mean((yPred − yTrue)²) over the last axis, one value per example (tf.keras.losses.mse). tfjs's
 * reduced tf.losses.meanSquaredError keeps its name; this is the Keras function.
 * @example tf.mean(tf.losses.mse(tf.oneHot([1, 3], 10), out))
 */
export function mse(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return tidy(() => { const [z, p] = kerasPair('mse', yTrue, yPred); return mean(square(sub(p, z)), -1); });
}

/** 100 · mean(|yTrue − yPred| / max(|yTrue|, ε)) over the last axis (tf.keras.losses.mape). */
export function meanAbsolutePercentageError(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return tidy(() => {
    const [z, p] = kerasPair('meanAbsolutePercentageError', yTrue, yPred);
    return mul(mean(abs(div(sub(z, p), maximum(abs(z), EPSILON))), -1), 100);
  });
}

/** mean((log(max(yPred, ε) + 1) − log(max(yTrue, ε) + 1))²) over the last axis (tf.keras.losses.msle). */
export function meanSquaredLogarithmicError(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return tidy(() => {
    const [z, p] = kerasPair('meanSquaredLogarithmicError', yTrue, yPred);
    return mean(square(sub(log1p(maximum(p, EPSILON)), log1p(maximum(z, EPSILON)))), -1);
  });
}

/** Σ z·log(z / p) over the last axis with z, p clipped to [ε, 1] (tf.keras.losses.kl_divergence). */
export function kullbackLeiblerDivergence(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return tidy(() => {
    const [z0, p0] = kerasPair('kullbackLeiblerDivergence', yTrue, yPred);
    const z = clipByValue(z0, EPSILON, 1), p = clipByValue(p0, EPSILON, 1);
    return sum(mul(z, log(div(z, p))), -1);
  });
}

/** Keras converts {0, 1} labels of the hinge losses to {−1, 1}; other labels are used as they are. */
function signLabels(z: Tensor): Tensor {
  const binary = equal(sum(cast(logicalOr(equal(z, 0), equal(z, 1)), 'float32')), z.size);
  return where(binary, sub(mul(z, 2), 1), z);
}

/** mean(max(1 − yTrue·yPred, 0)) over the last axis; {0,1} labels become {−1,1} (tf.keras.losses.hinge). */
export function hinge(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return tidy(() => { const [z, p] = kerasPair('hinge', yTrue, yPred); return mean(relu(sub(1, mul(signLabels(z), p))), -1); });
}

/** mean(max(1 − yTrue·yPred, 0)²) over the last axis (tf.keras.losses.squared_hinge). */
export function squaredHinge(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return tidy(() => { const [z, p] = kerasPair('squaredHinge', yTrue, yPred); return mean(square(relu(sub(1, mul(signLabels(z), p)))), -1); });
}

/** max(0, max((1 − z)·p) − Σ z·p + 1) over the last axis (tf.keras.losses.categorical_hinge). */
export function categoricalHinge(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return tidy(() => {
    const [z, p] = kerasPair('categoricalHinge', yTrue, yPred);
    return relu(add(sub(max(mul(sub(1, z), p), -1), sum(mul(z, p), -1)), 1));
  });
}

/** mean(log(cosh(yPred − yTrue))) over the last axis, computed as x + softplus(−2x) − log 2 (never overflows). */
export function logcosh(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return tidy(() => {
    const [z, p] = kerasPair('logcosh', yTrue, yPred);
    const x = sub(p, z);
    return mean(sub(add(x, softplus(mul(x, -2))), Math.LN2), -1);
  });
}

/** Huber loss per example: ½d² for |d| ≤ δ, δ·(|d| − ½δ) beyond, mean over the last axis (tf.keras.losses.huber). */
export function huber(yTrue: TensorLike, yPred: TensorLike, delta = 1.0): Tensor {
  const op = 'huber';
  if (typeof delta !== 'number' || !(delta > 0)) throw opError(op, `delta must be a positive number, got ${String(delta)}`);
  return tidy(() => {
    const [z, p] = kerasPair(op, yTrue, yPred);
    const err = abs(sub(p, z)), q = minimum(err, delta);
    return mean(add(mul(square(q), 0.5), mul(sub(err, q), delta)), -1);
  });
}

/** mean(yPred − yTrue·log(yPred + ε)) over the last axis (tf.keras.losses.poisson). */
export function poisson(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return tidy(() => { const [z, p] = kerasPair('poisson', yTrue, yPred); return mean(sub(p, mul(z, log(add(p, EPSILON)))), -1); });
}

/** x / ‖x‖ along the last axis, ‖x‖² floored at 1e-12 (tf.math.l2_normalize). */
function l2Normalize(x: Tensor): Tensor {
  return mul(x, rsqrt(maximum(sum(square(x), -1, true), 1e-12)));
}

/**
 * −Σ ŷ·ẑ of the unit-normalised vectors along the last axis: −1 for aligned, 1 for opposite
 * (tf.keras.losses.cosine_similarity; tfjs-layers calls it cosineProximity).
 */
export function cosineSimilarity(yTrue: TensorLike, yPred: TensorLike): Tensor {
  return tidy(() => { const [z, p] = kerasPair('cosineSimilarity', yTrue, yPred); return neg(sum(mul(l2Normalize(z), l2Normalize(p)), -1)); });
}

// Keras' and tfjs-layers' short names.
export { meanAbsoluteError as mae, meanAbsoluteError as MAE, mse as MSE, meanAbsolutePercentageError as mape,
  meanAbsolutePercentageError as MAPE, meanSquaredLogarithmicError as msle, meanSquaredLogarithmicError as MSLE,
  kullbackLeiblerDivergence as kld, kullbackLeiblerDivergence as KLD, logcosh as logCosh, cosineSimilarity as cosineProximity };

// ---- Keras loss classes ----------------------------------------------------------------------------

/** How a Keras loss object reduces the weighted per-example losses ('auto' = 'sum_over_batch_size'). */
export type LossReduction = 'sum_over_batch_size' | 'sum' | 'none' | 'auto';
const REDUCTIONS: LossReduction[] = ['sum_over_batch_size', 'sum', 'none', 'auto'];

/**
 * Weights per-example losses by sampleWeight (a scalar, one weight per example, or any shape that
 * broadcasts to the losses; a trailing size-1 axis is squeezed, or one added when the weights have one axis
 * less, as Keras' squeeze_or_expand_dimensions) and reduces them:
 * 'sum_over_batch_size' = Σ/number of loss values, 'sum' = Σ, 'none' = the weighted losses.
 */
export function reduceWeightedLoss(losses: Tensor, sampleWeight?: TensorLike | null,
                                   reduction: LossReduction = 'sum_over_batch_size', op = 'loss'): Tensor {
  if (!REDUCTIONS.includes(reduction)) throw opError(op, `unknown reduction '${String(reduction)}'; use ${REDUCTIONS.map((r) => `'${r}'`).join(', ')}`);
  return tidy(() => {
    let l = losses;
    if (sampleWeight !== undefined && sampleWeight !== null) {
      let w = toFloat(convert(sampleWeight, 'sampleWeight', op));
      if (w.rank === l.rank + 1 && w.shape[w.rank - 1] === 1) w = reshape(w, w.shape.slice(0, -1));
      else if (w.rank === l.rank - 1) w = reshape(w, [...w.shape, 1]); // [N] weights on [N, T] losses
      const ok = w.rank <= l.rank && w.shape.every((d, i) => d === 1 || d === l.shape[l.rank - w.rank + i]);
      if (!ok) throw opError(op, `sampleWeight ${fmtShape(w.shape)} does not broadcast to the per-example losses ${fmtShape(l.shape)}`);
      l = mul(l, w);
    }
    if (reduction === 'none') return l === losses ? clone(l) : l;
    if (reduction === 'sum') return sum(l);
    return l.size === 0 ? scalar(0) : div(sum(l), l.size);
  });
}

/** Options every Keras loss class takes. */
export interface LossOptions { reduction?: LossReduction; name?: string }

/**
 * Base of the Keras loss classes: `perExample` gives one loss per example, `call` weights and reduces
 * them. Subclass it for a custom loss (implement perExample).
 * @example const lossObj = new tf.losses.CategoricalCrossentropy({fromLogits: true}); const loss = lossObj.call(y, out);
 */
export abstract class Loss {
  readonly name: string;
  readonly reduction: LossReduction;
  constructor(defaultName: string, o: LossOptions = {}) {
    this.name = o.name ?? defaultName;
    this.reduction = o.reduction ?? 'sum_over_batch_size';
    if (!REDUCTIONS.includes(this.reduction)) {
      throw new Error(`${this.constructor.name}: unknown reduction '${String(this.reduction)}'; use ${REDUCTIONS.map((r) => `'${r}'`).join(', ')}`);
    }
  }
  /** The unreduced loss, one value per example. */
  abstract perExample(yTrue: TensorLike, yPred: TensorLike): Tensor;
  /** The reduced loss (Keras' loss_obj(y_true, y_pred, sample_weight)): a scalar unless reduction is 'none'. */
  call(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): Tensor {
    return tidy(() => reduceWeightedLoss(this.perExample(yTrue, yPred), sampleWeight, this.reduction, this.constructor.name));
  }
  getConfig(): Record<string, unknown> { return { name: this.name, reduction: this.reduction }; }
}

/** A Loss from a per-example function (Keras LossFunctionWrapper). */
export class LossFunctionWrapper extends Loss {
  constructor(readonly fn: (yTrue: TensorLike, yPred: TensorLike) => Tensor, o: LossOptions = {}) { super(fn.name || 'loss', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return this.fn(yTrue, yPred); }
}

export class MeanSquaredError extends Loss {
  constructor(o: LossOptions = {}) { super('mean_squared_error', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return mse(yTrue, yPred); }
}
export class MeanAbsoluteError extends Loss {
  constructor(o: LossOptions = {}) { super('mean_absolute_error', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return meanAbsoluteError(yTrue, yPred); }
}
export class MeanAbsolutePercentageError extends Loss {
  constructor(o: LossOptions = {}) { super('mean_absolute_percentage_error', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return meanAbsolutePercentageError(yTrue, yPred); }
}
export class MeanSquaredLogarithmicError extends Loss {
  constructor(o: LossOptions = {}) { super('mean_squared_logarithmic_error', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return meanSquaredLogarithmicError(yTrue, yPred); }
}
export class CategoricalCrossentropy extends Loss {
  readonly fromLogits: boolean; readonly labelSmoothing: number; readonly axis: number;
  constructor(o: LossOptions & CrossentropyOptions = {}) {
    super('categorical_crossentropy', o);
    this.fromLogits = o.fromLogits ?? false; this.labelSmoothing = o.labelSmoothing ?? 0; this.axis = o.axis ?? -1;
    checkSmoothing('CategoricalCrossentropy', this.labelSmoothing);
  }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return categoricalCrossentropy(yTrue, yPred, this.fromLogits, this.labelSmoothing, this.axis); }
  getConfig() { return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis }; }
}
export class SparseCategoricalCrossentropy extends Loss {
  readonly fromLogits: boolean;
  constructor(o: LossOptions & { fromLogits?: boolean } = {}) { super('sparse_categorical_crossentropy', o); this.fromLogits = o.fromLogits ?? false; }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return sparseCategoricalCrossentropy(yTrue, yPred, this.fromLogits); }
  getConfig() { return { ...super.getConfig(), fromLogits: this.fromLogits }; }
}
export class BinaryCrossentropy extends Loss {
  readonly fromLogits: boolean; readonly labelSmoothing: number; readonly axis: number;
  constructor(o: LossOptions & CrossentropyOptions = {}) {
    super('binary_crossentropy', o);
    this.fromLogits = o.fromLogits ?? false; this.labelSmoothing = o.labelSmoothing ?? 0; this.axis = o.axis ?? -1;
    checkSmoothing('BinaryCrossentropy', this.labelSmoothing);
  }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return binaryCrossentropy(yTrue, yPred, this.fromLogits, this.labelSmoothing, this.axis); }
  getConfig() { return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis }; }
}
export class Huber extends Loss {
  readonly delta: number;
  constructor(o: LossOptions & { delta?: number } = {}) {
    super('huber_loss', o);
    this.delta = o.delta ?? 1;
    if (!(this.delta > 0)) throw new Error(`Huber: delta must be a positive number, got ${String(o.delta)}`);
  }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return huber(yTrue, yPred, this.delta); }
  getConfig() { return { ...super.getConfig(), delta: this.delta }; }
}
export class KLDivergence extends Loss {
  constructor(o: LossOptions = {}) { super('kl_divergence', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return kullbackLeiblerDivergence(yTrue, yPred); }
}
export class Hinge extends Loss {
  constructor(o: LossOptions = {}) { super('hinge', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return hinge(yTrue, yPred); }
}
export class SquaredHinge extends Loss {
  constructor(o: LossOptions = {}) { super('squared_hinge', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return squaredHinge(yTrue, yPred); }
}
export class CategoricalHinge extends Loss {
  constructor(o: LossOptions = {}) { super('categorical_hinge', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return categoricalHinge(yTrue, yPred); }
}
export class LogCosh extends Loss {
  constructor(o: LossOptions = {}) { super('log_cosh', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return logcosh(yTrue, yPred); }
}
export class Poisson extends Loss {
  constructor(o: LossOptions = {}) { super('poisson', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return poisson(yTrue, yPred); }
}
export class CosineSimilarity extends Loss {
  constructor(o: LossOptions = {}) { super('cosine_similarity', o); }
  perExample(yTrue: TensorLike, yPred: TensorLike): Tensor { return cosineSimilarity(yTrue, yPred); }
}

// ---- compile({loss}) -----------------------------------------------------------------------------

type PerExample = (yTrue: TensorLike, yPred: TensorLike) => Tensor;
/** Keras' snake_case name and the per-example function of each loss a string can name. */
const LOSSES: [string, PerExample, string[]][] = [
  ['mean_squared_error', mse, ['mse', 'meanSquaredError']],
  ['mean_absolute_error', meanAbsoluteError, ['mae', 'meanAbsoluteError']],
  ['mean_absolute_percentage_error', meanAbsolutePercentageError, ['mape', 'meanAbsolutePercentageError']],
  ['mean_squared_logarithmic_error', meanSquaredLogarithmicError, ['msle', 'meanSquaredLogarithmicError']],
  ['categorical_crossentropy', (a, b) => categoricalCrossentropy(a, b), ['categoricalCrossentropy']],
  ['sparse_categorical_crossentropy', (a, b) => sparseCategoricalCrossentropy(a, b), ['sparseCategoricalCrossentropy']],
  ['binary_crossentropy', (a, b) => binaryCrossentropy(a, b), ['binaryCrossentropy']],
  ['huber_loss', (a, b) => huber(a, b), ['huber', 'huberLoss']],
  ['kl_divergence', kullbackLeiblerDivergence, ['kld', 'kullbackLeiblerDivergence', 'kullback_leibler_divergence', 'klDivergence']],
  ['hinge', hinge, []],
  ['squared_hinge', squaredHinge, ['squaredHinge']],
  ['categorical_hinge', categoricalHinge, ['categoricalHinge']],
  ['log_cosh', logcosh, ['logcosh', 'logCosh']],
  ['poisson', poisson, []],
  ['cosine_similarity', cosineSimilarity, ['cosineSimilarity', 'cosineProximity', 'cosine_proximity', 'cosine']],
];
/** Case- and underscore-insensitive key: 'sparse_categorical_crossentropy' ≡ 'sparseCategoricalCrossentropy'. */
export function lossKey(s: string): string { return s.toLowerCase().replace(/_/g, ''); }
const LOSS_BY_KEY = new Map<string, [string, PerExample]>();
for (const [name, fn, aliases] of LOSSES) for (const a of [name, ...aliases]) LOSS_BY_KEY.set(lossKey(a), [name, fn]);
const KNOWN_LOSSES = LOSSES.map(([n, , a]) => [...a.filter((x) => !x.includes('_')), n].join('/')).join(', ');
/** Our exported functions → their Keras names (so compile({loss: tf.losses.binaryCrossentropy}) is known). */
const LOSS_FN_NAMES = new Map<unknown, string>([
  [mse, 'mean_squared_error'], [meanAbsoluteError, 'mean_absolute_error'], [meanAbsolutePercentageError, 'mean_absolute_percentage_error'],
  [meanSquaredLogarithmicError, 'mean_squared_logarithmic_error'], [categoricalCrossentropy, 'categorical_crossentropy'],
  [sparseCategoricalCrossentropy, 'sparse_categorical_crossentropy'], [binaryCrossentropy, 'binary_crossentropy'],
  [huber, 'huber_loss'], [kullbackLeiblerDivergence, 'kl_divergence'], [hinge, 'hinge'], [squaredHinge, 'squared_hinge'],
  [categoricalHinge, 'categorical_hinge'], [logcosh, 'log_cosh'], [poisson, 'poisson'], [cosineSimilarity, 'cosine_similarity'],
  [meanSquaredError, 'mean_squared_error'], [absoluteDifference, 'mean_absolute_error'],
  [softmaxCrossEntropy, 'categorical_crossentropy'], [sigmoidCrossEntropy, 'binary_crossentropy'],
]);

/** A resolved compile loss: fn returns the scalar batch loss (Keras' sum_over_batch_size mean). */
export interface LossFn { name: string; fn: (yTrue: Tensor, yPred: Tensor) => Tensor }

/**
 * Resolves what model.compile({loss}) accepts: a name (camelCase, Keras snake_case or a short alias
 * such as 'mse'), a function of (yTrue, yPred) returning per-example or scalar losses, or a Loss object.
 * @example tf.losses.getLossFn('sparse_categorical_crossentropy').fn(labels, probs)  // scalar
 */
export function getLossFn(id: string | ((yTrue: Tensor, yPred: Tensor) => Tensor) | Loss): LossFn {
  if (id instanceof Loss) {
    return { name: id.name, fn: (a, b) => tidy(() => { const l = id.call(a, b); return l.rank === 0 ? l : mean(l); }) };
  }
  if (typeof id === 'function') {
    const f = id;
    return { name: LOSS_FN_NAMES.get(f) ?? (f.name || 'loss'), fn: (a, b) => tidy(() => { const l = f(a, b); return l.rank === 0 ? l : mean(l); }) };
  }
  if (typeof id === 'string') {
    const hit = LOSS_BY_KEY.get(lossKey(id));
    if (hit) {
      const [name, f] = hit;
      return { name, fn: (a, b) => tidy(() => mean(f(a, b))) };
    }
    const hint = lossKey(id).includes('softmaxcrossentropy') ? " (use 'categoricalCrossentropy' with fromLogits for tf.losses.softmaxCrossEntropy)" : '';
    throw new Error(`unknown loss '${id}'${hint}; known losses (camelCase or snake_case): ${KNOWN_LOSSES}`);
  }
  throw new Error(`getLossFn: a loss must be a name, a function (yTrue, yPred) => Tensor or a Loss object, got ${id === null ? 'null' : typeof id}`);
}
