// A real TensorFlow.js Layers model's artifacts (captured with tfjs' own withSaveHandler) for the handler
// tests, and a tfjs-side check that artifacts still describe that model (same predictions).
import { expect } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { oracle } from '../helpers.js';
import type { ModelArtifacts } from '../../src/io/types.js';

export const X = [[0.5, -1, 2], [1.5, 0.25, -0.75]];

/** A 3 → 4 (relu) → 2 (softmax) tfjs model with seeded weights, its artifacts and its predictions on X. */
export async function tfjsModel(): Promise<{ artifacts: ModelArtifacts; predictions: number[] }> {
  const tfc = await oracle();
  const m = tfl.sequential({ layers: [
    tfl.layers.dense({ units: 4, activation: 'relu', inputShape: [3], kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }), biasInitializer: 'ones' }),
    tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }),
  ] });
  let artifacts: ModelArtifacts | undefined;
  await m.save(tfc.io.withSaveHandler(async (a) => {
    artifacts = a as ModelArtifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const predictions = Array.from((m.predict(tfc.tensor(X)) as any).dataSync() as Float32Array);
  return { artifacts: artifacts!, predictions };
}

/** Loads `a` into TensorFlow.js and checks it predicts `predictions` on X. */
export async function expectTfjsPredicts(a: ModelArtifacts, predictions: number[]): Promise<void> {
  const tfc = await oracle();
  const m = await tfl.loadLayersModel(tfc.io.fromMemory(a as any));
  expect(Array.from((m.predict(tfc.tensor(X)) as any).dataSync() as Float32Array)).toEqual(predictions);
}

export const bytes = (b: ArrayBuffer | undefined) => Array.from(new Uint8Array(b ?? new ArrayBuffer(0)));

/** The artifacts a loader returned, compared with the ones saved (topology, specs, bytes, metadata). */
export function expectSameArtifacts(got: ModelArtifacts, want: ModelArtifacts): void {
  expect(got.modelTopology).toEqual(want.modelTopology);
  expect(got.weightSpecs).toEqual(want.weightSpecs);
  expect(got.weightData).toBeInstanceOf(ArrayBuffer);
  expect(bytes(got.weightData)).toEqual(bytes(want.weightData));
  expect(got.format).toBe(want.format);
  expect(got.generatedBy).toBe(want.generatedBy);
  expect(got.convertedBy ?? null).toBe(want.convertedBy ?? null);
}
