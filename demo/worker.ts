// The training worker. It owns the data and the model, so the page stays responsive while the kernels run:
// the page sends `train` / `stop` / `predict`, the worker answers with progress messages (ToPage).
// model.fit yields to the event loop every ~50 ms, which is when `stop` and `predict` get handled.
import * as tf from '../src/index.ts';

export type DatasetName = 'mnist' | 'fashion-mnist';
export type ModelName = 'mlp' | 'cnn';
export type ToWorker =
  | { type: 'train'; dataset: DatasetName; model: ModelName; epochs: number; batchSize: number; limit?: number; /** where data/<dataset>/ is */ dataUrl: string }
  | { type: 'stop' }
  | { type: 'predict'; pixels: Float32Array }; // 28×28 values in 0..1, white on black as in MNIST
export type ToPage =
  | { type: 'status'; text: string }
  | { type: 'start'; steps: number; trainCount: number; testCount: number; threads: number; threadsOff: string | null }
  | { type: 'point'; step: number; epoch: number; loss: number; acc: number; examplesPerSec: number }
  | { type: 'epoch'; epoch: number; testLoss: number; testAcc: number }
  | { type: 'done'; stopped: boolean }
  | { type: 'prediction'; probs: number[] }
  | { type: 'error'; message: string };

/** Batches averaged into one point of the curves (per-batch values are noisy, and fewer messages). */
const POINT_EVERY = 10;

const post = (m: ToPage) => postMessage(m);
let model: tf.Sequential | null = null;
let stopped = false;
type Data = { key: string; x: tf.Tensor; y: tf.Tensor; tx: tf.Tensor; ty: tf.Tensor };
let data: Data | null = null;

/** mlp: the seed-000 network 784-256-128-64-32-10; cnn: two conv/pool blocks (≈ 99 % on MNIST). */
function build(kind: ModelName): tf.Sequential {
  const layers = kind === 'mlp'
    ? [tf.layers.flatten({ inputShape: [28, 28, 1] }),
      ...[256, 128, 64, 32].map((units) => tf.layers.dense({ units, activation: 'relu' }))]
    : [tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten()];
  const m = tf.sequential({ layers: [...layers, tf.layers.dense({ units: 10 })] }); // logits
  m.compile({
    optimizer: tf.train.adam(kind === 'mlp' ? 1e-3 : 3e-3),
    loss: new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true }),
    metrics: ['accuracy'],
  });
  return m;
}

/** Loads (once per dataset and limit) the images as [n, 28, 28, 1] floats in 0..1 and the int32 labels. */
async function load(dataset: DatasetName, dataUrl: string, limit?: number): Promise<Data> {
  const key = `${dataset}/${limit ?? 'all'}`;
  if (data?.key === key) return data;
  if (data) tf.dispose([data.x, data.y, data.tx, data.ty]);
  data = null;
  post({ type: 'status', text: `Loading ${dataset}…` });
  const source = dataset === 'mnist' ? tf.datasets.mnist : tf.datasets.fashionMnist;
  const counts = limit ? { trainCount: limit, testCount: Math.min(10000, Math.ceil(limit / 6)) } : {};
  const [[x, y], [tx, ty]] = await source.loadData({ path: new URL(`${dataset}/`, dataUrl).href, ...counts });
  const prep = (t: tf.Tensor) => tf.tidy(() => t.div(255).reshape([t.shape[0], 28, 28, 1]));
  data = { key, x: prep(x), y, tx: prep(tx), ty };
  tf.dispose([x, tx]);
  return data;
}

async function train(m: Extract<ToWorker, { type: 'train' }>): Promise<void> {
  stopped = false;
  await tf.ready();
  const d = await load(m.dataset, m.dataUrl, m.limit);
  if (stopped) { post({ type: 'done', stopped }); return; } // Stop pressed while loading
  if (model) { model.optimizer?.dispose(); tf.dispose(model.weights); }
  model = build(m.model);
  const n = d.x.shape[0];
  // threads: tf.ready() started them in the background where the page is cross-origin isolated (vite.config.ts)
  post({ type: 'start', steps: m.epochs * Math.ceil(n / m.batchSize), trainCount: n, testCount: d.tx.shape[0],
    threads: tf.getThreads(), threadsOff: tf.env().threadsUnavailableReason });
  let step = 0, epoch = 0, loss = 0, acc = 0, count = 0, examples = 0, t0 = 0, t1 = 0;
  const flush = () => { // t0..t1: from the start of the point's first batch to the end of its last one
    if (count === 0) return;
    post({ type: 'point', step, epoch, loss: loss / count, acc: acc / count, examplesPerSec: (examples * 1000) / (t1 - t0) });
    loss = acc = count = examples = 0;
  };
  await model.fit(d.x, d.y, {
    epochs: m.epochs, batchSize: m.batchSize, validationData: [d.tx, d.ty], verbose: 0,
    callbacks: {
      onEpochBegin: (e) => { epoch = e; },
      onBatchBegin: (_b, logs) => { // {batch, size}
        if (count === 0) t0 = performance.now();
        examples += logs.size;
      },
      onBatchEnd: (_b, logs) => {
        t1 = performance.now();
        step++; count++;
        loss += logs.loss; acc += logs.accuracy;
        if (count === POINT_EVERY) flush();
      },
      onEpochEnd: (e, logs) => {
        flush();
        post({ type: 'epoch', epoch: e, testLoss: logs.val_loss, testAcc: logs.val_accuracy });
      },
    },
  });
  post({ type: 'done', stopped });
}

function predict(pixels: Float32Array): void {
  if (!model) { post({ type: 'status', text: 'Train a model first, then draw.' }); return; }
  const m = model;
  const probs = tf.tidy(() => tf.softmax(m.predict(tf.tensor(pixels, [1, 28, 28, 1])) as tf.Tensor).dataSync());
  post({ type: 'prediction', probs: Array.from(probs) });
}

onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    if (m.type === 'train') {
      train(m).catch((err: unknown) => post({ type: 'error', message: String((err as Error)?.message ?? err) }));
    } else if (m.type === 'stop') {
      stopped = true;
      if (model) model.stopTraining = true;
    } else {
      predict(m.pixels);
    }
  } catch (err) {
    post({ type: 'error', message: String((err as Error)?.message ?? err) });
  }
};
