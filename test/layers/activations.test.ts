// ReLU, LeakyReLU, Softmax, ELU layers against tfjs-layers and Keras' formulas; the activation registry.
import { describe, expect, it } from 'vitest';
import { getActivation } from '../../src/layers/index.js';
import { expectClose, rand, tf } from '../helpers.js';
import { checkLayerGrad, compareLayer, tfl, vals } from './oracle.js';

const L = tf.layers;
const x = () => tf.mul(rand([3, 8], 1), 8);

describe('activation layers', () => {
  it('ReLU (plain, maxValue 6, maxValue 2.5) matches tfjs-layers', async () => {
    await compareLayer(L.reLU(), tfl.layers.reLU(), x());
    await compareLayer(L.reLU({ maxValue: 6 }), tfl.layers.reLU({ maxValue: 6 }), x());
    await compareLayer(L.reLU({ maxValue: 2.5 }), tfl.layers.reLU({ maxValue: 2.5 }), x());
  });

  it("ReLU's Keras negativeSlope and threshold follow backend.relu", () => {
    const t = tf.tensor([-3, -1, 0, 0.5, 1, 2, 5]);
    const ref = (v: number, slope: number, thr: number, max: number | null) => {
      let y = v > thr ? v : 0;
      if (max !== null) y = Math.min(Math.max(y, 0), max);
      return y - slope * Math.max(thr - v, 0);
    };
    for (const [slope, thr, max] of [[0.1, 0, null], [0, 1, null], [0.2, 0.5, 3], [0.5, -1, 4]] as const) {
      const l = L.reLU({ negativeSlope: slope, threshold: thr, maxValue: max });
      expectClose(l.apply(t) as tf.Tensor, vals(t).map((v) => ref(v, slope, thr, max)), 1e-6, 1e-6);
    }
    checkLayerGrad(L.reLU({ negativeSlope: 0.3, threshold: 0.25, maxValue: 3 }), tf.tensor([[-2.1, -0.6, 0.7, 1.3, 2.2, 3.9]]));
    expect(L.reLU({ maxValue: 6 }).getConfig()).toMatchObject({ maxValue: 6, negativeSlope: 0, threshold: 0 });
  });

  it('LeakyReLU: default alpha 0.3 (Keras 2 / tfjs), alpha 0.2 as seed 003; matches tfjs-layers', async () => {
    const d = L.leakyReLU();
    expect(d.alpha).toBe(0.3);
    await compareLayer(d, tfl.layers.leakyReLU(), x());
    await compareLayer(L.leakyReLU({ alpha: 0.2 }), tfl.layers.leakyReLU({ alpha: 0.2 }), x());
    expectClose(L.leakyReLU({ alpha: 0.2 }).apply(tf.tensor([-5, 5])) as tf.Tensor, [-1, 5]);
    expect(L.leakyReLU({ negativeSlope: 0.1 }).alpha).toBe(0.1);
  });

  it('Softmax: seed 002 §7.1 on a rank-1 input; matches tfjs-layers; axis 1 and several axes', async () => {
    expectClose(L.softmax({ axis: -1 }).apply(tf.tensor([2, 1, 0.1])) as tf.Tensor, [0.6590012, 0.24243298, 0.09856589], 1e-6);
    await compareLayer(L.softmax(), tfl.layers.softmax(), x());
    // tfjs has no softmax on another axis than the last: against the transposed last-axis softmax
    const u = rand([2, 3, 4], 2);
    expectClose(L.softmax({ axis: 1 }).apply(u) as tf.Tensor, tf.transpose(tf.softmax(tf.transpose(u, [0, 2, 1])), [0, 2, 1]), 1e-6, 1e-7);
    const t = rand([2, 3, 4], 3);
    const s = L.softmax({ axis: [1, 2] }).apply(t) as tf.Tensor;
    expectClose(tf.sum(s, [1, 2]), [1, 1], 1e-6);
    expectClose(s, tf.reshape(tf.softmax(tf.reshape(t, [2, 12])), [2, 3, 4]), 1e-6, 1e-7);
    expect(() => L.softmax({ axis: 1.5 })).toThrow(/axis must be an integer/);
  });

  it('ELU: alpha 1 matches tfjs-layers; other alphas follow alpha·(eˣ − 1)', async () => {
    await compareLayer(L.elu(), tfl.layers.elu(), x());
    const t = tf.tensor([-2, -0.5, 0, 1.5]);
    expectClose(L.elu({ alpha: 0.5 }).apply(t) as tf.Tensor, vals(t).map((v) => (v > 0 ? v : 0.5 * Math.expm1(v))), 1e-6, 1e-7);
    checkLayerGrad(L.elu({ alpha: 0.5 }), tf.tensor([[-1.5, -0.3, 0.4, 2]]));
    expect(L.elu({ alpha: 0.5 }).getConfig().alpha).toBe(0.5);
  });

  it('bad arguments', () => {
    expect(() => L.reLU({ maxValue: -1 })).toThrow(/maxValue must be a finite number ≥ 0, got -1/);
    expect(() => L.leakyReLU({ alpha: NaN })).toThrow(/alpha must be a finite number/);
    expect(() => L.elu({ alpha: 'x' as any })).toThrow(/alpha must be a finite number/);
  });
});

describe('getActivation', () => {
  it('resolves camelCase and snake_case ids, functions and null', () => {
    expect(getActivation(null).className).toBe('linear');
    expect(getActivation('hard_sigmoid').className).toBe('hardSigmoid');
    expect(getActivation('leaky_relu').className).toBe('leakyRelu');
    expect(getActivation(tf.tanh).className).toBe('tanh');
    const custom = (t: tf.Tensor) => tf.mul(t, 2);
    expect(getActivation(custom).className).toBe('custom');
    expectClose(getActivation('gelu_new').apply(tf.tensor([1])), [0.841192], 1e-5);
    expectClose(getActivation('gelu').apply(tf.tensor([1])), [0.841345], 1e-5);
    expect(() => getActivation('Relu6x')).toThrow(/unknown activation 'Relu6x'; known: linear, relu, relu6/);
    expect(() => getActivation('toString')).toThrow(/unknown activation 'toString'/);
    expect(() => getActivation(3 as any)).toThrow(/expected a name or a function/);
  });
});
