// model.json ⇄ ModelArtifacts (tfjs-core io_utils' contract), shared by every handler: building and
// parsing model.json with errors that name the file, the artifacts' byte counts, and the byte length a
// weights manifest implies (to catch truncated or mismatched weight files before decoding them).
import { concatBytes } from '../bytes.js';
import type {
  ModelArtifacts, ModelArtifactsInfo, ModelArtifactsLike, ModelJSON, WeightData, WeightsManifestConfig,
  WeightsManifestEntry,
} from './types.js';

/** The optional fields copied verbatim between artifacts and model.json (tfjs' list). */
const EXTRAS = ['signature', 'userDefinedMetadata', 'modelInitializer', 'initializerSignature', 'trainingConfig'] as const;

/** One buffer from tfjs' WeightData (a buffer or a list of buffers, e.g. one per weight file). */
export function concatenateArrayBuffers(data: WeightData): ArrayBuffer {
  if (!Array.isArray(data)) return data;
  data.forEach((b, i) => {
    if (!(b instanceof ArrayBuffer)) throw new Error(`concatenateArrayBuffers: element ${i} of the weight data is not an ArrayBuffer (${b === null ? 'null' : typeof b})`);
  });
  if (data.length === 1) return data[0];
  return concatBytes(data.map((b) => new Uint8Array(b))).buffer as ArrayBuffer;
}

/** The artifacts with their weights as one buffer: what every ascent loader returns. */
export function withJoinedWeights(a: ModelArtifactsLike): ModelArtifacts {
  // Besides weightData, tfjs' types differ only in typing optimizer_config as {}: at run time it is {class_name, config}.
  const out = a as ModelArtifacts;
  return Array.isArray(a.weightData) ? { ...out, weightData: concatenateArrayBuffers(a.weightData) } : out;
}

const utf8 = new TextEncoder();

/** Sizes of the parts of JSON-topology artifacts (tfjs' SaveResult.modelArtifactsInfo). */
export function getModelArtifactsInfoForJSON(a: ModelArtifactsLike): ModelArtifactsInfo {
  if (a.modelTopology instanceof ArrayBuffer) {
    throw new Error('getModelArtifactsInfoForJSON: expected a JSON model topology, got an ArrayBuffer (GraphDef models are not supported)');
  }
  const data = a.weightData;
  return {
    dateSaved: new Date(),
    modelTopologyType: 'JSON',
    modelTopologyBytes: a.modelTopology == null ? 0 : utf8.encode(JSON.stringify(a.modelTopology)).length,
    weightSpecsBytes: a.weightSpecs == null ? 0 : utf8.encode(JSON.stringify(a.weightSpecs)).length,
    weightDataBytes: data == null ? 0 : Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength,
  };
}

/** The model.json object for `artifacts` whose weights are stored as `manifest` says. */
export function getModelJSONForModelArtifacts(a: ModelArtifactsLike, manifest: WeightsManifestConfig): ModelJSON {
  const json: ModelJSON = {
    modelTopology: a.modelTopology as Record<string, unknown>,
    format: a.format, generatedBy: a.generatedBy, convertedBy: a.convertedBy,
    weightsManifest: manifest,
  };
  for (const k of EXTRAS) if (a[k] != null) (json as unknown as Record<string, unknown>)[k] = a[k];
  return json;
}

/** All the weight entries of a manifest, in storage order. */
export function getWeightSpecs(manifest: WeightsManifestConfig): WeightsManifestEntry[] {
  return manifest.flatMap((g) => g.weights);
}

/** Artifacts from a parsed model.json; `loadWeights` fetches the manifest's files (model.json's own folder, URL …). */
export async function getModelArtifactsForJSON(json: ModelJSON,
  loadWeights: (manifest: WeightsManifestConfig) => Promise<[WeightsManifestEntry[], WeightData]>): Promise<ModelArtifacts> {
  const a: ModelArtifacts = {
    modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy,
  };
  for (const k of EXTRAS) if (json[k] != null) (a as Record<string, unknown>)[k] = json[k];
  if (json.weightsManifest != null) {
    const [specs, data] = await loadWeights(json.weightsManifest);
    a.weightSpecs = specs;
    a.weightData = concatenateArrayBuffers(data);
  }
  return a;
}

/**
 * Parses and checks the text of a model.json; errors name `fn` and `file`. The checks are the ones a
 * loader needs before touching weight files: a JSON object, with a topology or a manifest, and a manifest
 * made of {paths: string[], weights: [{name, shape, dtype}]} groups.
 */
export function parseModelJSON(text: string, file: string, fn: string): ModelJSON {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${fn}: '${file}' is not valid JSON (${(e as Error).message}); expected a TensorFlow.js model.json`);
  }
  if (json == null || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error(`${fn}: '${file}' holds ${Array.isArray(json) ? 'an array' : String(json)}, expected a model.json object`);
  }
  const j = json as Partial<ModelJSON>;
  if (j.modelTopology == null && j.weightsManifest == null) {
    throw new Error(`${fn}: '${file}' has neither 'modelTopology' nor 'weightsManifest': not a TensorFlow.js model.json`);
  }
  if (j.weightsManifest != null) checkManifest(j.weightsManifest, `${fn}: '${file}'`);
  return j as ModelJSON;
}

/** A value as (the start of) its JSON for an error message; never throws. */
function json(v: unknown): string {
  try { return (JSON.stringify(v) ?? String(v)).slice(0, 200); } catch { return Array.isArray(v) ? 'an array' : typeof v; }
}

function checkManifest(m: unknown, where: string): void {
  if (!Array.isArray(m)) throw new Error(`${where}: 'weightsManifest' must be an array of {paths, weights} groups, got ${typeof m}`);
  m.forEach((g: Partial<{ paths: unknown; weights: unknown }>, i) => {
    if (g == null || !Array.isArray(g.paths) || !g.paths.every((p) => typeof p === 'string') || !Array.isArray(g.weights)) {
      throw new Error(`${where}: weightsManifest[${i}] must be {paths: string[], weights: [...]}, got ${json(g)}`);
    }
    for (const w of g.weights as Partial<WeightsManifestEntry>[]) {
      if (w == null || typeof w.name !== 'string' || !Array.isArray(w.shape) ||
          !w.shape.every((d) => Number.isInteger(d) && d >= 0) || typeof w.dtype !== 'string') {
        throw new Error(`${where}: weightsManifest[${i}] has a malformed weight entry ${json(w)}; expected {name, shape: int[], dtype}`);
      }
    }
  });
}

/** Bytes per stored value; strings are length-prefixed and are measured in the data instead. */
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

/**
 * The bytes `specs` occupy at the start of `data`. Fixed-size dtypes (quantized ones at their stored
 * width) need size × width; a string tensor is walked through its uint32 length prefixes (tfjs' layout),
 * so for data that stops inside one the result is a lower bound that exceeds data.byteLength.
 */
export function weightsByteLength(specs: WeightsManifestEntry[], data: ArrayBuffer, where: string): number {
  const view = new DataView(data);
  let at = 0;
  for (const s of specs) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    if (s.dtype === 'string' && s.quantization == null) {
      for (let i = 0; i < n; i++) {
        if (at + 4 > data.byteLength) return at + 4 * (n - i);
        at += 4 + view.getUint32(at, true);
      }
      continue;
    }
    const dtype = s.quantization?.dtype ?? s.dtype;
    const width = BYTES[dtype];
    if (width == null) throw new Error(`${where}: weight '${s.name}' has an unknown dtype '${dtype}'; known: ${Object.keys(BYTES).join(', ')}, string`);
    at += n * width;
  }
  return at;
}
