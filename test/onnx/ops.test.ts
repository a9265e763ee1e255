// Op-level coverage: small graphs written with onnx.helper at explicit opsets (scripts/fixtures/onnx17.py ops())
// covering attribute and opset variants — Slice with negative steps and int64-max ends, Pad modes, Split at
// opsets 11/13/18, reductions with axes as attribute and input, Conv auto_pad/asymmetric pads/groups/dilations/1-D,
// pools with ceil_mode and count_include_pad, Softmax's opset-11 coercion, Gather with negative indices, integer
// Div truncation, … — each gives onnxruntime's output (the reference, computed in Python) within
// 1e-4 + 1e-3·max|ref|, and leaves no tensor behind.
import { describe, expect, test } from 'vitest';
import * as tf from '../../src/index.js';
import { loadOnnxModel } from '../../src/onnx/index.js';
import ops from '../fixtures/onnx17/ops.json';

type Case = {
  name: string; opset: number; model: string;
  inputs: { name: string; dtype: 'float32' | 'int32' | 'bool'; shape: number[]; data: number[] }[];
  outputs: { shape: number[]; data: number[] }[];
};

const bytesOf = (b64: string) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));

describe('ONNX ops against onnxruntime', () => {
  for (const c of (ops as unknown as { cases: Case[] }).cases) {
    test(`${c.name} (opset ${c.opset})`, async () => {
      const before = tf.memory().numTensors;
      const m = await loadOnnxModel(bytesOf(c.model));
      const feeds = Object.fromEntries(c.inputs.map((i) => [i.name, tf.tensor(i.data, i.shape, i.dtype)]));
      // twice: the second run reuses the cached constants and the shape memo, after the first run's outputs
      // were disposed (an output must never be a feed, a Variable or a cached constant itself)
      for (const run of [1, 2]) {
        const ys = m.execute(feeds);
        expect(ys.length).toBe(c.outputs.length);
        ys.forEach((y, k) => {
          const want = c.outputs[k];
          expect(y.shape, `run ${run} output ${k}`).toEqual(want.shape);
          const got = y.dataSync();
          const tol = 1e-4 + 1e-3 * want.data.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
          let worst = 0;
          for (let i = 0; i < want.data.length; i++) worst = Math.max(worst, Math.abs(got[i] - want.data[i]));
          expect(worst, `run ${run} output ${k}`).toBeLessThanOrEqual(tol);
        });
        tf.dispose(ys);
      }
      expect(Object.values(feeds).every((t) => !t.isDisposed)).toBe(true);
      tf.dispose(Object.values(feeds));
      m.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
