// In-memory handlers (tfjs io/passthrough): load artifacts you already hold, or receive the artifacts of
// model.save() in a callback. Artifacts captured from TensorFlow.js with its withSaveHandler work as is.
import { withJoinedWeights } from '../artifacts.js';
import type { IOHandler, ModelArtifacts, ModelArtifactsLike, SaveResult, TrainingConfig, WeightData, WeightsManifestEntry } from '../types.js';

/**
 * A loader that returns `artifacts` (weights joined into one buffer if given as a list).
 * ```ts
 * const m = await tf.loadLayersModel(tf.io.fromMemory({modelTopology, weightSpecs, weightData}));
 * ```
 * The deprecated tfjs form `fromMemory(modelTopology, weightSpecs?, weightData?, trainingConfig?)` works too.
 */
export function fromMemory(artifacts: ModelArtifactsLike | Record<string, unknown>, weightSpecs?: WeightsManifestEntry[],
  weightData?: WeightData, trainingConfig?: TrainingConfig): IOHandler {
  if (artifacts == null || typeof artifacts !== 'object') {
    throw new Error(`tf.io.fromMemory: expected ModelArtifacts {modelTopology, weightSpecs, weightData}, got ${String(artifacts)}`);
  }
  const a = artifacts as ModelArtifactsLike;
  // One argument with a topology or weights is the artifacts; anything else is a bare topology (tfjs' legacy form).
  const full: ModelArtifactsLike = arguments.length === 1 && (a.modelTopology != null || a.weightSpecs != null) ? a
    : { modelTopology: artifacts as Record<string, unknown>, weightSpecs, weightData, trainingConfig };
  return { load: async (): Promise<ModelArtifacts> => withJoinedWeights(full) };
}

/**
 * A saver that hands the artifacts to `saveHandler` (which returns the SaveResult).
 * ```ts
 * let saved; await model.save(tf.io.withSaveHandler(async (a) => { saved = a; return {modelArtifactsInfo: …}; }));
 * ```
 */
export function withSaveHandler(saveHandler: (artifacts: ModelArtifacts) => Promise<SaveResult>): IOHandler {
  if (typeof saveHandler !== 'function') {
    throw new Error(`tf.io.withSaveHandler: expected a function (artifacts) => Promise<SaveResult>, got ${typeof saveHandler}`);
  }
  return { save: (artifacts: ModelArtifacts) => saveHandler(artifacts) };
}
