// Size regressions (issue 13): the budget apps of bench/budgets.ts, bundled from the package's modules as
// `npm run size` does, must stay under their ceilings (the goal where it is met, else the size measured when the
// ceiling was set + ~5 %). The tensor-ops app is the tree-shaking check: it must carry neither layers, models,
// optimizers nor the ops it does not import. `npm run size` prints the same figures with the largest contributors.
import { describe, expect, it } from 'vitest';
import { measureBudgets } from '../bench/budgets.js';

describe('size budgets', () => {
  it('every app is under its ceiling, and named imports from ascent/base carry only what they use', async () => {
    const budgets = await measureBudgets();
    const report = budgets.map((b) => `${b.app.name} ${b.total.toFixed(1)} KB (ceiling ${b.app.ceiling})`).join(', ');
    for (const b of budgets) expect(b.total, report).toBeLessThanOrEqual(b.app.ceiling);
    const ops = budgets.find((b) => b.app.name === 'ops')!;
    const files = ops.contributors.map(([f]) => f);
    expect(files.filter((f) => /^src\/(layers|models|optimizers|io|data|datasets|summary)\/|^src\/(losses|metrics|chain)\.ts$/.test(f))).toEqual([]);
    expect(files.filter((f) => /^src\/ops\/(conv|pool|gather|slice|join|scan|random|depthwise)\.ts$/.test(f))).toEqual([]);
  }, 180_000);
});
