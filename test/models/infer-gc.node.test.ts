// A model dropped without dispose() frees its lean-inference cache when collected (models/infer.ts). Forcing a
// collection needs --expose-gc, so this runs in a child process.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('lean inference cache', () => {
  it('is freed with a model the garbage collector takes', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/models/infer-gc.run.ts'], { cwd: root, encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { cache: number; leftAfterGc: number };
    expect(r.cache).toBe(3); // the folded kernel and bias, and the folded kernel packed for the GEMM
    expect(r.leftAfterGc).toBe(0); // weights (engine's registry) and cache (infer.ts's registry) both gone
  }, 60_000);
});
