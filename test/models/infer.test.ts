// Lean inference (src/models/infer.ts): model.predict / execute run Dense/Conv2D/DepthwiseConv2D with the bias and
// activation in one op, and fold a following BatchNormalization (+ Activation) into the kernel and bias. Checked
// against the layers' own path (`lean.enabled = false`): equal within float rounding with BatchNorm folded,
// bit-identical without; the folded weights follow every write to their Variables; tapes and training keep the
// layers' path; no tensor is left behind; the same bits in Node and Chromium (digest).
import { afterEach, describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';
import { lean } from '../../src/models/infer.js';
import { convPaths } from '../../src/ops/conv.js';

const L = tf.layers;

/** Deterministic weights: every weight from a seeded uniform; BatchNorm variances positive. */
function seedWeights(m: tf.LayersModel, seed = 1): void {
  tf.tidy(() => seedAll(m, seed));
}
function seedAll(m: tf.LayersModel, seed: number): void {
  for (const l of m.layers) {
    l.setWeights(l.weights.map((w, i) => {
      const s = seed++;
      if (w.name.endsWith('moving_variance')) return tf.randomUniform(w.shape, 0.5, 2, 'float32', s);
      if (w.name.endsWith('gamma')) return tf.randomUniform(w.shape, 0.5, 1.5, 'float32', s);
      return tf.randomUniform(w.shape, -0.5, 0.5, 'float32', s + 100 * i);
    }));
  }
}

/** predict with lean inference off (the layers' own ops) and on. */
function both(m: tf.LayersModel, x: tf.Tensor | tf.Tensor[]): [tf.Tensor[], tf.Tensor[]] {
  lean.enabled = false;
  const off = ([] as tf.Tensor[]).concat(m.predict(x) as tf.Tensor | tf.Tensor[]);
  lean.enabled = true;
  const on = ([] as tf.Tensor[]).concat(m.predict(x) as tf.Tensor | tf.Tensor[]);
  return [off, on];
}

/** Every input's lean predict has the layers' bits, and nothing is packed (or transformed) again on the way. */
function expectCachedBits(m: tf.LayersModel, xs: tf.Tensor[]): void {
  const n0 = tf.memory().numDataBuffers;
  for (const x of xs) {
    const [off, on] = both(m, x);
    expect(bitsEqual(on[0], off[0])).toBe(true);
    tf.dispose([...off, ...on]);
  }
  expect(tf.memory().numDataBuffers).toBe(n0); // the cached kernels are reused
}

/** Writes layer 0's kernel (assign) and layer 2's (an optimizer step): predict(x) changes, and checkAll still holds. */
function expectRecached(m: tf.LayersModel, x: tf.Tensor, checkAll: () => void): void {
  const k0 = m.layers[0].weights[0] as tf.Variable, k2 = m.layers[2].weights[0] as tf.Variable;
  const prev = m.predict(x) as tf.Tensor;
  tf.tidy(() => { k0.assign(tf.mul(k0, -0.5)); });
  tf.tidy(() => tf.train.sgd(0.1).applyGradients([[tf.onesLike(k2), k2]]));
  const y = m.predict(x) as tf.Tensor;
  expect(bitsEqual(y, prev)).toBe(false);
  checkAll();
  tf.dispose([prev, y]);
}

function maxRelDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  const p = a.dataSync(), q = b.dataSync();
  let d = 0;
  for (let i = 0; i < p.length; i++) d = Math.max(d, Math.abs(p[i] - q[i]) / (1 + Math.abs(q[i])));
  return d;
}
const bitsEqual = (a: tf.Tensor, b: tf.Tensor) => {
  const p = new Uint32Array(new Float32Array(a.dataSync()).buffer), q = new Uint32Array(new Float32Array(b.dataSync()).buffer);
  return p.length === q.length && p.every((v, i) => v === q[i]);
};

afterEach(() => { lean.enabled = true; });

const lenet = () => tf.sequential({ layers: [
  L.conv2d({ filters: 6, kernelSize: 5, padding: 'same', inputShape: [16, 16, 1], useBias: false }), L.batchNormalization(), L.activation({ activation: 'relu' }),
  L.maxPooling2d({ poolSize: 2 }),
  L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2 }), L.batchNormalization({ epsilon: 0.01 }), L.activation({ activation: 'relu6' }),
  L.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' }), L.batchNormalization({ scale: false, center: false }),
  L.flatten(),
  L.dense({ units: 12 }), L.batchNormalization(), L.activation({ activation: 'tanh' }),
  L.dense({ units: 10, activation: 'relu' }), L.dense({ units: 4, activation: 'softmax' })] });

/** Counts linearAct calls (the lean op) while f runs, through the layers' op names in errors: by spying on the plan. */
describe('lean inference: values', () => {
  it('a LeNet with BatchNorm (Conv2D, DepthwiseConv2D, Dense; BN with and without scale/center) equals the layers path', () => {
    const m = lenet();
    seedWeights(m);
    const x = tf.randomNormal([3, 16, 16, 1], 0, 1, 'float32', 7);
    const [off, on] = both(m, x);
    const d = maxRelDiff(on[0], off[0]);
    expect(d).toBeLessThan(1e-5);
    // folding really happened: the values are not bit-identical (a fold that silently fell back would be)
    expect(bitsEqual(on[0], off[0])).toBe(false);
    tf.dispose([...off, ...on, x]);
    m.dispose();
  });

  it('without BatchNorm (bias and activation in place) the result is bit-identical to the layers', () => {
    const m = tf.sequential({ layers: [
      L.conv2d({ filters: 5, kernelSize: 3, inputShape: [9, 9, 3], activation: 'relu' }),
      L.depthwiseConv2d({ kernelSize: 2, activation: 'sigmoid' }),
      L.conv2d({ filters: 3, kernelSize: 1, activation: 'elu' }),
      L.separableConv2d({ filters: 4, kernelSize: 2, depthMultiplier: 2, padding: 'same', activation: 'relu' }), L.flatten(),
      L.dense({ units: 7, activation: 'relu6' }), L.dense({ units: 6, activation: 'tanh' }), L.dense({ units: 5, useBias: false })] });
    seedWeights(m, 3);
    const x = tf.randomNormal([2, 9, 9, 3], 0, 2, 'float32', 8);
    const [off, on] = both(m, x);
    expect(bitsEqual(on[0], off[0])).toBe(true);
    tf.dispose([...off, ...on, x]);
    m.dispose();
  });

  it('a functional model: folds where the output feeds only the BatchNorm, not where it branches or is an output', () => {
    const inp = tf.input({ shape: [8, 8, 2] });
    const c1 = L.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(inp) as tf.SymbolicTensor;
    const b1 = L.batchNormalization().apply(c1) as tf.SymbolicTensor;
    const r1 = L.activation({ activation: 'relu' }).apply(b1) as tf.SymbolicTensor;
    // c2 feeds two layers: no fold (its BN runs as a layer)
    const c2 = L.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(r1) as tf.SymbolicTensor;
    const b2 = L.batchNormalization().apply(c2) as tf.SymbolicTensor;
    const sum = L.add().apply([b2, c2]) as tf.SymbolicTensor;
    const f = L.flatten().apply(sum) as tf.SymbolicTensor;
    const d1 = L.dense({ units: 6 }).apply(f) as tf.SymbolicTensor;
    const b3 = L.batchNormalization().apply(d1) as tf.SymbolicTensor; // an output and the input of the next layer
    const out2 = L.dense({ units: 3, activation: 'sigmoid' }).apply(b3) as tf.SymbolicTensor;
    const m = tf.model({ inputs: inp, outputs: [b3, out2] });
    seedWeights(m, 5);
    const x = tf.randomNormal([2, 8, 8, 2], 0, 1, 'float32', 9);
    const [off, on] = both(m, x);
    for (let i = 0; i < 2; i++) expect(maxRelDiff(on[i], off[i])).toBeLessThan(1e-5);
    tf.dispose([...off, ...on, x]);
    m.dispose();
  });

  it('BatchNorm after a nonlinear activation, on another axis, or channelsFirst convolutions are not folded (and still right)', () => {
    const m = tf.sequential({ layers: [
      L.conv2d({ filters: 4, kernelSize: 3, inputShape: [3, 7, 7], dataFormat: 'channelsFirst' }), L.batchNormalization({ axis: 1 }),
      L.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', dataFormat: 'channelsFirst' }), L.batchNormalization({ axis: 1 }),
      L.flatten(), L.dense({ units: 5, activation: 'gelu' }), L.batchNormalization()] });
    seedWeights(m, 9);
    const x = tf.randomNormal([2, 3, 7, 7], 0, 1, 'float32', 10);
    const [off, on] = both(m, x);
    expect(bitsEqual(on[0], off[0])).toBe(true);
    tf.dispose([...off, ...on, x]);
    m.dispose();
  });

  it('SeparableConv2D + BatchNorm + Activation folds into the pointwise kernel', () => {
    const m = tf.sequential({ layers: [
      L.separableConv2d({ filters: 5, kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', inputShape: [9, 9, 3] }),
      L.batchNormalization(), L.activation({ activation: 'relu' }),
      L.separableConv2d({ filters: 4, kernelSize: 2, dilationRate: 2, useBias: false }), L.batchNormalization()] });
    seedWeights(m, 14);
    const x = tf.randomNormal([2, 9, 9, 3], 0, 1, 'float32', 20);
    const [off, on] = both(m, x);
    expect(maxRelDiff(on[0], off[0])).toBeLessThan(1e-5);
    expect(bitsEqual(on[0], off[0])).toBe(false);
    tf.dispose([...off, ...on, x]);
    m.dispose();
  });

  it('a BatchNormalization on its own (first, after pooling, after an add; with an Activation) is bit-identical to the layers', () => {
    const seq = tf.sequential({ layers: [L.batchNormalization({ inputShape: [6, 6, 3] }), L.maxPooling2d({ poolSize: 2 }),
      L.batchNormalization({ epsilon: 0.1 }), L.activation({ activation: 'relu6' }), L.flatten(), L.batchNormalization({ center: false })] });
    seedWeights(seq, 12);
    const x = tf.randomNormal([3, 6, 6, 3], 0, 2, 'float32', 17);
    const nb = tf.memory().numDataBuffers;
    tf.dispose(seq.predict(x));
    expect(tf.memory().numDataBuffers - nb).toBe(6); // the lean path ran: a cached scale and shift per BatchNorm
    const [off, on] = both(seq, x);
    expect(bitsEqual(on[0], off[0])).toBe(true);
    const inp = tf.input({ shape: [5] });
    const d = L.dense({ units: 5, activation: 'relu' }).apply(inp) as tf.SymbolicTensor;
    const s = L.add().apply([d, inp]) as tf.SymbolicTensor;
    const out = L.activation({ activation: 'sigmoid' }).apply(L.batchNormalization().apply(s) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const fm = tf.model({ inputs: inp, outputs: out });
    seedWeights(fm, 13);
    const x2 = tf.randomNormal([4, 5], 0, 1, 'float32', 18);
    const [off2, on2] = both(fm, x2);
    expect(bitsEqual(on2[0], off2[0])).toBe(true);
    // and the cached scale and shift follow the moving statistics
    const bn = fm.layers.find((l) => l.getClassName() === 'BatchNormalization')!;
    (bn.weights[3] as tf.Variable).assign(tf.fill([5], 4));
    const [off3, on3] = both(fm, x2);
    expect(bitsEqual(on3[0], off3[0])).toBe(true);
    expect(bitsEqual(on3[0], on2[0])).toBe(false);
    tf.dispose([...off, ...on, ...off2, ...on2, ...off3, ...on3, x, x2]);
    seq.dispose(); fm.dispose();
  });

  it('a Sequential nested in a functional model, and a model saved and loaded again, fold too', async () => {
    const inner = tf.sequential({ layers: [L.conv2d({ filters: 3, kernelSize: 3, inputShape: [6, 6, 2] }), L.batchNormalization(),
      L.activation({ activation: 'relu' }), L.flatten()] });
    const inp = tf.input({ shape: [6, 6, 2] });
    const h = inner.apply(inp) as tf.SymbolicTensor;
    const out = L.batchNormalization().apply(L.dense({ units: 4 }).apply(h) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const m = tf.model({ inputs: inp, outputs: out });
    seedWeights(m, 31); // (the inner model's weights included)
    const x = tf.randomNormal([2, 6, 6, 2], 0, 1, 'float32', 19);
    const [off, on] = both(m, x);
    expect(maxRelDiff(on[0], off[0])).toBeLessThan(1e-5);
    expect(bitsEqual(on[0], off[0])).toBe(false); // folded (inner conv + BN, dense + BN)
    let saved: tf.io.ModelArtifacts | null = null;
    await m.save(tf.io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
    const back = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const [offB, onB] = both(back, x);
    expect(bitsEqual(onB[0], on[0])).toBe(true); // the same fold of the same weights
    expect(bitsEqual(offB[0], off[0])).toBe(true);
    tf.dispose([...off, ...on, ...offB, ...onB, x]);
    m.dispose(); back.dispose();
  });

  it('Dense on a rank-3 input and an int32 input', () => {
    const m = tf.sequential({ layers: [L.dense({ units: 4, inputShape: [3, 5] }), L.batchNormalization(), L.dense({ units: 2, activation: 'relu' })] });
    seedWeights(m, 2);
    const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 11);
    const [off, on] = both(m, x);
    expect(maxRelDiff(on[0], off[0])).toBeLessThan(1e-5);
    const xi = tf.tensor([[[1, 2, 3, 4, 5], [0, 1, 0, 1, 0], [5, 4, 3, 2, 1]]], undefined, 'int32');
    const [offI, onI] = both(m, xi);
    expect(maxRelDiff(onI[0], offI[0])).toBeLessThan(1e-5);
    tf.dispose([...off, ...on, ...offI, ...onI, x, xi]);
    m.dispose();
  });

  it('execute: a wanted intermediate (the conv before its BatchNorm) is computed, not folded away', () => {
    const m = lenet();
    seedWeights(m);
    const x = tf.randomNormal([1, 16, 16, 1], 0, 1, 'float32', 12);
    const names = [m.layers[0].name, m.layers[2].name, m.layers[m.layers.length - 1].name];
    lean.enabled = false;
    const off = m.execute(x, names) as tf.Tensor[];
    lean.enabled = true;
    const on = m.execute(x, names) as tf.Tensor[];
    expect(bitsEqual(on[0], off[0])).toBe(true); // the conv's own output
    for (let i = 1; i < 3; i++) expect(maxRelDiff(on[i], off[i])).toBeLessThan(1e-5);
    tf.dispose([...off, ...on, x]);
    m.dispose();
  });
});

describe('lean inference: the folded weights follow the Variables', () => {
  const small = () => {
    const m = tf.sequential({ layers: [L.dense({ units: 3, inputShape: [4] }), L.batchNormalization(), L.activation({ activation: 'relu' })] });
    seedWeights(m, 4);
    return m;
  };
  const check = (m: tf.LayersModel, x: tf.Tensor) => {
    const [off, on] = both(m, x);
    expect(maxRelDiff(on[0], off[0])).toBeLessThan(1e-5);
    tf.dispose([...off, ...on]);
  };
  it('after setWeights, assign, optimizer steps, fit and loadWeights', async () => {
    const m = small(), x = tf.randomNormal([5, 4], 0, 1, 'float32', 13);
    const first = m.predict(x) as tf.Tensor; // builds the cache
    const bn = m.layers[1];
    bn.setWeights(bn.getWeights().map((w) => tf.add(w, 0.25)));
    const second = m.predict(x) as tf.Tensor;
    expect(bitsEqual(first, second)).toBe(false);
    check(m, x);
    (bn.weights[2] as tf.Variable).assign(tf.tensor([1, -1, 0.5]));
    check(m, x);
    const opt = tf.train.adam(0.1);
    for (let i = 0; i < 2; i++) {
      opt.minimize(() => tf.sum(tf.square(m.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar);
      check(m, x);
    }
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await m.fit(x, tf.zeros([5, 3]), { epochs: 1, verbose: 0 });
    check(m, x);
    const other = small();
    seedWeights(other, 40);
    m.loadWeights(Object.fromEntries(m.weights.map((w, i) => [w.name, other.weights[i]])));
    check(m, x);
    tf.dispose([first, second, x]);
    opt.dispose(); m.dispose(); other.dispose();
  });

  // Dense kernels are packed for the GEMM once per Variable version (and the bias + activation run inside the
  // GEMM): exact bits against the layers at batch sizes that take the short-strip, full-strip and mixed paths,
  // K over several blocks (300 > 256), column counts that are not a multiple of the 8-column panel.
  it('Dense kernels packed once per version give the layers\' bits, and every write path repacks them', () => {
    const m0 = tf.memory().numDataBuffers;
    const m = tf.sequential({ layers: [L.dense({ units: 37, activation: 'relu', inputShape: [300] }),
      L.dense({ units: 20, activation: 'sigmoid' }), L.dense({ units: 16, activation: 'relu6' }), L.dense({ units: 9, useBias: false })] });
    seedWeights(m, 31);
    const xs = [1, 3, 4, 6, 13].map((b, i) => tf.randomNormal([b, 300], 0, 2, 'float32', 40 + i));
    const nb = tf.memory().numDataBuffers;
    tf.dispose(m.predict(xs[0]));
    expect(tf.memory().numDataBuffers - nb).toBe(4); // one packed kernel per Dense: the lean path packed them
    const checkAll = () => expectCachedBits(m, xs);
    checkAll();
    const k0 = m.layers[0].weights[0] as tf.Variable, k2 = m.layers[2].weights[0] as tf.Variable;
    const last = () => m.predict(xs[1]) as tf.Tensor;
    let prev = last();
    const changed = () => {
      const n0 = tf.memory().numDataBuffers;
      const y = last();
      expect(bitsEqual(y, prev)).toBe(false);
      expect(tf.memory().numDataBuffers).toBe(n0 + 1); // y; the repacked kernel replaced the old one
      prev.dispose(); prev = y;
      checkAll();
    };
    tf.tidy(() => { k0.assign(tf.mul(k0, 0.5)); });
    changed();
    tf.tidy(() => tf.train.sgd(0.1).applyGradients([[tf.onesLike(k2), k2]]));
    changed();
    const w3 = tf.randomUniform([16, 9], -1, 1, 'float32', 77);
    m.layers[3].setWeights([w3]);
    w3.dispose();
    changed();
    prev.dispose();
    tf.dispose(xs);
    m.dispose();
    expect(tf.memory().numDataBuffers).toBe(m0); // the weights and the packed kernels are gone with the model
  });

  // Conv2D / SeparableConv2D kernels too: packed once per version, the bias and relu / relu6 in the convolution's
  // tile store — the direct kernel's (C ≤ 16) and the GEMM's (im2col: C 20; 1×1: x itself) — with channel counts
  // that are not a multiple of the 8-channel panel, 'same' padding, strides, no bias, and an activation applied after.
  // The vector activations in the tile stores of the direct convolution (C ≤ 16), of the GEMM on im2col (C 20) and on
  // x itself (1×1), and of Dense's GEMM (tiny, packed, edge columns): the bits of the layers, which apply them
  // afterwards with the unary kernel; a Dense with a 4-wide output takes the epilogue's edge (scalar) path.
  it.each(['sigmoid', 'tanh', 'elu', 'hard_swish', 'gelu'] as const)('the %s activation fused into Conv2D and Dense gives the layers\' bits', (act) => {
    const m = tf.sequential({ layers: [
      L.conv2d({ filters: 20, kernelSize: 3, padding: 'same', activation: act, inputShape: [7, 7, 3] }), // direct
      L.conv2d({ filters: 9, kernelSize: 2, strides: 2, activation: act }), // im2col, C 20
      L.conv2d({ filters: 13, kernelSize: 1, activation: act }), // 1×1
      L.flatten(), L.dense({ units: 19, activation: act }), L.dense({ units: 4, activation: act })] });
    seedWeights(m, 71);
    for (const b of [1, 3, 4, 40]) {
      const x = tf.randomNormal([b, 7, 7, 3], 0, 3, 'float32', 90 + b);
      const [off, on] = both(m, x);
      expect(bitsEqual(on[0], off[0])).toBe(true);
      tf.dispose([x, ...off, ...on]);
    }
    m.dispose();
  });

  it('Conv2D kernels packed once per version, with the bias and activation fused, give the layers\' bits', () => {
    const m0 = tf.memory().numDataBuffers;
    const m = tf.sequential({ layers: [
      L.conv2d({ filters: 11, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [9, 9, 3] }), // direct
      L.conv2d({ filters: 20, kernelSize: 3, strides: 2, activation: 'relu6' }), // direct, C 11
      L.conv2d({ filters: 9, kernelSize: 2, padding: 'same', useBias: false, activation: 'relu' }), // im2col, C 20
      L.conv2d({ filters: 13, kernelSize: 1, activation: 'sigmoid' }), // 1×1: the GEMM on x
      L.separableConv2d({ filters: 10, kernelSize: 2, depthMultiplier: 2, activation: 'relu6' }),
      L.conv2d({ filters: 5, kernelSize: 1 })] });
    seedWeights(m, 51);
    const xs = [1, 2, 5, 40].map((b, i) => tf.randomNormal([b, 9, 9, 3], 0, 2, 'float32', 60 + i)); // 40: split over the threads
    const nb = tf.memory().numDataBuffers;
    tf.dispose(m.predict(xs[0]));
    expect(tf.memory().numDataBuffers - nb).toBe(6); // one packed kernel per Conv2D and for the separable's pointwise
    expectCachedBits(m, xs);
    expectRecached(m, xs[1], () => expectCachedBits(m, xs));
    tf.dispose(xs);
    m.dispose();
    expect(tf.memory().numDataBuffers).toBe(m0);
  });

  // Conv2D kernels that conv2d's rule runs by Winograd F(2×2, 3×3): the transformed filter is cached per version
  // as the packed one is (only where the input's shape takes Winograd: batch 1 here does not), the bias and
  // activation (relu6, and gelu, tanh through util/epilogue.ts) fused in its output transform; the layers path runs
  // tf.conv2d (Winograd too) then the bias and the activation.
  it('Conv2D kernels run by Winograd: the transformed filter cached once per version, the layers\' bits', () => {
    const m0 = tf.memory().numDataBuffers;
    const m = tf.sequential({ layers: [
      L.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'gelu', inputShape: [10, 10, 16] }), // Winograd from batch 2 (50 tiles)
      L.conv2d({ filters: 20, kernelSize: 3, activation: 'relu6' }), // valid, 8×8: Winograd from batch 3 (48 tiles)
      L.conv2d({ filters: 28, kernelSize: 3, padding: 'same', useBias: false, activation: 'tanh' })] }); // C 20, OC 28 (a tail of 4)
    seedWeights(m, 52);
    const xs = [1, 2, 4].map((b, i) => tf.randomNormal([b, 10, 10, 16], 0, 1, 'float32', 70 + i));
    const w0 = convPaths.winograd, nb = tf.memory().numDataBuffers;
    for (const x of xs) tf.dispose(m.predict(x));
    // batch 1: three packed kernels; batch 2: layer 0 by Winograd (+1), batch 4: layers 1 and 2 too (+2)
    expect(convPaths.winograd - w0).toBe(1 + 3);
    expect(tf.memory().numDataBuffers - nb).toBe(3 + 3);
    const checkAll = () => {
      const w1 = convPaths.winograd;
      expectCachedBits(m, xs);
      expect(convPaths.winograd - w1).toBe(2 * 4); // the layers path and the lean one, 4 convolutions each
    };
    checkAll();
    expectRecached(m, xs[2], checkAll);
    tf.dispose(xs);
    m.dispose();
    expect(tf.memory().numDataBuffers).toBe(m0);
  });

  it('a stale cache is never used: every write path changes the next predict (fails if versions are ignored)', () => {
    const m = small(), x = tf.randomNormal([2, 4], 0, 1, 'float32', 14);
    const k = m.layers[0].weights[0] as tf.Variable;
    const a = m.predict(x) as tf.Tensor;
    tf.tidy(() => tf.train.sgd(1).applyGradients([[tf.onesLike(k), k]]));
    const b = m.predict(x) as tf.Tensor;
    lean.enabled = false;
    const want = m.predict(x) as tf.Tensor;
    lean.enabled = true;
    expect(bitsEqual(a, b)).toBe(false);
    expect(maxRelDiff(b, want)).toBeLessThan(1e-5);
    tf.dispose([a, b, want, x]);
    m.dispose();
  });
});

describe('lean inference: tapes, training and memory', () => {
  it('under a tape predict keeps the layers path: gradients reach the weights', () => {
    const m = tf.sequential({ layers: [L.dense({ units: 3, inputShape: [4] }), L.batchNormalization(), L.activation({ activation: 'tanh' })] });
    seedWeights(m, 6);
    const x = tf.randomNormal([2, 4], 0, 1, 'float32', 15);
    const k = m.layers[0].weights[0];
    const g = tf.tidy(() => {
      const tape = new tf.GradientTape();
      const y = m.predict(x) as tf.Tensor;
      return tape.gradient(tf.sum(y), k) as tf.Tensor | null;
    });
    expect(g).not.toBeNull();
    expect(Math.max(...Array.from(g!.dataSync(), Math.abs))).toBeGreaterThan(0);
    tf.dispose([g!, x]);
    m.dispose();
  });

  it('predict leaves tf.memory().numTensors as it was (the cache is not a tensor) and dispose frees the cache', () => {
    const m0 = tf.memory();
    const m = lenet();
    seedWeights(m);
    const x = tf.randomNormal([2, 16, 16, 1], 0, 1, 'float32', 16);
    const before = tf.memory();
    for (let i = 0; i < 3; i++) {
      const y = m.predict(x) as tf.Tensor;
      y.dispose();
      expect(tf.memory().numTensors).toBe(before.numTensors);
    }
    const withCache = tf.memory();
    expect(withCache.numDataBuffers).toBeGreaterThan(before.numDataBuffers); // the folded kernels and biases
    x.dispose();
    m.dispose();
    const after = tf.memory();
    expect([after.numTensors, after.numDataBuffers]).toEqual([m0.numTensors, m0.numDataBuffers]);
  });

  it('a call hook set after the plan was made still sees its layer called', () => {
    const m = lenet();
    const x = tf.zeros([1, 16, 16, 1]);
    tf.dispose(m.predict(x)); // makes the plan
    const seen: string[] = [];
    m.layers[1].setCallHook(() => { seen.push('bn'); });
    m.layers[10].setCallHook(() => { seen.push('dense'); });
    tf.dispose(m.predict(x));
    expect(seen).toEqual(['bn', 'dense']);
    x.dispose();
    m.dispose();
  });

  it('an error inside the lean path names the layer input problem and leaves no tensor behind', () => {
    const m = lenet();
    const x = tf.zeros([1, 15, 16, 1]);
    const before = tf.memory().numTensors;
    expect(() => m.predict(x)).toThrow(/expected input of shape|16/);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    m.dispose();
  });

  it('the same bits in Node and Chromium (digest of a seeded LeNet with BatchNorm, lean predict)', () => {
    const m = lenet();
    seedWeights(m, 21);
    const x = tf.randomNormal([2, 16, 16, 1], 0, 1, 'float32', 22);
    const y = m.predict(x) as tf.Tensor;
    const hid = m.execute(x, m.layers[10].name) as tf.Tensor;
    let h = 0x811c9dc5;
    for (const t of [y, hid]) for (const b of new Uint8Array(new Float32Array(t.dataSync()).buffer)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    expect(h.toString(16).padStart(8, '0')).toBe('5cbbb17a'); // (since the vector tanh)
    tf.dispose([x, y, hid]);
    m.dispose();
  });
});
