// Without `ascent/onnx` imported, model.save('…/m.onnx') says which import to add (the core does not ship the
// ONNX writer). This file imports the core only: vitest gives each test file its own module graph.
import { expect, test } from 'vitest';
import * as tf from '../../src/index.js';

test("model.save('…/m.onnx') without ascent/onnx names the import to add", async () => {
  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
  await expect(m.save('file:///tmp/never-written.onnx')).rejects.toThrow(/'file:\/\/\/tmp\/never-written\.onnx' is an ONNX file; import 'ascent\/onnx' once/);
  await expect(m.save('downloads://m.ONNX')).rejects.toThrow(/import 'ascent\/onnx' once/);
  m.dispose();
});
