// `npm run train` (scripts/train.ts) as a subprocess on a few images: its output, the saved model, and
// its usage errors.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ascent-train-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function train(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/train.ts', ...args], { cwd: root, timeout: 120_000 }, (e, out, err) => {
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, out, err });
    });
  });
}

describe('npm run train', () => {
  it('trains the MLP on MNIST with the progress bar, prints the test accuracy and saves the model', async () => {
    const dir = join(tmp, 'mlp');
    const r = await train('--epochs', '1', '--limit', '2000', '--out', dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^mnist: 2000 training and 2000 test images \(loaded in \d+\.\d s\)$/);
    expect(lines).toContain('Epoch 1/1');
    expect(lines).toContain('Total params: 244,522');
    const bar = lines[lines.indexOf('Epoch 1/1') + 1];
    expect(bar).toMatch(/^32\/32 \[==============================\] - \d+m?s \d+m?s\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/);
    expect(r.out).toMatch(/^Trained 1 epoch in \d+\.\d s \(\d+\.\d s per epoch\)$/m);
    const m = /^Test accuracy: (\d+\.\d\d)% \(loss \d\.\d{4}, 2000 images\)$/m.exec(r.out);
    expect(m).not.toBeNull();
    const acc = Number(m![1]);
    expect(acc).toBeGreaterThan(60); // one epoch on 2000 images (seed 0: 72.40 %)
    expect(r.out).toContain(`Saved the model to ${dir}`);

    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(json.modelTopology.class_name).toBe('Sequential');
    const weights = json.weightsManifest.flatMap((g: { weights: { name: string; shape: number[] }[] }) => g.weights);
    expect(weights.map((w: { shape: number[] }) => w.shape)).toEqual([[784, 256], [256], [256, 128], [128], [128, 64], [64], [64, 32], [32], [32, 10], [10]]);
    for (const g of json.weightsManifest) for (const p of g.paths) expect(existsSync(join(dir, p))).toBe(true);
    // loaded back, the model scores what the script printed on the same test images
    const model = await tf.loadLayersModel(`file://${dir}`);
    const [, [tx, ty]] = await tf.datasets.mnist.loadData({ trainCount: 0, testCount: 2000 });
    const x = tx.div(255).reshape([2000, 784]);
    const pred = tf.argMax(model.predict(x) as tf.Tensor, 1);
    const correct = tf.sum(tf.cast(tf.equal(pred, ty), 'float32')).item();
    expect((100 * correct) / 2000).toBeCloseTo(acc, 2);
  }, 120_000);

  it('--model cnn --dataset fashion-mnist', async () => {
    const r = await train('--model', 'cnn', '--dataset', 'fashion-mnist', '--epochs', '1', '--batch-size', '50', '--limit', '300', '--out', join(tmp, 'cnn'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^fashion-mnist: 300 training and 300 test images/);
    expect(r.out).toMatch(/conv2d \(Conv2D\)\s+\(None, 26, 26, 32\)\s+320/);
    expect(r.out).toMatch(/^6\/6 \[=+\] - .* - val_accuracy: \d\.\d{4}$/m);
    expect(r.out).toMatch(/^Test accuracy: \d+\.\d\d% \(loss \d\.\d{4}, 300 images\)$/m);
    expect(existsSync(join(tmp, 'cnn', 'model.json'))).toBe(true);
  }, 120_000);

  it('--help prints the usage; unknown options and bad values print it and exit 2', async () => {
    const help = await train('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: npm run train -- \[options\]/);
    expect(help.out).toContain('--dataset mnist|fashion-mnist');
    const [bogus, zero, model, missing] = await Promise.all([
      train('--bogus'), train('--epochs', '0'), train('--model=rnn'), train('--out')]);
    for (const r of [bogus, zero, model, missing]) {
      expect(r.code).toBe(2);
      expect(r.err).toContain('Usage: npm run train -- [options]');
    }
    expect(bogus.err).toMatch(/^train: unknown option '--bogus'/);
    expect(zero.err).toMatch(/^train: --epochs must be an integer ≥ 1, got '0'/);
    expect(model.err).toMatch(/^train: --model must be mlp or cnn, got 'rnn'/);
    expect(missing.err).toMatch(/^train: option --out needs a value/);
  }, 120_000);
});
