// file:// in Node: a folder with model.json + weights.bin, the format of tfjs-node's NodeFileSystem, so
// tfjs-node reads what ascent writes; loading also reads the converter's sharded output
// (group1-shard1of3.bin …). fs and path are imported lazily through backend/node.ts, so browser
// bundles load this module without touching them.
import { isNode, nodeImport } from '../../backend/node.js';
import { getModelArtifactsForJSON, getModelArtifactsInfoForJSON, getModelJSONForModelArtifacts, concatenateArrayBuffers, parseModelJSON } from '../artifacts.js';
import { loadManifestWeights, shardWeights } from '../shards.js';
import type { IOHandler, ModelArtifacts, ModelArtifactsLike, SaveResult } from '../types.js';

type FS = typeof import('node:fs/promises');
type Path = typeof import('node:path');
const FN = 'tf.io.fileSystem';

async function node(): Promise<{ fs: FS; path: Path }> {
  const [fs, path] = await Promise.all([nodeImport<FS>('node:fs/promises'), nodeImport<Path>('node:path')]);
  return { fs, path };
}

export interface FileSystemOptions {
  /**
   * Write the weights as converter-style shards of at most this many bytes (group1-shard1of2.bin …,
   * tf.io.SHARD_SIZE_BYTES = 4 MB is the converter's size). Default: one weights.bin, as tfjs-node.
   */
  shardSizeBytes?: number;
}

export class NodeFileSystem implements IOHandler {
  static readonly URL_SCHEME = 'file://';
  readonly MODEL_JSON_FILENAME = 'model.json';
  readonly WEIGHTS_BINARY_FILENAME = 'weights.bin';

  /** `path`: the folder to save into (created if missing); to load, model.json or its folder. */
  constructor(readonly path: string, readonly options: FileSystemOptions = {}) {
    if (typeof path !== 'string' || path.length === 0) {
      throw new Error(`${FN}: path must be a non-empty string (a folder, or a model.json to load), got ${JSON.stringify(path)}`);
    }
    if (!isNode()) throw new Error(`${FN}: file:// needs Node's file system; in a browser use indexeddb://, localstorage://, downloads:// or http(s)://`);
  }

  async save(artifacts: ModelArtifactsLike): Promise<SaveResult> {
    if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error(`${FN}: saving a binary (GraphDef) model topology is not supported`);
    const { fs, path } = await node();
    const dir = path.resolve(this.path);
    const info = await fs.stat(dir).catch(() => null);
    if (info?.isFile()) throw new Error(`${FN}: cannot save into '${dir}': it is a file; give a folder (created if missing)`);
    await fs.mkdir(dir, { recursive: true });
    const data = artifacts.weightData == null ? new ArrayBuffer(0) : concatenateArrayBuffers(artifacts.weightData);
    const { paths, shards } = this.options.shardSizeBytes != null ? shardWeights(data, this.options.shardSizeBytes)
      : { paths: [this.WEIGHTS_BINARY_FILENAME], shards: [data] };
    const json = getModelJSONForModelArtifacts(artifacts, [{ paths, weights: artifacts.weightSpecs ?? [] }]);
    // Weights first: a model.json on disk never points at weight files that are not written yet.
    await Promise.all(paths.map((p, i) => fs.writeFile(path.join(dir, p), new Uint8Array(shards[i]))));
    await fs.writeFile(path.join(dir, this.MODEL_JSON_FILENAME), JSON.stringify(json), 'utf8');
    return { modelArtifactsInfo: getModelArtifactsInfoForJSON(artifacts) };
  }

  async load(): Promise<ModelArtifacts> {
    const { fs, path } = await node();
    let file = path.resolve(this.path);
    const info = await fs.stat(file).catch(() => null);
    if (info == null) throw new Error(`${FN}: '${file}' does not exist (expected a model.json or a folder holding one)`);
    if (info.isDirectory()) file = path.join(file, this.MODEL_JSON_FILENAME);
    const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new Error(e.code === 'ENOENT' ? `${FN}: '${file}' does not exist` : `${FN}: cannot read '${file}': ${e.message}`);
    });
    const json = parseModelJSON(text, file, FN);
    const dir = path.dirname(file);
    return getModelArtifactsForJSON(json, (manifest) => loadManifestWeights(manifest, async (p) => {
      const wf = path.join(dir, p);
      const b = await fs.readFile(wf).catch((e: NodeJS.ErrnoException) => {
        throw new Error(e.code === 'ENOENT' ? `${FN}: weight file '${wf}' (listed in '${file}') does not exist`
          : `${FN}: cannot read weight file '${wf}': ${e.message}`);
      });
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    }, FN, file));
  }
}

/**
 * The file:// handler (tfjs-node's tf.io.fileSystem).
 * ```ts
 * await model.save(tf.io.fileSystem('./my-model'));               // = model.save('file://./my-model')
 * const m = await tf.loadLayersModel('file://./my-model/model.json');
 * ```
 */
export function fileSystem(path: string, options?: FileSystemOptions): NodeFileSystem {
  return new NodeFileSystem(path, options);
}
