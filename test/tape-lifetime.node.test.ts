// An abandoned GradientTape stops recording once it is collected (the engine holds tapes weakly).
// Forcing a collection needs --expose-gc, so this runs in a child process.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('abandoned tapes', () => {
  it('a tape whose step threw before gradient() stops recording once collected: 200 matMuls hold nothing', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/tape-gc.run.ts'], { cwd: root, encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { tapesAfterThrow: number; tapesAfterGc: number; heldBy200MatMuls: number };
    expect(r.tapesAfterThrow).toBe(1); // still active until collected (or ended by `using`, stop(), dispose())
    expect(r.tapesAfterGc).toBe(0);
    expect(r.heldBy200MatMuls).toBe(0); // before: each matMul was recorded and kept x and w alive (+400)
  }, 60_000);
});
