// The tiny jasmine the tfjs-core specs run on: a failing expectation fails, an expected throw passes
// whatever the wording but not when nothing throws, missing functions and tfjs internals are told apart.
import { describe, expect, it } from 'vitest';
import { installGlobals, runSpecFile } from './jasmine.js';
import { pick } from './shim/tf.js';
import { expectArraysClose, expectArraysEqual } from './shim/test_util.js';
import * as tf from '../../src/index.js';

installGlobals();
const g = globalThis as unknown as Record<string, (...a: unknown[]) => unknown> & { expect: (v: unknown) => Record<string, (...a: unknown[]) => unknown> };

describe('tfjs-specs runner', () => {
  it('classifies pass, fail, missing, n/a and numbers repeated names', async () => {
    const results = await runSpecFile(async () => {
      g.describe('suite', () => {
        g.it('passes', () => { g.expect([1, 2]).toEqual([1, 2]); });
        g.it('fails', () => { g.expect(1).toBe(2); });
        g.it('passes', () => { g.expect(() => tf.reshape(tf.ones([2]), [3])).toThrowError(/tfjs's own wording/); });
        g.it('no throw', () => { g.expect(() => tf.ones([2])).toThrowError(); });
        g.it('missing op', () => { (pick('tensor7d') as () => void)(); });
        g.it('missing method', () => { (tf.ones([2]) as unknown as { fooBar(): void }).fooBar(); });
        g.it('internal', () => { (pick('engine') as () => void)(); });
        g.it('async fail', async () => { await Promise.resolve(); expectArraysClose(new Float32Array([1, 2]), [1, 2.1]); });
        g.it('done', (done: { (): void }) => { setTimeout(done, 1); });
      });
    });
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['suite passes', 'pass'], ['suite fails', 'fail'], ['suite passes #2', 'pass'], ['suite no throw', 'fail'],
      ['suite missing op', 'missing'], ['suite missing method', 'missing'], ['suite internal', 'na'],
      ['suite async fail', 'fail'], ['suite done', 'pass'],
    ]);
    expect(results[4].detail).toBe('tensor7d');
    expect(results[5].detail).toBe('.fooBar()');
  });

  it('test_util compares as tfjs: within 1e-3, NaN with NaN, shapes of nested arrays', () => {
    expectArraysClose(new Float32Array([1, NaN, Infinity]), [1.0005, NaN, Infinity]);
    expect(() => expectArraysClose([1, 2], [1, 2.01])).toThrow(/Arrays differ/);
    expect(() => expectArraysClose([[1, 2]], [[1], [2]])).toThrow(/different shapes/);
    expect(() => expectArraysEqual(new Int32Array([1, 2]), [1, 3])).toThrow(/Arrays differ/);
    expectArraysEqual(new Float32Array([3]), 3);
  });
});
