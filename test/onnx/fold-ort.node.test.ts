// The folded BatchNormalizations of fold_graph.ts against onnxruntime-node (which folds them too), within
// ort.node.test.ts's tolerance 1e-4 + 1e-3·max|ref|, at batch 1 and 3. Node only (a native addon).
import { expect, test } from 'vitest';
import * as ort from 'onnxruntime-node';
import * as tf from '../../src/index.js';
import { loadOnnxModel } from '../../src/onnx/index.js';
import { graph } from './fold_graph.js';

test('folded Conv / Gemm + BatchNormalization vs onnxruntime-node', async () => {
  const bytes = graph();
  const session = await ort.InferenceSession.create(bytes);
  const m = await loadOnnxModel(bytes);
  for (const batch of [1, 3]) {
    const shape = [batch, 3, 8, 7], n = shape.reduce((a, b) => a * b, 1);
    const data = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + batch) * 2);
    const ref = await session.run({ X: new ort.Tensor('float32', data, shape) });
    const x = tf.tensor(data, shape);
    const ys = m.predict(x) as tf.Tensor[];
    ['n6', 'c8'].forEach((name, i) => {
      const want = ref[name].data as Float32Array, got = ys[i].dataSync();
      const tol = 1e-4 + 1e-3 * want.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
      let worst = 0;
      for (let k = 0; k < want.length; k++) worst = Math.max(worst, Math.abs(got[k] - want[k]));
      expect(worst, `${name} batch ${batch}`).toBeLessThanOrEqual(tol);
    });
    tf.dispose([x, ...ys]);
  }
  await session.release();
  m.dispose();
});
