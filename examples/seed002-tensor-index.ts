// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §3.8–3.15: indexing, slicing, views (reshape), adding
// and removing dimensions, transpose, tile and broadcasting.
// Port: Python's x[2][1][0][1] / x[2, 1, 0, 1] / x[:, ::2, ::2, :] / x[1:3, ..., 1:] → x.index('…') with
// the same numpy index string; tf.expand_dims → tf.expandDims, tf.broadcast_to → tf.broadcastTo,
// tf.tile(x, multiples) → tf.tile(x, reps); x.shape (TF's TensorShape) is a number[] here, printed as the
// seed shows it. tf.range is int32 in TF and float32 by default in tfjs, so it names 'int32'. Lines the
// seed shows as REPL values are printed under a `# §` marker. Random values differ from the seed's run.
// Run: npx tsx examples/seed002-tensor-index.ts
import * as tf from '../src/index.js';
import { formatShape } from '../src/core/format.js';
await tf.ready();

const tensorShape = (t: tf.Tensor) => `TensorShape([${t.shape.join(', ')}])`;

console.log('# 3.8 the 3rd image, row 2, column 1, channel B (the 2nd)');
let x = tf.randomNormal([4, 32, 32, 3]);
x.index('2').index('1').index('0').index('1').print();
x.index('2, 1, 0, 1').print();

console.log('# 3.9 slicing start:end:step; every other row and column');
x = tf.randomNormal([4, 38, 38, 3]);
x.index(':, ::2, ::2, :').print();
console.log('# images 1~2, channels G/B');
x.index('1:3, ..., 1:').print();

console.log('# 3.10 reshape infers one dimension');
x = tf.randomNormal([2, 4, 4]);
tf.reshape(x, [4, -1]).print();

console.log('# 3.11 expand_dims');
x = tf.randomNormal([2, 3, 5]);
x = tf.expandDims(x, 3);
console.log(tensorShape(x));
x = tf.randomNormal([2, 3, 5]);
x = tf.expandDims(x, -2);
console.log(tensorShape(x));

console.log('# 3.12 squeeze');
x = tf.randomNormal([1, 2, 5, 1]);
console.log(tensorShape(tf.squeeze(x, 0)));

console.log('# 3.13 transpose');
x = tf.range(0, 6, 1, 'int32');
x = tf.reshape(x, [2, 3]);
x.print();
x = tf.transpose(x, [1, 0]);
x.print();

console.log('# 3.14 tile: dimension 0 ×2, dimension 1 ×3');
x = tf.range(4, undefined, 1, 'int32');
x = tf.reshape(x, [2, 2]);
x = tf.tile(x, [2, 3]);
console.log(formatShape(x.shape));
x.print();

console.log('# 3.15 broadcasting');
const b = tf.randomNormal([3, 1]);
console.log(formatShape(tf.broadcastTo(b, [2, 4, 3, 6]).shape));
