// What `import * as tf from '@tensorflow/tfjs'` gives, made of the dev dependencies (tfjs-core, tfjs-layers
// and the cpu backend): the TensorFlow.js side of the compatibility programs (programs/, compat.node.test.ts)
// and of their type check (readme.node.test.ts). Call `await tf.setBackend('cpu')` before running them.
import * as tfc from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// the methods' types (a type-only import: the code is run below)
import type {} from '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';

// The tensor methods (x.add(y) …). @tensorflow/tfjs registers them by importing tfjs-core's
// dist/public/chained_ops/*.js, ES modules whose extensionless imports Node cannot load next to the
// CommonJS bundle Node gets for tfjs-core. So each file's own code runs here, with tfjs-core's exports in
// scope for its imports: the same methods, from the same source.
const dir = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-core/package.json')), 'dist/public/chained_ops');
const core = tfc as unknown as Record<string, unknown>;
const scope: Record<string, unknown> = {
  ...Object.fromEntries(Object.keys(core).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default').map((k) => [k, core[k]])),
  getGlobalTensorClass: () => tfc.Tensor,
  assert: tfc.util.assert,
  resizeBilinear: tfc.image.resizeBilinear,
  resizeNearestNeighbor: tfc.image.resizeNearestNeighbor,
};
for (const f of readdirSync(dir)) {
  if (!f.endsWith('.js') || f.endsWith('_test.js') || f === 'register_all_chained_ops.js') continue;
  const body = readFileSync(join(dir, f), 'utf8').replace(/^import .*$/gm, '').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
  new Function(...Object.keys(scope), body)(...Object.values(scope));
}
