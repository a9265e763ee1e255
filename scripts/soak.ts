// npm run soak [-- steps]: the seeds' MLP and CNN training loops, written as tutorials write them (a tape,
// the layers, a loss, applyGradients; the loss read with `await loss.data()` every 50 steps) with no
// tidy and no dispose, for 10 000 steps each. After a warm-up, live bytes and wasm memory must stay flat:
// every dropped tensor comes back through the FinalizationRegistry, and tensors that never leave an op
// or a tape are freed at once. Exits 1 (and says which) when memory grows.
import * as tf from '../src/index.js';

const STEPS = Number(process.argv[2] ?? 10_000);
const CHECK = 500, WARMUP = 1000;

interface Net { name: string; model: tf.LayersModel; x: tf.Tensor; y: tf.Tensor }

function mlp(): Net {
  const model = tf.sequential({ layers: [
    tf.layers.dense({ units: 200, activation: 'relu', inputShape: [784] }),
    tf.layers.dense({ units: 200, activation: 'relu' }),
    tf.layers.dense({ units: 10 }),
  ] });
  return { name: 'MLP 784-200-200-10, batch 64', model, x: tf.randomUniform([64, 784], 0, 1, 'float32', 1),
    y: tf.randomUniform([64], 0, 10, 'int32', 2) };
}

function cnn(): Net {
  const model = tf.sequential({ layers: [
    tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 10 }),
  ] });
  return { name: 'CNN conv32-pool-conv64-pool-dense, batch 8', model, x: tf.randomUniform([8, 28, 28, 1], 0, 1, 'float32', 3),
    y: tf.randomUniform([8], 0, 10, 'int32', 4) };
}

async function soak(net: Net): Promise<boolean> {
  const opt = tf.train.adam(1e-3);
  const lossFn = new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true });
  const marks: { step: number; tensors: number; bytes: number; pages: number }[] = [];
  const t0 = performance.now();
  let last = NaN;
  for (let step = 1; step <= STEPS; step++) {
    const tape = new tf.GradientTape();
    const logits = net.model.apply(net.x) as tf.Tensor;
    const loss = lossFn.call(net.y, logits);
    const vars = net.model.trainableWeights;
    opt.applyGradients(tape.gradient(loss, vars) as tf.Tensor[], vars);
    if (step % 50 === 0) last = (await loss.data())[0];
    if (step % CHECK === 0) {
      const m = tf.memory();
      marks.push({ step, tensors: m.numTensors, bytes: m.numBytes, pages: m.wasmPages });
    }
  }
  const secs = (performance.now() - t0) / 1000;
  const warm = marks.filter((m) => m.step <= WARMUP), rest = marks.filter((m) => m.step > WARMUP);
  const max = (ms: typeof marks, k: 'bytes' | 'pages' | 'tensors') => Math.max(...ms.map((m) => m[k]));
  const growthBytes = max(rest, 'bytes') - max(warm, 'bytes');
  const growthPages = max(rest, 'pages') - max(warm, 'pages');
  const ok = growthBytes < 1 << 20 && growthPages * 65536 < 1 << 20;
  console.log(`${net.name}: ${STEPS} steps in ${secs.toFixed(0)} s, final loss ${last.toFixed(4)}`);
  console.log(`  live tensors at every ${CHECK} steps: ${marks.map((m) => m.tensors).join(' ')}`);
  console.log(`  live MB: ${marks.map((m) => (m.bytes / 2 ** 20).toFixed(1)).join(' ')}`);
  console.log(`  wasm MB: ${marks.map((m) => (m.pages / 16).toFixed(0)).join(' ')}`);
  console.log(`  after warm-up (${WARMUP} steps): live bytes grew ${(growthBytes / 2 ** 20).toFixed(2)} MB, wasm memory ${(growthPages / 16).toFixed(2)} MB: ${ok ? 'flat' : 'GROWING'}`);
  return ok;
}

await tf.ready();
tf.setSeed(0);
const results = [await soak(mlp()), await soak(cnn())];
process.exit(results.every(Boolean) ? 0 : 1);
