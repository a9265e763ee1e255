// Files the user handles: downloads://prefix saves model.json and the weights as two browser downloads
// (tfjs names: prefix.json + prefix.weights.bin), and tf.io.browserFiles loads them back from File
// objects, e.g. from an <input type="file" multiple>. browserFiles only needs File/Blob, so it works in
// Node too.
import {
  concatenateArrayBuffers, getModelArtifactsForJSON, getModelArtifactsInfoForJSON, getModelJSONForModelArtifacts, parseModelJSON,
} from '../artifacts.js';
import { loadManifestWeights } from '../shards.js';
import type { IOHandler, ModelArtifacts, ModelArtifactsLike, SaveResult } from '../types.js';

export class BrowserDownloads implements IOHandler {
  static readonly URL_SCHEME = 'downloads://';
  readonly modelJsonFileName: string;
  readonly weightDataFileName: string;

  constructor(fileNamePrefix = 'model') {
    if (typeof fileNamePrefix !== 'string') throw new Error(`tf.io.browserDownloads: fileNamePrefix must be a string, got ${typeof fileNamePrefix}`);
    let prefix = fileNamePrefix.startsWith(BrowserDownloads.URL_SCHEME) ? fileNamePrefix.slice(BrowserDownloads.URL_SCHEME.length) : fileNamePrefix;
    if (prefix.length === 0) prefix = 'model';
    this.modelJsonFileName = `${prefix}.json`;
    this.weightDataFileName = `${prefix}.weights.bin`;
  }

  async save(a: ModelArtifactsLike): Promise<SaveResult> {
    if (typeof document === 'undefined') {
      throw new Error('tf.io.browserDownloads: downloads:// needs a browser page (no document here); in Node save with file://');
    }
    if (a.modelTopology instanceof ArrayBuffer) throw new Error('tf.io.browserDownloads: saving a binary (GraphDef) model topology is not supported');
    const json = getModelJSONForModelArtifacts(a, [{ paths: ['./' + this.weightDataFileName], weights: a.weightSpecs ?? [] }]);
    await download(this.modelJsonFileName, new Blob([JSON.stringify(json)], { type: 'application/json' }));
    const data = a.weightData == null ? new ArrayBuffer(0) : concatenateArrayBuffers(a.weightData);
    await download(this.weightDataFileName, new Blob([data], { type: 'application/octet-stream' }));
    return { modelArtifactsInfo: getModelArtifactsInfoForJSON(a) };
  }
}

/** Starts the download of `blob` as `name` by clicking a detached anchor. */
export async function download(name: string, blob: Blob): Promise<void> {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.download = name;
  anchor.href = url;
  // One click per task: Firefox keeps only the last of several downloads started synchronously (tfjs' note).
  await new Promise((resolve) => setTimeout(resolve));
  anchor.dispatchEvent(new MouseEvent('click'));
  // The browser reads the blob asynchronously after the click; free it once that has surely happened.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The downloads:// handler. `model.save('downloads://my-model')` downloads my-model.json and
 * my-model.weights.bin.
 */
export function browserDownloads(fileNamePrefix = 'model'): BrowserDownloads { return new BrowserDownloads(fileNamePrefix); }

/** The last part of a path or URL ('./a/b.bin' → 'b.bin'). */
function basename(path: string): string {
  const parts = path.trim().replace(/\/+$/, '').split('/');
  return parts[parts.length - 1];
}

export class BrowserFiles implements IOHandler {
  readonly jsonFile: File;
  readonly weightsFiles: File[];

  constructor(files: File[]) {
    if (files == null || typeof (files as ArrayLike<File>).length !== 'number' || files.length < 1) {
      throw new Error(`tf.io.browserFiles: expected [model.json, ...weight files] (File objects), got ${files == null ? files : `${files.length ?? typeof files} files`}`);
    }
    [this.jsonFile, ...this.weightsFiles] = Array.from(files);
  }

  async load(): Promise<ModelArtifacts> {
    const FN = 'tf.io.browserFiles', name = this.jsonFile.name;
    const json = parseModelJSON(await this.jsonFile.text(), name, FN);
    // tfjs: model.json alone gives the topology alone (weights come later, e.g. from model.loadWeights).
    if (this.weightsFiles.length === 0) return { modelTopology: json.modelTopology };
    const byName = new Map(this.weightsFiles.map((f) => [basename(f.name), f]));
    const given = () => [...byName.keys()].join(', ');
    const wanted = (json.weightsManifest ?? []).flatMap((g) => g.paths.map(basename));
    for (const w of wanted) {
      if (!byName.has(w)) throw new Error(`${FN}: weight file '${w}' listed in '${name}' was not given (given: ${given()})`);
    }
    if (new Set(wanted).size !== wanted.length) throw new Error(`${FN}: '${name}' lists a weight file name twice: ${wanted.join(', ')}`);
    if (wanted.length !== this.weightsFiles.length) {
      throw new Error(`${FN}: '${name}' lists ${wanted.length} weight files (${wanted.join(', ')}) but ${this.weightsFiles.length} were given (${this.weightsFiles.map((f) => f.name).join(', ')})`);
    }
    return getModelArtifactsForJSON(json, (manifest) =>
      loadManifestWeights(manifest, (p) => byName.get(basename(p))!.arrayBuffer(), FN, name));
  }
}

/**
 * Loads a model from File objects: model.json first, then its weight files (any order, matched by name).
 * ```ts
 * const m = await tf.loadLayersModel(tf.io.browserFiles([jsonInput.files[0], ...weightsInput.files]));
 * ```
 */
export function browserFiles(files: File[]): BrowserFiles { return new BrowserFiles(files); }
