// tf.math: confusionMatrix (tfjs's math namespace).
import { fmtShape, opError } from '../core/convert.js';
import { op } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { H } from '../backend/wasm.js';

/**
 * The confusion matrix of labels and predictions (1-D, the same length, class indices in
 * [0, numClasses)): element (i, j) counts the examples with label i predicted as j, int32. Float indices
 * are truncated (tfjs casts to int32); an index outside [0, numClasses) is an error, as TensorFlow's
 * tf.math.confusion_matrix (tfjs silently drops it).
 * @example tf.math.confusionMatrix([0, 1, 1], [0, 1, 0], 2)  // [[1, 0], [1, 1]]
 */
export const confusionMatrix = op('math.confusionMatrix', {
  inputs: [{ name: 'labels', dtypes: ['float32', 'int32'] }, { name: 'predictions', dtypes: ['float32', 'int32'] }], grad: null,
  forward: (labels: Tensor, predictions: Tensor, numClasses: number): Tensor => {
    const o = 'math.confusionMatrix';
    if (typeof numClasses !== 'number' || !Number.isInteger(numClasses) || numClasses < 1) throw opError(o, `numClasses must be a positive integer, got ${String(numClasses)}`);
    if (labels.rank !== 1 || predictions.rank !== 1) throw opError(o, `labels and predictions must be rank 1, got ${fmtShape(labels.shape)} and ${fmtShape(predictions.shape)}`);
    if (labels.size !== predictions.size) throw opError(o, `labels ${fmtShape(labels.shape)} and predictions ${fmtShape(predictions.shape)} must have the same length`);
    const ls = labels.dataSync(), ps = predictions.dataSync();
    const counts = new Int32Array(numClasses * numClasses);
    for (let k = 0; k < ls.length; k++) {
      const l = Math.trunc(ls[k]), p = Math.trunc(ps[k]);
      if (!(l >= 0 && l < numClasses)) throw opError(o, `labels[${k}] is ${ls[k]}, outside [0, ${numClasses})`);
      if (!(p >= 0 && p < numClasses)) throw opError(o, `predictions[${k}] is ${ps[k]}, outside [0, ${numClasses})`);
      counts[l * numClasses + p]++;
    }
    const out = new Tensor([numClasses, numClasses], 'int32');
    H().i32.set(counts, out.ptr >>> 2);
    return out;
  },
});
