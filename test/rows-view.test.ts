// fit's batch rows as views (src/core/tensor.ts rowsView, memory.ts viewBlock): the values of a slice without a
// copy, for every dtype; the view keeps its base's memory alive after the base is disposed, and the memory goes
// with the last of them (no bytes, blocks or tensors left).
import { describe, expect, it } from 'vitest';
import { tf } from './helpers.js';
import type { Tensor } from '../src/core/tensor.js';

describe('row views', () => {
  it('have the values of slice for float32, int32 and bool, at any row range, and no memory of their own', () => {
    const cases: tf.Tensor[] = [tf.range(0, 60).reshape([5, 3, 4]), tf.range(0, 15, 1, 'int32').reshape([5, 3]),
      tf.tensor([1, 0, 1, 1, 0, 0, 1], [7], 'bool')];
    for (const t of cases) {
      for (const [s, n] of [[0, 1], [1, 2], [2, t.shape[0] - 2], [t.shape[0], 0]]) {
        const bytes = tf.memory().numBytes;
        const v = (t as unknown as Tensor).rowsView(s, n);
        expect(tf.memory().numBytes).toBe(bytes);
        const want = tf.slice(t, [s, ...t.shape.slice(1).map(() => 0)], [n, ...t.shape.slice(1)]);
        expect(v.shape).toEqual(want.shape); expect(v.dtype).toBe(want.dtype);
        expect(Array.from(v.dataSync())).toEqual(Array.from(want.dataSync()));
        // an op on a view reads the view's rows
        if (t.dtype === 'float32') expect(Array.from(tf.add(v as never, 1).dataSync())).toEqual(Array.from(tf.add(want, 1).dataSync()));
        v.dispose(); want.dispose();
      }
      t.dispose();
    }
  });

  it('keep the base alive until the last of them goes', () => {
    const m0 = tf.memory();
    const t = tf.tensor(Array.from({ length: 12 }, (_, i) => i), [4, 3]) as unknown as Tensor;
    const v = t.rowsView(2, 2), w = v.view([6]);
    t.dispose();
    expect(Array.from(w.dataSync())).toEqual([6, 7, 8, 9, 10, 11]);
    expect(tf.memory().numBytes).toBeGreaterThan(m0.numBytes);
    v.dispose();
    expect(Array.from(w.dataSync())).toEqual([6, 7, 8, 9, 10, 11]);
    w.dispose();
    const m1 = tf.memory();
    expect([m1.numBytes, m1.numDataBuffers, m1.numTensors]).toEqual([m0.numBytes, m0.numDataBuffers, m0.numTensors]);
    // in a tidy: freed with the scope, the kept tensor's memory too when it goes
    const kept = tf.tidy(() => (tf.range(0, 12).reshape([4, 3]) as unknown as Tensor).rowsView(1, 1));
    expect(Array.from(kept.dataSync())).toEqual([3, 4, 5]);
    kept.dispose();
    expect(tf.memory().numBytes).toBe(m0.numBytes);
  });

  it('get memory of their own before anything writes them in place (ownBlock: a Variable update would write the base)', () => {
    const m0 = tf.memory();
    const t = tf.tidy(() => tf.range(0, 6).reshape([3, 2])) as unknown as Tensor;
    const v = t.rowsView(1, 1), base = t.block!.ptr;
    expect(v.block!.view).toBe(true);
    v.ownBlock();
    expect(v.block!.view).toBe(false);
    expect(v.block!.ptr < base || v.block!.ptr >= base + 24).toBe(true);
    expect(Array.from(v.dataSync())).toEqual([2, 3]);
    tf.dispose([t as never, v as never]);
    expect(tf.memory().numBytes).toBe(m0.numBytes);
  });
});
