// Embedding: lookups and gradients (summed over repeated ids) against tfjs-layers, training through
// gather, masks and errors.
import { describe, expect, it } from 'vitest';
import { expectClose, rand, tf } from '../helpers.js';
import { compareLayer, tfl, vals } from './oracle.js';

const L = tf.layers;

describe('Embedding', () => {
  it('matches tfjs-layers values and the embeddings gradient (repeated ids add up)', async () => {
    const ids = tf.tensor([[1, 2, 1], [4, 0, 1]], [2, 3], 'int32');
    const e = L.embedding({ inputDim: 5, outputDim: 3 });
    const y = await compareLayer(e, tfl.layers.embedding({ inputDim: 5, outputDim: 3 }), ids);
    expect(y.shape).toEqual([2, 3, 3]);
    const table = vals(e.embeddings!);
    expectClose(tf.slice(y, [0, 2, 0], [1, 1, 3]), table.slice(3, 6), 0, 0);
    expect(e.computeOutputShape([null, 3])).toEqual([null, 3, 3]);
  });

  it('embeddings start uniform in ±0.05 (Keras randomUniform); weight name and countParams', () => {
    const e = L.embedding({ inputDim: 1000, outputDim: 64, name: 'emb' });
    e.apply(tf.zeros([1, 1], 'int32'));
    const v = vals(e.embeddings!);
    expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(Math.max(...v.map(Math.abs))).toBeGreaterThan(0.04);
    expect(e.weights.map((w) => [w.name, w.shape])).toEqual([['emb/embeddings', [1000, 64]]]);
    expect(e.countParams()).toBe(64000);
    expect(e.getConfig()).toMatchObject({ inputDim: 1000, outputDim: 64, maskZero: false, embeddingsInitializer: { className: 'RandomUniform' } });
  });

  it('trains through gather: SGD pulls the looked-up rows toward a target, other rows stay', () => {
    const e = L.embedding({ inputDim: 4, outputDim: 2, embeddingsInitializer: 'zeros' });
    const ids = tf.tensor([0, 2, 2], [3], 'int32');
    const target = tf.tensor([[1, -1], [2, 2], [2, 2]]);
    let first = 0, last = 0;
    for (let step = 0; step < 50; step++) {
      const tape = new tf.GradientTape();
      const loss = tf.mean(tf.square(tf.sub(e.apply(ids) as tf.Tensor, target)));
      const [g] = tape.gradient(loss, e.trainableWeights) as tf.Tensor[];
      e.embeddings!.assignSub(tf.mul(g, 0.5));
      if (step === 0) first = loss.item();
      last = loss.item();
    }
    expect(last).toBeLessThan(first * 1e-3);
    expectClose(e.embeddings!, [1, -1, 0, 0, 2, 2, 0, 0], 1e-2, 1e-2);
  });

  it('float ids are cast; inputLength; maskZero gives a mask; out-of-range ids name the layer', () => {
    const e = L.embedding({ inputDim: 3, outputDim: 2, inputLength: 4, maskZero: true, name: 'tok' });
    expect(e.batchInputShape).toEqual([null, 4]);
    expect((e.apply(tf.tensor([[0, 1, 2, 1]])) as tf.Tensor).shape).toEqual([1, 4, 2]);
    expect(vals(e.computeMask(tf.tensor([[0, 1, 2, 0]], [1, 4], 'int32'))!)).toEqual([0, 1, 1, 0]);
    expect(L.embedding({ inputDim: 3, outputDim: 2 }).computeMask(tf.tensor([[0]]))).toBeNull();
    expect(() => e.apply(tf.tensor([[0, 1, 3, 1]], [1, 4], 'int32'))).toThrow(/tok: gather: indices\[0,2\] = 3 is out of range .*\(inputDim is 3\)/);
    expect(() => e.apply(tf.tensor([[0, 1]], [1, 2], 'int32'))).toThrow(/tok: expected input of shape \[None,4\], got input of shape \[1,2\]/);
    expect(() => L.embedding({ inputDim: 0, outputDim: 2 })).toThrow(/inputDim must be a positive integer/);
    expect(() => L.embedding({ inputDim: 3 } as any)).toThrow(/outputDim must be a positive integer/);
  });
});

describe('Layers together', () => {
  it('seed 003 MLP: Flatten → Dense(128) → BatchNormalization → ReLU → Dropout → Dense(10): shapes, params, training flag', () => {
    const stack = [L.flatten({ inputShape: [28, 28] }), L.dense({ units: 128 }), L.batchNormalization(), L.reLU(),
      L.dropout({ rate: 0.5, seed: 1 }), L.dense({ units: 10 })];
    const x = rand([8, 28, 28], 1, 0, 1);
    const run = (training: boolean) => stack.reduce((h, l) => l.apply(h, { training }) as tf.Tensor, x);
    const inference = run(false);
    expect(inference.shape).toEqual([8, 10]);
    expect(stack.reduce((n, l) => n + l.countParams(), 0)).toBe(784 * 128 + 128 + 4 * 128 + 128 * 10 + 10);
    expect(vals(run(false))).toEqual(vals(inference));
    expect(vals(run(true))).not.toEqual(vals(inference));
    // every trainable weight gets a gradient through BatchNormalization's batch statistics and Dropout's mask
    const ws = stack.flatMap((l) => l.trainableWeights);
    expect(ws.length).toBe(6);
    const tape = new tf.GradientTape();
    const loss = tf.mean(tf.square(run(true)));
    const grads = tape.gradient(loss, ws) as tf.Tensor[];
    grads.forEach((g, i) => { expect(g, ws[i].name).not.toBeNull(); expect(vals(g).every(Number.isFinite)).toBe(true); });
  });
});
