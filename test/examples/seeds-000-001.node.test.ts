// Runs every example ported from seeds 000 and 001 (examples/seed000-*.ts, seed001-*.ts) as a user would,
// `node --import tsx examples/<file> --quick`, and checks the numbers each one prints: exact where the seed's
// program is deterministic (entropies 2 / 1.3568 / 0.0313, the MSE gradient 2, Himmelblau's minima), the
// line format and a falling loss / a modest accuracy for the (quick) trainings.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The example's stdout as lines; fails with its stderr if it exits with an error. */
function run(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', `examples/${file}`, '--quick'], { cwd: root, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`${file} failed: ${err.message}\n${stderr}`)) : resolve(stdout.split('\n'))));
  });
}
/** The numbers in a line (TF's and Python's formats: 1., -0.5, 1e-05, 3.7835059e-44). */
const numbers = (line: string) => (line.match(/-?\d+(\.\d*)?(e[+-]?\d+)?/g) ?? []).map(Number);
/** The values of a printed `tf.Tensor(...)` (the text up to ', shape=') or `<tf.Variable … numpy=array(…)>`. */
const values = (text: string) => (text.includes('numpy=')
  ? numbers(text.slice(text.indexOf('numpy=')).replace(/dtype=\w+/, ''))
  : numbers(text.slice(text.indexOf('('), text.indexOf(', shape='))));
/** The printed tensors of a run, each as one string (a repr can span lines). */
const tensors = (lines: string[]): string[] => [...(lines.join('\n').match(/tf\.Tensor\([^]*?dtype=\w+\)/g) ?? [])];

describe.concurrent('seed 000 and 001 examples', () => {
  it('seed000-gradient: y = x @ w = 5 and dy/dw = xᵀ', async () => {
    const out = await run('seed000-gradient.ts');
    expect(out.join('\n').trim()).toBe([
      'tf.Tensor(\n[[1.]\n [2.]], shape=(2, 1), dtype=float32)',
      "<tf.Variable 'Variable_1:0' shape=(1, 2) dtype=float32, numpy=array([[1., 2.]], dtype=float32)>",
      'tf.Tensor([[5.]], shape=(1, 1), dtype=float32)',
      'tf.Tensor(\n[[1.]\n [2.]], shape=(2, 1), dtype=float32)',
    ].join('\n'));
  });

  it('seed000-himmelblau-descent: 200 steps from (-4, 0) end in the minimum (-3.7793, -3.2832)', async () => {
    const out = await run('seed000-himmelblau-descent.ts');
    expect(out[0]).toBe('surface: Z shape (2000, 2000), min tf.Tensor(0.0, shape=(), dtype=float32)');
    expect(out.slice(1, 4)).toEqual([
      'grad: tf.Tensor([-102.   10.], shape=(2,), dtype=float32)',
      "point: <tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy=array([-4.,  0.], dtype=float32)>",
      'z: tf.Tensor(146.0, shape=(), dtype=float32)',
    ]);
    const points = out.filter((l) => l.startsWith('point:')).map(values);
    const zs = out.filter((l) => l.startsWith('z:')).map(values);
    expect(points).toHaveLength(200);
    const [x, y] = points[199];
    expect(x).toBeCloseTo(-3.7793, 4);
    expect(y).toBeCloseTo(-3.2832, 4);
    expect(zs[199][0]).toBeLessThan(1e-6);
  });

  it('seed001-activations: sigmoid, tanh and relu of linspace', async () => {
    const t = tensors(await run('seed001-activations.ts'));
    expect(t).toHaveLength(6);
    const [a, sig, a2, th, a3, relu] = t.map(values);
    expect(a[0]).toBe(-100);
    expect(a[9]).toBe(100);
    expect(a[1]).toBeCloseTo(-77.7778, 4);
    // torch: 0.0000e+00, 1.6655e-34, 7.4564e-25, 3.3382e-15, 1.4945e-05, 9.9999e-01, 1.0000e+00 …
    [0, 1.6655e-34, 7.4564e-25, 3.3382e-15, 1.4945e-05, 0.99999, 1, 1, 1, 1].forEach((v, i) =>
      expect(Math.abs(sig[i] - v)).toBeLessThanOrEqual(Math.max(1e-5, v * 1e-4)));
    expect(a2[0]).toBe(-10);
    [-1, -1, -1, -0.9975, -0.8045, 0.8045, 0.9975, 1, 1, 1].forEach((v, i) => expect(th[i]).toBeCloseTo(v, 4));
    expect(a3[4]).toBeCloseTo(-0.1111, 4);
    [0, 0, 0, 0, 0, 0.1111, 0.3333, 0.5556, 0.7778, 1].forEach((v, i) => expect(relu[i]).toBeCloseTo(v, 4));
  });

  it('seed001-softmax-gradient: ∂p_i/∂a is positive at i, negative elsewhere, and sums to 0', async () => {
    const out = await run('seed001-softmax-gradient.ts');
    const [w1, w2] = tensors(out).map(values);
    expect(w1.map(Math.sign)).toEqual([-1, 1, -1]);
    expect(w2.map(Math.sign)).toEqual([-1, -1, 1]);
    expect(Math.abs(w1[0] + w1[1] + w1[2])).toBeLessThan(1e-6);
    expect(Math.abs(w2[0] + w2[1] + w2[2])).toBeLessThan(1e-6);
    expect(w1[2]).toBe(w2[1]); // ∂p1/∂a2 = −p1·p2 = ∂p2/∂a1
  });

  it('seed001-mse-gradient: mse = 1 and its gradient is 2, both ways', async () => {
    const out = await run('seed001-mse-gradient.ts');
    expect(out.filter(Boolean)).toEqual([
      'tf.Tensor(1.0, shape=(), dtype=float32)',
      'tf.Tensor([2.], shape=(1,), dtype=float32)',
      'tf.Tensor([2.], shape=(1,), dtype=float32)',
    ]);
  });

  it('seed001-entropy: 2, 1.3568 and 0.0313 bits', async () => {
    const t = tensors(await run('seed001-entropy.ts'));
    expect(t[0]).toBe('tf.Tensor([0.25 0.25 0.25 0.25], shape=(4,), dtype=float32)');
    expect(t[1]).toBe('tf.Tensor(2.0, shape=(), dtype=float32)');
    expect(values(t[2])[0].toFixed(4)).toBe('1.3568');
    expect(values(t[3])[0].toFixed(4)).toBe('0.0313');
  });

  it('seed001-cross-entropy: softmax → log → nll equals the fused cross-entropy', async () => {
    const [h1, h2] = tensors(await run('seed001-cross-entropy.ts')).map((s) => values(s)[0]);
    expect(h1).toBeGreaterThan(0);
    expect(Math.abs(h1 - h2)).toBeLessThan(1e-4 * h2);
  });

  it('seed001-perceptron-gradient: output, loss and gradient shapes', async () => {
    const out = await run('seed001-perceptron-gradient.ts');
    expect(out.filter((l) => l.startsWith('('))).toEqual(['(1, 1)', '()', '(1, 2)']);
    const [g1, g2] = tensors(out);
    expect(g1).toMatch(/shape=\(1, 10\)/);
    expect(g2).toMatch(/shape=\(2, 10\)/);
    expect(values(g1)).toHaveLength(10);
    expect(values(g2)).toHaveLength(20);
    expect([...values(g1), ...values(g2)].every(Number.isFinite)).toBe(true);
  });

  it('seed001-chain-rule: dy2/dy1 = 2, dy1/dw1 = 1, dy2/dw1 = 2', async () => {
    const out = await run('seed001-chain-rule.ts');
    expect(out.filter(Boolean).slice(1)).toEqual(['2.0', '1.0', '2.0'].map((v) => `tf.Tensor(${v}, shape=(), dtype=float32)`));
  });

  it('seed001-dense-layers: [1, 784] → (1, 200) → (1, 200) → (1, 10)', async () => {
    expect((await run('seed001-dense-layers.ts')).filter(Boolean)).toEqual(['(1, 200)', '(1, 200)', '(1, 10)']);
  });

  it('seed001-himmelblau-adam: Adam from (0, 0) reaches the minimum f(3, 2) = 0', async () => {
    const out = (await run('seed001-himmelblau-adam.ts')).filter(Boolean);
    expect(out[0]).toBe('surface: Z shape (120, 120), min tf.Tensor(0.0, shape=(), dtype=float32)');
    const steps = out.slice(1);
    expect(steps).toHaveLength(10);
    steps.forEach((l, i) => expect(l).toMatch(new RegExp(`^step${2000 * i}:x=\\[[-\\d.e]+, [-\\d.e]+\\], y=[\\d.e+-]+$`)));
    const [x0, y0, f0] = numbers(steps[0].slice(steps[0].indexOf('=')));
    expect(x0).toBeCloseTo(0.001, 6);
    expect(y0).toBe(x0);
    expect(f0).toBe(170);
    const [x, y, f] = numbers(steps[9].slice(steps[9].indexOf('=')));
    expect(x).toBeCloseTo(3, 5);
    expect(y).toBeCloseTo(2, 5);
    expect(f).toBeLessThan(1e-8);
  });

  it('seed000-fashion-mnist --quick: summary, variables, falling loss, test accuracy', async () => {
    const out = await run('seed000-fashion-mnist.ts');
    expect(out[0]).toBe('(2000, 28, 28) (2000,)');
    expect(out[1]).toBe('(500, 28, 28) (500,)');
    expect(out.join('\n')).toMatch(/\nsample: \(64, 28, 28\) tf\.Tensor\(\n?\[[\d\s]+\], shape=\(64,\), dtype=int32\)\n/);
    expect(out).toContain('Total params: 244,522');
    expect(out).toContain('dense/kernel (784, 256)');
    expect(out).toContain('dense_4/bias (10,)');
    const losses = out.map((l) => l.match(/^(\d+) (\d+) loss: tf\.Tensor\(([\d.]+), shape=\(\), dtype=float32\)$/))
      .filter((m) => m !== null).map((m) => Number(m[3]));
    expect(losses.length).toBe(2); // 2000 examples = 32 batches: step 0 of 2 epochs
    expect(losses[1]).toBeLessThan(losses[0]);
    const acc = out.filter((l) => l.startsWith('correct: ')).map((l) => Number(l.slice(9)));
    expect(acc).toHaveLength(2);
    expect(acc[1]).toBeGreaterThan(0.6);
  });

  for (const file of ['seed001-mnist-kaiming.ts', 'seed001-mnist-mlp.ts']) {
    it(`${file} --quick: torch's progress lines, falling loss, test accuracy`, async () => {
      const out = await run(file);
      const train = out.map((l) => l.match(/^Train Epoch: (\d) \[0\/10000 \(0%\)\]\tLoss: (\d+\.\d{6})$/)).filter((m) => m !== null);
      expect(train.map((m) => m[1])).toEqual(['0', '1']); // 10000 examples = 50 batches: batch 0 of 2 epochs
      const test = out.map((l) => l.match(/^Test set: Average loss: (\d+\.\d{4}), Accuracy: (\d+)\/1000 \((\d+)%\)$/)).filter((m) => m !== null);
      expect(test).toHaveLength(2);
      expect(Number(train[1][2])).toBeLessThan(Number(train[0][2]));
      expect(Number(test[1][1])).toBeLessThan(Number(test[0][1]));
      expect(Number(test[1][3])).toBe(Math.round(Number(test[1][2]) / 10));
      expect(Number(test[1][2])).toBeGreaterThan(650);
    });
  }
});
