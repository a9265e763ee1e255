// The one environment seam of the loader: how to get the bytes of the .wasm at `url`.
// Node: a `file:` URL is read with fs (imported lazily, so browser bundles never touch it).
// Browsers and workers: fetch (compileStreaming when the server sends application/wasm).

export async function compileFrom(url: URL | string): Promise<WebAssembly.Module> {
  const u = new URL(String(url));
  if (u.protocol === 'file:') {
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
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
