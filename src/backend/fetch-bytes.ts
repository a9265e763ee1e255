// The one environment seam of the loader: how to get the bytes of the .wasm at `url`.
// Node: a `file:` URL is read with fs (imported lazily through ./node.ts, so browser bundles never touch it).
// Browsers and workers: fetch (compileStreaming when the server sends application/wasm).
import { nodeImport } from './node.js';

export async function compileFrom(url: URL | string): Promise<WebAssembly.Module> {
  const u = new URL(String(url));
  if (u.protocol === 'file:') {
    const fs = await nodeImport<typeof import('node:fs/promises')>('node:fs/promises');
    return WebAssembly.compile(await fs.readFile(u));
  }
  const res = await fetch(u);
  if (!res.ok) throw new Error(`ascent: cannot load the kernels from ${u}: HTTP ${res.status}`);
  if (typeof WebAssembly.compileStreaming === 'function' &&
      (res.headers.get('content-type') ?? '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}
