import * as tf from '../../src/index.js';
await tf.ready();
const x = tf.randomUniform([60000, 784], 0, 1, 'float32', 1), y = tf.randomUniform([60000], 0, 10, 'int32', 2);
const m = tf.sequential({ layers: [tf.layers.dense({ units: 128, activation: 'relu', inputShape: [784] }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  await m.fit(x, y, { epochs: 1, batchSize: 128, verbose: 0 });
  console.log('epoch', ((performance.now() - t0) / 1000).toFixed(3), 's');
}
