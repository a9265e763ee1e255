// Hostile Keras files: random byte flips, truncations and splices over the fixtures. Each either loads (a flip in
// weight bytes, which HDF5 does not checksum, changes values only) or fails with a `fromKeras:` error; never another
// error, never a hang, and tf.memory() is back where it was either way.
import { expect, test } from 'vitest';
import * as tf from '../../src/index.js';
import { fromKeras } from '../../src/keras/index.js';
import { readFixture } from '../fixture_bytes.js';

/** A fixture's bytes (Node: the file; browsers: the test server). */
const fixture = (name: string): Promise<Uint8Array> => readFixture(new URL(`../fixtures/keras16/${name}`, import.meta.url));

/** xorshift32: the same mutations on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 2 ** 32; };
}

test('mutated .keras and .h5 files load or fail with a fromKeras: error, memory unchanged', async () => {
  const rand = rng(16);
  let loaded = 0, refused = 0;
  for (const name of ['mlp.h5', 'cnn.keras', 'lstm.h5', 'transformer.h5', 'functional.keras', 'nested.h5']) {
    const bytes = await fixture(name);
    fromKeras(bytes).dispose(); // warm-up: the engine's one-time scratch (4 KB) is not a leak
    for (let k = 0; k < 40; k++) {
      const b = bytes.slice();
      const kind = k % 4;
      if (kind === 0 || kind === 1) {
        // flips in the first 4 KB (superblock, object headers, B-trees, heaps) or anywhere
        const span = kind === 0 ? Math.min(4096, b.length) : b.length;
        for (let i = 0; i < 1 + Math.floor(rand() * 8); i++) b[Math.floor(rand() * span)] ^= 1 << Math.floor(rand() * 8);
      } else if (kind === 2) {
        // 8 random bytes over a random place (addresses, sizes)
        const at = Math.floor(rand() * (b.length - 8));
        for (let i = 0; i < 8; i++) b[at + i] = Math.floor(rand() * 256);
      } else {
        // 0xff runs: 'undefined address' and huge sizes
        const at = Math.floor(rand() * Math.min(4096, b.length - 8));
        b.fill(0xff, at, at + 4 + Math.floor(rand() * 5));
      }
      const before = tf.memory();
      try {
        const m = fromKeras(b);
        m.dispose();
        loaded++;
      } catch (e) {
        expect((e as Error).message, `${name} mutation ${k}`).toMatch(/^fromKeras: /);
        refused++;
      }
      const after = tf.memory();
      expect(after.numTensors, `${name} mutation ${k}`).toBe(before.numTensors);
      expect(after.numBytes, `${name} mutation ${k}`).toBe(before.numBytes);
    }
  }
  expect(refused).toBeGreaterThan(0);
  expect(loaded + refused).toBe(240);
}, 120_000);
