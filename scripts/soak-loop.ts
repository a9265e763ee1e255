// The soak loops (npm run soak), shared by the Node run and the page Chromium runs: the seeds' MLP and
// CNN training loops written as tutorials write them (a tape, the layers, a loss, applyGradients; the
// loss read with `await loss.data()` every 50 steps), with no tidy and no dispose.
import type * as TF from '../src/index.js';

export interface SoakResult {
  name: string; steps: number; seconds: number; loss: number;
  /** At each checkpoint: live tensors and MB as the loop left them, then after a garbage collection. */
  tensors: number[]; liveMB: number[]; settledTensors: number[]; settledMB: number[]; wasmMB: number[];
  /**
   * Growth after the warm-up (largest checkpoint after it minus largest up to it): live bytes after a
   * collection and the JS heap after a collection (either is a leak), and wasm memory.
   */
  growth: { liveBytes: number; wasmBytes: number; heapBytes: number };
  /** No leak (live bytes and heap each grew < 1 MB) and wasm memory within 1.5× its warm-up size. */
  flat: boolean;
}

export const WARMUP = 1000, CHECK = 500, LIMIT = 1 << 20;

/** Runs both loops; `heap()` collects garbage and returns the JS heap's used bytes. */
export async function soakAll(tf: typeof TF, steps: number, heap: () => Promise<number>): Promise<SoakResult[]> {
  await tf.ready();
  tf.setSeed(0);
  const mlp = tf.sequential({ layers: [
    tf.layers.dense({ units: 200, activation: 'relu', inputShape: [784] }),
    tf.layers.dense({ units: 200, activation: 'relu' }),
    tf.layers.dense({ units: 10 }),
  ] });
  const cnn = tf.sequential({ layers: [
    tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 10 }),
  ] });
  return [
    await soak(tf, 'MLP 784-200-200-10, batch 64', mlp, tf.randomUniform([64, 784], 0, 1, 'float32', 1), tf.randomUniform([64], 0, 10, 'int32', 2), steps, heap),
    await soak(tf, 'CNN conv32-pool-conv64-pool-dense, batch 8', cnn, tf.randomUniform([8, 28, 28, 1], 0, 1, 'float32', 3), tf.randomUniform([8], 0, 10, 'int32', 4), steps, heap),
  ];
}

async function soak(tf: typeof TF, name: string, model: TF.LayersModel, x: TF.Tensor, y: TF.Tensor, steps: number,
                    heap: () => Promise<number>): Promise<SoakResult> {
  const opt = tf.train.adam(1e-3);
  const lossFn = new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true });
  const marks: { step: number; tensors: number; bytes: number; pages: number; settled: number; settledBytes: number; heap: number }[] = [];
  let loss = NaN;
  const t0 = performance.now();
  for (let step = 1; step <= steps; step++) {
    const tape = new tf.GradientTape();
    const logits = model.apply(x) as TF.Tensor;
    const l = lossFn.call(y, logits);
    const vars = model.trainableWeights;
    opt.applyGradients(tape.gradient(l, vars) as TF.Tensor[], vars);
    if (step % 50 === 0) loss = (await l.data())[0];
    if (step % CHECK === 0) {
      const m = tf.memory();
      const h = await heap();
      const s = tf.memory();
      marks.push({ step, tensors: m.numTensors, bytes: m.numBytes, pages: m.wasmPages, settled: s.numTensors, settledBytes: s.numBytes, heap: h });
    }
  }
  const warm = marks.filter((m) => m.step <= WARMUP), rest = marks.filter((m) => m.step > WARMUP);
  const max = (ms: typeof marks, k: 'settledBytes' | 'pages' | 'heap') => Math.max(...ms.map((m) => m[k]));
  const growth = {
    liveBytes: max(rest, 'settledBytes') - max(warm, 'settledBytes'),
    wasmBytes: (max(rest, 'pages') - max(warm, 'pages')) * 65536,
    heapBytes: max(rest, 'heap') - max(warm, 'heap'),
  };
  return {
    name, steps, seconds: (performance.now() - t0) / 1000, loss,
    tensors: marks.map((m) => m.tensors), liveMB: marks.map((m) => m.bytes / 2 ** 20),
    settledTensors: marks.map((m) => m.settled), settledMB: marks.map((m) => m.settledBytes / 2 ** 20), wasmMB: marks.map((m) => m.pages / 16),
    // Dropped tensors come back when the garbage collector has run, so the wasm memory a loop needs is its
    // peak between collections: it may rise once or twice after the warm-up, but it must not keep growing.
    growth, flat: growth.liveBytes < LIMIT && growth.heapBytes < LIMIT && max(rest, 'pages') <= 1.5 * max(warm, 'pages'),
  };
}
