// `npm run build:dist` (the second half of `npm run build`, after `npm run asbuild`): what the package ships.
//   dist/bundle/index.js       'ascent' for `import`: base.js + the chaining API (chain.js); index.cjs for `require`
//   dist/bundle/base.js        'ascent/base' for `import`: the API without chaining. The ES modules are not bundled:
//   dist/bundle/**/*.js        every module of src/ compiled on its own (scripts/bundle-options.mjs, esmModules), so
//                              an app's bundler tree-shakes them (package.json `sideEffects` lists the few with
//                              work at import); `require('ascent/base')` is index.cjs
//   dist/bundle/wasm-source.js `new URL('./ascent.wasm', import.meta.url)`, next to the .wasm
//   dist/bundle/*.node.js      what Node imports (the "node" condition): index and base bundled around one shared
//                              chunk, ascent-node-<hash>.js (Node loads one file faster than ~120)
//   dist/bundle/keras/index.js 'ascent/keras' for browsers: the Keras loader with jsfive and fflate bundled in;
//                              keras.node.js for Node (with the node bundles)
//   dist/bundle/onnx/index.js  'ascent/onnx' for browsers: the ONNX loader with protobufjs/minimal bundled in;
//                              onnx.node.js for Node (with the node bundles)
//   dist/bundle/inline.js      'ascent/inline' (the kernels embedded as base64); inline.cjs for `require`
//   dist/bundle/*.map          their source maps (pointing into the shipped src/)
//   dist/bundle/ascent.wasm    copies of build/ascent.wasm, build/ascent-fma.wasm and build/ascent-mt.wasm (threads), next
//                              to the bundles
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
import { common, esmModules, kerasModule, onnxModule, nodeBundles, pureDefinitions, wasmSource, WASM_SOURCE_MODULE } from './bundle-options.mjs';

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

const base64 = (file) => JSON.stringify(readFileSync(at('build', file)).toString('base64'));
const cjs = {
  format: 'cjs',
  define: { 'import.meta.url': '__ascent_import_meta.url' },
  banner: { js: "var __ascent_import_meta = { get url() { return require('url').pathToFileURL(__filename).href; } };" },
};
const inlineDefine = { __ASCENT_WASM_SIMD_BASE64__: base64('ascent.wasm'), __ASCENT_WASM_FMA_BASE64__: base64('ascent-fma.wasm') };
await Promise.all([
  esbuild.build(esmModules(join(dist, 'bundle'))),
  esbuild.build(nodeBundles(join(dist, 'bundle'))),
  esbuild.build({ ...common, ...cjs, entryPoints: [at('src/index.ts')], outfile: join(dist, 'bundle/index.cjs'),
    plugins: [pureDefinitions, wasmSource(false)] }),
  esbuild.build({ ...common, entryPoints: [at('src/inline.ts')], format: 'esm', outfile: join(dist, 'bundle/inline.js'),
    plugins: [pureDefinitions, wasmSource(true)], define: inlineDefine }),
  esbuild.build({ ...common, ...cjs, entryPoints: [at('src/inline.ts')], outfile: join(dist, 'bundle/inline.cjs'),
    plugins: [pureDefinitions, wasmSource(true)], define: { ...cjs.define, ...inlineDefine } }),
]);
await esbuild.build(kerasModule(join(dist, 'bundle')));
await esbuild.build(onnxModule(join(dist, 'bundle')));
// the unbundled copies of src/onnx/'s other modules: bundled into onnx/index.js, and they import protobufjs
for (const f of readdirSync(join(dist, 'bundle', 'onnx'))) if (!/^index\.js(\.map)?$/.test(f)) rmSync(join(dist, 'bundle', 'onnx', f));
writeFileSync(join(dist, 'bundle', 'wasm-source.js'), WASM_SOURCE_MODULE);
for (const file of ['ascent.wasm', 'ascent-fma.wasm', 'ascent-mt.wasm']) cpSync(at('build', file), join(dist, 'bundle', file));

// What the bundlers rely on: the literal URLs next to the .wasm files (wasm-source.js for the ES modules, index.cjs),
// none in the inline bundles; and no import.meta left in the CommonJS ones.
for (const [files, want] of [
  [['wasm-source.js'], ["new URL('./ascent.wasm'", "new URL('./ascent-fma.wasm'", "new URL('./ascent-mt.wasm'"]],
  [readdirSync(join(dist, 'bundle')).filter((f) => /^ascent-node-\w+\.js$/.test(f)), ['new URL("./ascent.wasm"', 'new URL("./ascent-fma.wasm"', 'new URL("./ascent-mt.wasm"']], [['index.cjs'], ['new URL("./ascent.wasm"', 'new URL("./ascent-fma.wasm"', 'new URL("./ascent-mt.wasm"']],
  [['inline.js'], []], [['inline.cjs'], []],
]) {
  const urls = files.flatMap((file) => readFileSync(join(dist, 'bundle', file), 'utf8').match(/new URL\(["'][^"']*\.wasm["']/g) ?? []);
  if (JSON.stringify(urls) !== JSON.stringify(want)) {
    console.error(`build-dist: dist/bundle/${files.join(', ')} locate the wasm with ${JSON.stringify(urls)}, expected ${JSON.stringify(want)}`);
    process.exit(1);
  }
  for (const file of files) {
    if (file.endsWith('.cjs') && /import\.meta/.test(readFileSync(join(dist, 'bundle', file), 'utf8'))) {
      console.error(`build-dist: dist/bundle/${file} still uses import.meta`);
      process.exit(1);
    }
  }
}
