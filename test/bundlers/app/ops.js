// The tree-shaking check each bundler builds besides main.js: named imports from 'ascent/base' (no chaining API),
// so the output must hold only these ops and the engine (bundlers.node.test.ts bounds its size).
import { ready, tensor, matMul, add, relu, sum } from 'ascent/base';
import { report } from './report.js';

report((async () => {
  await ready();
  const a = tensor([[1, 2], [3, 4]]);
  return { sum: sum(relu(add(matMul(a, a), -10))).arraySync(), chained: typeof a.add };
})());
