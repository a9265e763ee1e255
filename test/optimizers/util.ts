// Shared pieces of the optimizer tests: deterministic data, a relative comparison, a training harness.
import { tf } from '../helpers.js';

/** Variable shapes whose sizes (1, 3, 4, 5, 7, 16, 17, 33) exercise the SIMD body and every tail length. */
export const SHAPES = [[1], [3], [4], [5], [7], [2, 8], [17], [3, 11]];

/** Deterministic float32 values in [lo, hi). */
export function values(n: number, seed: number, lo = -1, hi = 1): number[] {
  let s = (seed * 2654435761) >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.fround(lo + (hi - lo) * (s / 2 ** 32));
  });
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Gradient values of variable vi at a step; element 0 of each is 0 on the first step (ε-only path). */
export function gradValues(shape: number[], step: number, vi: number, zeroFirst = true): number[] {
  const g = values(size(shape), 1000 * step + 17 * vi + 5);
  if (zeroFirst && step === 0) g[0] = 0;
  return g;
}

/**
 * Normwise relative closeness, per variable: |a - e| ≤ rtol·max(|e|, max|E|) for every element, i.e. each
 * element within rtol of the variable's scale. Elementwise-relative would flag elements that a step brings
 * near zero: x - lr·u cancels, and float32 rounding of the O(1) operands leaves ~1e-8 absolute there.
 */
export function expectRel(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-6, what = ''): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} elements, expected ${expected.length}`);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) if (Number.isFinite(expected[i])) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i], e = expected[i];
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (!(Math.abs(a - e) <= rtol * Math.max(Math.abs(e), scale))) {
      throw new Error(`${what} element ${i}: got ${a}, expected ${e} (error ${Math.abs(a - e)}, ` +
        `${(Math.abs(a - e) / Math.max(Math.abs(e), scale)).toExponential(2)} of the variable's scale ${scale})`);
    }
  }
}

/** Fresh variables with the SHAPES (or given shapes) and their plain-array twins. */
export function makeVars(shapes = SHAPES, seed = 1): { vars: tf.Variable[]; plain: number[][] } {
  const plain = shapes.map((s, i) => values(size(s), seed * 100 + i));
  const vars = shapes.map((s, i) => tf.variable(tf.tensor(plain[i], s)));
  return { vars, plain: plain.map((p) => p.slice()) };
}
