// Seed 002 (TensorFlow深度学习-龙曲良-学习笔记), §7.2: a keras.Sequential grown with add(), build(),
// summary() and the list of trainable variables (the first §7.2 listing is in seed002-layers.ts).
// Port: keras.Sequential([]) → tf.sequential({layers: []}), layers.Dense(3) → tf.layers.dense({units: 3}),
// layers.ReLU() → tf.layers.reLU(), network.build(input_shape=(4, 4)) → network.build([4, 4]),
// trainable_variables → trainableVariables. Differences: variable names have no ':0' suffix (TF2's 'dense/kernel:0' is
// 'dense/kernel' here); the summary is Keras' table. Run: npx tsx examples/seed002-sequential.ts
import * as tf from '../src/index.js';
import { formatShape } from '../src/core/format.js';
await tf.ready();

console.log('# 7.2 add() layers, build, summary');
const layersNum = 2;
const network = tf.sequential({ layers: [] });
for (let i = 0; i < layersNum; i++) {
  network.add(tf.layers.dense({ units: 3 }));
  network.add(tf.layers.reLU());
}
network.build([4, 4]);
network.summary();
for (const p of network.trainableVariables) console.log(p.name, formatShape(p.shape));
