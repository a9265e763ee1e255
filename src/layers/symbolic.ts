// tf.input(): the inputs of a functional model's graph. The graph's tensors (SymbolicTensor) and the
// recording of layer calls on them live with Layer (layer.ts), which makes and consumes them;
// tf.model({inputs, outputs}) (src/models/model.ts) then runs the recorded nodes on real tensors.
import { SymbolicTensor, uniqueName, type Shape } from './layer.js';

export { isSymbolic, SymbolicTensor } from './layer.js';

/**
 * A symbolic model input (tfjs tf.input): shape without the batch axis, or batchShape with it.
 * @example const x = tf.input({shape: [784]}); const y = tf.layers.dense({units: 10}).apply(x);
 */
export function input(config: { shape?: Shape; batchShape?: Shape; name?: string }): SymbolicTensor {
  const shape = config.batchShape ?? (config.shape ? [null, ...config.shape] : undefined);
  if (!shape) throw new Error('input: give shape (without the batch axis) or batchShape');
  if (!Array.isArray(shape) || !shape.every((d) => d === null || (Number.isSafeInteger(d) && d >= 0))) {
    let s: string;
    try { s = JSON.stringify(shape); } catch { s = typeof shape; }
    throw new Error(`input: shape ${s} must be a list of non-negative integers or null`);
  }
  const name = config.name ?? uniqueName('input', false); // shares InputLayer's input_1, input_2 … counter
  return new SymbolicTensor(shape, name);
}
