// Hostile bytes: seeded mutations of the PyTorch fixtures (bit flips anywhere, random 8-byte splices, 0xff runs
// that make huge varints, truncations). Each mutant either loads — and then predicts or fails with an
// `OnnxModel.execute:` error — or is refused with a `loadOnnxModel:` error; never a TypeError, RangeError or
// wasm trap from inside, and tf.memory() is back to its start every time.
import { expect, test } from 'vitest';
import * as tf from '../../src/index.js';
import { loadOnnxModel } from '../../src/onnx/index.js';
import mlp from '../fixtures/onnx17/mlp.json';
import lenet from '../fixtures/onnx17/lenet.json';
import mobile from '../fixtures/onnx17/mobile.json';
import encoder from '../fixtures/onnx17/encoder.json';
import { readFixture } from '../fixture_bytes.js';

/** A fixture's bytes (Node: the file; browsers: the test server). */
const fixture = (name: string): Promise<Uint8Array> => readFixture(new URL(`../fixtures/onnx17/${name}`, import.meta.url));
const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);

test('240 seeded mutations: loaded and run, or refused by name; memory unchanged', async () => {
  const files: [string, { input: unknown; inputShape: number[]; inputDtype: string }][] = [
    ['mlp-ts13.onnx', mlp], ['lenet-ts17.onnx', lenet], ['mobile-dynamo18.onnx', mobile], ['encoder-ts13.onnx', encoder],
  ] as never;
  let s = 17;
  const rnd = (n: number) => ((s = (s * 1103515245 + 12345) >>> 0) % n);
  const tally = { loaded: 0, ran: 0, refused: 0, runFailed: 0 };
  for (const [file, ref] of files) {
    const bytes = await fixture(file);
    const x = tf.tensor(flat(ref.input), ref.inputShape, ref.inputDtype === 'int64' ? 'int32' : 'float32');
    const warm = await loadOnnxModel(bytes); // kernels' lazily made scratch blocks exist from here on
    tf.dispose(warm.predict(x));
    warm.dispose();
    for (let k = 0; k < 60; k++) {
      const b = bytes.slice();
      const kind = k % 4;
      let data = b;
      if (kind === 0) for (let j = 0; j < 4; j++) b[rnd(b.length)] ^= 1 << rnd(8);
      else if (kind === 1) { const at = rnd(b.length - 8); for (let j = 0; j < 8; j++) b[at + j] = rnd(256); }
      else if (kind === 2) { const at = rnd(Math.min(b.length - 8, 2048)); b.fill(0xff, at, at + 1 + rnd(8)); }
      else data = b.subarray(0, rnd(b.length));
      const before = tf.memory();
      let m;
      try {
        m = await loadOnnxModel(data);
      } catch (e) {
        expect((e as Error).message, `${file} mutant ${k}`).toMatch(/^loadOnnxModel: /);
        tally.refused++;
      }
      if (m) {
        tally.loaded++;
        try {
          tf.dispose(m.predict(x));
          tally.ran++;
        } catch (e) {
          expect((e as Error).message, `${file} mutant ${k}`).toMatch(/^OnnxModel\.execute: /);
          tally.runFailed++;
        }
        m.dispose();
      }
      const after = tf.memory();
      expect(after.numTensors, `${file} mutant ${k}`).toBe(before.numTensors);
      expect(after.numBytes, `${file} mutant ${k}`).toBe(before.numBytes);
    }
    x.dispose();
  }
  console.log('onnx fuzz:', JSON.stringify(tally));
  expect(tally.refused).toBeGreaterThan(0);
  expect(tally.loaded).toBeGreaterThan(0);
});
