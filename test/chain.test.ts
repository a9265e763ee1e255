// tfjs's chained methods (x.op(...)): every method tfjs-core 4.22 puts on Tensor.prototype (its chained ops,
// registered by register_all_chained_ops, and the class's own methods) is on ascent's tensors too, unless
// ascent lacks the op itself — so a new op must be chained when it is added. Runs in Node and Chromium.
import { describe, expect, it } from 'vitest';
import * as tfc from '@tensorflow/tfjs-core';
// tfjs's chained-op modules, read as text (importing them would go through the tfjs-specs plugin, which
// points tfjs's internal imports at ascent): each assigns `getGlobalTensorClass().prototype.<name>`
const CHAINED_SOURCES = import.meta.glob('/node_modules/@tensorflow/tfjs-core/dist/public/chained_ops/*.js',
  { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
import { expectClose, oracle, tf } from './helpers.js';
import { PUBLIC_OPS } from './public-ops.js';

/** tfjs methods that are not ops, which ascent does not have, each with the reason. */
const ABSENT: Record<string, string> = {
  dataToGPU: 'ascent has no GPU backend',
  bufferSync: 'tf.buffer / TensorBuffer are not in ascent yet (opsmath)',
  bytes: 'ascent has no string tensors; bytes() comes with tf.buffer (opsmath)',
  throwIfDisposed: 'an internal of tfjs',
};

function tfjsNames(): string[] {
  const names = new Set<string>();
  for (let p = tfc.Tensor.prototype; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor' && !n.startsWith('_')) names.add(n);
  }
  for (const src of Object.values(CHAINED_SOURCES)) for (const m of src.matchAll(/\.prototype\.(\w+) = /g)) names.add(m[1]);
  expect(names.size).toBeGreaterThan(120); // the glob found tfjs's chained ops
  return [...names].sort();
}

describe('chained methods', () => {
  it('has every chained method of tfjs whose op ascent has', () => {
    const names = tfjsNames();
    expect(names.length, 'tfjs registered its chained ops').toBeGreaterThan(130);
    const t = tf.zeros([1]) as unknown as Record<string, unknown>;
    const missing = names.filter((n) => !(n in t));
    // where tfjs has the op: top level (tf.gather) or in a namespace (tf.image.resizeBilinear)
    const where = (lib: object, n: string): string | null => {
      const L = lib as Record<string, unknown>;
      if (typeof L[n] === 'function') return n;
      for (const [ns, v] of Object.entries(L)) {
        if (v !== null && typeof v === 'object' && typeof (v as Record<string, unknown>)[n] === 'function') return `${ns}.${n}`;
      }
      return null;
    };
    const unexplained = missing.filter((n) => !(n in ABSENT) && (PUBLIC_OPS.includes(n) || PUBLIC_OPS.includes(where(tfc, n) ?? '')));
    expect(unexplained, 'tfjs chained methods whose op ascent has but not as a method').toEqual([]);
    // everything else missing is a tfjs op that ascent lacks (tf.fft, tf.image.resizeBilinear …), or listed above
    const lacked = (n: string) => { const w = where(tfc, n); return w !== null && !PUBLIC_OPS.includes(w) && !(n in tf); };
    expect(missing.filter((n) => !(n in ABSENT) && !lacked(n)), 'missing methods that are not ops ascent lacks').toEqual([]);
    tf.dispose(t as unknown as tf.Tensor);
  });
  it('forward to the ops', () => {
    const x = tf.tensor4d([[[[1], [2]], [[3], [4]]]]);
    expectClose(x.maxPool(2, 1, 'valid'), [4]);
    expectClose(x.avgPool(2, 1, 'valid'), [2.5]);
    expectClose(x.conv2d(tf.ones([1, 1, 1, 1]), 1, 'same'), [1, 2, 3, 4]);
    expectClose(x.as3D(2, 2, 1).reverse(1), [2, 1, 4, 3]);
    expect(x.reshapeAs(tf.zeros([4])).shape).toEqual([4]);
    expect(x.asType('int32').dtype).toBe('int32');
    expect(x.as5D(1, 1, 2, 2, 1).shape).toEqual([1, 1, 2, 2, 1]);
    const v = x.variable(false, 'chained', 'int32');
    expect(v).toBeInstanceOf(tf.Variable);
    expect([v.trainable, v.name, v.dtype]).toEqual([false, 'chained', 'int32']);
    expectClose(v, [1, 2, 3, 4]);
    v.dispose();
    expect(() => tf.tensor1d([1]).variable(true, 'x', 'string' as never)).toThrow(/^variable: /);
  });
});
