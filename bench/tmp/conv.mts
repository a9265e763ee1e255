import * as tf from '../../src/index.js';
await tf.ready();
const x = tf.randomUniform([4, 38, 38, 3], 0, 1, 'float32', 1), w = tf.randomUniform([3, 3, 3, 24], 0, 1, 'float32', 2);
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) tf.conv2d(x, w, 1, 'same').dispose();
  console.log(((performance.now() - t0) / 200).toFixed(3), 'ms');
}
