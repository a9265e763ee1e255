// `npm run size` (and `npm run bench size`): the size budgets of bench/budgets.ts — four apps, JS + wasm gzipped,
// against issue 13's goals, with each app's largest contributors; exits non-zero when a goal is missed.
// Then the whole libraries side by side, gzip -9: each bundled for browsers with esbuild (minified ESM, all its
// exports kept) plus its .wasm binary. ascent = dist/index.js (tsc's output of src/index.ts; `npm run build`)
// + build/ascent.wasm; tfjs = tfjs-core + tfjs-backend-wasm + tfjs-backend-wasm-simd.wasm, and the
// same + tfjs-layers. Also lists what ascent's bundle is made of, by folder.
import { build, type Metafile } from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { fmt, printTable, type TargetResult } from './util.js';
import { KB as KiB, measureBudgets, type Budget } from './budgets.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GOAL_KB = 100; // BASELINE.md: everything ascent ships ≤ 100 KB gzip
const KB = 1024;
const gz = (b: Uint8Array) => gzipSync(b, { level: 9 }).length;

/** Minified ESM bundle of `code` (resolved from the repository root): bytes and esbuild's metafile. */
async function bundle(code: string): Promise<{ js: Uint8Array; meta: Metafile }> {
  const r = await build({
    stdin: { contents: code, resolveDir: ROOT, sourcefile: 'entry.js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'error',
  });
  return { js: r.outputFiles[0].contents, meta: r.metafile };
}

/** Prints the budgets table and each app's largest contributors; returns the budgets. */
export async function printBudgets(top = 6): Promise<Budget[]> {
  const budgets = await measureBudgets();
  printTable("size budgets, KB (1024 B) gzip -9: each app bundled with esbuild --minify (ESM, browser) from the package's modules + its .wasm",
    ['app', 'JS min', 'JS gzip', 'wasm gzip', 'total gzip', 'goal', 'status', 'ceiling (test)'],
    budgets.map((b) => [b.app.what, fmt(b.js / KiB), fmt(b.jsGz / KiB), fmt(b.wasmGz / KiB), fmt(b.total), b.app.goal ? `≤ ${b.app.goal}` : '—',
      b.app.goal === undefined ? '' : b.total <= b.app.goal ? 'met' : `NOT met (+${fmt(b.total - b.app.goal)})`, `≤ ${b.app.ceiling}`]));
  for (const b of budgets) {
    console.log(`  ${b.app.name}: largest (KB minified, before gzip): ${b.contributors.slice(0, top).map(([f, n]) => `${f.replace(/^src\//, '')} ${fmt(n / KiB)}`).join(', ')}`);
  }
  return budgets;
}

export async function run(): Promise<TargetResult[]> {
  const budgets = await printBudgets();
  const require = createRequire(import.meta.url);
  const tfjsWasm = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist', 'tfjs-backend-wasm-simd.wasm');
  const builds = [
    { name: 'ascent', code: `export * from './dist/index.js';`, wasm: path.join(ROOT, 'build', 'ascent.wasm') },
    { name: 'tfjs-core + backend-wasm', wasm: tfjsWasm,
      code: `export * as core from '@tensorflow/tfjs-core'; export * as wasm from '@tensorflow/tfjs-backend-wasm';` },
    { name: '… + tfjs-layers', wasm: tfjsWasm,
      code: `export * as core from '@tensorflow/tfjs-core'; export * as wasm from '@tensorflow/tfjs-backend-wasm'; export * as layers from '@tensorflow/tfjs-layers';` },
  ];
  const sizes: { js: number; jsGz: number; wasm: number; wasmGz: number; total: number }[] = [];
  let ascentMeta: Metafile | undefined;
  for (const b of builds) {
    const { js, meta } = await bundle(b.code);
    ascentMeta ??= meta;
    const wasm = fs.readFileSync(b.wasm);
    const jsGz = gz(js), wasmGz = gz(wasm);
    sizes.push({ js: js.length, jsGz, wasm: wasm.length, wasmGz, total: (jsGz + wasmGz) / KB });
  }
  const ascent = sizes[0].total;
  printTable(`shipped size, KB (1024 B), esbuild --minify ESM for browsers + .wasm, gzip -9; ratio = size ÷ ascent's (target ascent ≤ ${GOAL_KB} KB gzip)`,
    ['library', 'JS min', 'JS gzip', 'wasm', 'wasm gzip', 'total gzip', '÷ ascent'],
    builds.map((b, i) => {
      const s = sizes[i];
      return [b.name, fmt(s.js / KB), fmt(s.jsGz / KB), fmt(s.wasm / KB), fmt(s.wasmGz / KB), fmt(s.total), `${fmt(s.total / ascent)}×`];
    }));

  console.log("(BASELINE.md's 247 / 352 KB add up tfjs's prebuilt dist/*.min.js files gzipped one by one: one bundle is smaller)");

  // ascent's bundle by folder (node_modules by package, dist/*.js by file), minified bytes as esbuild counts them.
  const out = Object.values(ascentMeta!.outputs)[0];
  const groups = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(out.inputs)) {
    const nm = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = nm ? nm[1] : path.dirname(file) === 'dist' ? file : path.dirname(file); // dist/*.js one by one
    groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
  }
  const top = [...groups].sort((a, b) => b[1] - a[1]).slice(0, 15);
  printTable(`ascent's JS bundle by folder (top ${top.length} of ${groups.size}), minified, before gzip; the wasm is ${fmt(sizes[0].wasmGz / KB)} KB gzip`,
    ['folder', 'KB min', 'share'],
    top.map(([k, v]) => [k, fmt(v / KB), `${fmt((100 * v) / sizes[0].js, 2)} %`]));

  return [{ bench: 'size', name: `shipped ${fmt(ascent)} KB gzip (tfjs ${fmt(sizes[1].total)})`, ratio: sizes[1].total / ascent,
    goal: +fmt(sizes[1].total / GOAL_KB), met: ascent <= GOAL_KB }, // ≥ tfjs ÷ 100 KB ⇔ ascent ≤ 100 KB
  ...budgets.filter((b) => b.app.goal !== undefined).map((b) => ({ bench: 'size', name: `${b.app.name} ${fmt(b.total)} KB gzip`,
    ratio: b.app.goal! / b.total, goal: 1, met: b.total <= b.app.goal! }))];
}

// `npm run size`: the budgets and the comparison; exit status 1 when a goal is missed.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const results = await run();
  const missed = results.filter((r) => !r.met);
  for (const r of missed) console.error(`size: goal missed: ${r.name}`);
  process.exit(missed.length ? 1 : 0);
}
