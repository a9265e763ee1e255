// Runs every example ported from seeds 002, 003 and 004 (examples/seed002-*.ts, seed003-*, seed004-*) as a
// user would, `node --import tsx examples/<file> --quick`, and checks what each prints: exact text where
// the seed's program is deterministic (the values the seed shows: range, transpose, tile, pad, clipping,
// where, scatter_nd, softmax, ReLU/LeakyReLU, f'(4) = 64, the gradients [[10], [20]] and 10, the chain rule's
// 2), shapes and value ranges where it draws random numbers, and the line format plus a falling loss or a
// modest accuracy for the (quick) trainings.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'ascent-examples-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The example's stdout; fails with its stderr if it exits with an error. */
function run(file: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', `examples/${file}`, '--quick', ...args], { cwd: root, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`${file} failed: ${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}
/** The numbers in a text (TF's and Python's formats: 1., -0.5, 1e-05, 3.7835059e-44). */
const numbers = (text: string) => (text.match(/-?\d+(\.\d*)?(e[+-]?\d+)?/g) ?? []).map(Number);
/** The printed tensors and variables, each as one string (a repr can span lines). */
const tensors = (text: string): string[] =>
  Array.from(text.matchAll(/tf\.Tensor\([^]*?dtype=\w+\)|<tf\.Variable [^]*?\)>/g), (m) => m[0]);
/** The values of a printed `tf.Tensor(...)`. */
const values = (t: string) => numbers(t.slice('tf.Tensor('.length, t.lastIndexOf(', shape=')));
const shapeOf = (t: string) => (t.startsWith('<tf.Variable') ? /shape=(\([^)]*\))/.exec(t)![1]
  : t.slice(t.lastIndexOf('shape=') + 6, t.lastIndexOf(', dtype=')));
/** The output between the marker line `# <section>` and the next marker. */
function section(out: string, name: string): string {
  const start = out.indexOf(`# ${name}`);
  expect(start, `section '# ${name}'`).toBeGreaterThanOrEqual(0);
  const body = out.slice(out.indexOf('\n', start) + 1);
  const end = body.search(/^# /m);
  return end < 0 ? body : body.slice(0, end);
}
const T = (body: string, shape: string, dtype = 'float32') => `tf.Tensor(${body}, shape=${shape}, dtype=${dtype})`;

describe.concurrent('seed 002, 003 and 004 examples', () => {
  it('seed002-tensor-create: §3.1–3.7 constants, fill, range, random tensors, MSE, Conv2D', async () => {
    const out = await run('seed002-tensor-create.ts');
    const ones = T('\n[[1. 1. 1. 1.]\n [1. 1. 1. 1.]\n [1. 1. 1. 1.]]', '(3, 4)');
    expect(section(out, '3.1').trim()).toBe(`${ones}\n<tf.Variable 'Variable:0' shape=(3, 4) dtype=float32, numpy=\n` +
      'array([[1., 1., 1., 1.],\n       [1., 1., 1., 1.],\n       [1., 1., 1., 1.]], dtype=float32)>');
    expect(tensors(section(out, '3.2'))).toEqual([
      T('[1 2]', '(2,)', 'int32'), T('\n[[1. 2.]\n [3. 4.]]', '(2, 2)'), T('\n[[0 0]\n [0 0]\n [0 0]]', '(3, 2)', 'int32')]);
    const [fill, normal] = tensors(section(out, '3.3'));
    expect(fill).toBe(T('\n[[10 10 10]\n [10 10 10]]', '(2, 3)', 'int32'));
    expect(shapeOf(normal)).toBe('(2, 2)');
    const [n10, u1, u100] = tensors(section(out, '3.4'));
    expect(shapeOf(n10)).toBe('(5, 5)');
    const m = values(n10).reduce((a, b) => a + b) / 25;
    expect(m).toBeGreaterThan(8.5); // mean 10, stddev 2: the mean of 25 is within ±1.5 with probability ≈ 0.9998
    expect(m).toBeLessThan(11.5);
    for (const v of values(u1)) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThan(1); }
    for (const v of values(u100)) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThan(100); }
    expect(section(out, '3.5').trim()).toBe(T('[1 3 5 7 9]', '(5,)', 'int32'));
    const [loss] = tensors(section(out, '3.6'));
    expect(shapeOf(loss)).toBe('()');
    expect(values(loss)[0]).toBeGreaterThan(0.1); // E[(u - onehot)²]: 0.33 (ones), 0.33 (zeros) → ≈ 0.33
    expect(values(loss)[0]).toBeLessThan(0.6);
    expect(section(out, '3.7').trim()).toBe('(4, 36, 36, 24)');
  });

  it('seed002-tensor-index: §3.8–3.15 indexing, slicing, views, transpose, tile, broadcast', async () => {
    const out = await run('seed002-tensor-index.ts');
    const [a, b] = section(out, '3.8').trim().split('\n');
    expect(a).toMatch(/^tf\.Tensor\(-?\d.*, shape=\(\), dtype=float32\)$/);
    expect(b).toBe(a);
    expect(shapeOf(tensors(section(out, '3.9'))[0])).toBe('(4, 19, 19, 3)');
    expect(shapeOf(tensors(section(out, 'images 1~2'))[0])).toBe('(2, 38, 38, 2)');
    expect(section(out, '3.9')).toContain('...'); // 4332 values: numpy's summary
    expect(shapeOf(tensors(section(out, '3.10'))[0])).toBe('(4, 8)');
    expect(section(out, '3.11').trim()).toBe('TensorShape([2, 3, 5, 1])\nTensorShape([2, 3, 1, 5])');
    expect(section(out, '3.12').trim()).toBe('TensorShape([2, 5, 1])');
    expect(section(out, '3.13').trim()).toBe([
      T('\n[[0 1 2]\n [3 4 5]]', '(2, 3)', 'int32'), T('\n[[0 3]\n [1 4]\n [2 5]]', '(3, 2)', 'int32')].join('\n'));
    expect(section(out, '3.14').trim()).toBe(['(4, 6)',
      T('\n[[0 1 0 1 0 1]\n [2 3 2 3 2 3]\n [0 1 0 1 0 1]\n [2 3 2 3 2 3]]', '(4, 6)', 'int32')].join('\n'));
    expect(section(out, '3.15').trim()).toBe('(2, 4, 3, 6)');
  });

  it('seed002-tensor-math: §3.16–3.22 math, joins, splits, norms, reductions, argmax, pad, clipping', async () => {
    const out = await run('seed002-tensor-math.ts');
    const math = tensors(section(out, '3.16'));
    expect(math.slice(0, 4)).toEqual([T('[ 1.  8. 27. 64.]', '(4,)'), T('[1.        1.4142135 1.7320508 2.       ]', '(4,)'),
      T('7.389056', '()'), T('2.3025851', '()')]);
    expect(shapeOf(math[4])).toBe('(2, 2)');
    expect(tensors(section(out, '3.17')).map(shapeOf)).toEqual(['(10, 35, 8)', '(2, 35, 8)']);
    const split = section(out, '3.18 split');
    expect(split.split('\n').slice(0, 2)).toEqual(['(5, 35, 8)', '(2, 35, 8)']);
    expect(shapeOf(tensors(split)[0])).toBe('(35, 8)');
    expect(section(out, '3.19 norms').trim()).toBe([T('4.0', '()'), T('2.0', '()'), T('1.0', '()')].join('\n'));
    const [mx, mn, mean, gmax] = tensors(section(out, '3.18 max')).map(values);
    for (let i = 0; i < 4; i++) { expect(mx[i]).toBeGreaterThanOrEqual(mean[i]); expect(mean[i]).toBeGreaterThanOrEqual(mn[i]); }
    expect(gmax).toHaveLength(1);
    const [probs, pred] = tensors(section(out, '3.19 argmax'));
    const p = values(probs);
    expect(p.slice(0, 10).reduce((s, v) => s + v)).toBeCloseTo(1, 5);
    const row = (r: number) => p.slice(10 * r, 10 * r + 10);
    expect(values(pred)).toEqual([0, 1].map((r) => row(r).indexOf(Math.max(...row(r)))));
    expect(pred).toMatch(/shape=\(2,\), dtype=int32\)$/);
    const [count] = values(tensors(section(out, '3.20'))[0]);
    expect(count).toBeGreaterThanOrEqual(0);
    expect(count).toBeLessThanOrEqual(30); // 100 guesses among 10 classes: 10 on average
    const pad = tensors(section(out, '3.21'));
    expect(pad[0]).toBe(T('[7 8 1 6 0 0]', '(6,)', 'int32'));
    expect(shapeOf(pad[1])).toBe('(4, 32, 32, 1)');
    const r9 = T('[0 1 2 3 4 5 6 7 8]', '(9,)', 'int32');
    expect(section(out, '3.22').trim()).toBe([r9, T('[2 2 2 3 4 5 6 7 8]', '(9,)', 'int32'), r9,
      T('[0 1 2 3 4 5 5 5 5]', '(9,)', 'int32'), r9, T('[5 5 5 5 5 5 6 7 7]', '(9,)', 'int32')].join('\n'));
  });

  it('seed002-tensor-gather: §3.23–3.27 gather, gather_nd, boolean_mask, where, scatter_nd, meshgrid', async () => {
    const out = await run('seed002-tensor-gather.ts');
    expect(shapeOf(tensors(section(out, '3.23'))[0])).toBe('(2, 35, 8)');
    expect(shapeOf(tensors(section(out, 'subjects'))[0])).toBe('(4, 35, 2)');
    expect(section(out, 'students').trim()).toBe('(2, 4, 8)');
    expect(shapeOf(tensors(section(out, '3.24'))[0])).toBe('(3, 8)');
    expect(section(out, '3.25').trim()).toBe('(3, 35, 8)');
    expect(section(out, '3.26 where').trim()).toBe(T('\n[[1. 0. 1.]\n [0. 0. 1.]\n [1. 1. 0.]]', '(3, 3)'));
    expect(section(out, 'the coordinates').trim()).toBe(T('\n[[0 0]\n [0 2]\n [1 2]\n [2 0]\n [2 1]]', '(5, 2)', 'int32'));
    const [x, masked, gathered] = tensors(section(out, 'all positive'));
    expect(masked).toBe(gathered);
    expect(values(masked)).toEqual(values(x).filter((v) => v > 0));
    expect(section(out, '3.26 scatter_nd').trim()).toBe(T('[0.  0.  2.2 0.  0.  5.5 0.  0. ]', '(8,)'));
    const grid = section(out, '3.27').trim().split('\n');
    expect(grid.slice(0, 2)).toEqual(['(50, 100) float32', '(50, 100) float32']);
    expect(grid[2]).toMatch(/^sinc surface z: shape \(50, 100\), from -0\.2\d+ to 0\.99\d+$/);
  });

  it('seed002-datasets-pipeline: §4.1–4.5 load_data, fromTensorSlices, shuffle, batch, map, repeat', async () => {
    const out = await run('seed002-datasets-pipeline.ts');
    expect(section(out, '4.1').trim()).toBe('(1000, 28, 28) (1000,)'); // --quick keeps 1000 of the 60000
    expect(section(out, '4.2').trim()).toBe('Dataset: 600 elements, shapes: ((28, 28), ()), types: (float32, int32)');
    expect(section(out, '4.3').trim()).toBe(Array(30).fill('(20, 28, 28) (20,)').join('\n'));
    expect(section(out, '4.4').trim()).toBe('(1, 784)\n(10,)');
    expect(section(out, '4.5').trim()).toBe('20000 steps in 20 epochs\n20000');
  });

  it('seed002-mnist-loop: §4.6 the loss falls and the test batches are mostly right; §8.3 summaries', async () => {
    const logdir = join(scratch, 'mnist-loop');
    const lines = (await run('seed002-mnist-loop.ts', '--logdir', logdir)).trim().split('\n');
    // --quick: 2000 images = 20 steps per epoch, so one line per epoch; 500 test images = 5 batches
    const train = lines.filter((l) => l.startsWith('current epoch'));
    expect(train).toHaveLength(2);
    train.forEach((l, e) => expect(l).toMatch(new RegExp(
      `^current epoch: ${e}, current step: 0, loss: tf\\.Tensor\\(\\d+\\.\\d+, shape=\\(\\), dtype=float32\\), aac: \\d+\\.\\d%$`)));
    expect(numbers(train[1])[2]).toBeLessThan(numbers(train[0])[2]);
    const test = lines.filter((l) => l.startsWith(' current step'));
    expect(test.map((l) => l.replace(/aac: \d+\.\d%$/, ''))).toEqual([0, 1, 2, 3, 4].map((s) => ` current step: ${s}, `));
    const accs = test.map((l) => numbers(l)[1]);
    expect(accs.reduce((a, b) => a + b) / accs.length).toBeGreaterThan(30); // chance is 10 %; ≈ 49 % after 40 steps
    const [events] = readdirSync(logdir);
    expect(events).toMatch(/^events\.out\.tfevents\./);
    const bytes = readFileSync(join(logdir, events)).toString('latin1');
    for (const tag of ['train_acc', 'train-loss', 'test_acc', 'val-onebyone-images:', 'y-hist']) expect(bytes).toContain(tag);
  });

  it('seed002-layers: §5.2 dense three ways, §7.1 the Softmax layer, §7.2 a Sequential', async () => {
    const out = await run('seed002-layers.ts');
    expect(section(out, '5.2').trim()).toBe('(2, 256)');
    const dense = section(out, 'the high-level layer');
    expect(dense.split('\n')[0]).toBe('(4, 512)');
    expect(tensors(dense).map(shapeOf)).toEqual(['(784, 512)', '(512,)', '(784, 512)', '(512,)']);
    expect(section(out, 'the container').trim()).toBe('(100, 10)');
    // the seed prints tf.Tensor([0.6590012  0.24243298 0.09856589], shape=(3,), dtype=float32)
    expect(section(out, '7.1').trim()).toBe(T('[0.6590012  0.24243298 0.09856589]', '(3,)'));
    expect(section(out, '7.2').trim()).toBe('(4, 2)');
  });

  it('seed002-sequential: §7.2 add, build, summary and the trainable variables', async () => {
    const out = await run('seed002-sequential.ts');
    expect(out).toContain('Total params: 27\n');
    // the seed prints dense/kernel:0 (4, 3), dense/bias:0 (3,), dense_1/kernel:0 (3, 3), dense_1/bias:0 (3,)
    expect(out.trim().split('\n').slice(-4)).toEqual(['dense/kernel (4, 3)', 'dense/bias (3,)', 'dense_1/kernel (3, 3)', 'dense_1/bias (3,)']);
  });

  it('seed002-activations-losses: §5.4–5.6 the values the seed prints', async () => {
    const out = await run('seed002-activations-losses.ts');
    const x = T('\n[-6.        -4.6666665 -3.3333333 -2.        -0.6666665  0.666667\n  2.         3.333334   4.666667   6.       ]', '(10,)');
    const [x1, sig] = tensors(section(out, '5.4 sigmoid'));
    expect(x1).toBe(x);
    values(sig).forEach((v, i) => expect(Math.abs(v - 1 / (1 + Math.exp(-values(x)[i])))).toBeLessThan(2e-7)); // ≈ 2 float32 ulps
    expect(section(out, 'ReLU').trim()).toBe(`${x}\n${T('\n[0.       0.       0.       0.       0.       0.666667 2.       3.333334\n 4.666667 6.      ]', '(10,)')}`);
    expect(section(out, 'LeakyReLU').trim()).toBe(T('\n[-1.2        -0.93333334 -0.6666667  -0.4        -0.13333331  0.666667\n  2.          3.333334    4.666667    6.        ]', '(10,)'));
    // the seed's tf.tanh(x): [-0.99998784 -0.99982315 -0.9974579 -0.9640276 -0.58278286 0.58278316 …]
    const seedTanh = [-0.99998784, -0.99982315, -0.9974579, -0.9640276, -0.58278286, 0.58278316, 0.9640276, 0.99745804, 0.99982315, 0.99998784];
    for (const t of [tensors(section(out, 'tanh'))[1], tensors(section(out, 'outputs in'))[0]]) {
      values(t).forEach((v, i) => expect(Math.abs(v - seedTanh[i])).toBeLessThan(2e-7));
    }
    expect(section(out, '5.5').trim()).toBe([T('[0.   1.25 2.5  3.75 5.  ]', '(5,)'),
      T('[0.00481679 0.01681226 0.05868054 0.20481521 0.7148753 ]', '(5,)')].join('\n'));
    const [onehot, ce, ceMean] = tensors(section(out, 'softmax and cross-entropy'));
    expect(onehot).toBe(T('\n[[0. 1. 0. 0. 0. 0. 0. 0. 0. 0.]\n [0. 0. 0. 1. 0. 0. 0. 0. 0. 0.]]', '(2, 10)'));
    expect(shapeOf(ce)).toBe('(2,)');
    expect(values(ceMean)[0]).toBeCloseTo((values(ce)[0] + values(ce)[1]) / 2, 6);
    expect(shapeOf(tensors(section(out, 'the class'))[0])).toBe('()');
    const [mse, mseMean] = tensors(section(out, '5.6'));
    expect(shapeOf(mse)).toBe('(2,)');
    expect(values(mseMean)[0]).toBeCloseTo((values(mse)[0] + values(mse)[1]) / 2, 6);
  });

  it('seed002-chain-rule: §6.3 dy2/dy1 · dy1/dw1 = dy2/dw1 = 2', async () => {
    expect((await run('seed002-chain-rule.ts')).trim()).toBe(`${T('2.0', '()')}\n${T('2.0', '()')}`);
  });

  it('seed002-subclassed-model: §7.7 five Dense layers, 244,522 parameters', async () => {
    const out = await run('seed002-subclassed-model.ts');
    expect(out).toContain(' dense (Dense)               multiple                  200960');
    expect(out).toContain(' dense_4 (Dense)             multiple                  330');
    expect(out).toContain('Total params: 244,522\n');
    expect(out.trim().split('\n').at(-1)).toBe('(10, 10)');
  });

  it('seed002-metrics: §8.1 Mean resets to 0, §8.2 Accuracy of coin flips ≈ 0.5', async () => {
    const out = await run('seed002-metrics.ts');
    const [mean, reset] = tensors(section(out, '8.1'));
    expect(shapeOf(mean)).toBe('()');
    expect(reset).toBe(T('0.0', '()'));
    const [acc] = values(tensors(section(out, '8.2'))[0]);
    expect(acc).toBeGreaterThan(0.47); // 10000 fair guesses: σ = 0.005
    expect(acc).toBeLessThan(0.53);
  });

  it('seed002-regularization: §9.2–9.4 L1, L2 and dropout', async () => {
    const out = await run('seed002-regularization.ts');
    for (const s of ['9.2', '9.3']) {
      const [v] = values(tensors(section(out, s))[0]);
      expect(v).toBeGreaterThan(0);
    }
    const [drop, layer] = tensors(section(out, '9.4'));
    expect(shapeOf(drop)).toBe('(2, 8)');
    for (const v of values(drop)) expect([0, 2]).toContain(v);
    expect(values(drop)).toContain(0); // 16 draws at rate 0.5: all kept with probability 2⁻¹⁶
    expect(shapeOf(layer)).toBe('(2, 8)');
  });

  it('seed002-compile-fit: §7.3–7.6 fitDataset with validation every 2 epochs, predict, save and load', async () => {
    const dir = join(scratch, 'compile-fit');
    const out = await run('seed002-compile-fit.ts', '--out', dir);
    const fit = section(out, '7.4 fit').trim().split('\n');
    expect(fit[0]).toBe('Epoch 1/2');
    expect(fit[1]).toMatch(/^16\/16 \[=+\] - .* - loss: \d\.\d{4} - accuracy: \d\.\d{4}$/); // no validation in epoch 1
    expect(fit[3]).toMatch(/ - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/);
    expect(numbers(fit[3].split(' - loss:')[1])[0]).toBeLessThan(numbers(fit[1].split(' - loss:')[1])[0]);
    expect(fit[4]).toBe('loss accuracy val_loss val_accuracy');
    expect(shapeOf(tensors(section(out, '7.5'))[0])).toBe('(128, 10)');
    const [restored] = tensors(section(out, '7.6.1'));
    expect(values(restored)[0]).toBeGreaterThan(0.7); // ≈ 0.87 after 2 quick epochs
    const reloaded = section(out, '7.6.2');
    expect(reloaded).toContain('Total params: 244,522\n');
    expect(tensors(reloaded)[0]).toBe(restored); // the same weights give the same accuracy
    for (const d of ['weights', 'model']) expect(readdirSync(join(dir, d)).sort()).toEqual(['model.json', 'weights.bin']);
  });

  it('seed002-make-moons: §9 the L2-regularised network learns the two moons', async () => {
    const lines = (await run('seed002-make-moons.ts')).trim().split('\n');
    expect(lines.filter((l) => l.startsWith('Epoch '))).toEqual(['Epoch 1/3', 'Epoch 2/3', 'Epoch 3/3']);
    const losses = lines.filter((l) => l.includes('/step - loss: ')).map((l) => numbers(l.split(' - loss: ')[1])[0]);
    expect(losses).toHaveLength(3);
    expect(losses[2]).toBeLessThan(losses[0]);
    const last = lines.at(-1)!;
    expect(last).toMatch(/^3\/3 - loss: \d+\.\d{4} - binaryAccuracy: \d\.\d{4}$/); // 80 test points of 400
    expect(numbers(last.split('binaryAccuracy:')[1])[0]).toBeGreaterThan(0.7); // ≈ 0.79 after 3 quick epochs
  });

  it('seed003-gradients: §1.1 f\'(4) = 64, §1.2 gradients [[10], [20]] and 10', async () => {
    const out = await run('seed003-gradients.ts');
    expect(section(out, '1.1').trim()).toBe('64.0');
    expect(section(out, '1.2').trim()).toBe(`${T('\n[[10.]\n [20.]]', '(2, 1)')}\n${T('10.0', '()')}`);
  });

  for (const [model, minAcc] of [['mlp', 0.7], ['leakyrelu', 0.6], ['batchnorm', 0.6], ['l2', 0.6]] as const) {
    it(`seed003-mlp --model ${model}: §2 / §2.1 compile, fit with validation, evaluate`, async () => {
      const lines = (await run('seed003-mlp.ts', '--model', model)).trim().split('\n');
      expect(lines[0]).toBe('(2000, 28, 28) (2000,)');
      expect(numbers(lines.slice(1, 3).join(' '))).toHaveLength(10); // model(x_train[:1]): 10 logits
      const probs = numbers(lines.slice(3, 5).join(' '));
      expect(probs.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      expect(lines[5]).toBe('Epoch 1/1');
      expect(lines[6]).toMatch(/^63\/63 \[=+\] - .* - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/);
      expect(lines[7]).toMatch(/^16\/16 - loss: \d\.\d{4} - accuracy: \d\.\d{4}$/);
      expect(numbers(lines[7].split('accuracy:')[1])[0]).toBeGreaterThan(minAcc); // 2000 images, 1 epoch: ≈ 0.78–0.81
    });
  }

  it('seed004-forward: the gradients of the four parameters, then the loss falls for 50 + 50 steps', async () => {
    const out = await run('seed004-forward.ts');
    expect(tensors(out).map(shapeOf)).toEqual(['(784, 128)', '(128,)', '(128, 10)', '(10,)']);
    const lines = out.trim().split('\n');
    const losses = lines.slice(-51, -1).map(Number);
    expect(losses).toHaveLength(50);
    for (let i = 1; i < 50; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
    expect(losses[49]).toBeLessThan(0.5 * losses[0]);
    expect(lines.at(-1)).toMatch(/^loss after 50 SGD steps: 0\.\d+$/);
    expect(numbers(lines.at(-1)!)[1]).toBeLessThan(losses[49]);
  });

  it('seed004-variables: constants and Variables, name and trainable', async () => {
    const one = T('1.0', '()');
    expect((await run('seed004-variables.ts')).trim()).toBe(
      [one, "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=1.0>", 'Variable true', '# a constant can become a Variable',
        one, "<tf.Variable 'Variable_1:0' shape=() dtype=float32, numpy=1.0>", 'Variable_1 true'].join('\n'));
  });
});
