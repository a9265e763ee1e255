// file:// in Node: a folder with model.json + weights.bin, the format of tfjs-node's NodeFileSystem, so
// tfjs-node reads what ascent writes; loading also reads the converter's sharded output
// (group1-shard1of3.bin …). fs and path are imported lazily through backend/node.ts, so browser
// bundles load this module without touching them.
//  - A model.json is untrusted: its weight paths must stay inside its folder (no '..', no absolute
//    path, no symlink that leads out) unless allowPathsOutsideModel is set.
//  - Saving is atomic: weight files are written under names the current model.json does not use, then
//    model.json is replaced by a rename. A save that fails at any point leaves the previous model as it was.
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
  /** Loading: follow weight paths that lead outside the model's folder (default false: an error). */
  allowPathsOutsideModel?: boolean;
}

/** An fs failure as an error that says what was being done, to which path, and why (EACCES …). */
function fsError(what: string, file: string, e: unknown): Error {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'operation not permitted', ENOTDIR: 'a part of the path is a file, not a folder',
    ENOSPC: 'no space left on the device', EROFS: 'read-only file system', EISDIR: 'it is a folder', ENOENT: 'it does not exist',
    EDQUOT: 'disk quota exceeded', EMFILE: 'too many open files',
  };
  return new Error(`${FN}: cannot ${what} '${file}': ${why[err?.code ?? ''] ?? err?.message ?? String(e)}${err?.code ? ` (${err.code})` : ''}`, { cause: e });
}

/** Weight file names for a save that the current model.json (if any) does not use. */
function freshNames(names: string[], taken: Set<string>): string[] {
  if (!names.some((n) => taken.has(n))) return names;
  for (let v = 1; ; v++) {
    const renamed = names.map((n) => n.replace(/(\.bin)?$/, `.v${v}$1`));
    if (!renamed.some((n) => taken.has(n))) return renamed;
  }
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
    await fs.mkdir(dir, { recursive: true }).catch((e) => { throw fsError('create the folder', dir, e); });
    const data = artifacts.weightData == null ? new ArrayBuffer(0) : concatenateArrayBuffers(artifacts.weightData);
    const sharded = this.options.shardSizeBytes != null ? shardWeights(data, this.options.shardSizeBytes)
      : { paths: [this.WEIGHTS_BINARY_FILENAME], shards: [data] };
    const jsonFile = path.join(dir, this.MODEL_JSON_FILENAME);
    // The weight files the current model.json uses stay untouched until the new model.json replaces it.
    const old = await this.weightFilesOf(jsonFile);
    const paths = freshNames(sharded.paths, old);
    const json = getModelJSONForModelArtifacts(artifacts, [{ paths, weights: artifacts.weightSpecs ?? [] }]);
    const tag = `.tmp-${process.pid}-${Date.now().toString(36)}`;
    const written: string[] = [];
    try {
      for (let i = 0; i < paths.length; i++) {
        const f = path.join(dir, paths[i]);
        await fs.writeFile(f + tag, new Uint8Array(sharded.shards[i])).catch((e) => { throw fsError('write the weight file', f, e); });
        written.push(f + tag);
        await fs.rename(f + tag, f).catch((e) => { throw fsError('rename into place the weight file', f, e); });
        written[written.length - 1] = f;
      }
      await fs.writeFile(jsonFile + tag, JSON.stringify(json), 'utf8').catch((e) => { throw fsError('write', jsonFile, e); });
      written.push(jsonFile + tag);
      await fs.rename(jsonFile + tag, jsonFile).catch((e) => { throw fsError('rename into place', jsonFile, e); });
    } catch (e) {
      await Promise.all(written.map((f) => fs.rm(f, { force: true }).catch(() => undefined)));
      throw e;
    }
    // The new model is in place: the old weight files it does not use go.
    const kept = new Set(paths);
    await Promise.all([...old].filter((p) => !kept.has(p)).map((p) => fs.rm(path.join(dir, p), { force: true }).catch(() => undefined)));
    return { modelArtifactsInfo: getModelArtifactsInfoForJSON(artifacts) };
  }

  /** The weight file names (inside the folder) that an existing model.json lists; none if it is missing or unreadable. */
  private async weightFilesOf(jsonFile: string): Promise<Set<string>> {
    const { fs } = await node();
    const text = await fs.readFile(jsonFile, 'utf8').catch(() => null);
    const out = new Set<string>();
    if (text === null) return out;
    try {
      const m = (JSON.parse(text) as { weightsManifest?: { paths?: unknown[] }[] }).weightsManifest;
      if (Array.isArray(m)) for (const g of m) for (const p of g?.paths ?? []) if (typeof p === 'string' && /^[\w.-]+$/.test(p)) out.add(p);
    } catch { /* not a model.json we wrote: nothing to keep apart */ }
    return out;
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
    const realDir = await fs.realpath(dir).catch(() => dir);
    return getModelArtifactsForJSON(json, (manifest) => loadManifestWeights(manifest, async (p) => {
      const wf = path.resolve(dir, p);
      if (!this.options.allowPathsOutsideModel) await confine(fs, path, p, wf, realDir, file);
      const b = await fs.readFile(wf).catch((e: NodeJS.ErrnoException) => {
        throw new Error(e.code === 'ENOENT' ? `${FN}: weight file '${wf}' (listed in '${file}') does not exist`
          : `${FN}: cannot read weight file '${wf}': ${e.message}`);
      });
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    }, FN, file));
  }
}

/** Refuses a weight path of `file` that resolves (symlinks followed) outside the model's folder `realDir`. */
async function confine(fs: FS, path: Path, p: string, wf: string, realDir: string, file: string): Promise<void> {
  const inside = (f: string) => f.startsWith(realDir + path.sep);
  const real = await fs.realpath(wf).catch(() => null);
  if (path.isAbsolute(p) || !inside(path.join(realDir, path.relative(path.dirname(file), wf))) || (real !== null && !inside(real))) {
    throw new Error(`${FN}: weight path '${p}' in '${file}' leads outside the model's folder '${realDir}'` +
      `${real !== null && real !== wf ? ` (to '${real}')` : ''}; refused (pass {allowPathsOutsideModel: true} to loadLayersModel if you trust this model)`);
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
