// tfjs's `tf.losses` namespace: losses reduced to a scalar with optional weights. The math lives in ops
// (the fused, stable cross-entropies of src/ops/nn.ts); this file only weights and reduces.
import { Tensor } from './tensor.js';
import { abs, add, cast, div, log, mean, minimum, mul, neg, notEqual, ones, relu, scalar, softmaxCrossEntropyWithLogits,
  sigmoidCrossEntropyWithLogits, square, sub, sum } from './ops/index.js';
import { convert, fmtShape, opError, type TensorLike } from './ops/util.js';

/** How a weighted loss is reduced (tfjs tf.losses.Reduction). */
export enum Reduction { NONE = 0, MEAN = 1, SUM = 2, SUM_BY_NONZERO_WEIGHTS = 3 }

/**
 * Weights and reduces per-element losses: NONE keeps them, SUM adds them, MEAN divides by the sum of the
 * weights, SUM_BY_NONZERO_WEIGHTS (the default) by the number of non-zero weights (the number of
 * elements without weights).
 */
export function computeWeightedLoss(losses: TensorLike, weights?: TensorLike | null,
                                    reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
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
  let [z, x] = pair('softmaxCrossEntropy', onehotLabels, logits, 'onehotLabels', 'logits');
  if (labelSmoothing > 0) z = add(mul(z, 1 - labelSmoothing), labelSmoothing / z.shape[z.rank - 1]);
  return computeWeightedLoss(softmaxCrossEntropyWithLogits(z, x), weights, reduction);
}

/**
 * Sigmoid cross-entropy between multi-class labels and logits (tfjs tf.losses.sigmoidCrossEntropy).
 * labelSmoothing ε replaces the labels by labels·(1 − ε) + ε / 2.
 */
export function sigmoidCrossEntropy(multiClassLabels: TensorLike, logits: TensorLike, weights?: TensorLike | null, labelSmoothing = 0,
                                    reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  let [z, x] = pair('sigmoidCrossEntropy', multiClassLabels, logits, 'multiClassLabels', 'logits');
  if (labelSmoothing > 0) z = add(mul(z, 1 - labelSmoothing), 0.5 * labelSmoothing);
  return computeWeightedLoss(sigmoidCrossEntropyWithLogits(z, x), weights, reduction);
}

/** Mean squared error (tfjs tf.losses.meanSquaredError). */
export function meanSquaredError(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null,
                                 reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [z, p] = pair('meanSquaredError', labels, predictions, 'labels', 'predictions');
  return computeWeightedLoss(square(sub(z, p)), weights, reduction);
}

/** Mean absolute error (tfjs tf.losses.absoluteDifference). */
export function absoluteDifference(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null,
                                   reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [z, p] = pair('absoluteDifference', labels, predictions, 'labels', 'predictions');
  return computeWeightedLoss(abs(sub(z, p)), weights, reduction);
}

/** −z·log(p + ε) − (1 − z)·log(1 − p + ε) (tfjs tf.losses.logLoss). */
export function logLoss(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null, epsilon = 1e-7,
                        reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [z, p] = pair('logLoss', labels, predictions, 'labels', 'predictions');
  const l = sub(neg(mul(z, log(add(p, epsilon)))), mul(sub(1, z), log(add(sub(1, p), epsilon))));
  return computeWeightedLoss(l, weights, reduction);
}

/** Huber loss: ½d² for |d| ≤ δ, δ·(|d| − ½δ) beyond (tfjs tf.losses.huberLoss). */
export function huberLoss(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null, delta = 1.0,
                          reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [z, p] = pair('huberLoss', labels, predictions, 'labels', 'predictions');
  const err = abs(sub(p, z));
  const q = minimum(err, delta);
  return computeWeightedLoss(add(mul(square(q), 0.5), mul(sub(err, q), delta)), weights, reduction);
}

/** Hinge loss with labels in {0, 1}: max(0, 1 − (2z − 1)·p) (tfjs tf.losses.hingeLoss). */
export function hingeLoss(labels: TensorLike, predictions: TensorLike, weights?: TensorLike | null,
                          reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [z, p] = pair('hingeLoss', labels, predictions, 'labels', 'predictions');
  return computeWeightedLoss(relu(sub(1, mul(sub(mul(z, 2), 1), p))), weights, reduction);
}

/** 1 − Σ z·p along `axis` for unit-normalised labels and predictions (tfjs tf.losses.cosineDistance). */
export function cosineDistance(labels: TensorLike, predictions: TensorLike, axis: number, weights?: TensorLike | null,
                               reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const [z, p] = pair('cosineDistance', labels, predictions, 'labels', 'predictions');
  return computeWeightedLoss(sub(scalar(1), sum(mul(z, p), axis, true)), weights, reduction);
}
