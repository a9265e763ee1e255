// The TensorFlow.js programs of programs/: each is written against tfjs's API and imports
// '@tensorflow/tfjs'; the tests run (compat.node.test.ts) and type-check (readme.node.test.ts) the same
// text with only that import changed, once for TensorFlow.js and once for ascent.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./programs/', import.meta.url));
const IMPORT = "import * as tf from '@tensorflow/tfjs';";

export interface Program { name: string; source: string }

export function programs(): Program[] {
  return readdirSync(dir).filter((f) => f.endsWith('.ts')).sort().map((f) => {
    const source = readFileSync(dir + f, 'utf8');
    if (source.split('\n').filter((l) => l.includes(IMPORT)).length !== 1) {
      throw new Error(`programs/${f} must import TensorFlow.js once, as: ${IMPORT}`);
    }
    return { name: f.replace(/\.ts$/, ''), source };
  });
}

/** The program's text with its one import of '@tensorflow/tfjs' changed to `specifier`. */
export function withImport(p: Program, specifier: string): string {
  return p.source.replace(IMPORT, `import * as tf from '${specifier}';`);
}
