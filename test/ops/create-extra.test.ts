// tensor5d/6d, TensorBuffer (tf.buffer, tensor.bufferSync/buffer/bytes/strides), tf.print in tfjs's
// format, disposeVariables, enableProdMode — against TensorFlow.js (cpu).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });
afterEach(() => { vi.restoreAllMocks(); });

describe('tensor5d, tensor6d', () => {
  it('make rank-5 and rank-6 tensors from nested or flat values, and check the rank', () => {
    const t5 = tf.tensor5d([[[[[1, 2]]]]]);
    expect(t5.shape).toEqual([1, 1, 1, 1, 2]);
    const t6 = tf.tensor6d([1, 2, 3, 4], [1, 1, 2, 1, 2, 1], 'int32');
    expect(t6.shape).toEqual(tfc.tensor6d([1, 2, 3, 4], [1, 1, 2, 1, 2, 1], 'int32').shape);
    expect(t6.dtype).toBe('int32');
    expect(() => tf.tensor5d([1, 2])).toThrow(/^tensor5d: expected rank 5, got values of shape \[2\]/);
    expect(() => tf.tensor6d([[1]])).toThrow(/^tensor6d: expected rank 6/);
  });
});

describe('TensorBuffer', () => {
  it('set/get/locToIndex/indexToLoc/strides/toTensor as tfjs', () => {
    const b = tf.buffer([2, 3, 4], 'int32');
    const e = tfc.buffer([2, 3, 4], 'int32');
    expect(b.strides).toEqual(e.strides);
    expect(b.rank).toBe(3);
    b.set(7, 1, 2, 3); e.set(7, 1, 2, 3);
    b.set(-4, 0, 1, 0); e.set(-4, 0, 1, 0);
    expect(b.get(1, 2, 3)).toBe(7);
    expect(Array.from(b.values)).toEqual(Array.from(e.values));
    for (const i of [0, 5, 13, 23]) {
      expect(b.indexToLoc(i)).toEqual(e.indexToLoc(i));
      expect(b.locToIndex(b.indexToLoc(i))).toBe(i);
    }
    const t = b.toTensor();
    expect(t.shape).toEqual([2, 3, 4]);
    expect(t.dtype).toBe('int32');
    expect(Array.from(t.dataSync())).toEqual(Array.from(e.toTensor().dataSync()));
    const s = tf.buffer([], 'float32');
    s.set(2.5);
    expect(s.get()).toBe(2.5);
    expect(s.toTensor().shape).toEqual([]);
    const vals = new Float32Array([1, 2, 3, 4]);
    const shared = tf.buffer([2, 2], 'float32', vals);
    shared.set(9, 1, 1);
    expect(vals[3]).toBe(9);
    const bb = tf.buffer([2], 'bool');
    bb.set(true, 1);
    expect(bb.toTensor().arraySync()).toEqual([false, true]);
  });
  it('errors: wrong coordinate counts, out of range, value counts', () => {
    const b = tf.buffer([2, 2]);
    expect(() => b.get(0)).toThrow(/^buffer.get: 1 coordinates given for a buffer of rank 2/);
    expect(() => b.set(1, 2, 0)).toThrow(/^buffer.set: coordinates \[2,0\] are out of range for shape \[2,2\]/);
    expect(() => tf.buffer([2, 2], 'float32', new Float32Array(3))).toThrow(/^buffer: values has 3 elements, the shape \[2,2\] needs 4/);
    expect(() => tf.buffer([2, -1])).toThrow(/^buffer: /);
  });
  it('tensor.bufferSync(), buffer(), bytes(), strides', async () => {
    const x = tf.tensor([[1, 2, 3], [4, 5, 6]]);
    const b = x.bufferSync();
    expect(b.get(1, 2)).toBe(6);
    b.set(0, 0, 0);
    expect(x.dataSync()[0]).toBe(1); // a copy
    expect((await x.buffer()).get(0, 1)).toBe(2);
    expect(x.strides).toEqual(tfc.tensor([[1, 2, 3], [4, 5, 6]]).strides);
    expect(tf.zeros([2, 3, 4, 5]).strides).toEqual([60, 20, 5]);
    expect(tf.scalar(1).strides).toEqual([]);
    const bytes = await x.bytes();
    expect(Array.from(bytes)).toEqual(Array.from(await tfc.tensor([[1, 2, 3], [4, 5, 6]]).bytes() as Uint8Array));
    expect(Array.from(await tf.tensor([true, false]).bytes())).toEqual([1, 0]);
  });
});

describe('print', () => {
  const cases: [string, () => tf.Tensor, () => tfcore.Tensor][] = [
    ['scalar', () => tf.scalar(1 / 3), () => tfc.scalar(1 / 3)],
    ['vector', () => tf.tensor1d([1.5, -22.25, 3e-9, 1e10, NaN, Infinity]), () => tfc.tensor1d([1.5, -22.25, 3e-9, 1e10, NaN, Infinity])],
    ['matrix', () => tf.tensor2d([[1.123456789, -2], [3, 4]]), () => tfc.tensor2d([[1.123456789, -2], [3, 4]])],
    ['rank 4', () => tf.reshape(tf.range(0, 8), [2, 2, 2, 1]), () => tfc.reshape(tfc.range(0, 8), [2, 2, 2, 1])],
    ['long rows', () => tf.reshape(tf.range(0, 50), [25, 2]), () => tfc.reshape(tfc.range(0, 50), [25, 2])],
    ['long axis 0 of rank 3', () => tf.reshape(tf.range(0, 44), [22, 2, 1]), () => tfc.reshape(tfc.range(0, 44), [22, 2, 1])],
    ['int32', () => tf.tensor([[-1, 20], [300, 4]], [2, 2], 'int32'), () => tfc.tensor([[-1, 20], [300, 4]], [2, 2], 'int32')],
    ['bool', () => tf.tensor([[true, false], [false, true]]), () => tfc.tensor([[true, false], [false, true]])],
    ['empty', () => tf.zeros([2, 0]), () => tfc.zeros([2, 0])],
    ['random', () => rand([3, 4, 5], 1, -100, 100), () => tfc.tensor(Array.from(rand([3, 4, 5], 1, -100, 100).dataSync()), [3, 4, 5])],
  ];
  it.each(cases)('prints a %s as tfjs does (plain and verbose)', (_n, mine, theirs) => {
    for (const verbose of [false, true]) {
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      tf.print(mine(), verbose);
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0][0]).toBe(theirs().toString(verbose));
      vi.restoreAllMocks();
    }
  });
  it('rejects what is not a live tensor', () => {
    expect(() => tf.print([1, 2] as unknown as tf.Tensor)).toThrow(/^print: x must be a Tensor/);
    const d = tf.zeros([1]);
    d.dispose();
    expect(() => tf.print(d)).toThrow(/^print: x is disposed/);
  });
});

describe('disposeVariables, enableProdMode', () => {
  it('disposeVariables frees every variable', () => {
    const v = tf.variable(tf.zeros([100])), w = tf.variable([1, 2]);
    const before = tf.memory().numTensors;
    tf.disposeVariables();
    expect(v.isDisposed && w.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before - 2);
    const z = tf.variable([3]);
    expect(z.arraySync()).toEqual([3]);
    tf.enableProdMode();
    expect(tf.add(z, 1).arraySync()).toEqual([4]);
  });
});
