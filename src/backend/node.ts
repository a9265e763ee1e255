// The Node seam: the few places that use Node's built-in modules (the wasm loader, file://, dataset
// files, event files) import them through here, lazily and with a variable specifier, so bundlers
// leave them out and browsers never load them (the magic comments keep webpack and Vite quiet about it).

/** True in Node (and runtimes with its built-ins, like Deno and Bun); false in browsers and workers. */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** A Node built-in module ('node:fs/promises' …), imported on first use. */
export function nodeImport<T>(specifier: string): Promise<T> {
  return import(/* webpackIgnore: true */ /* @vite-ignore */ specifier) as Promise<T>;
}
