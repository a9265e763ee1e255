// Memory: tidy/dispose free deterministically; without them the FinalizationRegistry safety net keeps a
// training loop bounded (blocks come back when the garbage collector runs, between tasks).
import { describe, expect, it } from 'vitest';
import { tf } from './helpers.js';

function step(w: tf.Variable, x: tf.Tensor): void {
  const tape = new tf.GradientTape();
  const loss = tf.mean(tf.square(tf.tanh(tf.matMul(x, w))));
  const g = tape.gradient(loss, w)!;
  w.assignSub(g.mul(0.01));
}

describe('memory', () => {
  it('tidy keeps tf.memory() exactly flat over 1000 training steps', () => {
    const w = tf.variable(tf.randomNormal([8, 4], 0, 1, 'float32', 1));
    const x = tf.randomNormal([16, 8], 0, 1, 'float32', 2);
    tf.tidy(() => step(w, x));
    const before = tf.memory();
    for (let i = 0; i < 1000; i++) tf.tidy(() => step(w, x));
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.wasmPages).toBe(before.wasmPages);
  });

  it('tidy(name, fn) wants a string name (tfjs): tidy(4, fn) is an error', () => {
    expect(() => tf.tidy(4 as never, () => {})).toThrow(/^tidy: with two arguments the first is a name \(a string\), got number/);
    expect(tf.tidy('named', () => 3)).toBe(3);
  });

  it('tidy returns what the function returns and keeps tf.keep-ed tensors', () => {
    const n0 = tf.memory().numTensors;
    let kept!: tf.Tensor;
    const [a, b] = tf.tidy(() => {
      kept = tf.keep(tf.ones([2]));
      tf.zeros([100]);
      return [tf.scalar(1), tf.scalar(2)];
    });
    expect(tf.memory().numTensors).toBe(n0 + 3);
    expect(kept.isDisposed).toBe(false);
    tf.dispose([a, b, kept]);
    expect(tf.memory().numTensors).toBe(n0);
  });

  it('a tape keeps what it needs even when tidy disposes the originals', () => {
    const w = tf.variable([1, 2, 3]);
    const tape = new tf.GradientTape();
    const loss = tf.tidy(() => tf.sum(tf.square(tf.mul(w, 2))));
    expect(tape.gradient(loss, w)!.arraySync()).toEqual([8, 16, 24]);
  });

  it('freed blocks are reused: repeated alloc/free of the same sizes does not grow the heap', () => {
    const before = tf.memory().wasmPages;
    for (let i = 0; i < 200; i++) tf.dispose([tf.zeros([1000]), tf.zeros([1 << 16]), tf.zeros([33])]);
    expect(tf.memory().wasmPages).toBe(before);
  });

  // Without tidy or dispose, blocks come back when the garbage collector collects the dropped tensors
  // (FinalizationRegistry); a training loop yields between steps (fit awaits per batch).
  async function untidyLoop(steps: number, every: number, shapes: [number[], number[]]): Promise<{ perStep: number; peak: number; m0: number }> {
    const w = tf.variable(tf.randomNormal(shapes[0], 0, 0.05, 'float32', 1));
    const x = tf.randomNormal(shapes[1], 0, 1, 'float32', 2);
    const m0 = tf.memory().numBytes;
    for (let i = 0; i < 5; i++) step(w, x);
    const perStep = (tf.memory().numBytes - m0) / 5;
    let peak = 0;
    for (let i = 0; i < steps; i++) {
      step(w, x);
      if (i % every === every - 1) {
        peak = Math.max(peak, tf.memory().numBytes);
        await new Promise((r) => setTimeout(r, 0));
      }
    }
    return { perStep, peak, m0 };
  }

  it('10 000 small forward+gradient steps with no tidy or dispose stay bounded', async () => {
    const { perStep, peak, m0 } = await untidyLoop(10_000, 100, [[32, 16], [64, 32]]);
    // Never reclaimed, numBytes would reach m0 + 10 000·perStep.
    expect(peak - m0).toBeLessThan(perStep * 10_000 / 2);
  });

  it('large untidy steps are reclaimed long before they add up (external-memory pressure)', async () => {
    // 784×256 weights: ~2.4 MB of dropped blocks per step, 1.2 GB over 500 steps if never reclaimed.
    const { perStep, peak, m0 } = await untidyLoop(500, 10, [[784, 256], [64, 784]]);
    expect(perStep).toBeGreaterThan(1e6);
    expect(peak - m0).toBeLessThan(perStep * 500 / 4);
  });
});
