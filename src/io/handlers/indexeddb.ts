// indexeddb://name: models in the browser's IndexedDB, in TensorFlow.js' own database layout (database
// 'tensorflowjs' v1, stores 'models_store' and 'model_info_store' keyed by 'modelPath'), so models saved
// by tfjs in the same origin load here and the other way round.
import { getModelArtifactsInfoForJSON, withJoinedWeights } from '../artifacts.js';
import type { IOHandler, ModelArtifacts, ModelArtifactsInfo, ModelArtifactsLike, SaveResult } from '../types.js';

const DATABASE = 'tensorflowjs', VERSION = 1, MODELS = 'models_store', INFO = 'model_info_store';
const FN = 'tf.io.browserIndexedDB';

/** The IndexedDB factory, or null where there is none (Node, unless a polyfill such as fake-indexeddb set one). */
export function indexedDBFactory(): IDBFactory | null {
  return (globalThis as { indexedDB?: IDBFactory }).indexedDB ?? null;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
}

function completion(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** Runs `fn` on the open database and closes it, whatever happens. */
async function withDatabase<T>(fn: (db: IDBDatabase) => Promise<T>): Promise<T> {
  const factory = indexedDBFactory();
  if (factory == null) throw new Error(`${FN}: IndexedDB is not available in this environment (indexeddb:// needs a browser)`);
  const open = factory.open(DATABASE, VERSION);
  open.onupgradeneeded = () => {
    open.result.createObjectStore(MODELS, { keyPath: 'modelPath' });
    open.result.createObjectStore(INFO, { keyPath: 'modelPath' });
  };
  const db = await request(open);
  try { return await fn(db); } finally { db.close(); }
}

function stripScheme(path: string): string {
  return path.startsWith(BrowserIndexedDB.URL_SCHEME) ? path.slice(BrowserIndexedDB.URL_SCHEME.length) : path;
}

export class BrowserIndexedDB implements IOHandler {
  static readonly URL_SCHEME = 'indexeddb://';
  readonly modelPath: string;

  constructor(modelPath: string) {
    if (typeof modelPath !== 'string' || stripScheme(modelPath).length === 0) {
      throw new Error(`${FN}: modelPath must be a non-empty string, got ${JSON.stringify(modelPath)}`);
    }
    this.modelPath = stripScheme(modelPath);
  }

  async save(artifacts: ModelArtifactsLike): Promise<SaveResult> {
    if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error(`${FN}: saving a binary (GraphDef) model topology is not supported`);
    const modelArtifacts = withJoinedWeights(artifacts);
    const modelArtifactsInfo = getModelArtifactsInfoForJSON(modelArtifacts);
    try {
      // One transaction over both stores: the info entry and the model are written together or not at all.
      await withDatabase(async (db) => {
        const tx = db.transaction([INFO, MODELS], 'readwrite');
        tx.objectStore(INFO).put({ modelPath: this.modelPath, modelArtifactsInfo });
        tx.objectStore(MODELS).put({ modelPath: this.modelPath, modelArtifacts, modelArtifactsInfo });
        await completion(tx);
      });
    } catch (e) {
      throw new Error(`${FN}: saving model '${this.modelPath}' failed (${modelArtifactsInfo.weightDataBytes} weight bytes; quota?): ${(e as Error)?.message ?? e}`);
    }
    return { modelArtifactsInfo };
  }

  async load(): Promise<ModelArtifacts> {
    const rec = await withDatabase((db) => request(db.transaction(MODELS, 'readonly').objectStore(MODELS).get(this.modelPath)));
    if (rec == null) throw new Error(`${FN}: there is no model '${this.modelPath}' in IndexedDB (saved ones: tf.io.listModels())`);
    return withJoinedWeights((rec as { modelArtifacts: ModelArtifactsLike }).modelArtifacts);
  }
}

/** The indexeddb:// handler: `model.save(tf.io.browserIndexedDB('my-model'))` = `model.save('indexeddb://my-model')`. */
export function browserIndexedDB(modelPath: string): BrowserIndexedDB { return new BrowserIndexedDB(modelPath); }

/** Listing and removing IndexedDB models (tf.io.listModels / removeModel). */
export const indexedDBManager = {
  async listModels(): Promise<Record<string, ModelArtifactsInfo>> {
    const all = await withDatabase((db) => request(db.transaction(INFO, 'readonly').objectStore(INFO).getAll()));
    return Object.fromEntries((all as { modelPath: string; modelArtifactsInfo: ModelArtifactsInfo }[])
      .map((r) => [r.modelPath, r.modelArtifactsInfo]));
  },
  async removeModel(path: string): Promise<ModelArtifactsInfo> {
    const key = stripScheme(path);
    return withDatabase(async (db) => {
      const tx = db.transaction([INFO, MODELS], 'readwrite');
      const rec = await request(tx.objectStore(INFO).get(key)) as { modelArtifactsInfo: ModelArtifactsInfo } | undefined;
      if (rec == null) {
        tx.abort();
        throw new Error(`tf.io.removeModel: there is no model '${key}' in IndexedDB`);
      }
      tx.objectStore(INFO).delete(key);
      tx.objectStore(MODELS).delete(key);
      await completion(tx);
      return rec.modelArtifactsInfo;
    });
  },
};
