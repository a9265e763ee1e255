// The generated ABI (src/backend/abi.ts) against its sources: it must be what scripts/gen-abi.mjs makes
// from assembly/ today, and it must describe the built modules exactly (no kernel exported but
// undeclared, none declared but missing, the same arities and op codes).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-ignore: a plain Node script, without type declarations (typed by the Abi interface below)
import { OUT, readAbi, render } from '../scripts/gen-abi.mjs';
import * as generated from '../src/backend/abi.js';

interface Abi {
  functions: { name: string; params: { name: string; type: string }[]; result: string }[];
  enums: { name: string; members: string[] }[];
}
const abi = readAbi() as Abi;
const root = new URL('../', import.meta.url);

describe('src/backend/abi.ts', () => {
  it('is up to date with assembly/', () => {
    const fresh = render(abi) as string;
    const current = readFileSync(new URL(OUT, root), 'utf8');
    expect(current === fresh, `${OUT} is out of date with assembly/: run \`npm run gen:abi\``).toBe(true);
  });

  it('keeps the TypeScript op names', () => {
    // the public names the ops use (an enum member is the TypeScript name, capitalised)
    expect(generated.BINARY).toEqual(['add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'pow', 'floorDiv', 'mod',
      'squaredDifference', 'atan2', 'reluGrad', 'divNoNan', 'bitwiseAnd']);
    expect(generated.COMPARE).toContain('logicalAnd');
    expect(generated.REDUCE).toEqual(['sum', 'max', 'min', 'prod']);
    expect(generated.ACT).toEqual(['leakyRelu', 'hardSigmoid', 'swish', 'gelu', 'geluTanh', 'mish']);
    expect(generated.Unary.relu6).toBe(20);
  });

  // (build/ascent-fma.wasm is the same source with other code generation flags, and Node 20 cannot compile
  // it without a flag: see relaxed-simd.node.test.ts)
  const module = new WebAssembly.Module(readFileSync(new URL('build/ascent.wasm', root)));

  it('declares exactly the exports of build/ascent.wasm', () => {
    const exports = WebAssembly.Module.exports(module);
    const functions = exports.filter((e) => e.kind === 'function').map((e) => e.name).sort();
    expect(functions).toEqual(abi.functions.map((f) => f.name).sort());
    // the enums are exported as globals named Enum.Member
    const globals = exports.filter((e) => e.kind === 'global').map((e) => e.name).sort();
    expect(globals).toEqual(abi.enums.flatMap((e) => e.members.map((m) => `${e.name}.${m}`)).sort());
    expect(exports.filter((e) => e.kind !== 'function' && e.kind !== 'global').map((e) => `${e.name}:${e.kind}`))
      .toEqual(['memory:memory']);
  });

  it('gives every kernel its arity and every op its code (as instantiated)', () => {
    const ex = new WebAssembly.Instance(module, {}).exports as Record<string, unknown>;
    for (const f of abi.functions) expect([f.name, (ex[f.name] as (...a: unknown[]) => unknown).length]).toEqual([f.name, f.params.length]);
    const maps = generated as unknown as Record<string, Record<string, number>>;
    for (const e of abi.enums) {
      e.members.forEach((m, i) => {
        const name = m[0].toLowerCase() + m.slice(1);
        expect([`${e.name}.${m}`, (ex[`${e.name}.${m}`] as WebAssembly.Global).value]).toEqual([`${e.name}.${m}`, i]);
        expect([`${e.name}.${name}`, maps[e.name][name]]).toEqual([`${e.name}.${name}`, i]);
      });
    }
    expect(ex.memory).toBeInstanceOf(WebAssembly.Memory);
  });
});
