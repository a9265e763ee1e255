// Tensor math as a TensorFlow.js program writes it: creation, broadcasting, chaining, reductions, tidy,
// gradients. Prints shapes, dtypes and values.
import * as tf from '@tensorflow/tfjs';

await tf.ready();
const show = (name: string, t: tf.Tensor) => console.log(name, JSON.stringify(t.shape), t.dtype, Array.from(t.dataSync()));

const a: tf.Tensor2D = tf.tensor2d([[1, 2], [3, 4]]);
const b = tf.tensor2d([[0.5, -1], [2, 0.25]]);
show('matMul', a.matMul(b));
show('matMul transposeB', tf.matMul(a, b, false, true));
show('add', tf.add(a, b));
show('broadcast', a.mul(tf.tensor1d([10, 100])));
show('sub scalar', b.sub(0.5));
show('div', tf.div(a, b));
show('sum axis 0', a.sum(0));
show('max keepDims', tf.max(b, 1, true));
show('mean', tf.mean(a));
show('softmax', tf.softmax(b));
show('logSoftmax', tf.logSoftmax(b));
show('relu', tf.relu(b.sub(0.5)));
show('sigmoid', tf.sigmoid(b));
show('tanh', tf.tanh(b));
show('transpose', a.transpose());
show('reshape', a.reshape([4]));
show('concat', tf.concat([a, b], 1));
show('stack', tf.stack([a, b]));
show('slice', tf.slice(a, [0, 1], [2, 1]));
show('gather', tf.gather(tf.tensor1d([10, 20, 30]), tf.tensor1d([2, 0], 'int32')));
show('argMax', tf.argMax(b, 1));
show('where', tf.where(tf.greater(a, 2), a, tf.zerosLike(a)));
show('exp log', tf.log(tf.exp(b)));
show('abs sqrt', tf.sqrt(tf.abs(b)));
show('pow', tf.pow(a, tf.scalar(2)));
show('clipByValue', tf.clipByValue(b, -0.5, 0.5));
show('oneHot', tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3));
show('cumsum', tf.cumsum(tf.tensor1d([1, 2, 3, 4])));
show('linspace', tf.linspace(0, 1, 5));
show('int32 sum', tf.sum(tf.tensor1d([1, 2, 3], 'int32')));
show('cast', tf.cast(tf.tensor1d([1.7, -1.7]), 'int32'));
show('equal', tf.equal(a, tf.tensor2d([[1, 0], [3, 0]])));

const x: tf.Tensor2D = tf.tensor2d([[1, 2, 3]]);
const two: tf.Scalar = tf.scalar(2);
const y = tf.tidy(() => x.mul(two).add(1));
show('tidy', y);
console.log('array', JSON.stringify(await y.array()));
console.log('arraySync', JSON.stringify(a.arraySync()));
const { mean, variance } = tf.moments(a);
show('moments', tf.stack([mean, variance]));
const { values, indices } = tf.topk(tf.tensor1d([1, 5, 3, 4]), 2);
show('topk values', values);
show('topk indices', indices);

const f = (t: tf.Tensor) => tf.sum(tf.square(t));
show('grad', tf.grad(f)(tf.tensor1d([1, 2, 3])));
const [da, db] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(p, q)))([a, b]);
show('grads a', da);
show('grads b', db);
const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => tf.mean(tf.sigmoid(t)))(tf.tensor1d([-1, 0, 1]));
show('valueAndGrad value', value);
show('valueAndGrad grad', grad);

const before = tf.memory().numTensors;
tf.tidy(() => { tf.ones([3, 3]).matMul(tf.ones([3, 3])); });
console.log('tidy leaves', tf.memory().numTensors - before, 'tensors');
