// The Chromium side of npm run soak: bundled by scripts/soak.ts and loaded by a headless page.
import * as tf from '../src/index.js';
import { soakAll } from './soak-loop.js';

const g = globalThis as unknown as { gc: () => void; soak: (steps: number) => Promise<unknown>; performance: { memory?: { usedJSHeapSize: number } } };
async function heap(): Promise<number> {
  for (let i = 0; i < 3; i++) { g.gc(); await new Promise((r) => setTimeout(r, 0)); }
  return g.performance.memory?.usedJSHeapSize ?? NaN;
}
g.soak = (steps: number) => soakAll(tf, steps, heap);
