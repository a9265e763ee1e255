// Layer-vs-tfjs-layers comparison: the same layer built on both sides, our weights copied into theirs with
// setWeights, then outputs, the input gradient and every trainable weight's gradient compared (ours via a
// GradientTape, theirs via tf.grad / tf.variableGrads).
import { expect } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectClose, oracle, rand, tf } from '../helpers.js';

export type O = Awaited<ReturnType<typeof oracle>>;
export { tfl };
export const toO = (tfc: O, t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype as any);
export const vals = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

export interface CompareOptions {
  training?: boolean;
  rtol?: number;
  atol?: number;
  /** Compare the input gradient (float inputs only). */
  inputGrad?: boolean;
  /** Compare the trainable weights' gradients. */
  weightGrads?: boolean;
}

/**
 * Builds both layers on x, copies our weights into theirs, and compares y = layer(x) and the gradients of
 * sum(y · dy) for a fixed random dy.
 */
export async function compareLayer(ours: tf.Layer, theirs: tfl.layers.Layer, x: tf.Tensor, o: CompareOptions = {}): Promise<tf.Tensor> {
  const tfc = await oracle();
  const { training = false, rtol = 1e-5, atol = 1e-5, inputGrad = x.dtype === 'float32', weightGrads = true } = o;
  const xo = toO(tfc, x);
  // build (inference: BatchNormalization's moving statistics stay put), then share the weights
  ours.apply(x);
  theirs.apply(xo);
  expect(theirs.getWeights().map((w) => w.shape)).toEqual(ours.getWeights().map((w) => w.shape));
  theirs.setWeights(ours.getWeights().map((w) => toO(tfc, w)));

  const y = ours.apply(x, { training }) as tf.Tensor;
  const yo = theirs.apply(xo, { training }) as any;
  expect(y.shape).toEqual(yo.shape);
  expectClose(y, vals(yo), rtol, atol);
  if (!inputGrad && !weightGrads) return y;

  const dy = rand(y.shape, 99);
  const dyo = toO(tfc, dy);
  const ws = ours.trainableWeights;
  const tape = new tf.GradientTape();
  if (inputGrad) tape.watch(x);
  const loss = tf.sum(tf.mul(ours.apply(x, { training }) as tf.Tensor, dy));
  const grads = tape.gradient(loss, [x, ...ws]) as (tf.Tensor | null)[];
  if (inputGrad) {
    const gxo = tfc.grad((a: any) => tfc.sum(tfc.mul(theirs.apply(a, { training }) as any, dyo)))(xo);
    expectClose(grads[0]!, vals(gxo), rtol, atol);
  }
  if (weightGrads && ws.length > 0) {
    const vars = theirs.trainableWeights.map((w) => w.read() as any);
    const { grads: gw } = tfc.variableGrads(() => tfc.sum(tfc.mul(theirs.apply(xo, { training }) as any, dyo)) as any, vars);
    ws.forEach((w, i) => {
      expect(grads[i + 1], `gradient of ${w.name}`).not.toBeNull();
      expectClose(grads[i + 1]!, vals(gw[vars[i].name]), rtol, atol);
    });
  }
  return y;
}

/**
 * Central finite differences of sum(layer(x) · r) with respect to x and every trainable weight, against
 * the tape's gradients (float64 arithmetic on float32 evaluations).
 */
export function checkLayerGrad(layer: tf.Layer, x: tf.Tensor, { training = false, eps = 1e-2, rtol = 2e-2, atol = 2e-3, input = true } = {}): void {
  layer.apply(x);
  const y0 = layer.apply(x, { training }) as tf.Tensor;
  const r = rand(y0.shape, 7, 0.5, 1.5);
  const f = (xx: tf.Tensor) => tf.sum(tf.mul(layer.apply(xx, { training }) as tf.Tensor, r)).dataSync()[0];
  const ws = layer.trainableWeights;
  const tape = new tf.GradientTape();
  tape.watch(x);
  const loss = tf.sum(tf.mul(layer.apply(x, { training }) as tf.Tensor, r));
  const grads = tape.gradient(loss, [x, ...ws], null, 'zero') as tf.Tensor[];
  const numeric = (get: () => number[], set: (v: number[]) => void) => {
    const base = get(), out: number[] = [];
    for (let i = 0; i < base.length; i++) {
      const at = (d: number) => { const v = base.slice(); v[i] += d; set(v); return f(xCur); };
      out.push((at(eps) - at(-eps)) / (2 * eps));
    }
    set(base);
    return out;
  };
  let xCur = x;
  if (input) expectClose(grads[0], numeric(() => vals(x), (v) => { xCur = tf.tensor(v, x.shape); }), rtol, atol);
  xCur = x;
  ws.forEach((w, k) => {
    const g = numeric(() => vals(w), (v) => { w.assign(tf.tensor(v, w.shape)); });
    expectClose(grads[k + 1], g, rtol, atol);
  });
}

/**
 * compareLayer for layers taking a list of inputs (merge layers): y = layer([x1, x2, …]) and the gradients
 * of sum(y · dy) with respect to every input and every trainable weight, against tfjs-layers.
 */
export async function compareMultiInputLayer(ours: tf.Layer, theirs: tfl.layers.Layer, xs: tf.Tensor[], o: CompareOptions = {}): Promise<tf.Tensor> {
  const tfc = await oracle();
  const { training = false, rtol = 1e-5, atol = 1e-5, inputGrad = true, weightGrads = true } = o;
  const xos = xs.map((x) => toO(tfc, x));
  ours.apply(xs);
  theirs.apply(xos);
  expect(theirs.getWeights().map((w) => w.shape)).toEqual(ours.getWeights().map((w) => w.shape));
  if (ours.getWeights().length > 0) theirs.setWeights(ours.getWeights().map((w) => toO(tfc, w)));

  const y = ours.apply(xs, { training }) as tf.Tensor;
  const yo = theirs.apply(xos, { training }) as any;
  expect(y.shape).toEqual(yo.shape);
  expectClose(y, vals(yo), rtol, atol);

  const dy = rand(y.shape, 99);
  const dyo = toO(tfc, dy);
  const ws = ours.trainableWeights;
  const floats = xs.map((x) => inputGrad && x.dtype === 'float32');
  const tape = new tf.GradientTape();
  xs.forEach((x, i) => { if (floats[i]) tape.watch(x); });
  const loss = tf.sum(tf.mul(ours.apply(xs, { training }) as tf.Tensor, dy));
  const grads = tape.gradient(loss, [...xs, ...ws], null, 'zero') as tf.Tensor[];
  const theirLoss = (...a: any[]) => tfc.sum(tfc.mul(theirs.apply(a, { training }) as any, dyo));
  if (floats.some(Boolean)) {
    const gxo = tfc.grads(theirLoss)(xos) as any[];
    xs.forEach((_, i) => { if (floats[i]) expectClose(grads[i], vals(gxo[i]), rtol, atol); });
  }
  if (weightGrads && ws.length > 0) {
    const vars = theirs.trainableWeights.map((w) => w.read() as any);
    const { grads: gw } = tfc.variableGrads(() => theirLoss(...xos) as any, vars);
    ws.forEach((w, i) => expectClose(grads[xs.length + i], vals(gw[vars[i].name]), rtol, atol));
  }
  return y;
}

/** checkLayerGrad for a list of inputs: finite differences for every float input and trainable weight. */
export function checkMultiInputLayerGrad(layer: tf.Layer, xs: tf.Tensor[], { training = false, eps = 1e-2, rtol = 2e-2, atol = 2e-3, args = {} as Record<string, unknown> } = {}): void {
  const run = (ins: tf.Tensor[]) => layer.apply(ins, { training, ...args } as any) as tf.Tensor;
  const y0 = run(xs);
  const r = rand(y0.shape, 7, 0.5, 1.5);
  const f = (ins: tf.Tensor[]) => tf.sum(tf.mul(run(ins), r)).dataSync()[0];
  const ws = layer.trainableWeights;
  const floats = xs.map((x) => x.dtype === 'float32');
  const tape = new tf.GradientTape();
  xs.forEach((x, i) => { if (floats[i]) tape.watch(x); });
  const grads = tape.gradient(tf.sum(tf.mul(run(xs), r)), [...xs, ...ws], null, 'zero') as tf.Tensor[];
  const numeric = (base: number[], f1: (v: number[]) => number) => base.map((_, i) => {
    const at = (d: number) => { const v = base.slice(); v[i] += d; return f1(v); };
    return (at(eps) - at(-eps)) / (2 * eps);
  });
  xs.forEach((x, k) => {
    if (!floats[k]) return;
    expectClose(grads[k], numeric(vals(x), (v) => f(xs.map((xx, j) => (j === k ? tf.tensor(v, x.shape) : xx)))), rtol, atol);
  });
  ws.forEach((w, k) => {
    const base = vals(w);
    const g = numeric(base, (v) => { w.assign(tf.tensor(v, w.shape)); return f(xs); });
    w.assign(tf.tensor(base, w.shape));
    expectClose(grads[xs.length + k], g, rtol, atol);
  });
}

/** A layer that records the mask it is called with and passes masks on (mask propagation tests). */
export class MaskProbe extends tf.layers.Layer {
  static className = 'TestMaskProbe';
  masks: number[][] = [];
  constructor(args = {}) { super(args); this.supportsMasking = true; }
  call(inputs: tf.Tensor | tf.Tensor[], args: { mask?: unknown }) {
    const m = args.mask as tf.Tensor | null | undefined;
    if (m) this.masks.push(Array.from(m.dataSync()));
    return inputs as tf.Tensor;
  }
}
