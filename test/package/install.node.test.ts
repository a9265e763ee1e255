// The package as installed from its tarball (see packed.ts): what the tarball holds, and using it from
// an ES module, from CommonJS, through `ascent/inline`, with tf.setWasmPath, and from TypeScript projects
// compiled with `tsc --strict` (module nodenext; node16 in a CommonJS package, where types resolved to an
// ES module would fail with TS1479; commonjs) whose output then runs. Every run must give the numbers the
// sources give (test/bundlers/app/train.js: a small Dense model, one trainOnBatch, a predict).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
// plain JS, shared with the bundler apps
import { train } from '../bundlers/app/train.js';
import { appSource, packed, root, run, runOk, workDir, type Packed } from './packed.js';

let p: Packed, dir: string;
let expected: unknown;
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const node = (script: string, ...args: string[]) => runOk(process.execPath, [script, ...args], dir, 60_000);
const json = (out: string) => JSON.parse(out.trim().split('\n').at(-1)!);

beforeAll(async () => {
  const t0 = performance.now();
  p = await packed();
  console.log(`package: ${p.reused ? 'reused' : `build:dist ${p.seconds.build.toFixed(1)} s, npm pack ${p.seconds.pack.toFixed(1)} s, ` +
    `npm install ${p.seconds.install.toFixed(1)} s`} (${((performance.now() - t0) / 1000).toFixed(1)} s here)`);
  dir = workDir(p, 'node');
  writeFileSync(join(dir, 'train.js'), appSource('train.js'));
  expected = await train(tf);
}, 300_000);

afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('the tarball', () => {
  it('holds the bundles with source maps, both wasm builds, types for import and require, LICENSE and CHANGELOG', () => {
    for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md',
      'dist/bundle/index.js', 'dist/bundle/index.js.map', 'dist/bundle/index.cjs', 'dist/bundle/index.cjs.map',
      'dist/bundle/inline.js', 'dist/bundle/inline.js.map', 'dist/bundle/inline.cjs', 'dist/bundle/inline.cjs.map',
      'dist/bundle/ascent.wasm', 'dist/bundle/ascent-fma.wasm', 'dist/bundle/ascent-mt.wasm', 'dist/bundle/base.js', 'dist/bundle/wasm-source.js',
      'dist/bundle/ops/matmul.js', 'dist/bundle/ops/matmul.js.map', 'dist/base.d.ts', 'dist/cjs/base.d.ts',
      'dist/index.d.ts', 'dist/inline.d.ts', 'dist/cjs/package.json', 'dist/cjs/index.d.ts', 'dist/cjs/inline.d.ts']) {
      expect(p.files, f).toContain(f);
    }
    // only what users need: no build leftovers, no tsc .js duplicates of the bundles, no tests
    expect(p.files.filter((f) => /^(dist\/\.|test\/|bench\/|node_modules\/)/.test(f) ||
      (f.startsWith('dist/') && !f.startsWith('dist/bundle/') && !f.endsWith('.d.ts') && f !== 'dist/cjs/package.json'))).toEqual([]);
    const wasm = readFileSync(join(p.app, 'node_modules/ascent/dist/bundle/ascent.wasm'));
    expect(wasm.equals(readFileSync(join(root, 'build/ascent.wasm')))).toBe(true);
    const license = readFileSync(join(p.app, 'node_modules/ascent/LICENSE'), 'utf8');
    expect(license).toMatch(/^Copyright \d{4} The ascent authors/);
    expect(license).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(license).toContain('END OF TERMS AND CONDITIONS');
  });

  it("the source maps point into the package's own src/", () => {
    const pkg = join(p.app, 'node_modules/ascent');
    // the bundles (many sources each) and two of the ES modules (dist/bundle/**, one source each)
    for (const f of ['index.cjs', 'inline.js', 'inline.cjs', 'index.js', 'ops/matmul.js', 'index.node.js']) {
      const code = readFileSync(join(pkg, 'dist/bundle', f), 'utf8');
      expect(code.trimEnd().endsWith(`//# sourceMappingURL=${f.split('/').pop()}.map`), f).toBe(true);
      const map = JSON.parse(readFileSync(join(pkg, 'dist/bundle', `${f}.map`), 'utf8')) as { sources: string[] };
      expect(map.sources.length).toBeGreaterThan(f.endsWith('.js') && !f.startsWith('inline') ? 0 : 50);
      // every source but the bundles' generated wasm locator is a file of the package
      const missing = map.sources.filter((s) => !s.startsWith('ascent:') && !existsSync(join(pkg, 'dist/bundle', dirname(f), s)));
      expect(missing, f).toEqual([]);
      expect(code.includes(root), `${f} mentions the build folder`).toBe(false);
    }
  });

  it('installs without running a build: no install scripts, no dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(p.app, 'node_modules/ascent/package.json'), 'utf8'));
    for (const s of ['preinstall', 'install', 'postinstall']) expect(pkg.scripts?.[s], s).toBeUndefined();
    expect(pkg.dependencies ?? {}).toEqual({});
    // `prepare` builds in a clone; npm does not run it for a tarball (only for git and linked-folder
    // dependencies, where building is what is wanted)
    expect(pkg.scripts.prepare).toBe('npm run build');
  });
});

describe.concurrent('Node', () => {
  it("ESM: import * as tf from 'ascent' → dist/bundle/index.node.js (bundled for Node; browsers' bundlers take index.js)", async () => {
    writeFileSync(join(dir, 'esm.mjs'), `import * as tf from 'ascent';
import { train } from './train.js';
const r = await train(tf);
console.log(JSON.stringify({ ...r, from: import.meta.resolve('ascent') }));\n`);
    const r = json((await node('esm.mjs')).stdout);
    expect(r.from).toMatch(/node_modules\/ascent\/dist\/bundle\/index\.node\.js$/);
    delete r.from;
    expect(r).toEqual(expected);
  });

  it("ascent/base: the same API and engine as 'ascent', without chaining until 'ascent' is imported", async () => {
    writeFileSync(join(dir, 'base.mjs'), `import * as base from 'ascent/base';
await base.ready();
const before = typeof base.tensor([1]).add;
const tf = await import('ascent');
console.log(JSON.stringify({ before, after: typeof base.tensor([1]).add, same: tf.tensor === base.tensor && tf.Tensor === base.Tensor,
  names: Object.keys(tf).filter((k) => !(k in base)), sum: base.sum(base.matMul([[1, 2]], [[3], [4]])).arraySync(),
  from: import.meta.resolve('ascent/base') }));\n`);
    const r = json((await node('base.mjs')).stdout);
    expect(r).toEqual({ before: 'undefined', after: 'function', same: true, names: [], sum: 11, from: expect.stringMatching(/dist\/bundle\/base\.node\.js$/) });
  });

  it("CommonJS: const tf = require('ascent') → dist/bundle/index.cjs", async () => {
    writeFileSync(join(dir, 'cjs.cjs'), `const tf = require('ascent');
import('./train.js').then(({ train }) => train(tf)).then((r) =>
  console.log(JSON.stringify({ ...r, from: require.resolve('ascent') })));\n`);
    const r = json((await node('cjs.cjs')).stdout);
    expect(r.from).toMatch(/node_modules\/ascent\/dist\/bundle\/index\.cjs$/);
    delete r.from;
    expect(r).toEqual(expected);
  });

  it("ascent/inline from ESM and CommonJS: the same API, the same numbers", async () => {
    writeFileSync(join(dir, 'inline.mjs'), `import * as tf from 'ascent/inline';
import { train } from './train.js';
console.log(JSON.stringify({ ...(await train(tf)), from: import.meta.resolve('ascent/inline') }));\n`);
    writeFileSync(join(dir, 'inline.cjs'), `const tf = require('ascent/inline');
import('./train.js').then(({ train }) => train(tf)).then((r) =>
  console.log(JSON.stringify({ ...r, from: require.resolve('ascent/inline') })));\n`);
    const [m, c] = await Promise.all([node('inline.mjs'), node('inline.cjs')]);
    const rm = json(m.stdout), rc = json(c.stdout);
    expect(rm.from).toMatch(/dist\/bundle\/inline\.js$/);
    expect(rc.from).toMatch(/dist\/bundle\/inline\.cjs$/);
    delete rm.from; delete rc.from;
    expect(rm).toEqual(expected);
    expect(rc).toEqual(expected);
  });

  it('tf.setWasmPath: a relative path (against the cwd), an absolute one, a URL object; a wrong one says where it looked', async () => {
    writeFileSync(join(dir, 'path.mjs'), `import * as tf from 'ascent';
const [how, where] = process.argv.slice(2);
tf.setWasmPath(how === 'url' ? new URL(where, import.meta.url) : where);
try { await tf.ready(); console.log(JSON.stringify({ ok: tf.add(tf.tensor([1, 2]), 1).arraySync() })); }
catch (e) { console.log(JSON.stringify({ error: e.message })); }\n`);
    const wasm = 'node_modules/ascent/dist/bundle/ascent.wasm';
    const [rel, abs, url, bad] = (await Promise.all([
      node('path.mjs', 'path', `../${wasm}`), node('path.mjs', 'path', join(p.app, wasm)),
      node('path.mjs', 'url', `../${wasm}`), node('path.mjs', 'path', 'missing/ascent.wasm'),
    ])).map((r) => json(r.stdout));
    for (const r of [rel, abs, url]) expect(r).toEqual({ ok: [2, 3] });
    expect(bad.error).toContain(`cannot load the kernels from ${join(dir, 'missing/ascent.wasm')}`);
    expect(bad.error).toContain('tf.setWasmPath');
  });
});

/** A TypeScript project using ascent, compiled with the repo's tsc, then run. */
async function tsProject(name: string, type: 'module' | 'commonjs', options: Record<string, unknown>, code: string) {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'package.json'), JSON.stringify({ type }));
  writeFileSync(join(d, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, target: 'es2022', skipLibCheck: false, outDir: 'out', types: [], ...options },
    files: ['index.ts'],
  }, null, 2));
  writeFileSync(join(d, 'index.ts'), code);
  const c = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], d, 120_000);
  expect(c.stdout + c.stderr, `tsc -p ${name}`).toBe('');
  expect(c.code).toBe(0);
  return json((await runOk(process.execPath, ['out/index.js'], d, 60_000)).stdout);
}

// Uses a few APIs with their types: values, a model, a type error that must be caught.
const body = `
  await tf.ready();
  const a: Tensor = tf.tensor2d([[1, 2], [3, 4]]);
  const b = tf.matMul(a, a.transpose());
  const model: tf.Sequential = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'ones' })] });
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  const loss = await model.trainOnBatch(a, tf.tensor2d([[1], [2]]));
  const out = model.predict(a) as Tensor;
  // @ts-expect-error: matMul needs two tensors
  if (Math.random() > 2) tf.matMul(a);
  const sum: number = b.sum().dataSync()[0];
  console.log(JSON.stringify({ sum, shape: out.shape, loss: typeof loss }));`;
const want = { sum: 52, shape: [2, 1], loss: 'number' };

describe.concurrent('TypeScript (tsc --strict, skipLibCheck off)', () => {
  it('module nodenext, an ES module package', async () => {
    expect(await tsProject('ts-nodenext', 'module', { module: 'nodenext', moduleResolution: 'nodenext' },
      `import * as tf from 'ascent';\nimport type { Tensor } from 'ascent';\n${body}\n`)).toEqual(want);
  }, 180_000); // three tsc runs at once: over a minute each on a loaded 2-core machine

  it('module node16 in a CommonJS package: the require types (no TS1479), import = require too', async () => {
    expect(await tsProject('ts-node16-cjs', 'commonjs', { module: 'node16', moduleResolution: 'node16' },
      `import * as tf from 'ascent';\nimport tf2 = require('ascent');\nimport type { Tensor } from 'ascent';\n` +
      `async function main() {${body}\n  if (tf2.tensor !== tf.tensor) throw new Error('two copies');\n}\nvoid main();\n`)).toEqual(want);
  }, 180_000); // three tsc runs at once: over a minute each on a loaded 2-core machine

  it('module commonjs (classic node resolution)', async () => {
    expect(await tsProject('ts-commonjs', 'commonjs', { module: 'commonjs', esModuleInterop: true },
      `import * as tf from 'ascent';\nimport type { Tensor } from 'ascent';\nasync function main() {${body}\n}\nvoid main();\n`)).toEqual(want);
  }, 180_000); // three tsc runs at once: over a minute each on a loaded 2-core machine
});
