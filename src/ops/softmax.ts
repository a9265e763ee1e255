// softmax and logSoftmax as primitives with op-written gradients (so they are differentiable again),
// computed stably by subtracting the max along the axis. Their forwards are compositions run untaped.
import { opError } from '../core/convert.js';
import type { DataBlock } from '../core/memory.js';
import { op, watched, type Grads } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { K } from '../backend/wasm.js';
import { par, SPLIT_MIN_ELEMENTS } from '../backend/parallel.js';
import { mul, sub } from './binary.js';
import { max, sum } from './reduce.js';
import { exp, log, reciprocal } from './unary.js';

function axisOf(name: string, x: Tensor, dim: number): number {
  if (x.rank === 0) throw opError(name, 'logits must have rank ≥ 1, got a scalar');
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < -x.rank || dim >= x.rank) {
    throw opError(name, `dim ${String(dim)} is out of range for rank ${x.rank}`);
  }
  return dim < 0 ? dim + x.rank : dim;
}

/**
 * exp(x) / Σ exp(x) along `dim` (default: the last axis).
 * @example tf.softmax(tf.tensor1d([1, 2, 3]))  // [0.0900, 0.2447, 0.6652]
 */
export const softmax = op('softmax', {
  inputs: [{ name: 'logits', dtypes: ['float32'] }], save: 'output',
  forward: (logits: Tensor, dim = -1): Tensor => {
    const ax = axisOf('softmax', logits, dim);
    // over the last axis, unless the ops' elementwise kernels would split over threads: one kernel running the
    // same float32 operations in the same order as the ops below (f32_softmax; the same bits, without six ops)
    const n = logits.shape[ax];
    if (ax === logits.rank - 1 && n > 0 && (par.split === null || logits.size < SPLIT_MIN_ELEMENTS)) {
      const y = new Tensor(logits.shape.slice(), 'float32');
      K().f32_softmax(logits.ptr, y.ptr, logits.size / n, n);
      return y;
    }
    const e = exp(sub(logits, max(logits, ax, true)));
    return mul(e, reciprocal(sum(e, ax, true)));
  },
  grad: (dy, y, [x, dim = -1]): Grads => {
    const ax = axisOf('softmax', x, dim);
    return [mul(y, sub(dy, sum(mul(dy, y), ax, true)))];
  },
});

// The logits of the probabilities a model's softmax made (Keras 3's `_keras_logits`): the activation 'softmax' and the
// Softmax layer over the last axis record them while a tape records the softmax (a training step) or a model
// evaluates its losses (evaluate, validation: keepingLogits), and the categorical cross-entropies on probabilities (src/losses.ts FUSED) compute the loss from them. The probabilities'
// block keeps the logits' block alive (DataBlock.kept: freed with it, however the probabilities go: dispose, tidy,
// a tape's snapshot, the garbage collector); logitsOf gives a handle with the logits' identity, so the tape
// connects the loss to the layer that made them. No tensor is added: tf.memory().numTensors does not change.
const LOGITS = new WeakMap<Tensor, { id: number; shape: number[]; block: DataBlock }>();
let keeping = 0;

/** Runs fn (a batch of evaluate or of validation) with the layers' softmax remembering its logits, as under a tape. */
export function keepingLogits<T>(fn: () => T): T {
  keeping++;
  try { return fn(); } finally { keeping--; }
}

/** softmax over the last axis, remembering x as the result's logits under a tape (the layers' softmax; logitsOf). */
export function softmaxRecordingLogits(x: Tensor): Tensor {
  const y = softmax(x, -1);
  if (x.dtype === 'float32' && y.block !== null && y.block.kept === null && (keeping > 0 || watched([x]))) {
    const block = x.block!;
    block.refs++;
    y.block.kept = block;
    LOGITS.set(y, { id: x.id, shape: x.shape, block });
  }
  return y;
}

/** A handle (in the current scope) on the logits p was computed from by softmaxRecordingLogits, or null. */
export function logitsOf(p: Tensor): Tensor | null {
  const l = LOGITS.get(p);
  return l !== undefined && !p.isDisposed ? new Tensor(l.shape, 'float32', l.block, l.id) : null;
}

/** x - log Σ exp(x) along `axis` (default: the last axis). */
export const logSoftmax = op('logSoftmax', {
  inputs: [{ name: 'logits', dtypes: ['float32'] }], save: 'output',
  forward: (logits: Tensor, axis = -1): Tensor => {
    const ax = axisOf('logSoftmax', logits, axis);
    // (x - max) - log Σ exp(x - max): subtracting the max first keeps the result exact for large logits
    // (x - logSumExp(x) would lose the digits of log Σ to the rounding of max + log Σ).
    const shifted = sub(logits, max(logits, ax, true));
    return sub(shifted, log(sum(exp(shifted), ax, true)));
  },
  grad: (dy, y, [x, axis = -1]): Grads => {
    const ax = axisOf('logSoftmax', x, axis);
    return [sub(dy, mul(exp(y), sum(dy, ax, true)))];
  },
});
