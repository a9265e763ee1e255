// The browser demo end to end: Vite serves demo/ (as `npm run demo` does), headless Chromium trains the
// MLP on an MNIST subset in the page's worker, the curves must move and the loss fall, a stroke drawn with
// the mouse must get a prediction, and the page is saved to test-results/demo.png (demo/screenshot.png,
// the README's picture, is updated by hand). Then the static build (`npm run demo:build`) is served by a
// plain static server and trains too.
// Node only: it starts a server and a browser. The page reports through `window.demoState`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as httpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { createServer } from 'vite';
import { describe, expect, it } from 'vitest';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(executablePath);
if (!hasChromium) {
  console.warn(`\n!!!!! test/demo: no Chromium at ${executablePath}: the browser demo test is SKIPPED !!!!!\n`);
}

type DemoState = {
  phase: string; error: string | null; totalSteps: number;
  points: { step: number; loss: number; acc: number }[]; testAcc: { acc: number }[];
  prediction: { label: string; probs: number[] } | null;
};
declare const demoState: DemoState; // the page's window.demoState, inside page.evaluate / waitForFunction

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('demo page', () => {
  it.skipIf(!hasChromium)('trains the MLP on MNIST in a worker, plots live curves and predicts a drawn digit', async () => {
    const server = await createServer({
      configFile: fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url)),
      server: { port: 0, hmr: false },
      logLevel: 'warn',
    });
    let browser: Browser | null = null;
    try {
      await server.listen();
      const url = server.resolvedUrls!.local[0];
      browser = await chromium.launch({
        executablePath,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--disable-quic'],
      });
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

      // 6400 images, batch 32, 2 epochs: 400 steps.
      await page.goto(`${url}?limit=6400`);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      await page.selectOption('#dataset', 'mnist');
      await page.selectOption('#model', 'mlp');
      await page.fill('#epochs', '2');
      await page.fill('#batch-size', '32');
      await page.click('#train');
      await page.waitForFunction(() => demoState.phase === 'done' || demoState.phase === 'error', null, { timeout: 60_000 });

      const s = await page.evaluate(() => demoState);
      expect(s.error).toBeNull();
      expect(s.totalSteps).toBe(400);
      expect(s.points.length).toBeGreaterThanOrEqual(30); // one point per 10 batches
      expect(s.points.at(-1)!.step).toBe(400);
      const losses = s.points.map((p) => p.loss), accs = s.points.map((p) => p.acc);
      expect(mean(losses.slice(-5))).toBeLessThan(0.5 * mean(losses.slice(0, 3)));
      expect(mean(accs.slice(-5))).toBeGreaterThan(mean(accs.slice(0, 3)) + 0.2);
      expect(s.testAcc.length).toBe(2);
      expect(s.testAcc[1].acc).toBeGreaterThan(0.85);
      expect(await page.locator('#epoch-log li').count()).toBe(2);
      expect(await page.textContent('#status')).toMatch(/Done: test accuracy/);

      // Draw a "1" on the pad: a prediction with ten probabilities appears.
      const box = (await page.locator('#pad').boundingBox())!;
      await page.mouse.move(box.x + 150, box.y + 45);
      await page.mouse.down();
      await page.mouse.move(box.x + 140, box.y + 235, { steps: 15 });
      await page.mouse.up();
      await page.waitForFunction(() => demoState.prediction !== null, null, { timeout: 10_000 });
      const pred = (await page.evaluate(() => demoState.prediction))!;
      expect(pred.probs).toHaveLength(10);
      expect(mean(pred.probs) * 10).toBeCloseTo(1, 4);
      expect(pred.label).toBe('1');
      expect(await page.textContent('#top')).toContain(pred.label);
      expect(await page.locator('#bars .bar').count()).toBe(10);

      await page.screenshot({ path: fileURLToPath(new URL('../../test-results/demo.png', import.meta.url)) });
      expect(errors).toEqual([]);
    } finally {
      await browser?.close();
      await server.close();
    }
  }, 90_000);

  it.skipIf(!hasChromium)('the static build (npm run demo:build) works from a plain static server', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ascent-demo-'));
    const root = fileURLToPath(new URL('../..', import.meta.url));
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'demo/vite.config.ts', '--logLevel', 'warn'],
      { cwd: root, env: { ...process.env, DEMO_OUT_DIR: out } });
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
    // served under a sub-path (…/demo/), as a static host would: every URL in the build must be relative
    const server = httpServer((req, res) => {
      const rel = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/demo/, '');
      const path = normalize(join(out, rel.endsWith('/') ? `${rel}index.html` : rel));
      if (!(req.url ?? '').startsWith('/demo/') || !path.startsWith(out) || !existsSync(path)) { res.statusCode = 404; res.end(); return; }
      res.setHeader('Content-Type', types[extname(path)] ?? 'application/octet-stream');
      res.end(readFileSync(path));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    let browser: Browser | null = null;
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/demo/`;
      browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'] });
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${url}?limit=1600`);
      await page.selectOption('#dataset', 'mnist');
      await page.selectOption('#model', 'mlp');
      await page.fill('#epochs', '1');
      await page.fill('#batch-size', '32');
      await page.click('#train');
      await page.waitForFunction(() => demoState.phase === 'done' || demoState.phase === 'error', null, { timeout: 60_000 });
      const s = await page.evaluate(() => demoState);
      expect(s.error).toBeNull();
      expect(s.totalSteps).toBe(50);
      expect(s.testAcc[0].acc).toBeGreaterThan(0.6);
      expect(errors).toEqual([]);
    } finally {
      await browser?.close();
      server.close();
      rmSync(out, { recursive: true, force: true });
    }
  }, 90_000);
});
