// Issue 16: jsfive vs h5wasm on the Keras fixtures: bundle size (minified + gzip), time to open a file and read every
// dataset and attribute, and what each reads. Run: node scripts/keras16-compare.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { build } from 'esbuild';
import * as jsfive from 'jsfive';
import h5wasm from 'h5wasm/node';

const dir = 'test/fixtures/keras16';
const files = [];
for (const f of readdirSync(dir).sort()) {
  if (f.endsWith('.h5')) files.push([f, new Uint8Array(readFileSync(`${dir}/${f}`))]);
  if (f.endsWith('.keras')) files.push([f + ':model.weights.h5', unzipSync(new Uint8Array(readFileSync(`${dir}/${f}`)))['model.weights.h5']]);
}
async function size(entry) {
  const r = await build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', logLevel: 'silent', external: ['fs', 'path', 'module', 'url', 'node:*'] });
  const b = r.outputFiles[0].contents;
  return { min: b.length, gzip: gzipSync(b).length };
}
console.log('jsfive bundle', await size(`export * from 'jsfive';`));
console.log('h5wasm bundle (wasm inlined as base64)', await size(`export * from 'h5wasm';`));

function walkJsfive(g, out) {
  for (const k of Object.keys(g.attrs)) out.attrs++;
  for (const k of g.keys) {
    const c = g.get(k);
    if (c instanceof jsfive.Group) walkJsfive(c, out); else { out.sets++; out.values += c.value.length; for (const a of Object.keys(c.attrs)) out.attrs++; }
  }
}
function walkH5(g, out) {
  for (const k of Object.keys(g.attrs)) { out.attrs++; g.attrs[k].value; }
  for (const k of g.keys()) {
    const c = g.get(k);
    if (c instanceof h5wasm.Group) walkH5(c, out); else { out.sets++; const v = c.value; out.values += v.length ?? 1; for (const a of Object.keys(c.attrs)) { out.attrs++; c.attrs[a].value; } }
  }
}
const t0 = performance.now(); const { FS } = await h5wasm.ready; const tReady = performance.now() - t0;
console.log(`h5wasm ready (instantiate wasm): ${tReady.toFixed(1)} ms`);
let i = 0;
for (const [name, bytes] of files) {
  const r = {};
  for (const lib of ['jsfive', 'h5wasm']) {
    const out = { sets: 0, attrs: 0, values: 0 }; let err = '';
    const t = performance.now();
    for (let rep = 0; rep < 20; rep++) {
      try {
        if (lib === 'jsfive') walkJsfive(new jsfive.File(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), name), out);
        else { const p = `/tmp/cmp${i++}.h5`; FS.writeFile(p, bytes); const f = new h5wasm.File(p, 'r'); walkH5(f, out); f.close(); FS.unlink(p); }
      } catch (e) { err = String(e.message ?? e).slice(0, 80); break; }
    }
    r[lib] = err ? `ERR ${err}` : `${((performance.now() - t) / 20).toFixed(2)} ms, ${out.sets / 20} datasets, ${out.attrs / 20} attrs`;
  }
  console.log(name.padEnd(36), '| jsfive', r.jsfive, '| h5wasm', r.h5wasm);
}
