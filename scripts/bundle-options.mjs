// esbuild options shared by scripts/build-dist.mjs (the package's bundles) and bench/size.ts (the size budgets),
// so the budgets measure what the package ships.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Top-level definitions made by calling something — `export const exp = unaryOp('exp', …)`,
 * `const add = op('add', {inputs: [float('a'), …], …})`, `const METRICS = [[…, wrap(L.hinge)], …]` — are calls,
 * and a bundler keeps a call it does not know to be pure even when nothing uses its result: every op, loss and
 * table would stay in every app. As the sources are loaded, this plugin turns each top-level `const` whose
 * initializer calls something (outside nested functions) into `const x = /* @__PURE__ *\/ (() => …)()`: the same
 * value, computed at the same moment, but marked pure, so esbuild drops it when unused and keeps the mark in the
 * bundles for the app's bundler (esbuild, Rollup, webpack's terser, Vite) to do the same.
 * The rule this sets for src/: a top-level `const` initializer must have no side effect that matters when its
 * value is unused (do registrations as statements — or better, on first use — never as `const x = register()`).
 */
export function markPure(code, file = 'x.ts') {
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits = []; // [position, text], applied from the end
  // whether the initializer calls something outside nested functions (and has no top-level await, which an arrow
  // function could not hold)
  const calls = (node) => {
    let found = false, awaits = false;
    const visit = (n) => {
      if (awaits || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
      if (ts.isAwaitExpression(n)) { awaits = true; return; }
      if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isTaggedTemplateExpression(n)) found = true;
      ts.forEachChild(n, visit);
    };
    visit(node);
    return found && !awaits;
  };
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of st.declarationList.declarations) {
      if (!d.initializer || !calls(d.initializer)) continue;
      edits.push([d.initializer.getStart(sf), '/* @__PURE__ */ (() => ('], [d.initializer.end, '))()']);
    }
  }
  edits.sort((a, b) => b[0] - a[0]);
  for (const [at, text] of edits) code = code.slice(0, at) + text + code.slice(at);
  return code;
}
export const pureDefinitions = {
  name: 'ascent-pure-definitions',
  setup(build) {
    build.onLoad({ filter: /[/\\]src[/\\].*\.ts$/ }, (args) => ({ contents: markPure(readFileSync(args.path, 'utf8'), args.path), loader: 'ts' }));
  },
};

/** backend/wasm-source.ts, swapped: the files next to the bundle, or (inline) backend/wasm-inline.ts. */
const NEXT_TO_BUNDLE = `export const WASM_SOURCES = {
  simd: () => new URL('./ascent.wasm', import.meta.url),
  'relaxed-simd': () => new URL('./ascent-fma.wasm', import.meta.url),
  threads: () => new URL('./ascent-mt.wasm', import.meta.url),
};`;
export const wasmSource = (inline) => ({
  name: 'ascent-wasm-source',
  setup(build) {
    build.onResolve({ filter: /^\.\/wasm-source\.js$/ }, (args) => inline
      ? { path: join(args.resolveDir, 'wasm-inline.ts') }
      : { path: 'wasm-source.bundle.js', namespace: 'ascent' });
    build.onLoad({ filter: /.*/, namespace: 'ascent' }, () => ({ contents: NEXT_TO_BUNDLE, loader: 'js' }));
  },
});

export const common = {
  bundle: true, platform: 'neutral', target: 'es2022', sourcemap: true, sourcesContent: false, logLevel: 'warning',
};

/**
 * The ES modules of 'ascent' (dist/bundle/index.js) and 'ascent/base' (dist/bundle/base.js): every module of src/
 * compiled on its own (not bundled), so the app's bundler sees the real module graph — `export * as losses`
 * namespaces it can shake, package.json's `sideEffects` per module — and both entries share one engine.
 * Definitions are marked pure (pureDefinitions). backend/wasm-source.ts is replaced by dist/bundle/wasm-source.js
 * (NEXT_TO_BUNDLE), next to ascent.wasm: `new URL('./ascent.wasm', import.meta.url)` is what bundlers copy.
 */
export function esmModules(outdir) {
  const entryPoints = [];
  (function walk(dir) {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !/[/\\](inline|backend[/\\]wasm-(source|inline))\.ts$/.test(p)) entryPoints.push(p);
    }
  })(join(ROOT, 'src'));
  return {
    ...common, bundle: false, format: 'esm', entryPoints, outbase: join(ROOT, 'src'), outdir,
    plugins: [{
      name: 'ascent-esm-modules',
      setup(build) {
        build.onLoad({ filter: /\.ts$/ }, (args) => {
          let contents = markPure(readFileSync(args.path, 'utf8'), args.path);
          if (/[/\\]backend[/\\]wasm\.ts$/.test(args.path)) contents = contents.replace("from './wasm-source.js'", "from '../wasm-source.js'");
          return { contents, loader: 'ts' };
        });
      },
    }],
  };
}
export const WASM_SOURCE_MODULE = NEXT_TO_BUNDLE + '\n';

/**
 * 'ascent/keras' for browsers' bundlers (dist/bundle/keras/index.js): the Keras loader with its readers (jsfive,
 * fflate) bundled in — ascent has no runtime dependencies — and ascent's own modules left as imports of the sibling
 * modules, so it shares the app's one engine. Built after esmModules, whose unbundled copy it replaces.
 */
export const kerasModule = (outdir) => ({
  ...common, format: 'esm', entryPoints: [join(ROOT, 'src/keras/index.ts')], outfile: join(outdir, 'keras/index.js'),
  mainFields: ['module', 'main'], conditions: ['import'],
  plugins: [{
    name: 'ascent-modules-external',
    setup(build) {
      build.onResolve({ filter: /^\.\.\// }, (a) => (/[/\\]src[/\\]keras[/\\][^/\\]+\.ts$/.test(a.importer) ? { path: a.path, external: true } : undefined));
    },
  }],
});

/**
 * protobufjs/minimal reads an int64 as a Long when the 'long' package is present, else as a number; ascent's ONNX
 * decoder (src/onnx/proto.ts) takes either, so 'long' (12 KB minified) is replaced by `null`.
 */
export const noLong = {
  name: 'ascent-no-long',
  setup(build) {
    build.onResolve({ filter: /^long$/ }, () => ({ path: 'long', namespace: 'ascent-no-long' }));
    build.onLoad({ filter: /.*/, namespace: 'ascent-no-long' }, () => ({ contents: 'module.exports = null;', loader: 'js' }));
  },
};

/**
 * 'ascent/onnx' for browsers' bundlers (dist/bundle/onnx/index.js): the ONNX loader (src/onnx/*.ts) with
 * protobufjs/minimal bundled in, ascent's own modules (`../…` from src/onnx/) left as imports of the sibling
 * modules, so it shares the app's one engine. Built after esmModules, whose unbundled copies of src/onnx/ it
 * replaces (build-dist removes the others: they would import protobufjs, which is no dependency).
 */
export const onnxModule = (outdir) => ({
  ...common, format: 'esm', entryPoints: [join(ROOT, 'src/onnx/index.ts')], outfile: join(outdir, 'onnx/index.js'),
  mainFields: ['module', 'main'], conditions: ['import'],
  plugins: [noLong, {
    name: 'ascent-modules-external',
    setup(build) {
      build.onResolve({ filter: /^\.\.\// }, (a) => (/[/\\]src[/\\]onnx[/\\][^/\\]+\.ts$/.test(a.importer) ? { path: a.path, external: true } : undefined));
    },
  }],
});

/**
 * What Node loads for `import 'ascent'`, `import 'ascent/base'`, `import 'ascent/keras'` and `import 'ascent/onnx'`
 * (the exports' "node" condition): the entries bundled (index.node.js, base.node.js, keras.node.js, onnx.node.js) around shared chunks (ascent-node-<hash>.js), all in
 * dist/bundle/ next to the .wasm. Node imports one bundled file about twice as fast as the ~120 modules, and
 * size does not matter there; bundlers for browsers take the modules ("default").
 */
export const nodeBundles = (outdir) => ({
  ...common, format: 'esm', splitting: true, outdir, entryNames: '[name].node', chunkNames: 'ascent-node-[hash]',
  // ascent/keras and ascent/onnx too: one engine shared with 'ascent' (its own copy of the modules would be a second, unready engine)
  entryPoints: { index: join(ROOT, 'src/index.ts'), base: join(ROOT, 'src/base.ts'), keras: join(ROOT, 'src/keras/index.ts'), onnx: join(ROOT, 'src/onnx/index.ts') },
  plugins: [pureDefinitions, wasmSource(false), noLong],
});
