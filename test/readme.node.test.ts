// The TypeScript in the docs compiles: every ```ts block of README.md, ARCHITECTURE.md and CONTRIBUTING.md
// is type-checked under `strict` against the sources (`import * as tf from 'ascent'` resolves to
// src/index.ts), in one tsc run together with the type tests (test/types/) and the TensorFlow.js programs
// (test/tfjs-compat/programs/, against ascent and against TensorFlow.js's own types).
//
// Each block is a module of its own: `import * as tf from 'ascent'` is added unless it imports ascent
// itself, and top-level await works. Names a block uses without defining them come from a comment on the
// lines just before its fence, invisible on the rendered page:
//   <!-- ts-prelude: declare const xTrain: tf.Tensor; -->
// A block that is deliberately a fragment (not meant to compile) says so in its code: `// (fragment)`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { programs, withImport } from './tfjs-compat/programs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const DOCS = ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md'];

interface Block { doc: string; line: number; code: string; prelude: string; fragment: boolean }

/** The ```ts blocks of a markdown file (indented ones in lists too), with the line of their first code line. */
function tsBlocks(doc: string, text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```ts\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    let end = i + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
    if (end === lines.length) throw new Error(`${doc}:${i + 1}: a \`\`\`ts block is not closed`);
    const code = lines.slice(i + 1, end).map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n');
    // <!-- ts-prelude: … --> ending on the line before the fence (possibly spanning several lines)
    let prelude = '';
    if (i > 0 && lines[i - 1].trimEnd().endsWith('-->')) {
      let s = i - 1;
      while (s > 0 && !lines[s].includes('<!--')) s--;
      const m = /<!--\s*ts-prelude:([\s\S]*?)-->/.exec(lines.slice(s, i).join('\n'));
      if (m) prelude = m[1].trim();
    }
    blocks.push({ doc, line: i + 2, code, prelude, fragment: /\/\/ \(fragment\)/.test(code) });
    i = end;
  }
  return blocks;
}

describe('the docs\' TypeScript', () => {
  it('every ```ts block of the docs, the type tests and the tfjs programs type-check under strict (one tsc run)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ascent-docs-'));
    try {
      const files: string[] = [];
      // where the lines of each generated file (by its path relative to dir, as tsc prints it) come from
      const origin = new Map<string, { header: number; doc: string; line: number }>();
      let n = 0, skipped = 0;
      mkdirSync(join(dir, 'docs'));
      for (const doc of DOCS) {
        for (const b of tsBlocks(doc, readFileSync(join(root, doc), 'utf8'))) {
          if (b.fragment) { skipped++; continue; }
          const head = [
            ...(/from 'ascent(\/inline|\/base)?'|require\('ascent/.test(b.code) ? [] : ["import * as tf from 'ascent';"]),
            ...(b.prelude ? [b.prelude] : []),
          ].join('\n');
          const name = join('docs', `${doc.replace(/\W/g, '_')}_${b.line}_${n++}.ts`);
          writeFileSync(join(dir, name), `${head}\n${b.code}\nexport {};\n`);
          origin.set(name, { header: head.split('\n').length, doc: b.doc, line: b.line });
          files.push(name);
        }
      }
      expect(files.length, 'ts blocks found in the docs').toBeGreaterThanOrEqual(6);
      expect(skipped, 'fragments (keep them rare)').toBeLessThanOrEqual(3);
      // The tfjs programs, against ascent and against TensorFlow.js (so that they are tfjs code).
      mkdirSync(join(dir, 'tfjs'));
      for (const p of programs()) {
        for (const [lib, spec] of [['ascent', 'ascent'], ['tfjs', join(root, 'test/tfjs-compat/tfjs.ts')]] as const) {
          const name = join(dir, 'tfjs', `${p.name}.${lib}.ts`);
          writeFileSync(name, withImport(p, spec));
          files.push(name);
        }
      }
      for (const f of readdirSync(join(root, 'test/types'))) if (f.endsWith('.ts')) files.push(join(root, 'test/types', f));
      writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'ESNext.Disposable'],
          strict: true, skipLibCheck: true, noEmit: true, allowImportingTsExtensions: true,
          types: ['node'], typeRoots: [join(root, 'node_modules/@types')],
          paths: { 'ascent': [join(root, 'src/index.ts')], 'ascent/inline': [join(root, 'src/inline.ts')], 'ascent/base': [join(root, 'src/base.ts')], 'ascent/keras': [join(root, 'src/keras/index.ts')], 'ascent/onnx': [join(root, 'src/onnx/index.ts')] },
        },
        files,
      }, null, 2));
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')],
        { cwd: dir, encoding: 'utf8' });
      const seconds = (performance.now() - t0) / 1000;
      console.log(`docs: ${origin.size} blocks (${skipped} fragments skipped), ${programs().length} tfjs programs × 2, ` +
        `type tests; tsc ${seconds.toFixed(1)} s`);
      // errors as doc:line when they are in a block
      const out = (r.stdout + r.stderr).split('\n').filter((l) => l.trim() !== '').map((l) => {
        const m = /^(.*?\.ts)\((\d+),(\d+)\): (.*)$/.exec(l);
        const o = m && origin.get(m[1]);
        return o ? `${o.doc}:${o.line + Number(m![2]) - 1 - o.header}: ${m![4]}` : l.replace(dir, '<tmp>');
      });
      expect(out, 'tsc errors').toEqual([]);
      expect(r.status).toBe(0);
    } finally {
      if (process.env.ASCENT_KEEP_DOCS_CHECK) console.log(`kept ${dir}`); else rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
