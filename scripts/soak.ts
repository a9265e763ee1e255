// npm run soak [-- steps]: the seeds' MLP and CNN training loops with no tidy and no dispose (see
// soak-loop.ts), 10 000 steps each, in Node and then in headless Chromium. After a warm-up of 1000
// steps, the live bytes left after a garbage collection and the JS heap must each grow by less than
// 1 MB (no leak), and the wasm memory must stay within 1.5× its warm-up size (dropped tensors return
// when the collector runs, so the memory follows the peaks between collections; code that must stay
// exactly flat uses tidy or dispose). Exits 1 otherwise. (Node runs with --expose-gc, Chromium with
// --js-flags=--expose-gc, to collect at the checkpoints.)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '../src/index.js';
import { soakAll, WARMUP, type SoakResult } from './soak-loop.js';

const steps = Number(process.argv[2] ?? 10_000);
const root = fileURLToPath(new URL('..', import.meta.url));

function report(where: string, results: SoakResult[]): boolean {
  const mb = (b: number) => (b / 2 ** 20).toFixed(2);
  for (const r of results) {
    console.log(`${where}: ${r.name}: ${r.steps} steps in ${r.seconds.toFixed(0)} s, loss ${r.loss.toFixed(4)}`);
    console.log(`  live tensors every 500 steps: ${r.tensors.join(' ')}`);
    console.log(`  live MB: ${r.liveMB.map((v) => v.toFixed(1)).join(' ')}`);
    console.log(`  after a collection: ${r.settledTensors.join(' ')} tensors, MB ${r.settledMB.map((v) => v.toFixed(1)).join(' ')}`);
    console.log(`  wasm MB: ${r.wasmMB.map((v) => v.toFixed(0)).join(' ')}`);
    console.log(`  growth after ${WARMUP} steps: live ${mb(r.growth.liveBytes)} MB, wasm ${mb(r.growth.wasmBytes)} MB, ` +
      `JS heap ${mb(r.growth.heapBytes)} MB: ${r.flat ? 'no leak, memory bounded' : 'GROWING'}`);
  }
  return results.every((r) => r.flat);
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  // Re-run with --expose-gc so the JS heap can be measured after a collection.
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), String(steps)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const nodeOk = report('node', await soakAll(tf, steps, async () => {
  for (let i = 0; i < 3; i++) { gc(); await new Promise((r) => setTimeout(r, 0)); }
  return process.memoryUsage().heapUsed;
}));

// Chromium: the same loops from a bundle served on localhost.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let browserOk = true;
if (!existsSync(chromium)) {
  console.warn(`no Chromium at ${chromium}: the browser soak is skipped (set CHROMIUM_PATH)`);
} else {
  const esbuild = await import('esbuild');
  await esbuild.build({ entryPoints: [join(root, 'scripts/soak-page.ts')], bundle: true, format: 'esm', platform: 'browser',
    target: 'es2022', outfile: join(root, 'dist/soak/page.js'), logLevel: 'warning' });
  const types: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
  const server = createServer((req, res) => {
    const path = req.url === '/' ? null : join(root, decodeURIComponent(req.url!.split('?')[0]));
    if (path === null) { res.setHeader('content-type', 'text/html'); res.end('<script type="module" src="/dist/soak/page.js"></script>'); return; }
    if (!path.startsWith(join(root, 'dist')) && !path.startsWith(join(root, 'build'))) { res.statusCode = 403; res.end(); return; }
    try { res.setHeader('content-type', types[extname(path)] ?? 'application/octet-stream'); res.end(readFileSync(path)); }
    catch { res.statusCode = 404; res.end(); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const { chromium: pw } = await import('playwright');
  const browser = await pw.launch({ executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--js-flags=--expose-gc', '--enable-precise-memory-info'] });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => typeof (globalThis as unknown as { soak?: unknown }).soak === 'function');
    const results = await page.evaluate((n) => (globalThis as unknown as { soak: (n: number) => Promise<SoakResult[]> }).soak(n), steps);
    browserOk = report('chromium', results);
  } finally {
    await browser.close();
    server.close();
  }
}
process.exit(nodeOk && browserOk ? 0 : 1);
