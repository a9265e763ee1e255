// Each optimizer against TensorFlow.js's (tfjs-core's tf.train.* on the cpu backend), step for step on the
// same values and gradients. The tf.train.* factories follow tfjs's update rules; where Keras' rule is the
// same (SGD, momentum at a constant rate, non-centered RMSprop, Adagrad, Adamax) the Keras classes are
// checked against tfjs too. Where the fused kernel performs tfjs's float32 operations in tfjs's order
// (sgd, momentum, rmsprop, adadelta) the results are bit-identical.
import { describe, expect, it } from 'vitest';
import { oracle, tf } from '../helpers.js';
import { expectRel, gradValues, SHAPES, values } from './util.js';

const O = tf.optimizers;
type Opt = InstanceType<typeof O.Optimizer>;
type TfjsOpt = { applyGradients(g: Record<string, unknown>): void; dispose(): void };
const STEPS = 6;
let uid = 0;

interface Case { label: string; ours: () => Opt; theirs: (t: Awaited<ReturnType<typeof oracle>>) => TfjsOpt; exact?: boolean; zeroFirst?: boolean }

const cases: Case[] = [
  { label: 'sgd', ours: () => tf.train.sgd(0.1), theirs: (t) => t.train.sgd(0.1), exact: true },
  { label: 'momentum', ours: () => tf.train.momentum(0.05, 0.9), theirs: (t) => t.train.momentum(0.05, 0.9), exact: true },
  { label: 'momentum nesterov', ours: () => tf.train.momentum(0.05, 0.8, true), theirs: (t) => t.train.momentum(0.05, 0.8, true), exact: true },
  { label: 'adam (defaults)', ours: () => tf.train.adam(), theirs: (t) => t.train.adam() },
  { label: 'adam (0.02, 0.8, 0.95, 1e-4)', ours: () => tf.train.adam(0.02, 0.8, 0.95, 1e-4), theirs: (t) => t.train.adam(0.02, 0.8, 0.95, 1e-4) },
  { label: 'adamax (defaults)', ours: () => tf.train.adamax(), theirs: (t) => t.train.adamax() },
  { label: 'adamax (decay 0.1)', ours: () => tf.train.adamax(0.02, 0.9, 0.99, 1e-6, 0.1), theirs: (t) => t.train.adamax(0.02, 0.9, 0.99, 1e-6, 0.1) },
  { label: 'rmsprop', ours: () => tf.train.rmsprop(0.01), theirs: (t) => t.train.rmsprop(0.01), exact: true },
  { label: 'rmsprop momentum', ours: () => tf.train.rmsprop(0.01, 0.8, 0.5, 1e-6), theirs: (t) => t.train.rmsprop(0.01, 0.8, 0.5, 1e-6), exact: true },
  { label: 'rmsprop centered', ours: () => tf.train.rmsprop(0.01, 0.9, 0.3, 1e-7, true), theirs: (t) => t.train.rmsprop(0.01, 0.9, 0.3, 1e-7, true), zeroFirst: false },
  { label: 'adagrad', ours: () => tf.train.adagrad(0.1), theirs: (t) => t.train.adagrad(0.1) },
  { label: 'adagrad (initial 0.5)', ours: () => tf.train.adagrad(0.1, 0.5), theirs: (t) => t.train.adagrad(0.1, 0.5) },
  { label: 'adadelta', ours: () => tf.train.adadelta(1, 0.95), theirs: (t) => t.train.adadelta(1, 0.95), exact: true },
  { label: 'adadelta (defaults)', ours: () => tf.train.adadelta(), theirs: (t) => t.train.adadelta(), exact: true },
  // Keras classes whose rule is tfjs's
  { label: 'Keras SGD = tfjs sgd', ours: () => new O.SGD({ learningRate: 0.1 }), theirs: (t) => t.train.sgd(0.1), exact: true },
  { label: 'Keras SGD momentum = tfjs momentum', ours: () => new O.SGD({ learningRate: 0.05, momentum: 0.9 }), theirs: (t) => t.train.momentum(0.05, 0.9) },
  { label: 'Keras SGD nesterov = tfjs momentum nesterov', ours: () => new O.SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true }), theirs: (t) => t.train.momentum(0.05, 0.9, true) },
  { label: 'Keras RMSprop = tfjs rmsprop', ours: () => new O.RMSprop({ learningRate: 0.01 }), theirs: (t) => t.train.rmsprop(0.01), exact: true },
  { label: 'Keras RMSprop momentum = tfjs rmsprop', ours: () => new O.RMSprop({ learningRate: 0.01, rho: 0.8, momentum: 0.5 }), theirs: (t) => t.train.rmsprop(0.01, 0.8, 0.5), exact: true },
  { label: 'Keras Adagrad = tfjs adagrad', ours: () => new O.Adagrad({ learningRate: 0.1 }), theirs: (t) => t.train.adagrad(0.1) },
  { label: 'Keras Adamax = tfjs adamax', ours: () => new O.Adamax({ learningRate: 0.002 }), theirs: (t) => t.train.adamax(0.002) },
];

describe('optimizers vs TensorFlow.js (tfjs-core tf.train.*, cpu backend)', () => {
  it.each(cases.map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    const tfc = await oracle();
    const ours = c.ours(), theirs = c.theirs(tfc);
    const init = SHAPES.map((s, i) => values(s.reduce((a, b) => a * b, 1), 40 + i));
    const vars = SHAPES.map((s, i) => tf.variable(tf.tensor(init[i], s)));
    const names = SHAPES.map(() => `ascent_opt_${uid++}`);
    const tvars = SHAPES.map((s, i) => tfc.variable(tfc.tensor(init[i], s), true, names[i]));
    for (let step = 0; step < STEPS; step++) {
      const g = SHAPES.map((s, vi) => gradValues(s, step, vi, c.zeroFirst ?? true));
      const grads = g.map((v, i) => tf.tensor(v, SHAPES[i]));
      ours.applyGradients(grads, vars);
      const tg: Record<string, unknown> = {};
      g.forEach((v, i) => { tg[names[i]] = tfc.tensor(v, SHAPES[i]); });
      theirs.applyGradients(tg);
      vars.forEach((v, i) => {
        const a = v.dataSync(), e = tvars[i].dataSync() as Float32Array;
        if (c.exact) expect(Array.from(a), `${c.label} step ${step + 1} variable ${i}`).toEqual(Array.from(e));
        else expectRel(a, e, 1e-6, `${c.label} step ${step + 1} variable ${i} [${SHAPES[i]}]`);
      });
      tf.dispose(grads);
      tfc.dispose(Object.values(tg) as never);
    }
    expect(ours.iterations).toBe(STEPS);
    ours.dispose(); theirs.dispose();
    tfc.dispose(tvars);
  });

  it('getWeights has tfjs\'s names and order, and tfjs can load them (and we tfjs\'s)', async () => {
    const tfc = await oracle();
    const a = tf.variable(tf.tensor(values(5, 1), [5]), true, 'ow_a'), b = tf.variable(tf.tensor(values(3, 2), [3]), true, 'ow_b');
    const ta = tfc.variable(tfc.tensor(values(5, 1), [5]), true, `ow_a_${uid}`), tb = tfc.variable(tfc.tensor(values(3, 2), [3]), true, `ow_b_${uid++}`);
    const ours = tf.train.adam(0.01), theirs = tfc.train.adam(0.01);
    for (let s = 0; s < 3; s++) {
      ours.applyGradients([[tf.tensor(values(5, 10 + s)), a], [tf.tensor(values(3, 20 + s)), b]]);
      theirs.applyGradients({ [ta.name]: tfc.tensor(values(5, 10 + s)), [tb.name]: tfc.tensor(values(3, 20 + s)) });
    }
    const ow = ours.getWeights(), tw = await theirs.getWeights();
    expect(ow.map((w) => w.name)).toEqual(['iter', 'ow_a/m', 'ow_b/m', 'ow_a/v', 'ow_b/v']);
    expect(tw.map((w) => w.name.replace(/_\d+\//, '/'))).toEqual(ow.map((w) => w.name));
    expect(ow[0].tensor.dtype).toBe('int32');
    ow.forEach((w, i) => expectRel(w.tensor.dataSync(), tw[i].tensor.dataSync() as Float32Array, 1e-6, w.name));
    // tfjs's saved state continues in ours exactly as in tfjs
    const fresh = tf.train.adam(0.01);
    fresh.setWeights(tw.map((w) => ({ name: w.name, tensor: tf.tensor(Array.from(w.tensor.dataSync()), w.tensor.shape, w.tensor.dtype as 'float32') })));
    expect(fresh.iterations).toBe(3);
    const a2 = tf.variable(tf.tensor(Array.from(ta.dataSync()), [5])), b2 = tf.variable(tf.tensor(Array.from(tb.dataSync()), [3]));
    fresh.applyGradients([[tf.tensor(values(5, 99)), a2], [tf.tensor(values(3, 98)), b2]]);
    theirs.applyGradients({ [ta.name]: tfc.tensor(values(5, 99)), [tb.name]: tfc.tensor(values(3, 98)) });
    expectRel(a2.dataSync(), ta.dataSync() as Float32Array, 1e-6, 'a after restore');
    expectRel(b2.dataSync(), tb.dataSync() as Float32Array, 1e-6, 'b after restore');
  });
});
