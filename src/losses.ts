// `tf.losses`: tfjs's losses reduced to a scalar with optional weights (tf.losses.meanSquaredError, …),
// Keras' per-example loss functions (categoricalCrossentropy, mse, huber, …), Keras' loss classes
// (new tf.losses.CategoricalCrossentropy({fromLogits: true}).call(y, out)) and getLossFn for
// model.compile({loss}). The math lives in ops (the fused, stable cross-entropies of src/ops/nn.ts); this
// file clips, weights and reduces. Every function is a composite of the op seam (src/core/op.ts): the seam
// converts and checks its tensor arguments, frees its intermediates (only the result outlives the call, in
// a tidy or not), gives its gradient through the ops it uses and names it in the errors that escape.
import { fmtShape, opError, type TensorLike } from './core/convert.js';
import { DTYPES } from './core/dtype.js';
import { composite, type InputSpec, type OpFn } from './core/op.js';
import type { Tensor } from './core/tensor.js';
import { abs, add, cast, clipByValue, clone, div, equal, log, log1p, logicalOr, max, maximum, mean, minimum, mul, neg, notEqual,
  oneHot, ones, relu, reshape, rsqrt, scalar, softmaxCrossEntropyWithLogits, sigmoidCrossEntropyWithLogits, softplus, square, sub,
  sum, where } from './ops/index.js';
import { softmaxXentHead } from './ops/nn.js';
import { logitsOf } from './ops/softmax.js';
import { broadcastShapes } from './ops/util.js';

/** A tensor argument the loss computes on in float32: int32 and bool values are cast. */
function float(name: string, optional = false): InputSpec {
  return { name, dtypes: DTYPES, cast: { int32: 'float32', bool: 'float32' }, optional };
}
/** tfjs' optional weights: any dtype, as given (they multiply the losses, which promotes them). */
const WEIGHTS: InputSpec = { name: 'weights', dtypes: DTYPES, optional: true };

/** How a weighted loss is reduced (tfjs tf.losses.Reduction). */
export enum Reduction { NONE = 0, MEAN = 1, SUM = 2, SUM_BY_NONZERO_WEIGHTS = 3 }

/** tfjs' weighting and reduction of per-element losses (see computeWeightedLoss); errors name `op`. */
function weightedLoss(op: string, l: Tensor, w: Tensor | null, reduction: Reduction): Tensor {
  if (reduction !== Reduction.NONE && reduction !== Reduction.MEAN && reduction !== Reduction.SUM &&
      reduction !== Reduction.SUM_BY_NONZERO_WEIGHTS) {
    throw opError(op, `unknown reduction ${String(reduction)}`);
  }
  if (w !== null) broadcastShapes(op, l.shape, w.shape, 'losses', 'weights');
  const weighted = w === null ? l : mul(l, w);
  switch (reduction) {
    case Reduction.NONE: return weighted;
    case Reduction.SUM: return sum(weighted);
    case Reduction.MEAN: {
      if (w === null) return mean(weighted);
      const r = div(sum(weighted), sum(w));
      return l.size > w.size ? div(r, l.size / w.size) : r;
    }
    default: {
      if (w === null) return div(sum(weighted), l.size);
      const nonZero = cast(sum(notEqual(mul(w, ones(l.shape)), 0)), 'float32');
      return div(sum(weighted), nonZero);
    }
  }
}

/**
 * Weights and reduces per-element losses: NONE keeps them, SUM adds them, MEAN divides by the sum of the
 * weights, SUM_BY_NONZERO_WEIGHTS (the default) by the number of non-zero weights (the number of
 * elements without weights). The weights broadcast against the losses.
 */
export const computeWeightedLoss = composite('computeWeightedLoss', {
  inputs: [{ name: 'losses', dtypes: DTYPES }, WEIGHTS],
  forward: (losses: Tensor, weights?: Tensor | null, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor => {
    const r = weightedLoss('computeWeightedLoss', losses, weights ?? null, reduction);
    return r === losses ? clone(r) : r; // NONE without weights: a new tensor, the caller's to dispose
  },
});

function checkSameShape(op: string, a: Tensor, b: Tensor, an: string, bn: string): void {
  if (a.rank !== b.rank || a.shape.some((d, i) => d !== b.shape[i])) {
    throw opError(op, `${an} ${fmtShape(a.shape)} and ${bn} ${fmtShape(b.shape)} must have the same shape`);
  }
}

/**
 * Softmax cross-entropy between one-hot labels and logits [batch, classes] (tfjs
 * tf.losses.softmaxCrossEntropy). labelSmoothing ε replaces the labels by labels·(1 − ε) + ε / classes.
 * @example tf.losses.softmaxCrossEntropy(tf.oneHot([1, 0], 3), logits)  // mean over the batch
 */
export const softmaxCrossEntropy = composite('softmaxCrossEntropy', {
  inputs: [float('onehotLabels'), float('logits'), WEIGHTS],
  forward: (onehotLabels: Tensor, logits: Tensor, weights?: Tensor | null, labelSmoothing = 0,
            reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor => {
    const op = 'softmaxCrossEntropy';
    checkSameShape(op, onehotLabels, logits, 'onehotLabels', 'logits');
    let z = onehotLabels;
    if (labelSmoothing > 0) z = add(mul(z, 1 - labelSmoothing), labelSmoothing / z.shape[z.rank - 1]);
    return weightedLoss(op, softmaxCrossEntropyWithLogits(z, logits), weights ?? null, reduction);
  },
});

/**
 * Sigmoid cross-entropy between multi-class labels and logits (tfjs tf.losses.sigmoidCrossEntropy).
 * labelSmoothing ε replaces the labels by labels·(1 − ε) + ε / 2.
 */
export const sigmoidCrossEntropy = composite('sigmoidCrossEntropy', {
  inputs: [float('multiClassLabels'), float('logits'), WEIGHTS],
  forward: (multiClassLabels: Tensor, logits: Tensor, weights?: Tensor | null, labelSmoothing = 0,
            reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor => {
    const op = 'sigmoidCrossEntropy';
    checkSameShape(op, multiClassLabels, logits, 'multiClassLabels', 'logits');
    let z = multiClassLabels;
    if (labelSmoothing > 0) z = add(mul(z, 1 - labelSmoothing), 0.5 * labelSmoothing);
    return weightedLoss(op, sigmoidCrossEntropyWithLogits(z, logits), weights ?? null, reduction);
  },
});

const LABELS_INPUTS = [float('labels'), float('predictions'), WEIGHTS];
/** labels and predictions, which must have one shape. */
function labelsPair(op: string, labels: Tensor, predictions: Tensor): [Tensor, Tensor] {
  checkSameShape(op, labels, predictions, 'labels', 'predictions');
  return [labels, predictions];
}

/** Mean squared error (tfjs tf.losses.meanSquaredError). */
export const meanSquaredError = composite('meanSquaredError', {
  inputs: LABELS_INPUTS,
  forward: (labels: Tensor, predictions: Tensor, weights?: Tensor | null, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor => {
    const op = 'meanSquaredError';
    const [z, p] = labelsPair(op, labels, predictions);
    return weightedLoss(op, square(sub(z, p)), weights ?? null, reduction);
  },
});

/** Mean absolute error (tfjs tf.losses.absoluteDifference). */
export const absoluteDifference = composite('absoluteDifference', {
  inputs: LABELS_INPUTS,
  forward: (labels: Tensor, predictions: Tensor, weights?: Tensor | null, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor => {
    const op = 'absoluteDifference';
    const [z, p] = labelsPair(op, labels, predictions);
    return weightedLoss(op, abs(sub(z, p)), weights ?? null, reduction);
  },
});

/** −z·log(p + ε) − (1 − z)·log(1 − p + ε) (tfjs tf.losses.logLoss). */
export const logLoss = composite('logLoss', {
  inputs: LABELS_INPUTS,
  forward: (labels: Tensor, predictions: Tensor, weights?: Tensor | null, epsilon = 1e-7,
            reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor => {
    const op = 'logLoss';
    const [z, p] = labelsPair(op, labels, predictions);
    const l = sub(neg(mul(z, log(add(p, epsilon)))), mul(sub(1, z), log(add(sub(1, p), epsilon))));
    return weightedLoss(op, l, weights ?? null, reduction);
  },
});

/** Huber loss: ½d² for |d| ≤ δ, δ·(|d| − ½δ) beyond (tfjs tf.losses.huberLoss). */
export const huberLoss = composite('huberLoss', {
  inputs: LABELS_INPUTS,
  forward: (labels: Tensor, predictions: Tensor, weights?: Tensor | null, delta = 1.0,
            reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor => {
    const op = 'huberLoss';
    const [z, p] = labelsPair(op, labels, predictions);
    const err = abs(sub(p, z));
    const q = minimum(err, delta);
    return weightedLoss(op, add(mul(square(q), 0.5), mul(sub(err, q), delta)), weights ?? null, reduction);
  },
});

/** Hinge loss with labels in {0, 1}: max(0, 1 − (2z − 1)·p) (tfjs tf.losses.hingeLoss). */
export const hingeLoss = composite('hingeLoss', {
  inputs: LABELS_INPUTS,
  forward: (labels: Tensor, predictions: Tensor, weights?: Tensor | null, reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor => {
    const op = 'hingeLoss';
    const [z, p] = labelsPair(op, labels, predictions);
    return weightedLoss(op, relu(sub(1, mul(sub(mul(z, 2), 1), p))), weights ?? null, reduction);
  },
});

/** cosineDistance's composite: the tensor arguments lead, so weights come before axis here. */
const cosineDistanceOp = composite('cosineDistance', {
  inputs: LABELS_INPUTS,
  forward: (labels: Tensor, predictions: Tensor, weights: Tensor | null | undefined, axis: number, reduction: Reduction): Tensor => {
    const op = 'cosineDistance';
    const [z, p] = labelsPair(op, labels, predictions);
    return weightedLoss(op, sub(scalar(1), sum(mul(z, p), axis, true)), weights ?? null, reduction);
  },
});

/**
 * 1 − Σ z·p along `axis` for unit-normalised labels and predictions (tfjs tf.losses.cosineDistance). tfjs
 * puts `axis` before the weights; this calls the composite cosineDistance with the tensors first.
 */
export function cosineDistance(labels: TensorLike, predictions: TensorLike, axis: number, weights?: TensorLike | null,
                               reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  return cosineDistanceOp(labels, predictions, weights, axis, reduction);
}

// ---- Keras per-example losses ----------------------------------------------------------------------
// One value per example: the loss is reduced over the last axis only (the mean for the regression
// losses, the sum for the cross-entropies over classes), as tf.keras.losses.* functions. Probabilities
// are clipped to [ε, 1 − ε] with Keras' ε = 1e-7 (so p = 0 or 1 gives a finite loss and a zero
// gradient); the fromLogits paths use the fused, stable cross-entropies of src/ops/nn.ts.

/** Keras' backend.epsilon(): the clipping bound of the probabilistic losses. */
export const EPSILON = 1e-7;

const KERAS_INPUTS = [float('yTrue'), float('yPred')];

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * yTrue and yPred of one shape. Shapes must be equal, except that [N] and [N,1] (a trailing size-1 axis
 * on either side) are accepted and yTrue takes yPred's shape — Keras squeezes that axis. Other mismatches
 * are errors (Keras would broadcast [N] against [N,1] to [N,N] silently).
 */
function kerasPair(op: string, z: Tensor, p: Tensor): [Tensor, Tensor] {
  if (sameShape(z.shape, p.shape)) return [z, p];
  const squeezable = Math.abs(z.rank - p.rank) === 1 && z.size === p.size &&
    sameShape(z.rank > p.rank ? z.shape.slice(0, -1) : z.shape, p.rank > z.rank ? p.shape.slice(0, -1) : p.shape) &&
    (z.rank > p.rank ? z.shape[z.rank - 1] : p.shape[p.rank - 1]) === 1;
  if (!squeezable) throw opError(op, `yTrue ${fmtShape(z.shape)} and yPred ${fmtShape(p.shape)} must have the same shape`);
  return [reshape(z, p.shape), p];
}

/** A Keras per-example loss of (yTrue, yPred), both float32 of one shape (see kerasPair). */
function kerasLoss(name: string, body: (z: Tensor, p: Tensor) => Tensor) {
  return composite(name, {
    inputs: KERAS_INPUTS,
    forward: (yTrue: Tensor, yPred: Tensor): Tensor => body(...kerasPair(name, yTrue, yPred)),
  });
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

// FUSED: probabilities that a model's softmax made (the activation 'softmax' of Dense, Conv…, or a Softmax layer
// over the last axis: ops/softmax.ts's logitsOf) are not clipped and logged: the two categorical cross-entropies
// compute −Σ labels·log softmax(logits) from the logits the softmax was given, in one kernel forward and one
// backward (ops/nn.ts softmaxXentHead), as Keras' TensorFlow backend does (`output._keras_logits`, tf.keras 2:
// `output.op.type == 'Softmax'`). The loss is then exact where p underflows or rounds to 1 (no 1e-7 floor:
// tfjs-layers clips), and the gradient is softmax − labels. Any other tensor, and fromLogits, as before.

/**
 * Cross-entropy between one-hot (or soft) labels and predicted probabilities — or logits with
 * fromLogits — along the class axis (tf.keras.losses.categorical_crossentropy). Probabilities are
 * rescaled to sum to 1 and clipped to [ε, 1 − ε]; labelSmoothing ε' uses yTrue·(1 − ε') + ε'/classes.
 * A model's softmax output is computed from its logits instead (see FUSED above).
 * @example tf.losses.categoricalCrossentropy(tf.oneHot([1, 3], 10), logits, true)  // shape [2]
 */
export const categoricalCrossentropy = composite('categoricalCrossentropy', {
  inputs: KERAS_INPUTS,
  forward: (yTrue: Tensor, yPred: Tensor, fromLogits: boolean | CrossentropyOptions = false, labelSmoothing = 0, axis = -1): Tensor => {
    const op = 'categoricalCrossentropy';
    const o = xentArgs(fromLogits, labelSmoothing, axis);
    checkSmoothing(op, o.labelSmoothing);
    let [z, p] = kerasPair(op, yTrue, yPred);
    const ax = lastAxis(op, p, o.axis);
    if (o.labelSmoothing > 0) z = add(mul(z, 1 - o.labelSmoothing), o.labelSmoothing / p.shape[ax]);
    if (o.fromLogits) return softmaxCrossEntropyWithLogits(z, p, ax);
    const x = ax === p.rank - 1 ? logitsOf(p) : null;
    if (x !== null) return softmaxXentHead(z, x, p); // a model's softmax output: from its logits (see FUSED)
    const q = clipByValue(div(p, sum(p, ax, true)), EPSILON, 1 - EPSILON);
    return neg(sum(mul(z, log(q)), ax));
  },
});

/**
 * Integer class labels as int32 of yPred's shape without the class axis; validates dtype, integrality and
 * range (labels of shape [...batch] or [...batch, 1]).
 */
function sparseLabels(op: string, y: Tensor, p: Tensor): Tensor {
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
 * A model's softmax output is computed from its logits, unclipped (see FUSED above categoricalCrossentropy).
 * @example tf.losses.sparseCategoricalCrossentropy([1, 0], tf.tensor([[0.1, 0.9], [0.8, 0.2]]))
 */
export const sparseCategoricalCrossentropy = composite('sparseCategoricalCrossentropy', {
  // yTrue's dtype is checked by sparseLabels, with a message about class indices
  inputs: [{ name: 'yTrue' }, float('yPred')],
  forward: (yTrue: Tensor, yPred: Tensor, fromLogits: boolean | { fromLogits?: boolean } = false): Tensor => {
    const logits = typeof fromLogits === 'object' && fromLogits !== null ? fromLogits.fromLogits ?? false : fromLogits;
    const labels = sparseLabels('sparseCategoricalCrossentropy', yTrue, yPred);
    const x = logits ? null : logitsOf(yPred);
    if (x !== null) return softmaxXentHead(labels, x, yPred); // a model's softmax output: from its logits (see FUSED)
    const z = oneHot(labels, yPred.shape[yPred.rank - 1], 1, 0, 'float32');
    // Keras: probabilities go through log(clip(p)) and the same fused softmax cross-entropy, i.e.
    // −log(p_label / Σp) on clipped p
    return softmaxCrossEntropyWithLogits(z, logits ? yPred : log(clipByValue(yPred, EPSILON, 1 - EPSILON)));
  },
});

/**
 * Binary cross-entropy, the mean over the last axis (tf.keras.losses.binary_crossentropy). Probabilities
 * are clipped to [ε, 1 − ε]; fromLogits uses the stable max(x,0) − x·z + log(1 + e^−|x|).
 * labelSmoothing ε' uses yTrue·(1 − ε') + ε'/2.
 */
export const binaryCrossentropy = composite('binaryCrossentropy', {
  inputs: KERAS_INPUTS,
  forward: (yTrue: Tensor, yPred: Tensor, fromLogits: boolean | CrossentropyOptions = false, labelSmoothing = 0, axis = -1): Tensor => {
    const op = 'binaryCrossentropy';
    const o = xentArgs(fromLogits, labelSmoothing, axis);
    checkSmoothing(op, o.labelSmoothing);
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
  },
});

/** mean(|yPred − yTrue|) over the last axis (tf.keras.losses.mean_absolute_error). */
export const meanAbsoluteError = kerasLoss('meanAbsoluteError', (z, p) => mean(abs(sub(p, z)), -1));

/**
 * mean((yPred − yTrue)²) over the last axis, one value per example (tf.keras.losses.mse). tfjs's
 * reduced tf.losses.meanSquaredError keeps its name; this is the Keras function.
 * @example tf.mean(tf.losses.mse(tf.oneHot([1, 3], 10), out))
 */
export const mse = kerasLoss('mse', (z, p) => mean(square(sub(p, z)), -1));

/** 100 · mean(|yTrue − yPred| / max(|yTrue|, ε)) over the last axis (tf.keras.losses.mape). */
export const meanAbsolutePercentageError = kerasLoss('meanAbsolutePercentageError',
  (z, p) => mul(mean(abs(div(sub(z, p), maximum(abs(z), EPSILON))), -1), 100));

/** mean((log(max(yPred, ε) + 1) − log(max(yTrue, ε) + 1))²) over the last axis (tf.keras.losses.msle). */
export const meanSquaredLogarithmicError = kerasLoss('meanSquaredLogarithmicError',
  (z, p) => mean(square(sub(log1p(maximum(p, EPSILON)), log1p(maximum(z, EPSILON)))), -1));

/** Σ z·log(z / p) over the last axis with z, p clipped to [ε, 1] (tf.keras.losses.kl_divergence). */
export const kullbackLeiblerDivergence = kerasLoss('kullbackLeiblerDivergence', (z0, p0) => {
  const z = clipByValue(z0, EPSILON, 1), p = clipByValue(p0, EPSILON, 1);
  return sum(mul(z, log(div(z, p))), -1);
});

/** Keras converts {0, 1} labels of the hinge losses to {−1, 1}; other labels are used as they are. */
function signLabels(z: Tensor): Tensor {
  const binary = equal(sum(cast(logicalOr(equal(z, 0), equal(z, 1)), 'float32')), z.size);
  return where(binary, sub(mul(z, 2), 1), z);
}

/** mean(max(1 − yTrue·yPred, 0)) over the last axis; {0,1} labels become {−1,1} (tf.keras.losses.hinge). */
export const hinge = kerasLoss('hinge', (z, p) => mean(relu(sub(1, mul(signLabels(z), p))), -1));

/** mean(max(1 − yTrue·yPred, 0)²) over the last axis (tf.keras.losses.squared_hinge). */
export const squaredHinge = kerasLoss('squaredHinge', (z, p) => mean(square(relu(sub(1, mul(signLabels(z), p)))), -1));

/** max(0, max((1 − z)·p) − Σ z·p + 1) over the last axis (tf.keras.losses.categorical_hinge). */
export const categoricalHinge = kerasLoss('categoricalHinge', (z, p) => relu(add(sub(max(mul(sub(1, z), p), -1), sum(mul(z, p), -1)), 1)));

/** mean(log(cosh(yPred − yTrue))) over the last axis, computed as x + softplus(−2x) − log 2 (never overflows). */
export const logcosh = kerasLoss('logcosh', (z, p) => {
  const x = sub(p, z);
  return mean(sub(add(x, softplus(mul(x, -2))), Math.LN2), -1);
});

/** Huber loss per example: ½d² for |d| ≤ δ, δ·(|d| − ½δ) beyond, mean over the last axis (tf.keras.losses.huber). */
export const huber = composite('huber', {
  inputs: KERAS_INPUTS,
  forward: (yTrue: Tensor, yPred: Tensor, delta = 1.0): Tensor => {
    const op = 'huber';
    if (typeof delta !== 'number' || !(delta > 0)) throw opError(op, `delta must be a positive number, got ${String(delta)}`);
    const [z, p] = kerasPair(op, yTrue, yPred);
    const err = abs(sub(p, z)), q = minimum(err, delta);
    return mean(add(mul(square(q), 0.5), mul(sub(err, q), delta)), -1);
  },
});

/** mean(yPred − yTrue·log(yPred + ε)) over the last axis (tf.keras.losses.poisson). */
export const poisson = kerasLoss('poisson', (z, p) => mean(sub(p, mul(z, log(add(p, EPSILON)))), -1));

/** x / ‖x‖ along the last axis, ‖x‖² floored at 1e-12 (tf.math.l2_normalize). */
function l2Normalize(x: Tensor): Tensor {
  return mul(x, rsqrt(maximum(sum(square(x), -1, true), 1e-12)));
}

/**
 * −Σ ŷ·ẑ of the unit-normalised vectors along the last axis: −1 for aligned, 1 for opposite
 * (tf.keras.losses.cosine_similarity; tfjs-layers calls it cosineProximity).
 */
export const cosineSimilarity = kerasLoss('cosineSimilarity', (z, p) => neg(sum(mul(l2Normalize(z), l2Normalize(p)), -1)));

// Keras' and tfjs-layers' short names.
export { meanAbsoluteError as mae, meanAbsoluteError as MAE, mse as MSE, meanAbsolutePercentageError as mape,
  meanAbsolutePercentageError as MAPE, meanSquaredLogarithmicError as msle, meanSquaredLogarithmicError as MSLE,
  kullbackLeiblerDivergence as kld, kullbackLeiblerDivergence as KLD, logcosh as logCosh, cosineSimilarity as cosineProximity };

// ---- Keras loss classes ----------------------------------------------------------------------------

/** How a Keras loss object reduces the weighted per-example losses ('auto' = 'sum_over_batch_size'). */
export type LossReduction = 'sum_over_batch_size' | 'sum' | 'none' | 'auto';
const REDUCTIONS: LossReduction[] = ['sum_over_batch_size', 'sum', 'none', 'auto'];

/**
 * Keras' weighting and reduction of per-example losses (see reduceWeightedLoss); errors name `op`. A loss
 * that is one of `inputs`, returned as it is ('none', no weights), is copied: the result is the caller's.
 */
function kerasReduce(op: string, losses: Tensor, w: Tensor | null, reduction: LossReduction, inputs: Tensor[]): Tensor {
  if (!REDUCTIONS.includes(reduction)) throw opError(op, `unknown reduction '${String(reduction)}'; use ${REDUCTIONS.map((r) => `'${r}'`).join(', ')}`);
  let l = losses;
  if (w !== null) {
    let v = w;
    if (v.rank === l.rank + 1 && v.shape[v.rank - 1] === 1) v = reshape(v, v.shape.slice(0, -1));
    else if (v.rank === l.rank - 1) v = reshape(v, [...v.shape, 1]); // [N] weights on [N, T] losses
    const ok = v.rank <= l.rank && v.shape.every((d, i) => d === 1 || d === l.shape[l.rank - v.rank + i]);
    if (!ok) throw opError(op, `sampleWeight ${fmtShape(v.shape)} does not broadcast to the per-example losses ${fmtShape(l.shape)}`);
    l = mul(l, v);
  }
  if (reduction === 'none') return inputs.includes(l) ? clone(l) : l;
  if (reduction === 'sum') return sum(l);
  return l.size === 0 ? scalar(0) : div(sum(l), l.size);
}

/** Keras' sample weights: a float32 tensor (int32 and bool are cast), optional. */
const SAMPLE_WEIGHT = float('sampleWeight', true);

/**
 * Weights per-example losses by sampleWeight (a scalar, one weight per example, or any shape that
 * broadcasts to the losses; a trailing size-1 axis is squeezed, or one added when the weights have one axis
 * less, as Keras' squeeze_or_expand_dimensions) and reduces them:
 * 'sum_over_batch_size' = Σ/number of loss values, 'sum' = Σ, 'none' = the weighted losses (a new tensor).
 * Errors start with `op` (default: reduceWeightedLoss; another name is kept after it).
 */
export const reduceWeightedLoss = composite('reduceWeightedLoss', {
  inputs: [{ name: 'losses', dtypes: DTYPES }, SAMPLE_WEIGHT],
  forward: (losses: Tensor, sampleWeight?: Tensor | null, reduction: LossReduction = 'sum_over_batch_size', op = 'reduceWeightedLoss'): Tensor =>
    kerasReduce(op, losses, sampleWeight ?? null, reduction, [losses]),
});

type CallFn = (yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null | undefined, loss: Loss) => Tensor;
/** Loss.call as a composite per class, named `Class.call` (its errors read `MeanSquaredError.call: …`). */
const callOps = new WeakMap<object, OpFn<CallFn>>();
function callOp(loss: Loss): OpFn<CallFn> {
  const C = loss.constructor;
  let f = callOps.get(C);
  if (f === undefined) {
    const name = `${C.name}.call`;
    f = composite(name, {
      // as given: the loss decides the dtypes (sparse labels are integers)
      inputs: [{ name: 'yTrue', dtypes: DTYPES }, { name: 'yPred', dtypes: DTYPES }, SAMPLE_WEIGHT],
      forward: (yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null | undefined, obj: Loss): Tensor =>
        kerasReduce(name, obj.perExample(yTrue, yPred), sampleWeight ?? null, obj.reduction, [yTrue, yPred]),
    });
    callOps.set(C, f);
  }
  return f;
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
  /**
   * The reduced loss (Keras' loss_obj(y_true, y_pred, sample_weight)): a scalar unless reduction is 'none'.
   * A composite named `Class.call`: perExample's intermediates are freed, whoever wrote it.
   */
  call(yTrue: TensorLike, yPred: TensorLike, sampleWeight?: TensorLike | null): Tensor {
    return callOp(this)(yTrue, yPred, sampleWeight, this);
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

/** A per-example loss, called with (yTrue, yPred) only (the options keep their defaults). */
type PerExample = (yTrue: TensorLike, yPred: TensorLike) => Tensor;
/**
 * The loss names compile() accepts: Keras' snake_case names, tfjs' camelCase ones and the short aliases
 * (matched ignoring case and underscores at run time). A misspelt name does not compile; pass a function
 * (yTrue, yPred) => Tensor or a Loss object for anything else.
 */
export type LossIdentifier = 'mean_squared_error' | 'meanSquaredError' | 'mse' | 'MSE' |
  'mean_absolute_error' | 'meanAbsoluteError' | 'mae' | 'MAE' |
  'mean_absolute_percentage_error' | 'meanAbsolutePercentageError' | 'mape' | 'MAPE' |
  'mean_squared_logarithmic_error' | 'meanSquaredLogarithmicError' | 'msle' | 'MSLE' |
  'categorical_crossentropy' | 'categoricalCrossentropy' | 'sparse_categorical_crossentropy' | 'sparseCategoricalCrossentropy' |
  'binary_crossentropy' | 'binaryCrossentropy' | 'huber_loss' | 'huberLoss' | 'huber' |
  'kl_divergence' | 'klDivergence' | 'kullback_leibler_divergence' | 'kullbackLeiblerDivergence' | 'kld' | 'KLD' |
  'hinge' | 'squared_hinge' | 'squaredHinge' | 'categorical_hinge' | 'categoricalHinge' | 'log_cosh' | 'logcosh' | 'logCosh' |
  'poisson' | 'cosine_similarity' | 'cosineSimilarity' | 'cosine_proximity' | 'cosineProximity' | 'cosine';

/** Keras' snake_case name and the per-example function of each loss a string can name. */
const LOSSES = [
  ['mean_squared_error', mse, ['mse', 'meanSquaredError']],
  ['mean_absolute_error', meanAbsoluteError, ['mae', 'meanAbsoluteError']],
  ['mean_absolute_percentage_error', meanAbsolutePercentageError, ['mape', 'meanAbsolutePercentageError']],
  ['mean_squared_logarithmic_error', meanSquaredLogarithmicError, ['msle', 'meanSquaredLogarithmicError']],
  ['categorical_crossentropy', categoricalCrossentropy, ['categoricalCrossentropy']],
  ['sparse_categorical_crossentropy', sparseCategoricalCrossentropy, ['sparseCategoricalCrossentropy']],
  ['binary_crossentropy', binaryCrossentropy, ['binaryCrossentropy']],
  ['huber_loss', huber, ['huber', 'huberLoss']],
  ['kl_divergence', kullbackLeiblerDivergence, ['kld', 'kullbackLeiblerDivergence', 'kullback_leibler_divergence', 'klDivergence']],
  ['hinge', hinge, []],
  ['squared_hinge', squaredHinge, ['squaredHinge']],
  ['categorical_hinge', categoricalHinge, ['categoricalHinge']],
  ['log_cosh', logcosh, ['logcosh', 'logCosh']],
  ['poisson', poisson, []],
  ['cosine_similarity', cosineSimilarity, ['cosineSimilarity', 'cosineProximity', 'cosine_proximity', 'cosine']],
] as const satisfies readonly (readonly [LossIdentifier, PerExample, readonly LossIdentifier[]])[];
// Every name of LossIdentifier is in the table, or an upper-case alias of one (checked when this file compiles).
type TableLossName = (typeof LOSSES)[number][0] | (typeof LOSSES)[number][2][number];
const _knownLosses: [Exclude<LossIdentifier, TableLossName | Uppercase<TableLossName>>] extends [never] ? true : never = true;
void _knownLosses;
/** Case- and underscore-insensitive key: 'sparse_categorical_crossentropy' ≡ 'sparseCategoricalCrossentropy'. */
export function lossKey(s: string): string { return s.toLowerCase().replace(/_/g, ''); }
// Built on first use, not at import: a bundle that never resolves a loss by name drops the table (and the losses).
let lossByKey: Map<string, [string, PerExample]> | undefined;
function lossTable(): Map<string, [string, PerExample]> {
  if (lossByKey === undefined) {
    lossByKey = new Map();
    for (const [name, fn, aliases] of LOSSES) for (const a of [name, ...aliases]) lossByKey.set(lossKey(a), [name, fn]);
  }
  return lossByKey;
}
const knownLosses = () => LOSSES.map(([n, , a]) => [...a.filter((x) => !x.includes('_')), n].join('/')).join(', ');
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
export function getLossFn(id: LossIdentifier | ((yTrue: Tensor, yPred: Tensor) => Tensor) | Loss | (string & {})): LossFn {
  if (id instanceof Loss) return { name: id.name, fn: batchLoss(`${id.constructor.name}.call`, (a, b) => id.call(a, b)) };
  if (typeof id === 'function') return { name: LOSS_FN_NAMES.get(id) ?? (id.name || 'loss'), fn: batchLoss(id.name || 'loss', id) };
  if (typeof id === 'string') {
    const hit = lossTable().get(lossKey(id));
    if (hit) return { name: hit[0], fn: batchLoss(hit[1].name, hit[1]) };
    const hint = lossKey(id).includes('softmaxcrossentropy') ? " (use 'categoricalCrossentropy' with fromLogits for tf.losses.softmaxCrossEntropy)" : '';
    throw new Error(`unknown loss '${id}'${hint}; known losses (camelCase or snake_case): ${knownLosses()}`);
  }
  throw new Error(`getLossFn: a loss must be a name, a function (yTrue, yPred) => Tensor or a Loss object, got ${id === null ? 'null' : typeof id}`);
}

/**
 * The scalar batch loss of a per-example (or already reduced) loss f: the mean of what it returns, as a
 * composite named as f (so f's errors pass as they are) that frees f's per-example values.
 */
function batchLoss(name: string, f: (yTrue: Tensor, yPred: Tensor) => Tensor): (yTrue: Tensor, yPred: Tensor) => Tensor {
  return composite(name, {
    inputs: ['yTrue', 'yPred'],
    forward: (yTrue: Tensor, yPred: Tensor): Tensor => {
      const l = f(yTrue, yPred);
      return l.rank === 0 && l !== yTrue && l !== yPred ? l : mean(l);
    },
  });
}
