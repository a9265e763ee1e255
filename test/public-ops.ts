// What the tests that run over every public op share (no-leak.test.ts, fuzz.test.ts): the one list of
// public ops (every function src/ops/index.ts exports), tf.memory()'s counters, and the tensors in a
// result. Runs in Node and Chromium: no Node-only APIs.
import * as tf from '../src/index.js';
import * as publicOps from '../src/ops/index.js';

/**
 * The names of the public ops, sorted: every function src/ops/index.ts exports, and every function of
 * the namespaces it exports (`export * as image from './image.js'` gives 'image.resizeBilinear' …).
 */
export const PUBLIC_OPS: readonly string[] = Object.entries(publicOps).flatMap(([k, v]) =>
  typeof v === 'function' ? [k]
    : v !== null && typeof v === 'object' ? Object.entries(v).filter(([, f]) => typeof f === 'function').map(([n]) => `${k}.${n}`)
      : []).sort();

/** A public op by name ('add', 'image.resizeBilinear'). */
export function publicOp(name: string): (...args: unknown[]) => unknown {
  return name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], publicOps) as (...args: unknown[]) => unknown;
}

/** tf.memory()'s two counters that must come back after a call's results are disposed. */
export function snap(): { numTensors: number; numBytes: number } {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
}

/** Every tensor in a result: a tensor, (nested) arrays and plain objects of tensors (each once). */
export function tensorsIn(x: unknown, out: tf.Tensor[] = []): tf.Tensor[] {
  if (x instanceof tf.Tensor) { if (!out.includes(x)) out.push(x); } else if (Array.isArray(x)) for (const v of x) tensorsIn(v, out);
  else if (x !== null && typeof x === 'object') for (const v of Object.values(x)) tensorsIn(v, out);
  return out;
}
