// `npm run build:dist` (the second half of `npm run build`, after `npm run asbuild`): what the package ships.
//   dist/bundle/index.js       'ascent' for `import` (one ES module); index.cjs for `require`
//   dist/bundle/inline.js      'ascent/inline' (the kernels embedded as base64); inline.cjs for `require`
//   dist/bundle/*.map          their source maps (pointing into the shipped src/)
//   dist/bundle/ascent.wasm    copies of build/ascent.wasm and build/ascent-fma.wasm, next to the bundles
//   dist/**/*.d.ts             tsc's declarations: the types of `import 'ascent'` (tsc's .js files are
//                              made too, for bench/, but not shipped)
//   dist/cjs/**/*.d.ts         the same declarations under a {"type": "commonjs"} package.json: the types of
//                              `require('ascent')` (TypeScript reads them as CommonJS, so no TS1479)
// The bundles find the kernels with `new URL('./ascent.wasm', import.meta.url)`: src/backend/wasm-source.ts
// (whose URL is right for the sources) is swapped for that when bundling, and for backend/wasm-inline.ts in
// the inline bundles. The CommonJS bundles have no import.meta: `import.meta.url` becomes their own file's
// URL, computed from __filename when first used.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const at = (...p) => join(root, ...p);

rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [at('node_modules/typescript/bin/tsc'), '-p', at('tsconfig.build.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// The CommonJS flavour of the declarations: a copy of every .d.ts under dist/cjs/.
const cjsTypes = join(dist, 'cjs');
(function copyDeclarations(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) copyDeclarations(path);
    else if (e.name.endsWith('.d.ts')) {
      const to = join(cjsTypes, relative(dist, path));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(path, to);
    }
  }
})(dist);
writeFileSync(join(cjsTypes, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');

// backend/wasm-source.ts, swapped: the files next to the bundle, or (inline) backend/wasm-inline.ts.
const NEXT_TO_BUNDLE = `export const WASM_SOURCES = {
  simd: () => new URL('./ascent.wasm', import.meta.url),
  'relaxed-simd': () => new URL('./ascent-fma.wasm', import.meta.url),
};`;
const wasmSource = (inline) => ({
  name: 'ascent-wasm-source',
  setup(build) {
    build.onResolve({ filter: /^\.\/wasm-source\.js$/ }, (args) => inline
      ? { path: join(args.resolveDir, 'wasm-inline.ts') }
      : { path: 'wasm-source.bundle.js', namespace: 'ascent' });
    build.onLoad({ filter: /.*/, namespace: 'ascent' }, () => ({ contents: NEXT_TO_BUNDLE, loader: 'js' }));
  },
});
const base64 = (file) => JSON.stringify(readFileSync(at('build', file)).toString('base64'));
const common = {
  bundle: true, platform: 'neutral', target: 'es2022', sourcemap: true, sourcesContent: false, logLevel: 'warning',
};
const cjs = {
  format: 'cjs',
  define: { 'import.meta.url': '__ascent_import_meta.url' },
  banner: { js: "var __ascent_import_meta = { get url() { return require('url').pathToFileURL(__filename).href; } };" },
};
const inlineDefine = { __ASCENT_WASM_SIMD_BASE64__: base64('ascent.wasm'), __ASCENT_WASM_FMA_BASE64__: base64('ascent-fma.wasm') };
await Promise.all([
  esbuild.build({ ...common, entryPoints: [at('src/index.ts')], format: 'esm', outfile: join(dist, 'bundle/index.js'),
    plugins: [wasmSource(false)] }),
  esbuild.build({ ...common, ...cjs, entryPoints: [at('src/index.ts')], outfile: join(dist, 'bundle/index.cjs'),
    plugins: [wasmSource(false)] }),
  esbuild.build({ ...common, entryPoints: [at('src/inline.ts')], format: 'esm', outfile: join(dist, 'bundle/inline.js'),
    plugins: [wasmSource(true)], define: inlineDefine }),
  esbuild.build({ ...common, ...cjs, entryPoints: [at('src/inline.ts')], outfile: join(dist, 'bundle/inline.cjs'),
    plugins: [wasmSource(true)], define: { ...cjs.define, ...inlineDefine } }),
]);
for (const file of ['ascent.wasm', 'ascent-fma.wasm']) cpSync(at('build', file), join(dist, 'bundle', file));

// What the bundlers rely on: the literal URLs in the main bundles, none in the inline ones.
for (const file of ['index.js', 'index.cjs', 'inline.js', 'inline.cjs']) {
  const code = readFileSync(join(dist, 'bundle', file), 'utf8');
  const urls = code.match(/new URL\("[^"]*\.wasm"/g) ?? [];
  const want = file.startsWith('index') ? ['new URL("./ascent.wasm"', 'new URL("./ascent-fma.wasm"'] : [];
  if (JSON.stringify(urls) !== JSON.stringify(want)) {
    console.error(`build-dist: dist/bundle/${file} locates the wasm with ${JSON.stringify(urls)}, expected ${JSON.stringify(want)}`);
    process.exit(1);
  }
  if (file.endsWith('.cjs') && /import\.meta/.test(code)) {
    console.error(`build-dist: dist/bundle/${file} still uses import.meta`);
    process.exit(1);
  }
}
