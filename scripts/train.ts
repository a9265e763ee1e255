// npm run train -- [options]: trains the seed-000 network (Dense 784-256-128-64-32-10, ReLU, softmax,
// sparse categorical cross-entropy, Adam 1e-3, batches of 64) — or a small CNN — on MNIST or
// Fashion-MNIST with model.fit and Keras' progress bar, prints the test accuracy and saves the model
// in TensorFlow.js' format (model.json + weights) for tf.loadLayersModel.
import * as tf from '../src/index.js';

const USAGE = `Usage: npm run train -- [options]
  --dataset mnist|fashion-mnist   the data (default mnist)
  --model mlp|cnn                 mlp: Dense 784-256-128-64-32-10 (default);
                                  cnn: Conv 32 3×3, pool, Conv 64 3×3, pool, Dense 128, Dense 10
  --epochs N                      passes over the training set (default 5)
  --batch-size N                  examples per step (default 64)
  --seed N                        weights and shuffling seed (default 0)
  --out DIR                       where to save the model (default ./models/<dataset>-<model>)
  --help                          this text`;

interface Options { dataset: 'mnist' | 'fashion-mnist'; model: 'mlp' | 'cnn'; epochs: number; batchSize: number; seed: number; out: string; limit?: number }

/** Usage errors: the message, the usage, exit status 2. */
function usageError(msg: string): never {
  console.error(`train: ${msg}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') { console.log(USAGE); process.exit(0); }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    // --limit N (not in the usage): train and test on the first N images only, for quick runs and tests
    if (!m || !['dataset', 'model', 'epochs', 'batch-size', 'seed', 'out', 'limit'].includes(m[1])) usageError(`unknown option '${a}'`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) usageError(`option --${m[1]} needs a value`);
    raw[m[1]] = value;
  }
  const int = (name: string, dflt: number | undefined, min: number): number | undefined => {
    if (raw[name] === undefined) return dflt;
    const v = Number(raw[name]);
    if (!Number.isInteger(v) || v < min) usageError(`--${name} must be an integer ≥ ${min}, got '${raw[name]}'`);
    return v;
  };
  const dataset = raw.dataset ?? 'mnist', model = raw.model ?? 'mlp';
  if (dataset !== 'mnist' && dataset !== 'fashion-mnist') usageError(`--dataset must be mnist or fashion-mnist, got '${dataset}'`);
  if (model !== 'mlp' && model !== 'cnn') usageError(`--model must be mlp or cnn, got '${model}'`);
  return {
    dataset, model,
    epochs: int('epochs', 5, 1)!, batchSize: int('batch-size', 64, 1)!, seed: int('seed', 0, 0)!, limit: int('limit', undefined, 1),
    out: raw.out ?? `./models/${dataset}-${model}`,
  };
}

function build(kind: 'mlp' | 'cnn'): tf.Sequential {
  const L = tf.layers;
  const layers = kind === 'mlp'
    ? [L.dense({ units: 256, activation: 'relu', inputShape: [784] }), L.dense({ units: 128, activation: 'relu' }),
      L.dense({ units: 64, activation: 'relu' }), L.dense({ units: 32, activation: 'relu' })]
    : [L.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }), L.maxPooling2d({ poolSize: 2 }),
      L.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }), L.maxPooling2d({ poolSize: 2 }),
      L.flatten(), L.dense({ units: 128, activation: 'relu' })];
  // softmax outputs: the saved model's predict() gives class probabilities
  const model = tf.sequential({ layers: [...layers, L.dense({ units: 10, activation: 'softmax' })] });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  await tf.ready();
  tf.setSeed(o.seed);
  const source = o.dataset === 'mnist' ? tf.datasets.mnist : tf.datasets.fashionMnist;
  let t0 = performance.now();
  const [[xRaw, y], [txRaw, ty]] = await source.loadData(o.limit ? { trainCount: Math.min(o.limit, 60000), testCount: Math.min(o.limit, 10000) } : {});
  // pixels 0..255 → [0, 1], flattened for the MLP, one channel for the CNN
  const shape = o.model === 'mlp' ? [784] : [28, 28, 1];
  const [x, tx] = tf.tidy(() => [xRaw, txRaw].map((t) => t.div(255).reshape([t.shape[0], ...shape])));
  tf.dispose([xRaw, txRaw]);
  console.log(`${o.dataset}: ${x.shape[0]} training and ${tx.shape[0]} test images (loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const model = build(o.model);
  model.summary();
  t0 = performance.now();
  await model.fit(x, y, { epochs: o.epochs, batchSize: o.batchSize, validationData: [tx, ty], seed: o.seed, verbose: 1 });
  const seconds = (performance.now() - t0) / 1000;
  const [loss, acc] = (model.evaluate(tx, ty, { batchSize: 256 }) as tf.Tensor[]).map((t) => t.item());
  console.log(`Trained ${o.epochs} epoch${o.epochs > 1 ? 's' : ''} in ${seconds.toFixed(1)} s (${(seconds / o.epochs).toFixed(1)} s per epoch)`);
  console.log(`Test accuracy: ${(100 * acc).toFixed(2)}% (loss ${loss.toFixed(4)}, ${tx.shape[0]} images)`);
  await model.save(`file://${o.out}`);
  console.log(`Saved the model to ${o.out} (model.json + weights; load it with tf.loadLayersModel('file://${o.out}'))`);
}

main().catch((e: unknown) => {
  console.error(`train: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
