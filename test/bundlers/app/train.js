// The app every bundler builds (and the Node scripts of test/package/ run): a small Dense model, one
// training step, a prediction. Deterministic (tf.setSeed), so every build must print the same numbers.
export async function train(tf) {
  await tf.ready();
  tf.setSeed(7);
  const model = tf.sequential({ layers: [
    tf.layers.dense({ units: 8, activation: 'relu', inputShape: [3] }),
    tf.layers.dense({ units: 2 }),
  ] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const x = tf.tensor2d([[0, 1, 2], [1, 0, -1], [2, 2, 0], [-1, 1, 1]]);
  const y = tf.tensor2d([[1, 0], [0, 1], [1, 1], [0, 0]]);
  const loss = await model.trainOnBatch(x, y);
  const predicted = Array.from(model.predict(x).dataSync());
  return { loss, predicted, backend: tf.getBackend(), build: tf.getWasmBuild() };
}
