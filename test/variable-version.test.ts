// Variable.version (internal): every path that writes a Variable's values bumps it, so caches of values
// derived from weights (folded BatchNorm, packed kernels, the ONNX importer's transposed filters) can tell
// they are stale. The check is generic: for every variable a write touched (its bits changed), the version
// must have grown; a write path that forgets to bump fails here.
import { describe, expect, it } from 'vitest';
import { tf } from './helpers.js';

type V = tf.Variable;
const bits = (v: V) => Array.from(new Uint32Array(new Float32Array(v.dataSync() as Float32Array).buffer));

/** Runs `write` and checks that each of `vars` whose values changed got a higher version; returns how many changed. */
function changedAndBumped(vars: V[], write: () => void): number {
  const before = vars.map((v) => ({ bits: bits(v), version: v.version }));
  write();
  let changed = 0;
  vars.forEach((v, i) => {
    const same = bits(v).every((b, k) => b === before[i].bits[k]);
    if (!same) {
      changed++;
      expect(v.version, `variable '${v.name}' changed but its version did not grow`).toBeGreaterThan(before[i].version);
    }
  });
  return changed;
}

const slotsOf = (opt: unknown, v: V): V[] => (opt as { state: Map<V, V[]> }).state.get(v) ?? [];

describe('Variable.version', () => {
  it('starts at 0 and is bumped by assign, assignAdd, assignSub (not by a no-op self-assign)', () => {
    const v = tf.variable(tf.tensor([1, 2, 3]));
    expect(v.version).toBe(0);
    expect(changedAndBumped([v], () => v.assign(tf.tensor([4, 5, 6])))).toBe(1);
    expect(changedAndBumped([v], () => v.assignAdd(tf.tensor([1, 1, 1])))).toBe(1);
    expect(changedAndBumped([v], () => v.assignSub(tf.tensor([1, 1, 1])))).toBe(1);
    const n = v.version;
    v.assign(v); // the same block: nothing is written
    expect(v.version).toBe(n);
    v.dispose();
  });

  // One step of every optimizer class (and the variants that use other slots) bumps the variable and its slots.
  const factories: [string, () => tf.Optimizer][] = [
    ['sgd', () => tf.train.sgd(0.1)],
    ['momentum', () => tf.train.momentum(0.1, 0.9)],
    ['momentum nesterov', () => tf.train.momentum(0.1, 0.9, true)],
    ['rmsprop', () => tf.train.rmsprop(0.1)],
    ['rmsprop centered momentum', () => tf.train.rmsprop(0.1, 0.9, 0.5, null, true)],
    ['adam', () => tf.train.adam(0.1)],
    ['adamax', () => tf.train.adamax(0.1)],
    ['adagrad', () => tf.train.adagrad(0.1)],
    ['adadelta', () => tf.train.adadelta(1)],
    ['SGD', () => new tf.optimizers.SGD({ learningRate: 0.1, momentum: 0.5 })],
    ['Adam amsgrad', () => new tf.optimizers.Adam({ learningRate: 0.1, amsgrad: true })],
    ['AdamW', () => new tf.optimizers.AdamW({ learningRate: 0.1, weightDecay: 0.01 })],
    ['RMSprop', () => new tf.optimizers.RMSprop({ learningRate: 0.1 })],
    ['Adagrad', () => new tf.optimizers.Adagrad({ learningRate: 0.1 })],
    ['Adadelta', () => new tf.optimizers.Adadelta({ learningRate: 1 })],
    ['Adamax', () => new tf.optimizers.Adamax({ learningRate: 0.1 })],
  ];
  for (const [name, make] of factories) {
    it(`is bumped by one ${name} step (variable and slots), via applyGradients and minimize`, () => {
      const opt = make();
      const w = tf.variable(tf.tensor([1, -2, 3])), b = tf.variable(tf.scalar(0.5));
      // the first step creates the slots; the second writes both the variables and the slots
      for (let step = 0; step < 2; step++) {
        const slots = [...slotsOf(opt, w), ...slotsOf(opt, b)];
        const changed = changedAndBumped([w, b, ...slots], () => {
          tf.tidy(() => opt.applyGradients([[tf.tensor([0.5, -1, 2]), w], [tf.scalar(3), b]]));
        });
        expect(changed).toBeGreaterThanOrEqual(2);
      }
      const vw = w.version;
      expect(changedAndBumped([w, b], () => { opt.minimize(() => tf.sum(tf.mul(w, w)).add(b)); })).toBe(2);
      expect(w.version).toBe(vw + 1);
      // a variable with a null gradient is not written, so not bumped
      const vb = b.version;
      opt.applyGradients([[tf.ones([3]), w], [null, b]] as [tf.Tensor | null, V][]);
      expect(b.version).toBe(vb);
      opt.dispose();
      w.dispose(); b.dispose();
    });
  }

  it('is bumped by a max-norm constraint after an update', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], kernelConstraint: tf.constraints.maxNorm({ maxValue: 0.01 }) })] });
    const k = model.layers[0].weights[0];
    const opt = tf.train.sgd(0);  // lr 0: only the constraint changes the kernel
    const changed = changedAndBumped([k], () => {
      tf.tidy(() => opt.applyGradients([[tf.zerosLike(k), k]]));
    });
    expect(changed).toBe(1);
    model.dispose();
  });

  const model = () => tf.sequential({ layers: [
    tf.layers.dense({ units: 4, inputShape: [3] }),
    tf.layers.batchNormalization(),
    tf.layers.dense({ units: 2 }),
  ] });

  it('is bumped by layer.setWeights, model.setWeights and model.loadWeights (a record)', () => {
    const m = model(), other = model();
    const ws = m.weights;
    expect(changedAndBumped(ws, () => m.layers[0].setWeights(other.layers[0].getWeights()))).toBe(1); // the kernel (biases are 0 in both)
    // BatchNorm's gamma/beta/mean/variance start at 1/0/0/1 in both models: change them first
    other.layers[1].setWeights([tf.fill([4], 2), tf.fill([4], 0.5), tf.fill([4], 0.25), tf.fill([4], 3)]);
    expect(changedAndBumped(ws, () => m.setWeights(other.getWeights()))).toBe(5); // the 4 BatchNorm weights, the last kernel
    const third = model();
    const rec: Record<string, tf.Tensor> = {};
    third.weights.forEach((v, i) => { rec[ws[i].name] = v; });
    expect(changedAndBumped(ws, () => m.loadWeights(rec))).toBe(6); // all but the (zero) biases
    m.dispose(); other.dispose(); third.dispose();
  });

  it('is bumped by model.loadWeights from an IOHandler and set by loadLayersModel', async () => {
    const m = model(), other = model();
    let saved: tf.io.ModelArtifacts | null = null;
    await other.save(tf.io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
    const ws = m.weights;
    const before = ws.map((v) => ({ bits: bits(v), version: v.version }));
    await m.loadWeights(tf.io.fromMemory(saved!));
    const changed = ws.filter((v, i) => bits(v).some((b, k) => b !== before[i].bits[k]));
    expect(changed.length).toBeGreaterThanOrEqual(2);
    for (const v of changed) expect(v.version).toBeGreaterThan(before[ws.indexOf(v)].version);
    // a loaded model's weights were written after they were made: a cache built on the fresh ones is stale
    const back = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    for (const v of back.weights) expect(v.version).toBeGreaterThan(0);
    m.dispose(); other.dispose(); back.dispose();
  });

  it('is bumped by fit (trainable weights and BatchNorm moving statistics)', async () => {
    const m = model();
    m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const x = tf.randomNormal([8, 3], 0, 1, 'float32', 1), y = tf.randomNormal([8, 2], 0, 1, 'float32', 2);
    let changed = 0;
    const ws = m.weights, before = ws.map((v) => ({ bits: bits(v), version: v.version }));
    await m.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    ws.forEach((v, i) => {
      if (bits(v).some((b, k) => b !== before[i].bits[k])) {
        changed++;
        expect(v.version, v.name).toBeGreaterThan(before[i].version);
      }
    });
    expect(changed).toBe(ws.length); // kernels, biases, gamma, beta, moving mean and variance
    x.dispose(); y.dispose(); m.dispose();
  });

  it('is bumped by stateful metrics (update and reset)', () => {
    const acc = new tf.metrics.Mean();
    const vars = acc.variables;
    expect(vars.length).toBeGreaterThan(0);
    expect(changedAndBumped(vars, () => acc.updateState(tf.tensor([1, 2, 3])))).toBeGreaterThan(0);
    expect(changedAndBumped(vars, () => acc.resetState())).toBeGreaterThan(0);
  });
});
