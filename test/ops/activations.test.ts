// leakyRelu, prelu, hardSigmoid, swish/silu, gelu (exact and tanh), mish: values against float64
// references and TensorFlow.js, stability at ±100 and beyond, finite-difference gradients (first and
// second order), and the SIMD kernel against its scalar twin. Also the seed 001 activation printouts.
import { describe, expect, it } from 'vitest';
import { H, K } from '../../src/backend/wasm.js';
import { checkGrad, erfSeries, expectClose, oracle, rand, tf } from '../helpers.js';

// float64 references
function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) return 1 - erfSeries(x); // the series converges quickly for x < 3 in float64
  // continued fraction (Lentz) for the tail
  let f = x, C = x, D = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    D = x + a * D; D = 1 / D;
    C = x + a / C;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}
const sig = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const ref = {
  gelu: (x: number) => 0.5 * x * erfc(-x / Math.SQRT2),
  geluTanh: (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
  swish: (x: number) => x * sig(x),
  mish: (x: number) => x * Math.tanh(softplus(x)),
  hardSigmoid: (x: number) => Math.min(Math.max(0.2 * x + 0.5, 0), 1),
  leakyRelu: (x: number, a = 0.2) => (x > 0 ? x : a * x),
};
const f32 = (v: number) => Math.fround(v);
const grid = [-100, -30, -10, -6, -3, -2.5, -1.3, -1, -0.5, -0.1, 0, 0.1, 0.5, 1, 1.7, 2.5, 3, 6, 10, 30, 100];

describe('activations: values', () => {
  it('seed 001: sigmoid, tanh and relu over linspace', () => {
    const a = tf.linspace(-100, 100, 10);
    expectClose(tf.sigmoid(a), [0, 1.6655e-34, 7.4564e-25, 3.3382e-15, 1.4945e-05, 9.9999e-01, 1, 1, 1, 1], 1e-4, 1e-6);
    expectClose(tf.tanh(tf.linspace(-10, 10, 10)), [-1, -1, -1, -0.9975, -0.8045, 0.8045, 0.9975, 1, 1, 1], 0, 1e-4);
    expectClose(tf.relu(tf.linspace(-1, 1, 10)), [0, 0, 0, 0, 0, 0.1111, 0.3333, 0.5556, 0.7778, 1], 0, 1e-4);
    // the new activations on the same grid stay finite and exact at ±100
    for (const f of [tf.swish, tf.mish, (x: tf.Tensor) => tf.gelu(x), (x: tf.Tensor) => tf.gelu(x, true)]) {
      const y = Array.from(f(a).dataSync());
      expect(y.every(Number.isFinite)).toBe(true);
      expect(y[0]).toBeCloseTo(0, 30);
      expect(y[9]).toBe(100);
    }
  });

  it.each([
    ['gelu', (x: tf.Tensor) => tf.gelu(x), ref.gelu],
    ['gelu (tanh)', (x: tf.Tensor) => tf.gelu(x, true), ref.geluTanh],
    ['swish', tf.swish, ref.swish],
    ['silu', tf.silu, ref.swish],
    ['mish', tf.mish, ref.mish],
    ['hardSigmoid', tf.hardSigmoid, ref.hardSigmoid],
    ['leakyRelu', (x: tf.Tensor) => tf.leakyRelu(x), (x: number) => ref.leakyRelu(x)],
  ] as const)('%s matches a float64 reference to a few ulp, also at ±100', (_n, f, r) => {
    const xs = grid.map(f32);
    const y = f(tf.tensor(xs)).dataSync();
    xs.forEach((x, i) => {
      const e = r(x);
      // relative accuracy everywhere, including the far negative tail (no cancellation); the exact gelu's
      // tail has condition number ≈ x² (x/√2 is rounded to f32 before erfc), hence the wider bound there
      const cond = _n === 'gelu' ? Math.max(1, x * x / 2) : 1;
      expect(Math.abs(y[i] - e), `x = ${x}: ${y[i]} vs ${e}`).toBeLessThanOrEqual(4e-7 * cond * Math.abs(e) + 1e-30);
    });
  });

  it('known values: gelu(±1), leakyRelu alpha, hardSigmoid clipping, huge inputs', () => {
    expectClose(tf.gelu([-1, 0, 1]), [-0.15865525393145707, 0, 0.8413447460685429], 1e-6, 0);
    expectClose(tf.gelu([-1, 0, 1], true), [-0.15880800939172324, 0, 0.8411919906082768], 1e-6, 0);
    expectClose(tf.leakyRelu([-1, 2], 0.1), [-0.1, 2]);
    expectClose(tf.hardSigmoid([-3, -2.5, 0, 1, 2.5, 3]), [0, 0, 0.5, 0.7, 1, 1]);
    const big = tf.tensor([-1e30, -3e38, 1e30, 3e38]);
    for (const f of [tf.swish, tf.mish, (x: tf.Tensor) => tf.gelu(x), (x: tf.Tensor) => tf.gelu(x, true)]) {
      const y = Array.from(f(big).dataSync());
      expect(y.slice(0, 2).map((v) => Math.abs(v))).toEqual([0, 0]);
      expect(y.slice(2)).toEqual([f32(1e30), f32(3e38)]);
    }
    expect(tf.leakyRelu(tf.tensor([1, 2], undefined, 'int32')).dtype).toBe('float32');
  });

  it('leakyRelu and prelu match TensorFlow.js values and gradients', async () => {
    const tfc = await oracle();
    const x = rand([3, 4], 1, -3, 3), a = rand([4], 2, 0, 0.5), dy = rand([3, 4], 3);
    const xo = tfc.tensor(Array.from(x.dataSync()), [3, 4]), ao = tfc.tensor(Array.from(a.dataSync()), [4]);
    const dyo = tfc.tensor(Array.from(dy.dataSync()), [3, 4]);
    expectClose(tf.leakyRelu(x, 0.3), Array.from(tfc.leakyRelu(xo, 0.3).dataSync()));
    expectClose(tf.grad((t) => tf.leakyRelu(t, 0.3))(x, dy), Array.from(tfc.grad((t: any) => tfc.leakyRelu(t, 0.3))(xo, dyo).dataSync()));
    expectClose(tf.prelu(x, a), Array.from(tfc.prelu(xo, ao).dataSync()));
    const [gx, ga] = tf.grads((t, b) => tf.prelu(t, b))([x, a], dy);
    const [gxo, gao] = tfc.grads((t: any, b: any) => tfc.prelu(t, b))([xo, ao], dyo);
    expectClose(gx, Array.from(gxo.dataSync()), 1e-5, 1e-6);
    expectClose(ga, Array.from(gao.dataSync()), 1e-5, 1e-6);
    expectClose(x.leakyRelu(0.3), tf.leakyRelu(x, 0.3));
    expectClose(x.prelu(a), tf.prelu(x, a));
  });

  it('SIMD kernel equals its scalar twin', () => {
    for (let op = 0; op < 6; op++) {
      for (let n = 0; n <= 13; n++) {
        const x = H().alloc(n * 4 + 4), y1 = H().alloc(n * 4 + 4), y2 = H().alloc(n * 4 + 4);
        for (let i = 0; i < n; i++) H().f32[(x >> 2) + i] = (i - 6) * 0.9;
        K().f32_act__wasmsimd(op, x, y1, n, 0.15);
        K().f32_act__scalar(op, x, y2, n, 0.15);
        expect(Array.from(H().f32.subarray(y1 >> 2, (y1 >> 2) + n))).toEqual(Array.from(H().f32.subarray(y2 >> 2, (y2 >> 2) + n)));
        [x, y1, y2].forEach((p) => H().free(p, n * 4 + 4));
      }
    }
  });
});

describe('activations: gradients', () => {
  const fs: [string, (x: tf.Tensor) => tf.Tensor][] = [
    ['gelu', (x) => tf.gelu(x)], ['gelu tanh', (x) => tf.gelu(x, true)], ['swish', tf.swish], ['mish', tf.mish],
    ['leakyRelu', (x) => tf.leakyRelu(x, 0.1)], ['hardSigmoid', tf.hardSigmoid],
  ];
  // values away from the kinks (0 for leakyRelu, ±2.5 for hardSigmoid)
  const xs = () => tf.tensor([-4.1, -2.2, -1.3, -0.6, -0.2, 0.3, 0.7, 1.4, 2.1, 3.9]);

  it.each(fs)('%s: finite differences', (_n, f) => { checkGrad(f, [xs()]); });

  it.each(fs.slice(0, 4))('%s: second order (gradient of the gradient)', (_n, f) => {
    checkGrad((x) => {
      const t = new tf.GradientTape();
      t.watch(x);
      return t.gradient(tf.sum(f(x)), x)!;
    }, [xs()], { eps: 1e-2, rtol: 3e-2, atol: 3e-3 });
  });

  it('gradients stay finite and exact at ±100', () => {
    const x = tf.tensor([-100, 100]);
    const d = (f: (x: tf.Tensor) => tf.Tensor) => Array.from(tf.grad(f)(x).dataSync());
    for (const f of [(t: tf.Tensor) => tf.gelu(t), (t: tf.Tensor) => tf.gelu(t, true), tf.swish, tf.mish]) {
      const [lo, hi] = d(f);
      expect(Math.abs(lo)).toBeLessThan(1e-30);
      expect(hi).toBe(1);
    }
    expect(d((t) => tf.leakyRelu(t))).toEqual([f32(0.2), 1]);
    expect(d(tf.hardSigmoid)).toEqual([0, 0]);
  });

  it('prelu: finite differences for x and alpha', () => {
    checkGrad((x, a) => tf.prelu(x, a), [tf.tensor([[-2, 1.5, -0.5], [0.7, -1.2, 2]]), tf.tensor([0.1, 0.2, 0.3])]);
  });

  it('errors', () => {
    expect(() => tf.leakyRelu(tf.tensor([true]))).toThrow(/leakyRelu: argument 'x' must be float32 or int32, got bool/);
    expect(() => tf.leakyRelu([1], NaN)).toThrow(/leakyRelu: alpha must be a finite number/);
    expect(() => tf.prelu(tf.zeros([2, 3]), tf.zeros([2]))).toThrow(/cannot be broadcast/);
  });

  it('prelu of ±Infinity is +Infinity and alpha·(−Infinity), not NaN', () => {
    expect(Array.from(tf.prelu(tf.tensor1d([Infinity, -Infinity, -2, 0]), tf.scalar(0.5)).dataSync())).toEqual([Infinity, -Infinity, -1, 0]);
  });
});
