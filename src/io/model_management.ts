// Managing stored models (tfjs io/model_management): list, remove, copy and move models between the
// browser stores (indexeddb://, localstorage://); copy and move take any URLs the routers know, so a
// model can also be copied from http(s):// or to downloads:// (or file:// in Node).
import { indexedDBFactory, indexedDBManager } from './handlers/indexeddb.js';
import { localStorageManager, localStorageOrNull } from './handlers/local_storage.js';
import { resolveLoadHandler, resolveSaveHandler } from './router.js';
import type { ModelArtifactsInfo } from './types.js';

interface ModelStoreManager {
  listModels(): Promise<Record<string, ModelArtifactsInfo>>;
  removeModel(path: string): Promise<ModelArtifactsInfo>;
}

const MANAGERS: Record<string, { manager: ModelStoreManager; available: () => boolean }> = {
  indexeddb: { manager: indexedDBManager, available: () => indexedDBFactory() != null },
  localstorage: { manager: localStorageManager, available: () => localStorageOrNull() != null },
};

function parse(url: string, fn: string): { scheme: string; path: string; manager: ModelStoreManager } {
  if (typeof url !== 'string' || !url.includes('://')) {
    throw new Error(`${fn}: expected a URL like 'indexeddb://name' or 'localstorage://name', got ${JSON.stringify(url)}`);
  }
  const [scheme, path] = [url.slice(0, url.indexOf('://')), url.slice(url.indexOf('://') + 3)];
  const m = MANAGERS[scheme];
  if (m == null) throw new Error(`${fn}: cannot manage models at ${scheme}:// (stores with model management: indexeddb://, localstorage://)`);
  if (!m.available()) throw new Error(`${fn}: ${scheme}:// is not available in this environment (it needs a browser)`);
  return { scheme, path, manager: m.manager };
}

/**
 * The models in the browser stores, by URL.
 * ```ts
 * await tf.io.listModels();  // {'indexeddb://my-model': {dateSaved, modelTopologyBytes, …}, …}
 * ```
 */
export async function listModels(): Promise<Record<string, ModelArtifactsInfo>> {
  const out: Record<string, ModelArtifactsInfo> = {};
  for (const [scheme, m] of Object.entries(MANAGERS)) {
    if (!m.available()) continue;
    for (const [path, info] of Object.entries(await m.manager.listModels())) out[`${scheme}://${path}`] = info;
  }
  return out;
}

/** Deletes a stored model; resolves to its info. `await tf.io.removeModel('localstorage://my-model')`. */
export async function removeModel(url: string): Promise<ModelArtifactsInfo> {
  const { path, manager } = parse(url, 'tf.io.removeModel');
  return manager.removeModel(path);
}

/** Copies a model from one URL to another (any scheme with a load / save handler). */
export async function copyModel(sourceURL: string, destURL: string): Promise<ModelArtifactsInfo> {
  return clone(sourceURL, destURL, false, 'tf.io.copyModel');
}

/** Moves a stored model: copies it, then removes the source (only once the copy is saved). */
export async function moveModel(sourceURL: string, destURL: string): Promise<ModelArtifactsInfo> {
  return clone(sourceURL, destURL, true, 'tf.io.moveModel');
}

async function clone(src: string, dst: string, move: boolean, fn: string): Promise<ModelArtifactsInfo> {
  if (src === dst) throw new Error(`${fn}: source and destination are the same URL '${src}'`);
  const from = move ? parse(src, fn) : null; // a move must be able to delete the source: check before copying
  const load = resolveLoadHandler(src, undefined, fn), save = resolveSaveHandler(dst, fn);
  const result = await save.save!(await load.load!());
  // Deleting after the save (tfjs deletes first within one store to spare quota) never loses the model.
  if (from != null) await from.manager.removeModel(from.path);
  return result.modelArtifactsInfo;
}
