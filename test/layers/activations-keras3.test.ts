// The activations a layer accepts by name beyond the basic ones: Keras 3's hardSilu/hardSwish (new), gelu,
// hardSigmoid (tfjs/Keras 2's 0.2x + 0.5, not Keras 3's relu6(x + 3)/6), silu/swish, mish, softplus and
// softsign, as Activation layers against tfjs-layers where it has them, else the formula, and finite differences.
import { describe, expect, it } from 'vitest';
import { expectClose, tf } from '../helpers.js';
import { checkLayerGrad, compareLayer, tfl, vals } from './oracle.js';

const L = tf.layers;
// avoid the kinks of hardSigmoid (±2.5) and hardSwish (±3) for finite differences
const x = () => tf.tensor([[-5.1, -3.4, -2.2, -1.3, -0.6, -0.1, 0.2, 0.7, 1.4, 2.1, 2.8, 3.6, 5.3]]);

describe('activations by name', () => {
  it.each(['gelu', 'hardSigmoid', 'swish', 'mish', 'softplus', 'softsign'] as const)('%s matches tfjs-layers (values, gradients)', async (a) => {
    await compareLayer(L.activation({ activation: a }), tfl.layers.activation({ activation: a as any }), x(), { rtol: 1e-5, atol: 1e-6 });
  });

  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const relu6 = (v: number) => Math.min(Math.max(v, 0), 6);
  it.each([
    ['hardSwish', (v: number) => (v * relu6(v + 3)) / 6],
    ['hardSilu', (v: number) => (v * relu6(v + 3)) / 6],
    ['hard_swish', (v: number) => (v * relu6(v + 3)) / 6],
    ['hard_silu', (v: number) => (v * relu6(v + 3)) / 6],
    ['silu', (v: number) => v * sig(v)],
    ['hardSigmoid', (v: number) => Math.min(Math.max(0.2 * v + 0.5, 0), 1)],
  ] as const)('%s follows its formula; finite differences', (a, f) => {
    const t = x();
    expectClose(L.activation({ activation: a as any }).apply(t) as tf.Tensor, vals(t).map(f), 1e-6, 1e-6);
    checkLayerGrad(L.activation({ activation: a as any }), t);
  });

  it("'hardSigmoid' is tfjs/Keras 2's, not Keras 3's relu6(x + 3)/6; hardSwish is Keras 3's x·relu6(x + 3)/6", () => {
    expectClose(L.activation({ activation: 'hardSigmoid' }).apply(tf.tensor([1])) as tf.Tensor, [0.7], 1e-6);
    expectClose(L.activation({ activation: 'hardSwish' }).apply(tf.tensor([1])) as tf.Tensor, [4 / 6], 1e-6);
    expect(L.activation({ activation: 'hard_silu' }).getConfig().activation).toBe('hardSilu');
    expect(L.dense({ units: 2, activation: 'hardSwish' }).getConfig().activation).toBe('hardSwish');
  });
});
