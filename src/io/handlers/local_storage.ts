// localstorage://name: models in window.localStorage under TensorFlow.js' keys
// ('tensorflowjs_models/<name>/info', …/model_topology, …/weight_specs, …/weight_data (base64),
// …/model_metadata), so tfjs and ascent read each other's models. localStorage holds a few MB per origin:
// fine for small models; IndexedDB is the place for big ones.
import { getModelArtifactsInfoForJSON, concatenateArrayBuffers } from '../artifacts.js';
import type { IOHandler, ModelArtifacts, ModelArtifactsInfo, ModelArtifactsLike, SaveResult } from '../types.js';

const PREFIX = 'tensorflowjs_models';
const PARTS = ['info', 'model_topology', 'weight_specs', 'weight_data', 'model_metadata'] as const;
const FN = 'tf.io.browserLocalStorage';

/** window.localStorage, or null where there is none (Node, workers). */
export function localStorageOrNull(): Storage | null {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage ?? null;
  } catch {
    return null; // opaque origins throw on access
  }
}

function storage(fn: string): Storage {
  const ls = localStorageOrNull();
  if (ls == null) throw new Error(`${fn}: localStorage is not available in this environment (localstorage:// needs a browser window)`);
  return ls;
}

function keys(path: string): Record<(typeof PARTS)[number], string> {
  return Object.fromEntries(PARTS.map((p) => [p, `${PREFIX}/${path}/${p}`])) as Record<(typeof PARTS)[number], string>;
}

function stripScheme(path: string): string {
  return path.startsWith(BrowserLocalStorage.URL_SCHEME) ? path.slice(BrowserLocalStorage.URL_SCHEME.length) : path;
}

function toBase64(buffer: ArrayBuffer): string {
  const b = new Uint8Array(buffer);
  let s = '';
  // fromCharCode in 32 K chunks: one char per byte, without one call argument per byte of the whole model.
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(s: string): ArrayBuffer {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

/** JSON.parse of a stored item, with the key in the error. */
function parseItem(ls: Storage, key: string, what: string, path: string): unknown {
  const text = ls.getItem(key);
  if (text == null) throw new Error(`${FN}: the ${what} of model '${path}' is missing from localStorage (key '${key}')`);
  try { return JSON.parse(text); } catch (e) {
    throw new Error(`${FN}: the ${what} of model '${path}' (key '${key}') is not valid JSON: ${(e as Error).message}`);
  }
}

export class BrowserLocalStorage implements IOHandler {
  static readonly URL_SCHEME = 'localstorage://';
  readonly modelPath: string;

  constructor(modelPath: string) {
    if (typeof modelPath !== 'string' || stripScheme(modelPath).length === 0) {
      throw new Error(`${FN}: modelPath must be a non-empty string, got ${JSON.stringify(modelPath)}`);
    }
    this.modelPath = stripScheme(modelPath);
  }

  async save(a: ModelArtifactsLike): Promise<SaveResult> {
    if (a.modelTopology instanceof ArrayBuffer) throw new Error(`${FN}: saving a binary (GraphDef) model topology is not supported`);
    const ls = storage(FN), k = keys(this.modelPath);
    const info = getModelArtifactsInfoForJSON(a);
    const metadata = {
      format: a.format, generatedBy: a.generatedBy, convertedBy: a.convertedBy, signature: a.signature,
      userDefinedMetadata: a.userDefinedMetadata, modelInitializer: a.modelInitializer,
      initializerSignature: a.initializerSignature, trainingConfig: a.trainingConfig,
    };
    try {
      ls.setItem(k.info, JSON.stringify(info));
      ls.setItem(k.model_topology, JSON.stringify(a.modelTopology ?? null));
      ls.setItem(k.weight_specs, JSON.stringify(a.weightSpecs ?? []));
      ls.setItem(k.weight_data, toBase64(a.weightData == null ? new ArrayBuffer(0) : concatenateArrayBuffers(a.weightData)));
      ls.setItem(k.model_metadata, JSON.stringify(metadata));
    } catch (e) {
      for (const key of Object.values(k)) ls.removeItem(key); // no half-saved model
      throw new Error(`${FN}: saving model '${this.modelPath}' failed, probably over the localStorage quota ` +
        `(topology ${info.modelTopologyBytes} B, weight specs ${info.weightSpecsBytes} B, weights ${info.weightDataBytes} B ` +
        `→ base64 ${Math.ceil((info.weightDataBytes ?? 0) / 3) * 4} B); use indexeddb:// for big models (${(e as Error).message})`);
    }
    return { modelArtifactsInfo: info };
  }

  async load(): Promise<ModelArtifacts> {
    const ls = storage(FN), k = keys(this.modelPath), path = this.modelPath;
    if (ls.getItem(k.info) == null) throw new Error(`${FN}: there is no model '${path}' in localStorage (saved ones: tf.io.listModels())`);
    const info = parseItem(ls, k.info, 'info', path) as ModelArtifactsInfo;
    if (info.modelTopologyType !== 'JSON') throw new Error(`${FN}: model '${path}' has a ${info.modelTopologyType} topology; only JSON is supported`);
    const out: ModelArtifacts = { weightSpecs: parseItem(ls, k.weight_specs, 'weight specs', path) as ModelArtifacts['weightSpecs'] };
    const topology = parseItem(ls, k.model_topology, 'topology', path);
    if (topology != null) out.modelTopology = topology as Record<string, unknown>;
    if (ls.getItem(k.model_metadata) != null) {
      for (const [key, v] of Object.entries(parseItem(ls, k.model_metadata, 'metadata', path) as object)) {
        if (v != null) (out as Record<string, unknown>)[key] = v;
      }
    }
    const b64 = ls.getItem(k.weight_data);
    if (b64 == null) throw new Error(`${FN}: the weight data of model '${path}' is missing from localStorage (key '${k.weight_data}')`);
    try { out.weightData = fromBase64(b64); } catch {
      throw new Error(`${FN}: the weight data of model '${path}' (key '${k.weight_data}') is not valid base64`);
    }
    return out;
  }
}

/** The localstorage:// handler: `model.save(tf.io.browserLocalStorage('m'))` = `model.save('localstorage://m')`. */
export function browserLocalStorage(modelPath: string): BrowserLocalStorage { return new BrowserLocalStorage(modelPath); }

/** Listing and removing localStorage models (tf.io.listModels / removeModel). */
export const localStorageManager = {
  async listModels(): Promise<Record<string, ModelArtifactsInfo>> {
    const ls = storage('tf.io.listModels'), out: Record<string, ModelArtifactsInfo> = {};
    for (let i = 0; i < ls.length; i++) {
      const key = ls.key(i)!;
      if (!key.startsWith(PREFIX + '/') || !key.endsWith('/info')) continue;
      const info = JSON.parse(ls.getItem(key)!) as ModelArtifactsInfo;
      info.dateSaved = new Date(info.dateSaved); // JSON stored it as a string
      out[key.slice(PREFIX.length + 1, -'/info'.length)] = info;
    }
    return out;
  },
  async removeModel(path: string): Promise<ModelArtifactsInfo> {
    const ls = storage('tf.io.removeModel'), k = keys(stripScheme(path));
    const text = ls.getItem(k.info);
    if (text == null) throw new Error(`tf.io.removeModel: there is no model '${stripScheme(path)}' in localStorage`);
    for (const key of Object.values(k)) ls.removeItem(key);
    const info = JSON.parse(text) as ModelArtifactsInfo;
    info.dateSaved = new Date(info.dateSaved);
    return info;
  },
};
