// The Keras 3 fixtures (test/fixtures/keras16/, made by scripts/fixtures/keras16.py) and how tests read them.
import { expect } from 'vitest';
import * as tf from '../../src/index.js';
import mlp from '../fixtures/keras16/mlp.json';
import cnn from '../fixtures/keras16/cnn.json';
import functional from '../fixtures/keras16/functional.json';
import lstm from '../fixtures/keras16/lstm.json';
import transformer from '../fixtures/keras16/transformer.json';
import nested from '../fixtures/keras16/nested.json';
import keras2 from '../fixtures/keras16/keras2.json';
import { readFixture } from '../fixture_bytes.js';

export type Ref = { input?: unknown; inputShape?: number[]; inputs?: unknown[]; inputShapes?: number[][]; output: unknown; outputShape: number[] };
export const refs: Record<string, Ref> = { mlp, cnn, functional, lstm, transformer, nested } as unknown as Record<string, Ref>;

/** A fixture's bytes (Node: the file; browsers: the test server). */
export const fixture = (name: string): Promise<Uint8Array> => readFixture(new URL(`../fixtures/keras16/${name}`, import.meta.url));

export const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);

export function expectPredicts(m: tf.LayersModel, ref: Ref): void {
  const xs = ref.inputs ? ref.inputs.map((a, i) => tf.tensor(flat(a), ref.inputShapes![i])) : [tf.tensor(flat(ref.input), ref.inputShape!)];
  const y = m.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor;
  expect(y.shape).toEqual(ref.outputShape);
  const got = y.dataSync(), want = flat(ref.output);
  const tol = 1e-4 + 1e-3 * Math.max(...want.map(Math.abs));
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
  expect(worst).toBeLessThanOrEqual(tol);
  tf.dispose([...xs, y]);
}
export { mlp };
/** keras2.h5: a legacy file in Keras 2 (tf.keras 2.15)'s layout, ':0' weight names, Keras 2's hard_sigmoid. */
export const keras2Ref = keras2 as unknown as Ref;
