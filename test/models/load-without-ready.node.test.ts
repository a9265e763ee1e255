// loadLayersModel and loadOnnxModel start the kernels' compile themselves, while the files are read (cold start):
// in a fresh process, without tf.ready(), they load and predict. (A fresh process: the suite's setup calls ready().)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (kind: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'test/models/load-without-ready.run.ts', kind],
  { cwd: root, encoding: 'utf8', env: { ...process.env, ASCENT_THREADS: '1' } }).trim().split('\n').pop()!) as { values: number[] };

describe('loading a model without tf.ready()', () => {
  it('loadLayersModel', () => {
    expect(run('layers').values).toEqual([3 * 1 + 4 * 2 + 0.5]);
  }, 60_000);
  it('loadOnnxModel', () => {
    const v = run('onnx').values;
    expect(v.length).toBe(4);
    expect(v.every(Number.isFinite)).toBe(true);
  }, 60_000);
});
