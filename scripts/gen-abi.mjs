// Generates src/backend/abi.ts, the wasm ABI as TypeScript, from assembly/: `npm run gen:abi` (asbuild
// runs it too). It parses assembly/index.ts and the modules it re-exports (`export * from`) with the
// TypeScript parser and collects
//   - every exported function: the `Kernels` interface (parameter names, types, doc comments),
//   - every exported enum (`export const enum Unary { Neg = 0, Abs, … }`): the op codes, as camelCase
//     names in code order (UNARY), their type (UnaryName) and a name → code map (Unary).
// Anything else exported is an error, so the generated file always describes the whole module.
//   node scripts/gen-abi.mjs          writes src/backend/abi.ts
//   node scripts/gen-abi.mjs --check  exits 1 when it is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = 'src/backend/abi.ts';

// AssemblyScript types → the JS values the wasm boundary takes and gives.
const PARAM = { i8: 'number', u8: 'number', i16: 'number', u16: 'number', i32: 'number', u32: 'number', isize: 'number',
  usize: 'number', f32: 'number', f64: 'number', i64: 'bigint', u64: 'bigint', bool: 'boolean' };
// A bool result reaches JS as the number 0 or 1.
const RESULT = { ...PARAM, bool: 'number', void: 'void' };

/**
 * The ABI of the module rooted at assembly/index.ts: functions [{name, params: [{name, type}], result,
 * doc, file}] and enums [{name, members: [name…], file}], in source order.
 */
export function readAbi(root = ROOT) {
  const abi = { functions: [], enums: [] };
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const rel = relative(root, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const fail = (node, msg) => {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      throw new Error(`gen-abi: ${rel}:${line + 1}: ${msg}`);
    };
    for (const st of sf.statements) {
      if (ts.isExportDeclaration(st)) {
        if (st.exportClause || !st.moduleSpecifier) fail(st, 'only `export * from "…"` re-exports are supported');
        visit(join(dirname(file), `${st.moduleSpecifier.text}.ts`));
        continue;
      }
      if (!hasModifier(st, ts.SyntaxKind.ExportKeyword)) continue;
      if (ts.isFunctionDeclaration(st)) abi.functions.push(readFunction(st, sf, rel, fail));
      else if (ts.isEnumDeclaration(st)) abi.enums.push(readEnum(st, rel, fail));
      else fail(st, 'only functions and enums may be exported (anything else would be an undeclared wasm export)');
    }
  };
  visit(join(root, 'assembly/index.ts'));
  const names = new Set();
  for (const f of abi.functions) {
    if (names.has(f.name)) throw new Error(`gen-abi: ${f.name} is exported twice`);
    names.add(f.name);
  }
  return abi;
}

function hasModifier(node, kind) {
  return (ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : []).some((m) => m.kind === kind);
}

function typeOf(node, table, fail, what) {
  const t = node?.getText();
  if (t === undefined) fail(node, `${what} needs a type annotation`);
  if (!(t in table)) fail(node, `${what} has type ${t}, which has no JS mapping here (add it to gen-abi.mjs)`);
  return table[t];
}

function readFunction(fn, sf, file, fail) {
  const name = fn.name.text;
  if (fn.typeParameters) fail(fn, `${name} is generic`);
  const params = fn.parameters.map((p) => {
    if (p.initializer || p.questionToken || p.dotDotDotToken) fail(p, `${name}: optional and rest parameters are not supported`);
    return { name: p.name.getText(), type: typeOf(p.type, PARAM, fail, `${name}(${p.name.getText()})`) };
  });
  const result = typeOf(fn.type, RESULT, fail, `the result of ${name}`);
  // the doc comment directly above the function
  const text = sf.getFullText();
  const docs = (ts.getLeadingCommentRanges(text, fn.getFullStart()) ?? [])
    .map((r) => text.slice(r.pos, r.end)).filter((c) => c.startsWith('/**'));
  // re-indented: ' * …' under the '/**'
  const doc = docs.length === 0 ? null
    : docs[docs.length - 1].split('\n').map((l) => l.trim()).map((l) => (l.startsWith('*') ? ` ${l}` : l)).join('\n');
  return { name, params, result, doc, file };
}

function readEnum(en, file, fail) {
  // the TypeScript names: UNARY (the list), UnaryName, Unary (the map)
  if (!/^[A-Z][a-z]/.test(en.name.text)) fail(en, `enum ${en.name.text}: op-code enums are named in PascalCase`);
  const members = en.members.map((m, i) => {
    // codes are the positions: 0, 1, 2, … (an initializer may only restate the position)
    if (m.initializer && !(ts.isNumericLiteral(m.initializer) && Number(m.initializer.text) === i)) {
      fail(m, `${en.name.text}.${m.name.getText()} must be ${i} (op codes are the members' positions)`);
    }
    return m.name.getText();
  });
  return { name: en.name.text, members, file };
}

const camel = (s) => s[0].toLowerCase() + s.slice(1);
const upper = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

const WIDTH = 120;

// Joins items with ', ' into lines of at most WIDTH characters, each starting with `indent`.
function wrap(items, indent) {
  const lines = [];
  let line = '';
  for (const it of items) {
    if (line && indent.length + line.length + it.length + 2 > WIDTH) { lines.push(indent + line + ','); line = ''; }
    line += (line ? ', ' : '') + it;
  }
  if (line) lines.push(indent + line + ',');
  return lines.join('\n');
}

// `open items close` on one line if it fits, else the items wrapped between the two.
function oneOrMore(open, items, close, pad = '') {
  const line = `${open}${pad}${items.join(', ')}${pad}${close}`;
  return line.length <= WIDTH ? line : `${open}\n${wrap(items, '  ')}\n${close}`;
}

/** The text of src/backend/abi.ts for `abi`. */
export function render(abi) {
  const out = [
    '// GENERATED by scripts/gen-abi.mjs from assembly/index.ts and the modules it re-exports: do not edit.',
    '// Regenerate with `npm run gen:abi` (`npm run asbuild` does it too); test/abi.node.test.ts fails when this',
    '// file is out of date and checks it against the built module\'s exports.',
    '//',
    '// `Kernels` is the module\'s exports (usize, i32, u32, f32, f64 → number; a bool argument → boolean, a bool',
    '// result → 0 or 1). Each exported enum of assembly/ gives its op codes: the camelCase member names in code',
    '// order, their type, and a name → code map. A new op is one enum member in assembly/ and its case in the kernel.',
    '',
    '/** The raw kernel exports; their contracts are in the doc comments here and the file comments in assembly/. */',
    'export interface Kernels {',
    '  memory: WebAssembly.Memory;',
  ];
  let file = null;
  for (const f of abi.functions) {
    if (f.file !== file) { out.push('', `  // ${f.file}`); file = f.file; }
    if (f.doc) out.push(...f.doc.split('\n').map((l) => `  ${l}`));
    const params = f.params.map((p) => `${p.name}: ${p.type}`);
    const line = `  ${f.name}(${params.join(', ')}): ${f.result};`;
    out.push(line.length <= WIDTH ? line : `  ${f.name}(\n${wrap(params, '    ')}\n  ): ${f.result};`);
  }
  out.push('}');
  for (const e of abi.enums) {
    const list = upper(e.name), names = e.members.map(camel);
    out.push(
      '',
      `/** The op codes of \`enum ${e.name}\` (${e.file}), in code order. */`,
      oneOrMore(`export const ${list} = [`, names.map((n) => `'${n}'`), '] as const;'),
      `export type ${e.name}Name = (typeof ${list})[number];`,
      `/** ${e.name} op name → code. */`,
      oneOrMore(`export const ${e.name}: Readonly<Record<${e.name}Name, number>> = {`, names.map((n, i) => `${n}: ${i}`), '};', ' '),
    );
  }
  return out.join('\n') + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = join(ROOT, OUT);
  const text = render(readAbi());
  let old = null;
  try { old = readFileSync(path, 'utf8'); } catch { /* first run */ }
  if (process.argv.includes('--check')) {
    if (old !== text) { console.error(`${OUT} is out of date: run \`npm run gen:abi\``); process.exit(1); }
  } else if (old !== text) {
    writeFileSync(path, text);
    console.log(`gen-abi: wrote ${OUT}`);
  }
}
