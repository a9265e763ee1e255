// TensorFlow.js programs run unchanged on ascent: each program of programs/ (written against tfjs's API,
// importing '@tensorflow/tfjs') runs twice with only that import changed, once on TensorFlow.js (tfjs-core,
// tfjs-layers, the cpu backend: tfjs.ts) and once on ascent, and prints the same values (to float
// tolerance: the two libraries' kernels round differently in the last bits). readme.node.test.ts
// type-checks the same texts against both libraries' types.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { programs, withImport, type Program } from './programs.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ascent-tfjs-compat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the program (a module with top-level await) on one library and returns what it printed. */
async function run(p: Program, lib: 'tfjs' | 'ascent'): Promise<string> {
  const spec = lib === 'tfjs' ? join(here, 'tfjs.ts') : join(here, '../../src/index.ts');
  if (lib === 'tfjs') await (await import('./tfjs.js')).setBackend('cpu');
  const file = join(dir, `${p.name}.${lib}.ts`);
  writeFileSync(file, withImport(p, spec));
  const lines: string[] = [];
  const { format } = await import('node:util');
  const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(format(...a)); });
  try { await import(/* @vite-ignore */ file); } finally { spy.mockRestore(); }
  return lines.join('\n');
}

type Token = string | number;
/** Numbers, words and single characters of the output; whitespace (line wrapping included) is ignored. */
function tokens(s: string): Token[] {
  return [...s.matchAll(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|[A-Za-z_]\w*|\S/gi)].map((m) => (/^-?[\d.]/.test(m[0]) ? Number(m[0]) : m[0]));
}

/** The first place where the outputs differ (numbers within rtol 1e-4, atol 1e-5), or null. */
function firstDifference(a: string, b: string): string | null {
  const ta = tokens(a), tb = tokens(b);
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    const x = ta[i], y = tb[i];
    const same = typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) <= 1e-5 + 1e-4 * Math.abs(x) : x === y;
    if (!same) return `token ${i}: tfjs ${String(x)}, ascent ${String(y)} (near: ${ta.slice(Math.max(0, i - 8), i + 3).join(' ')})`;
  }
  return null;
}

describe('TensorFlow.js programs run unchanged on ascent (only the import differs)', () => {
  for (const p of programs()) {
    it(p.name, async () => {
      const tfjs = await run(p, 'tfjs');
      const ours = await run(p, 'ascent');
      expect(tfjs.split('\n').length, 'tfjs printed its lines').toBeGreaterThan(5);
      expect(firstDifference(tfjs, ours), `outputs\n--- tfjs\n${tfjs}\n--- ascent\n${ours}`).toBeNull();
    }, 60_000);
  }
});
