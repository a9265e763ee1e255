// A Vite plugin that lets TensorFlow.js's own jasmine specs (the compiled `*_test.js` files shipped in the
// @tensorflow/tfjs-core dev dependency, used in place, never copied) run against ascent:
//
// - `virtual:tfjs-specs/list` lists the spec files: { 'ops/abs_test.js': () => import(…) , … }.
// - Inside tfjs-core's dist/ folder, relative imports are redirected: `../index` (and `./ops/ops`, and the
//   one-op modules such as `./tensor1d`) → a generated module exporting every public name of tfjs-core,
//   each taken from ascent (test/tfjs-specs/shim/tf.ts decides); `../jasmine_util` and `../test_util` →
//   our shims. Everything else (tfjs's own pure helpers such as ops/rand_util) loads as it is.
import { createRequire } from 'node:module';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const LIST = 'virtual:tfjs-specs/list';
const INDEX = 'virtual:tfjs-specs/index';
const EMPTY = 'virtual:tfjs-specs/empty';

/** tfjs-core's dist/ folder (its real path: Vite reports importers by real path). */
export const TFJS_DIST = realpathSync(path.join(path.dirname(require.resolve('@tensorflow/tfjs-core/package.json')), 'dist'));

function specFiles(dir = TFJS_DIST, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...specFiles(full, `${rel}${name}/`));
    else if (name.endsWith('_test.js') && name !== 'identity_pool_test.js') out.push(`${rel}${name}`);
  }
  return out;
}

/** Modules of tfjs-core that define public ops or the public namespace: served by ascent instead. */
function isPublicModule(rel: string): boolean {
  if (rel === 'index' || rel === 'ops/ops' || rel === 'base' || rel === 'tensor') return true;
  // ops/<one op>.js (scalar, tensor1d, gather_nd …), not tfjs's helpers (*_util) nor test files
  return /^ops\/[a-z0-9_]+$/.test(rel) && !/_util$|_test$/.test(rel) && rel !== 'ops/operation';
}

export function tfjsSpecs(): Plugin {
  const shim = (f: string) => path.join(here, 'shim', f);
  return {
    name: 'ascent-tfjs-specs',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === LIST || source === INDEX) return `\0${source}`;
      if (!importer || !source.startsWith('.')) return null;
      const from = importer.split('?')[0].replace(/^\/@fs/, '');
      if (!from.startsWith(TFJS_DIST + path.sep)) return null;
      const target = path.resolve(path.dirname(from), source).replace(/\.js$/, '');
      const rel = path.relative(TFJS_DIST, target).split(path.sep).join('/');
      if (rel === '' || isPublicModule(rel)) return `\0${INDEX}`;
      if (rel === 'jasmine_util') return shim('jasmine_util.ts');
      if (rel === 'test_util') return shim('test_util.ts');
      if (rel === 'engine') return shim('engine.ts');
      // tfjs's chained-op registration patches tfjs's Tensor; ascent's tensors have their methods already
      if (rel === 'public/chained_ops/register_all_chained_ops') return `\0${EMPTY}`;
      return `${target}.js`;
    },
    load(id) {
      if (id === `\0${LIST}`) {
        const lines = specFiles().map((f) => `  ${JSON.stringify(f)}: () => import(${JSON.stringify(path.join(TFJS_DIST, f))}),`);
        return `export const specs = {\n${lines.join('\n')}\n};\n`;
      }
      if (id === `\0${EMPTY}`) return 'export {};\n';
      if (id === `\0${INDEX}`) {
        // every public name of tfjs-core (the Node bundle's exports), each resolved by shim/tf.ts
        const names = Object.keys(require('@tensorflow/tfjs-core') as object).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
        return `import { pick } from ${JSON.stringify(shim('tf.ts'))};\n` +
          names.map((n) => `export const ${n} = pick(${JSON.stringify(n)});`).join('\n') + '\n';
      }
      return null;
    },
  };
}
