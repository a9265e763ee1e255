// One MNIST-sized epoch through the fast path (fromTensorSlices → shuffle(10000) → batch(64)):
// every row comes out exactly once, with its label, and the time is printed. Node only: the source
// alone is 188 MB.
import { expect, it } from 'vitest';
import { tf } from '../helpers.js';

it('fromTensorSlices([x 60000×784, y]).shuffle(10000).batch(64): one epoch, every row once', async () => {
  const n = 60000;
  // row i of x is all i, and y[i] = i: each batch shows which rows it holds
  const [x, y] = tf.tidy(() => [tf.tile(tf.range(0, n).reshape([n, 1]), [1, 784]), tf.range(0, n, 1, 'int32')]);
  const ds = tf.data.fromTensorSlices([x, y]).shuffle(10000, 1).batch(64);
  const seen = new Uint8Array(n);
  let wrong = 0;
  const times: number[] = [];
  for (let epoch = 0; epoch < 3; epoch++) {
    seen.fill(0);
    let batches = 0;
    const t0 = performance.now();
    for await (const [xb, yb] of ds) {
      batches++;
      if (epoch === 0) {
        const ids = yb.dataSync(), first = xb.index(':, 0').dataSync(), last = xb.index(':, 783').dataSync();
        ids.forEach((id, k) => { seen[id]++; if (first[k] !== id || last[k] !== id) wrong++; });
      }
      tf.dispose([xb, yb]);
    }
    times.push(performance.now() - t0);
    expect(batches).toBe(Math.ceil(n / 64));
    if (epoch === 0) expect([seen.every((c) => c === 1), wrong]).toEqual([true, 0]);
  }
  console.log(`tf.data MNIST-sized epoch (60000×784 f32, shuffle 10000, batch 64): ${times[1].toFixed(0)}, ${times[2].toFixed(0)} ms (first epoch, with checks: ${times[0].toFixed(0)} ms)`);
  tf.dispose([x, y]);
});
