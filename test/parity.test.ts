// Determinism: a seeded computation (random init, matmul, exp, tanh, gradients) gives the same bits in
// Node and in Chromium. Both test projects compare against the same digest.
import { describe, expect, it } from 'vitest';
import { tf } from './helpers.js';

/** FNV-1a over the bytes of the float32 values, NaNs canonicalised. */
function digest(ts: tf.Tensor[]): string {
  let h = 0x811c9dc5;
  const f = new Float32Array(1), u = new Uint8Array(f.buffer);
  for (const t of ts) {
    for (const v of t.dataSync()) {
      f[0] = Number.isNaN(v) ? NaN : v;
      for (const b of u) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, '0');
}

export function seededComputation(): tf.Tensor[] {
  const w1 = tf.variable(tf.truncatedNormal([20, 33], 0, 0.5, 'float32', 11));
  const w2 = tf.variable(tf.randomUniform([33, 7], -1, 1, 'float32', 12));
  const x = tf.randomNormal([17, 20], 0, 1, 'float32', 13);
  const outs: tf.Tensor[] = [];
  for (let i = 0; i < 3; i++) {
    const tape = new tf.GradientTape();
    const h = tf.tanh(tf.matMul(x, w1));
    const logits = tf.matMul(h, w2);
    const p = tf.softmax(tf.exp(tf.mul(logits, 0.3)));
    const loss = tf.mean(tf.log(tf.add(p, 1e-3)));
    const [g1, g2] = tape.gradient(loss, [w1, w2]) as tf.Tensor[];
    w1.assignSub(g1.mul(0.5));
    w2.assignSub(g2.mul(0.5));
    outs.push(loss, g1, g2, tf.sigmoid(logits), tf.pow(tf.abs(logits), 1.7));
  }
  outs.push(w1, w2);
  return outs;
}

describe('parity', () => {
  it('the seeded computation has the same digest in every runtime', () => {
    expect(digest(seededComputation())).toBe(EXPECTED);
  });
});

// Computed once in Node 20; Chromium must produce the same bits.
const EXPECTED = 'f59fb8cd'; // (since the vector exp, util/vmath.ts's vexp)
