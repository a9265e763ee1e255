// Where tf.setWasmPath's argument points (src/backend/fetch-bytes.ts, locate): URL objects and absolute
// URLs as they are; relative URLs against the page in browsers, relative paths against the working
// directory in Node; nonsense refused. Loading itself from such places: test/package/install.node.test.ts
// (Node) and test/bundlers/ (browsers).
import { describe, expect, it } from 'vitest';
import * as tf from '../src/index.js';
import { compileFrom, locate } from '../src/backend/fetch-bytes.js';
import { isNode } from '../src/backend/node.js';

const href = (s: ReturnType<typeof locate>) => (s instanceof URL ? s.href : s);

describe('tf.setWasmPath: where it points', () => {
  it('a URL object (a copy) and absolute URLs as they are', () => {
    const u = new URL('https://cdn.example.com/ascent/ascent.wasm');
    const r = locate('setWasmPath', u);
    expect(r).toBeInstanceOf(URL);
    expect(r).not.toBe(u);
    expect(href(r)).toBe(u.href);
    for (const s of ['https://example.com/a.wasm', 'file:///srv/a.wasm', 'data:application/wasm;base64,AGFzbQ==', 'blob:https://x/1']) {
      expect(href(locate('setWasmPath', s))).toBe(new URL(s).href);
    }
  });

  it.runIf(isNode())('Node: a relative path against the working directory; absolute paths (POSIX, Windows) as they are', () => {
    const cwd = (globalThis as unknown as { process: { cwd(): string } }).process.cwd();
    expect(locate('setWasmPath', 'static/ascent.wasm')).toBe(`${cwd}/static/ascent.wasm`);
    expect(locate('setWasmPath', './ascent.wasm')).toBe(`${cwd}/./ascent.wasm`);
    expect(locate('setWasmPath', '/srv/ascent.wasm')).toBe('/srv/ascent.wasm');
    expect(locate('setWasmPath', 'C:\\app\\ascent.wasm')).toBe('C:\\app\\ascent.wasm');
    expect(locate('setWasmPath', 'C:/app/ascent.wasm')).toBe('C:/app/ascent.wasm');
  });

  it.runIf(!isNode())("browsers: a relative URL against the page's location", () => {
    expect(href(locate('setWasmPath', 'static/ascent.wasm'))).toBe(new URL('static/ascent.wasm', document.baseURI).href);
    expect(href(locate('setWasmPath', '/static/ascent.wasm'))).toBe(`${location.origin}/static/ascent.wasm`);
    expect(href(locate('setWasmPath', '../ascent.wasm'))).toBe(new URL('../ascent.wasm', document.baseURI).href);
  });

  it('refuses what is not a URL or a path', () => {
    expect(() => locate('setWasmPath', '')).toThrow(/setWasmPath: expected a URL or a non-empty string, got ''/);
    expect(() => locate('setWasmPath', 42 as never)).toThrow(/setWasmPath: expected a URL or a non-empty string, got number/);
    expect(() => locate('setWasmPath', null as never)).toThrow(/got object/);
  });

  it('after tf.ready() it throws (the kernels are loaded)', () => {
    expect(() => tf.setWasmPath('ascent.wasm')).toThrow(/setWasmPath: the kernels are already loaded; call it before tf.ready\(\)/);
  });

  it.runIf(isNode())('Node: a missing file says where it looked and what to do', async () => {
    const where = locate('setWasmPath', 'no/such/ascent.wasm');
    await expect(compileFrom(where)).rejects.toThrow(/cannot load the kernels from .*no\/such\/ascent\.wasm: ENOENT.*tf\.setWasmPath\(url\).*ascent\/inline/);
  });

  it('bytes compile as they are (what ascent/inline hands over)', async () => {
    // the smallest module: the magic number and version 1
    const m = await compileFrom(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    expect(m).toBeInstanceOf(WebAssembly.Module);
  });
});
