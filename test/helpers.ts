// Shared test tools: closeness checks, finite-difference gradient checks, and TensorFlow.js (cpu
// backend) as an oracle for values and gradients.
import { expect } from 'vitest';
import * as tf from '../src/index.js';
import * as tfc from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients in the Node bundle

let oracleReady: Promise<unknown> | null = null;
/** TensorFlow.js on its pure-JS cpu backend. */
export async function oracle(): Promise<typeof tfc> {
  oracleReady ??= tfc.setBackend('cpu');
  await oracleReady;
  return tfc;
}

/** ascent's tensor equals tfjs's exactly: shape, dtype and values (NaN matches NaN). */
export function expectSame(ours: tf.Tensor, theirs: tfc.Tensor): void {
  expect(ours.shape).toEqual(theirs.shape);
  expect(ours.dtype).toBe(theirs.dtype);
  expectClose(ours, Array.from(theirs.dataSync()), 0, 0);
}

/** A tfjs tensor with the values and shape of an ascent tensor (float32). */
export function toTfjs(t: tf.Tensor, tfjs: typeof tfc): tfc.Tensor {
  return tfjs.tensor(Array.from(t.dataSync()), t.shape);
}

/** Values and (optionally) gradients w.r.t. every tensor of f in ascent and g in tfjs on the same inputs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function compareWithTfjs(f: (...a: tf.Tensor[]) => tf.Tensor, g: (...a: any[]) => tfc.Tensor, xs: tf.Tensor[],
                                      grads = true, tol = 1e-5): Promise<void> {
  const tfjs = await oracle();
  const os = xs.map((x) => toTfjs(x, tfjs));
  const y = f(...xs), yo = g(...os);
  expect(y.shape).toEqual(yo.shape);
  expectClose(y, Array.from(yo.dataSync()), tol, tol);
  if (!grads) return;
  const dy = rand(y.shape, 77);
  const ds = tf.grads(f)(xs, dy);
  const dso = tfjs.grads(g)(os, toTfjs(dy, tfjs));
  ds.forEach((d, i) => expectClose(d, Array.from(dso[i].dataSync()), tol, tol));
}

type Num = number | number[] | tf.Tensor | ArrayLike<number> | unknown[];

function flat(x: Num): number[] {
  if (x instanceof tf.Tensor) return Array.from(x.dataSync());
  if (typeof x === 'number') return [x];
  if (Array.isArray(x)) return (x as unknown[]).flat(Infinity as 1) as number[];
  return Array.from(x as ArrayLike<number>);
}

/** |a - e| ≤ atol + rtol·|e| elementwise (NaN matches NaN); shapes checked when both are tensors. */
export function expectClose(actual: Num, expected: Num, rtol = 1e-5, atol = 1e-6): void {
  if (actual instanceof tf.Tensor && expected instanceof tf.Tensor) expect(actual.shape).toEqual(expected.shape);
  const a = flat(actual), e = flat(expected);
  expect(a.length, 'number of elements').toBe(e.length);
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(e[i])) { expect(Number.isNaN(a[i]), `element ${i}: ${a[i]} vs NaN`).toBe(true); continue; }
    if (!Number.isFinite(e[i])) { expect(a[i], `element ${i}`).toBe(e[i]); continue; }
    const tol = atol + rtol * Math.abs(e[i]);
    if (!(Math.abs(a[i] - e[i]) <= tol)) {
      throw new Error(`element ${i}: got ${a[i]}, expected ${e[i]} (tolerance ${tol})\n got ${a.slice(0, 20)}\n exp ${e.slice(0, 20)}`);
    }
  }
}

/**
 * Checks tape gradients of sum(f(...xs)·w) (w fixed random weights, so every output element counts)
 * against central finite differences computed in float64 over float32 evaluations.
 */
export function checkGrad(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[], { eps = 1e-2, rtol = 2e-2, atol = 2e-3 } = {}): void {
  const out0 = f(...xs);
  const w = tf.randomUniform(out0.shape, 0.5, 1.5, 'float32', 7);
  const scalarF = (...a: tf.Tensor[]) => tf.sum(tf.mul(f(...a), w));
  const tape = new tf.GradientTape();
  tape.watch(xs);
  const y = scalarF(...xs);
  const grads = tape.gradient(y, xs, null, 'zero') as tf.Tensor[];
  xs.forEach((x, k) => {
    const base = Array.from(x.dataSync());
    const numeric: number[] = [];
    for (let i = 0; i < base.length; i++) {
      const eval1 = (delta: number) => {
        const v = base.slice();
        v[i] += delta;
        const args = xs.map((t, j) => (j === k ? tf.tensor(v, x.shape) : t));
        return scalarF(...args).dataSync()[0];
      };
      numeric.push((eval1(eps) - eval1(-eps)) / (2 * eps));
    }
    expectClose(grads[k], numeric, rtol, atol);
  });
}

/** Deterministic test data in [-1, 1) of the given shape. */
export function rand(shape: number[], seed = 1, lo = -1, hi = 1): tf.Tensor {
  return tf.randomUniform(shape, lo, hi, 'float32', seed);
}

export { tf };

/** erf(x) in float64 by its Maclaurin series (fast and accurate for |x| ≤ 4): a reference for erf-based ops. */
export function erfSeries(x: number): number {
  let term = x, sum = x;
  for (let n = 1; n < 200; n++) {
    term *= -x * x / n;
    const t = term / (2 * n + 1);
    sum += t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** An IDX file (the MNIST format): magic, big-endian dims, then the bytes. */
export function idxFile(magic: number, dims: number[], values: ArrayLike<number>): Uint8Array {
  const b = new Uint8Array(4 + 4 * dims.length + values.length);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, magic, false);
  dims.forEach((d, i) => dv.setUint32(4 + 4 * i, d, false));
  b.set(values, 4 + 4 * dims.length);
  return b;
}
