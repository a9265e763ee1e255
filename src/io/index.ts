// tf.io: where models are saved and loaded (TensorFlow.js' tf.io, plus tfjs-node's fileSystem).
// URLs: file:// (Node), indexeddb://, localstorage://, downloads:// (browsers), http(s)://; or pass a
// handler: fromMemory / withSaveHandler / browserFiles / http(url, options) / fileSystem(dir, options).
export type {
  IOHandler, LoadOptions, ModelArtifacts, ModelArtifactsInfo, ModelArtifactsLike, ModelJSON, SaveConfig, SaveResult,
  TrainingConfig, WeightData, WeightDType, WeightsManifestConfig, WeightsManifestEntry, WeightsManifestGroupConfig,
} from './types.js';
export {
  getSaveHandlers, getLoadHandlers, registerSaveRouter, registerLoadRouter, resolveSaveHandler, resolveLoadHandler, type IORouter,
} from './router.js';
export { fromMemory, withSaveHandler } from './handlers/memory.js';
export { fromKeras } from './handlers/keras.js';
export { fileSystem, NodeFileSystem, type FileSystemOptions } from './handlers/file.js';
export { browserIndexedDB, BrowserIndexedDB } from './handlers/indexeddb.js';
export { browserLocalStorage, BrowserLocalStorage } from './handlers/local_storage.js';
export { browserDownloads, browserFiles, BrowserDownloads, BrowserFiles } from './handlers/browser_files.js';
export { http, browserHTTPRequest, isHTTPScheme, HTTPRequest } from './handlers/http.js';
export { listModels, removeModel, copyModel, moveModel } from './model_management.js';
export {
  concatenateArrayBuffers, getModelArtifactsForJSON, getModelArtifactsInfoForJSON, getModelJSONForModelArtifacts, getWeightSpecs,
} from './artifacts.js';
export { shardWeights, SHARD_SIZE_BYTES } from './shards.js';
export { encodeWeights, decodeWeights, type NamedTensor, type NamedTensorMap } from './weights.js';
