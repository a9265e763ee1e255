// Without `ascent/onnx` imported, tf.loadOnnxModel rejects (it never throws synchronously: it returns a promise) and
// names the import to add: the core does not ship the ONNX loader. This file imports the core only: vitest gives
// each test file its own module graph. (With the import: test/onnx/load.test.ts.)
import { expect, test } from 'vitest';
import * as tf from '../../src/index.js';
import * as base from '../../src/base.js';

test("tf.loadOnnxModel without ascent/onnx rejects, naming the import to add", async () => {
  const before = tf.memory().numTensors;
  const p = tf.loadOnnxModel(new Uint8Array([8, 7]));
  expect(p).toBeInstanceOf(Promise);
  await expect(p).rejects.toThrow(/^tf\.loadOnnxModel: import 'ascent\/onnx' once \(it registers the ONNX loader, which the core does not ship\)$/);
  await expect(tf.loadOnnxModel('file:///models/none.onnx')).rejects.toThrow(/import 'ascent\/onnx' once/);
  await expect(base.loadOnnxModel('https://example.invalid/m.onnx')).rejects.toThrow(/import 'ascent\/onnx' once/);
  expect(tf.memory().numTensors).toBe(before);
});
