// Runs one case of a Keras 3 fixture (test/fixtures/keras/conv15.json, made by scripts/fixtures/conv15.py):
// the ascent layer built from the same arguments, given Keras' weights, must give Keras' output and the
// gradients of sum(y · dy) with respect to the input and every weight.
import { expect } from 'vitest';
import fixture from '../fixtures/keras/conv15.json';
import { expectClose, tf } from '../helpers.js';

export interface KerasCase {
  name: string; className: string; args: Record<string, unknown>; x: number[]; xShape: number[]; mask: boolean[][] | null;
  weights: { name: string; shape: number[]; values: number[] }[]; y: number[]; yShape: number[]; dy: number[]; dx: number[];
  dWeights: number[][];
}
export const kerasCases = (fixture as { cases: KerasCase[] }).cases;

const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const FACTORY: Record<string, string> = { Conv1D: 'conv1d', DepthwiseConv2D: 'depthwiseConv2d', SeparableConv2D: 'separableConv2d',
  GlobalAveragePooling1D: 'globalAveragePooling1d', UpSampling1D: 'upSampling1d', ZeroPadding1D: 'zeroPadding1d', Cropping1D: 'cropping1D' };

export function kerasCase(name: string, tol = 1e-4): void {
  const c = kerasCases.find((k) => k.name === name);
  expect(c, `fixture case '${name}'`).toBeDefined();
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c!.args)) args[camel(k)] = v === 'channels_first' ? 'channelsFirst' : v;
  const layer = (tf.layers as unknown as Record<string, (a: unknown) => tf.Layer>)[FACTORY[c!.className]](args);
  const x = tf.tensor(c!.x, c!.xShape);
  const mask = c!.mask ? tf.tensor2d(c!.mask.flat().map(Number), [c!.mask.length, c!.mask[0].length], 'bool') : undefined;
  layer.apply(x, { mask });
  expect(layer.getWeights().map((w) => w.shape)).toEqual(c!.weights.map((w) => w.shape));
  layer.setWeights(c!.weights.map((w) => tf.tensor(w.values, w.shape)));
  const y = layer.apply(x, { mask }) as tf.Tensor;
  expect(y.shape).toEqual(c!.yShape);
  expectClose(y, c!.y, tol, tol);
  expect(layer.computeOutputShape([null, ...c!.xShape.slice(1)])).toEqual([null, ...c!.yShape.slice(1)]);
  const dy = tf.tensor(c!.dy, c!.yShape);
  const tape = new tf.GradientTape();
  tape.watch(x);
  const loss = tf.sum(tf.mul(layer.apply(x, { mask }) as tf.Tensor, dy));
  const grads = tape.gradient(loss, [x, ...layer.trainableWeights]) as tf.Tensor[];
  expectClose(grads[0], c!.dx, tol, tol);
  c!.dWeights.forEach((g, i) => expectClose(grads[i + 1], g, tol, tol));
}
