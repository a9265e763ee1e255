// A fixture's bytes: read from disk in Node, fetched from the test server in the browser. Callers build the URL
// themselves (`new URL(`../fixtures/…/${name}`, import.meta.url)`), so that Vite rewrites it relative to them.
export async function readFixture(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return new Uint8Array(await readFile(url));
  }
  const r = await fetch(url);
  if (!r.ok) throw new Error(`fixture ${url.pathname}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}
