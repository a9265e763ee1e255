// fit({verbose}) prints Keras' lines: 'Epoch i/n' and a final bar with time per step, loss and metrics.
import { describe, expect, it, vi } from 'vitest';
import { tf } from '../helpers.js';

describe('fit progress output', () => {
  it('verbose 1 and 2 print one Keras-style summary line per epoch (not a terminal)', async () => {
    const x = tf.randomNormal([40, 3], 0, 1, 'float32', 1), y = tf.randomNormal([40, 1], 0, 1, 'float32', 2);
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
    m.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { lines.push(String(s)); return true; });
    try {
      await m.fit(x, y, { epochs: 2, batchSize: 10, verbose: 1 });
      await m.fit(x, y, { epochs: 1, batchSize: 10, verbose: 2 });
      await m.fit(x, y, { epochs: 1, batchSize: 10, verbose: 0 });
    } finally { spy.mockRestore(); }
    const out = lines.join('').split('\n').filter(Boolean);
    expect(out[0]).toBe('Epoch 1/2');
    expect(out[1]).toMatch(/^4\/4 \[==============================\] - \d+m?s \d+m?s\/step - loss: \d+\.\d{4} - mae: \d+\.\d{4}$/);
    expect(out[2]).toBe('Epoch 2/2');
    expect(out[4]).toBe('Epoch 1/1');
    expect(out[5]).toMatch(/^4\/4 - \d+m?s - loss: \d+\.\d{4} - mae: \d+\.\d{4}$/);
    expect(out).toHaveLength(6);
  });
});
