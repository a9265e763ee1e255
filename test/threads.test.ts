// Threads (issue 18): results are the same bits at 1, 2 and 3 threads and the same as the default (unthreaded)
// build's. Each case's output bytes are hashed (SHA-256) first on the default build (test/setup.ts opts this file
// out of threads before tf.ready()), then at 2, 3 and again 1 thread (the engine is then on the threaded build and
// its shared memory). The cases: matMul in its three transpose forms (and Aᵀ·Bᵀ) at shapes that split on rows, on
// columns, unevenly and not at all (below the threshold), batched matMul, conv2d forward and both backward passes
// (im2col + GEMM, the direct kernels split on output rows or filter tiles, Winograd — forward and input gradient — on blocks of tiles, its filter gradient on transform positions), pooling forward and backward, the
// elementwise, reduction and softmax kernels and every optimizer update, a full MLP training run (model.fit) and a
// small CNN training run (GradientTape + Adam). Runs in Node and in Chromium, whose test page is cross-origin
// isolated (vitest.config.ts); where it is not, threads must be reported off with the reason.
import { describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { setTakeover, sleepingWorkers, splitCounts, warmableWorkers } from '../src/backend/pool.js';
import { H } from '../src/backend/wasm.js';
import { linearAct } from '../src/ops/infer.js';
import { packB, packedBFloats } from '../src/ops/matmul.js';

const rnd = (n: number, seed: number) => {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1);
};

async function digest(t: tf.Tensor | tf.Tensor[]): Promise<string> {
  const parts = (Array.isArray(t) ? t : [t]).map((x) => new Uint8Array((x.dataSync() as Float32Array).slice().buffer));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { all.set(p, o); o += p.length; }
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return Array.from(h.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

// [M, N, K]: rows split evenly; unevenly (M not a multiple of 4·threads); few rows, many columns (column split);
// a 1024 product; and one below the threshold (stays on the calling thread)
const GEMM_SHAPES: [number, number, number][] = [[256, 256, 256], [301, 129, 257], [9, 520, 700], [6, 1000, 300], [1024, 1024, 64], [20, 30, 40]];

function gemmCases(): [string, () => tf.Tensor][] {
  const out: [string, () => tf.Tensor][] = [];
  GEMM_SHAPES.forEach(([m, n, k], i) => {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      out.push([`matMul ${m}×${n}×${k}${ta ? ' Aᵀ' : ''}${tb ? ' Bᵀ' : ''}`, () => tf.tidy(() => {
        const a = tf.tensor(rnd(m * k, 10 + i), ta ? [k, m] : [m, k]), b = tf.tensor(rnd(k * n, 20 + i), tb ? [n, k] : [k, n]);
        return tf.matMul(a, b, ta, tb);
      })]);
    }
  });
  out.push(['batched matMul [3,2,130,70]·[2,70,90]', () => tf.tidy(() =>
    tf.matMul(tf.tensor(rnd(3 * 2 * 130 * 70, 5), [3, 2, 130, 70]), tf.tensor(rnd(2 * 70 * 90, 6), [2, 70, 90])))]);
  // many small products (attention's heads: split on whole products), broadcast, and fewer products than threads
  // (each product split on its own rows, as a single one)
  out.push(['batched matMul [64,4,16,16]·[64,4,16,16]ᵀ', () => tf.tidy(() =>
    tf.matMul(tf.tensor(rnd(64 * 4 * 256, 7), [64, 4, 16, 16]), tf.tensor(rnd(64 * 4 * 256, 8), [64, 4, 16, 16]), false, true))]);
  out.push(['batched matMul [8,1,40,50]ᵀ·[6,50,30]', () => tf.tidy(() =>
    tf.matMul(tf.tensor(rnd(8 * 40 * 50, 9), [8, 1, 50, 40]), tf.tensor(rnd(6 * 50 * 30, 10), [6, 50, 30]), true, false))]);
  out.push(['batched matMul [2,300,200]·[2,200,150]', () => tf.tidy(() =>
    tf.matMul(tf.tensor(rnd(2 * 300 * 200, 11), [2, 300, 200]), tf.tensor(rnd(2 * 200 * 150, 12), [2, 200, 150])))]);
  // inference's Dense: B pre-packed (as models/infer.ts caches it) and bias + activation fused into the GEMM,
  // split on rows, on columns (the bias offset with them) and M ≤ 4
  ([[301, 129, 257, 'relu'], [6, 1000, 300, 'relu6'], [4, 520, 700, 'relu']] as const).forEach(([m, n, k, act], i) => {
    out.push([`dense inference ${m}×${n}×${k}: packed B, bias + ${act}`, () => tf.tidy(() => {
      const x = tf.tensor(rnd(m * k, 60 + i), [m, k]), w = tf.tensor(rnd(k * n, 70 + i), [k, n]), b = tf.tensor(rnd(n, 80 + i));
      const bytes = packedBFloats(k, n) * 4, pb = H().alloc(bytes);
      try {
        packB(k, n, w.ptr, n, 1, pb);
        return linearAct(x, w, b, null, null, act, pb);
      } finally { H().free(pb, bytes); }
    })]);
  });
  return out;
}

function convCases(): [string, () => tf.Tensor[]][] {
  const geoms: [string, number[], number[], number | [number, number], 'same' | 'valid'][] = [
    ['3×3 same', [4, 20, 20, 8], [3, 3, 8, 32], 1, 'same'],
    ['5×5 stride 2 valid', [3, 31, 29, 5], [5, 5, 5, 24], 2, 'valid'],
    ['1×1', [2, 16, 16, 64], [1, 1, 64, 48], 1, 'same'],
    // the direct kernel (small KH·KW·C), split on output rows: batch 8, and batch 1 (rows of one image)
    ['5×5 inC 1 same (direct)', [8, 28, 28, 1], [5, 5, 1, 32], 1, 'same'],
    ['3×3 inC 3 stride 2 same, batch 1 (direct)', [1, 95, 87, 3], [3, 3, 3, 20], 2, 'same'],
    // Winograd F(2×2, 3×3), split on parts of whole blocks of tiles (odd output sizes: half tiles)
    ['3×3 inC 32 same (winograd)', [5, 17, 19, 32], [3, 3, 32, 40], 1, 'same'],
    // and the input gradient by Winograd (dy [6,12,12,64] → dx [6,14,14,32]): 'valid' pads dy by 2
    ['3×3 inC 32 valid (winograd y and dx)', [6, 14, 14, 32], [3, 3, 32, 64], 1, 'valid'],
  ];
  return geoms.map(([name, xs, ws, s, pad], i) => [`conv2d ${name}: y, dx, dw`, () => tf.tidy(() => {
    const x = tf.tensor(rnd(xs.reduce((p, q) => p * q), 30 + i), xs), w = tf.tensor(rnd(ws.reduce((p, q) => p * q), 40 + i), ws);
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, s, pad);
    const y = f(x, w);
    const [dx, dw] = tf.grads(f)([x, w], tf.tensor(rnd(y.size, 50 + i), y.shape));
    return [y, dx, dw];
  })]);
}

/** Pooling (split on images above 1 MiB): maxPool and avgPool, forward and backward. */
function poolCases(): [string, () => tf.Tensor[]][] {
  return ([['maxPool', tf.maxPool], ['avgPool', tf.avgPool]] as const).map(([name, pool], i) => [`${name} [9,40,40,24] 3×3 stride 2 same: y, dx`, () => tf.tidy(() => {
    const x = tf.tensor(rnd(9 * 40 * 40 * 24, 60 + i), [9, 40, 40, 24]);
    const f = (a: tf.Tensor) => pool(a as tf.Tensor4D, 3, 2, 'same');
    const y = f(x);
    const [dx] = tf.grads(f)([x], tf.tensor(rnd(y.size, 70 + i), y.shape));
    return [y, dx];
  })]);
}

/**
 * Elementwise, reduction and softmax kernels split on output elements (above SPLIT_MIN_BYTES): sizes that are not
 * multiples of the 64-element ranges, the broadcast-row fast path (rows of a multiple of 4) and the general walk
 * (rows of 257), a scalar operand, reductions split on rows, on groups of columns and on outer blocks.
 */
function elementCases(): [string, () => tf.Tensor[]][] {
  const t = (shape: number[], seed: number) => tf.tensor(rnd(shape.reduce((p, q) => p * q, 1), seed), shape);
  return [
    ['unary exp, sqrt, relu, sigmoid [300001]', () => tf.tidy(() => { const x = t([300001], 80); return [tf.exp(x), tf.sqrt(tf.abs(x)), tf.relu(x), tf.sigmoid(x)]; })],
    ['activations leakyRelu, gelu, elu [512, 333]', () => tf.tidy(() => { const x = t([512, 333], 81); return [tf.leakyRelu(x, 0.1), tf.elu(x), tf.layers.activation({ activation: 'gelu' }).apply(x) as tf.Tensor]; })],
    ['binary same shape add, div, pow, atan2 [400001]', () => tf.tidy(() => {
      const a = t([400001], 82), b = t([400001], 83);
      return [tf.add(a, b), tf.div(a, b), tf.pow(tf.abs(a), b), tf.atan2(a, b)];
    })],
    ['binary broadcast rows [4500,256] + [256], [4100,257] · [257], [600001] · scalar, [1200,1,300] - [1,7,300]', () => tf.tidy(() => [
      tf.add(t([4500, 256], 84), t([256], 85)), tf.mul(t([4100, 257], 86), t([257], 87)), tf.mul(t([600001], 88), 1.7),
      tf.sub(t([1200, 1, 300], 89), t([1, 7, 300], 90))])],
    ['reduce sum rows [4000,300], sum cols [12000,101], max [90,500,30], mean all [300001]', () => tf.tidy(() => [
      tf.sum(t([4000, 300], 91), 1), tf.sum(t([12000, 101], 92), 0), tf.max(t([90, 500, 30], 93), 1), tf.mean(t([300001], 94))])],
    ['softmax, logSoftmax [12000,100] and their gradients', () => tf.tidy(() => {
      const x = t([12000, 100], 95), dy = t([12000, 100], 96);
      const [g1] = tf.grads((a: tf.Tensor) => tf.softmax(a))([x], dy);
      const [g2] = tf.grads((a: tf.Tensor) => tf.logSoftmax(a))([x], dy);
      return [tf.softmax(x), tf.logSoftmax(x), g1, g2];
    })],
  ];
}

/** Every optimizer's fused update on a variable of 600003 elements (split on element ranges), 3 steps each. */
function optimizerCases(): [string, () => tf.Tensor[]][] {
  const make: [string, () => tf.Optimizer][] = [
    ['sgd', () => tf.train.sgd(0.1)], ['momentum (nesterov)', () => tf.train.momentum(0.1, 0.9, true)],
    ['SGD momentum', () => new tf.optimizers.SGD({ learningRate: 0.05, momentum: 0.8, weightDecay: 0.01 })],
    ['adam', () => tf.train.adam(0.01)], ['Adam amsgrad clipnorm', () => new tf.optimizers.Adam({ learningRate: 0.01, amsgrad: true, clipnorm: 1 })],
    ['adamax', () => tf.train.adamax(0.01)], ['rmsprop centered momentum', () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7, true)],
    ['adagrad', () => tf.train.adagrad(0.1)], ['adadelta', () => tf.train.adadelta(1)],
  ];
  return make.map(([name, f], i) => [`optimizer ${name} [600003]`, () => {
    const v = tf.variable(tf.tensor(rnd(600003, 100 + i), [600003]));
    const opt = f();
    for (let s = 0; s < 3; s++) {
      tf.tidy(() => {
        const g = tf.tensor(rnd(600003, 110 + i + s), [600003]);
        opt.applyGradients([{ name: v.name, tensor: g }]);
      });
    }
    const out = [v.clone()];
    v.dispose();
    opt.dispose();
    return out;
  }]);
}

/** A 784-128-64-10 MLP trained 3 epochs with fit (Adam, batch 64): its final weights and the losses. */
async function mlpRun(): Promise<tf.Tensor[]> {
  tf.setSeed(7);
  const model = tf.sequential({ layers: [
    tf.layers.dense({ units: 128, activation: 'relu', inputShape: [784] }),
    tf.layers.dense({ units: 64, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  const x = tf.tensor(rnd(256 * 784, 3), [256, 784]), y = tf.tensor(Int32Array.from({ length: 256 }, (_, i) => (i * 7) % 10), [256], 'int32');
  const h = await model.fit(x, y, { epochs: 3, batchSize: 64, shuffle: false, verbose: 0 });
  const out = [...model.getWeights().map((w) => w.clone()), tf.tensor(h.history.loss as number[])];
  tf.dispose([x, y]);
  model.dispose();
  return out;
}

/** A small CNN (conv 3×3·16 → pool → conv 3×3·32 → dense 10) trained 4 steps with a tape and Adam. */
function cnnRun(): tf.Tensor[] {
  const x = tf.tensor(rnd(16 * 28 * 28, 4), [16, 28, 28, 1]);
  const labels = tf.oneHot(tf.tensor(Int32Array.from({ length: 16 }, (_, i) => i % 10), [16], 'int32'), 10, 1, 0, 'float32');
  const vars = [tf.variable(tf.mul(tf.tensor(rnd(9 * 16, 5), [3, 3, 1, 16]), 0.3)), tf.variable(tf.zeros([16])),
    tf.variable(tf.mul(tf.tensor(rnd(9 * 16 * 32, 6), [3, 3, 16, 32]), 0.1)), tf.variable(tf.zeros([32])),
    tf.variable(tf.mul(tf.tensor(rnd(11 * 11 * 32 * 10, 7), [11 * 11 * 32, 10]), 0.03)), tf.variable(tf.zeros([10]))];
  const opt = tf.train.adam(1e-3);
  const losses: number[] = [];
  for (let step = 0; step < 4; step++) {
    tf.tidy(() => {
      const tape = new tf.GradientTape();
      let h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, vars[0] as tf.Tensor4D, 1, 'valid'), vars[1])), 2, 2, 'valid');
      h = tf.relu(tf.add(tf.conv2d(h, vars[2] as tf.Tensor4D, 1, 'valid'), vars[3]));
      const logits = tf.add(tf.matMul(tf.reshape(h, [16, -1]), vars[4]), vars[5]);
      const loss = tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), -1)));
      const grads = tape.gradient(loss, vars) as tf.Tensor[];
      opt.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] })));
      losses.push(loss.dataSync()[0]);
    });
  }
  const out = [...vars.map((v) => v.clone()), tf.tensor(losses)];
  tf.dispose([x, labels, ...vars]);
  opt.dispose();
  return out;
}

/** Every case's digest, in order. */
async function digests(): Promise<string[]> {
  const out: string[] = [];
  for (const [, f] of gemmCases()) { const t = f(); out.push(await digest(t)); t.dispose(); }
  for (const [, f] of [...convCases(), ...poolCases(), ...elementCases(), ...optimizerCases()]) { const t = f(); out.push(await digest(t)); tf.dispose(t); }
  { const t = await mlpRun(); out.push(await digest(t)); tf.dispose(t); }
  { const t = cnnRun(); out.push(await digest(t)); tf.dispose(t); }
  return out;
}
const NAMES = [...gemmCases(), ...convCases(), ...poolCases(), ...elementCases(), ...optimizerCases()].map(([n]) => n).concat('MLP fit', 'CNN training');
/** The kernels split on element ranges, rows or columns: each must be split at least once per round at n > 1. */
const SPLIT_KERNELS = ['f32_unary__wasmsimd', 'f32_binary__wasmsimd', 'f32_act__wasmsimd', 'f32_reduce__wasmsimd', 'f32_reduce_cols__wasmsimd',
  'f32_sgd__wasmsimd', 'f32_momentum__wasmsimd', 'f32_adam__wasmsimd', 'f32_adamax__wasmsimd', 'f32_rmsprop__wasmsimd',
  'f32_adagrad__wasmsimd', 'f32_adadelta__wasmsimd', 'f32_conv2d_direct', 'f32_conv2d_direct_filter', 'f32_conv2d_winograd',
  'f32_conv2d_winograd_filter', 'f32_gemm_batched'];
const kernelCounts = () => SPLIT_KERNELS.map((k) => splitCounts.kernels[k] ?? 0);

const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;

describe('threads', () => {
  it('are off after tf.setThreads(1) before tf.ready() (test/setup.ts), and say so', () => {
    expect(tf.getThreads()).toBe(1);
    expect(tf.env().threads).toBe(1);
    expect(tf.env().threadsUnavailableReason).toBe('tf.setThreads(1) was called');
  });

  it('refuse bad thread counts by name', async () => {
    for (const bad of [0, 1.5, -2, NaN, Infinity, 65, 'x', null, '2']) {
      await expect(tf.setThreads(bad as number)).rejects.toThrow(/^setThreads: argument 'n' must be an integer from 1 to 64/);
    }
    expect(tf.getThreads()).toBe(1);
  });

  it.runIf(isolated)('give the same bits at 1, 2 and 3 threads as the default build, tensors made before the switch included', async () => {
    const before = tf.tensor(rnd(300 * 200, 99), [300, 200]); // lives on through the switch to shared memory
    const reference = await digests(); // the default build, no threads
    // the calling thread runs the parts its workers are late to claim ('auto'); 'always' makes it run every part
    // (the workers skip them), 'never' makes it wait for every worker: same bits either way
    for (const [n, takeover] of [[2, 'auto'], [3, 'auto'], [1, 'auto'], [2, 'always'], [3, 'never']] as const) {
      expect(await tf.setThreads(n)).toBe(n);
      setTakeover(takeover);
      const taken = splitCounts.taken;
      expect(tf.getThreads()).toBe(n);
      expect(tf.env().threadsUnavailableReason).toBe(n === 1 ? 'tf.setThreads(1) was called' : null);
      const splits = splitCounts.gemm, imageSplits = splitCounts.images, kernels = kernelCounts();
      const got = await digests();
      const kernelSplits = kernelCounts().map((c, i) => `${SPLIT_KERNELS[i]}: ${c - kernels[i] > 0 ? 'split' : 'not split'}`);
      if (n > 1) {
        expect(splitCounts.gemm - splits).toBeGreaterThan(40);
        expect(splitCounts.images - imageSplits).toBeGreaterThanOrEqual(6); // maxPool, avgPool (×2 each), im2col, col2im
        expect(kernelSplits).toEqual(SPLIT_KERNELS.map((k) => `${k}: split`));
      } else {
        expect(splitCounts.gemm).toBe(splits);
        expect(splitCounts.images).toBe(imageSplits);
        expect(kernelSplits).toEqual(SPLIT_KERNELS.map((k) => `${k}: not split`));
      }
      if (takeover === 'always') expect(splitCounts.taken - taken).toBeGreaterThan(100);
      if (takeover === 'never' || n === 1) expect(splitCounts.taken).toBe(taken);
      setTakeover();
      expect(got.map((d, i) => `${NAMES[i]}: ${d}`)).toEqual(reference.map((d, i) => `${NAMES[i]}: ${d}`));
    }
    expect(Array.from(before.dataSync().slice(0, 3))).toEqual(Array.from(rnd(3, 99)));
    before.dispose();
    await tf.setThreads(1);
    expect(tf.getThreads()).toBe(1);
  }, 300_000);

  it.runIf(isolated)('workers see memory the main thread grows after they started', async () => {
    expect(await tf.setThreads(2)).toBe(2);
    const pages = tf.memory().wasmPages;
    // as large as the whole memory now, so the memory must grow (earlier tests may have left free space)
    const kept: tf.Tensor[] = [tf.zeros([pages * 16384])];
    for (let i = 0; i < 3; i++) {
      const big = tf.fill([1024, 1024], i + 1); // 4 MiB each, at ever higher addresses
      kept.push(big);
      const y = tf.matMul(big, tf.ones([1024, 40]));
      const p = tf.avgPool(tf.reshape(big, [4, 256, 256, 4]) as tf.Tensor4D, 2, 2, 'valid');
      expect([y.dataSync()[y.size - 1], p.dataSync()[p.size - 1]]).toEqual([1024 * (i + 1), i + 1]);
      tf.dispose([y, p]);
    }
    // an elementwise op on it: its output cannot fit in the old memory, and its last part is a worker's
    const f = tf.add(kept[0], 1);
    expect([f.dataSync()[0], f.dataSync()[f.size - 1]]).toEqual([1, 1]);
    f.dispose();
    expect(tf.memory().wasmPages).toBeGreaterThan(pages);
    tf.dispose(kept);
    await tf.setThreads(1);
  }, 60_000);

  it.runIf(isolated)('spin only briefly after a job, then sleep (an idle process burns no CPU)', async () => {
    expect(await tf.setThreads(3)).toBe(3);
    const x = tf.ones([512, 512]);
    for (let round = 0; round < 3; round++) {
      tf.matMul(x, x).dispose(); // split: both workers ran a part (or the caller took it over)
      // the workers spin ~0.1 ms after a job; wait until both sleep (a bound of 10 s: only an unbounded spin fails)
      const t0 = Date.now();
      while (sleepingWorkers() < 2 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 5));
      expect(sleepingWorkers()).toBe(2);
    }
    x.dispose();
    await tf.setThreads(1);
    expect(sleepingWorkers()).toBe(0);
  }, 60_000);

  it.runIf(isolated)('a training step wakes sleeping workers ahead of its splits, only after splits, and they sleep again', async () => {
    expect(await tf.setThreads(3)).toBe(3);
    const x = tf.ones([512, 512]);
    const asleep = async () => {
      const t0 = Date.now();
      while (sleepingWorkers() < 2 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 5));
      expect(sleepingWorkers()).toBe(2);
    };
    // a step begins: the sleeping workers are woken to spin, except one whose spin is 0 (it was descheduled:
    // this machine is busy), so retry until at least one could be woken
    let warmable = 0, w0 = 0;
    for (let i = 0; i < 20 && warmable === 0; i++) {
      tf.matMul(x, x).dispose(); // a split
      await asleep();
      warmable = warmableWorkers();
      w0 = splitCounts.warmed;
      new tf.GradientTape().dispose();
      expect(splitCounts.warmed - w0).toBe(warmable);
    }
    expect(warmable).toBeGreaterThan(0);
    await asleep(); // and they go back to sleep by themselves
    new tf.GradientTape().dispose(); // no split since the last warm: nobody is woken
    expect(splitCounts.warmed - w0).toBe(warmable);
    expect(sleepingWorkers()).toBe(2);
    // a warmed worker still takes its jobs: the same bits as one thread
    tf.matMul(x, x).dispose();
    await asleep();
    new tf.GradientTape().dispose();
    const x2 = tf.add(x, 0.5);
    const two = tf.tidy(() => tf.matMul(x2, x).dataSync().slice());
    await tf.setThreads(1);
    const one = tf.tidy(() => tf.matMul(x2, x).dataSync().slice());
    expect(new Uint32Array(one.buffer)).toEqual(new Uint32Array(two.buffer));
    tf.dispose([x, x2]);
  }, 60_000);

  it.runIf(!isolated)('are reported unavailable, with the reason, where the page is not cross-origin isolated', async () => {
    expect(await tf.setThreads(2)).toBe(1);
    expect(tf.getThreads()).toBe(1);
    expect(tf.env().threadsUnavailableReason).toMatch(/cross-origin isolated/);
  });
});
