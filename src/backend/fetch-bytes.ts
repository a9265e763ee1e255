// The one environment seam of the loader: where a .wasm is and how to get its bytes.
// Node: a `file:` URL or a path is read with fs (imported lazily through ./node.ts, so browser bundles never
// touch it). Browsers and workers: fetch (compileStreaming when the server sends application/wasm).
import { isNode, nodeImport } from './node.js';
import type { WasmSource } from './wasm-source.js';

/** An absolute URL (a scheme of two letters or more: `C:\…` is a Windows path, not a URL). */
const ABSOLUTE_URL = /^[a-z][a-z\d+.-]+:/i;
/** An absolute file path: `/…`, `\…` or `C:\…`, `C:/…`. */
const ABSOLUTE_PATH = /^([\\/]|[a-z]:[\\/])/i;

/**
 * Resolves what `tf.setWasmPath` was given, at the time of the call: a `URL` or an absolute URL string as it
 * is; in browsers and workers a relative URL against the page (`document.baseURI`, else `location.href`);
 * in Node a relative path against the working directory (an absolute path as it is).
 */
export function locate(op: string, url: URL | string): WasmSource {
  if (typeof url === 'object' && url !== null && typeof (url as URL).href === 'string') return new URL((url as URL).href);
  if (typeof url !== 'string' || url === '') {
    throw new TypeError(`${op}: expected a URL or a non-empty string, got ${url === '' ? "''" : typeof url}`);
  }
  if (ABSOLUTE_URL.test(url)) return new URL(url);
  if (isNode()) {
    if (ABSOLUTE_PATH.test(url)) return url;
    const cwd = (globalThis as unknown as { process: { cwd(): string } }).process.cwd();
    return `${cwd}/${url}`;
  }
  const g = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  const base = g.document?.baseURI ?? g.location?.href;
  if (base === undefined) throw new TypeError(`${op}: cannot resolve the relative URL '${url}' here (no page location); pass an absolute URL`);
  return new URL(url, base);
}

const HINT = ' (if your bundler did not copy the .wasm next to your app, serve build/ascent.wasm and call ' +
  "tf.setWasmPath(url) before tf.ready(), or import 'ascent/inline', which embeds it)";

export async function compileFrom(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof Uint8Array) return WebAssembly.compile(source as Uint8Array<ArrayBuffer>);
  if (typeof source === 'string' || (source.protocol === 'file:' && isNode())) {
    // Node: a path or a file: URL
    const fs = await nodeImport<typeof import('node:fs/promises')>('node:fs/promises');
    let file: string | URL = source;
    if (typeof source === 'string') file = (await nodeImport<typeof import('node:path')>('node:path')).resolve(source);
    let bytes: Uint8Array;
    try { bytes = await fs.readFile(file); } catch (e) {
      throw new Error(`ascent: cannot load the kernels from ${String(file)}: ${(e as Error).message}${HINT}`);
    }
    return WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  }
  let res: Response;
  try { res = await fetch(source); } catch (e) {
    throw new Error(`ascent: cannot load the kernels from ${source}: ${(e as Error).message}${HINT}`);
  }
  if (!res.ok) throw new Error(`ascent: cannot load the kernels from ${source}: HTTP ${res.status}${HINT}`);
  if (typeof WebAssembly.compileStreaming === 'function' &&
      (res.headers.get('content-type') ?? '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}
