// tfjs-core's own specs (the compiled jasmine files of the @tensorflow/tfjs-core dev dependency, loaded
// in place through the Vite plugin in ./plugin.ts) run against ascent, in Node and in Chromium.
// Each spec file is one vitest test; it fails on a failure not listed in differences.json (the
// deliberate differences, each with its reason) and on a listed difference that no longer fails.
// Tests that reach a function ascent lacks are counted apart ("missing"), as are those that are not
// applicable (tfjs internals, another platform). The totals are printed at the end.
//   TFJS_SPECS=all            every spec file (npm run specs); default: every file too, unless QUICK
//   TFJS_SPECS=ops/abs_test.js,ops/range_test.js   only these
//   TFJS_SPECS_REPORT=path    Node: write every test's result as JSON to path
import { afterAll, describe, expect, it } from 'vitest';
import { specs } from 'virtual:tfjs-specs/list';
import { installGlobals, runSpecFile, type Result } from './jasmine.js';
import { NOT_APPLICABLE_FILES } from './files.js';
import differences from './differences.json';

interface Difference { file: string; test: string; reason: string }
const DIFFERENCES = differences as Difference[];

installGlobals();

const env: Record<string, string | undefined> = {
  ...(import.meta as unknown as { env?: Record<string, string> }).env,
  ...(globalThis as { process?: { env: Record<string, string> } }).process?.env,
};
const only = (env.TFJS_SPECS ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== 'all');
const files = Object.keys(specs).filter((f) => only.length === 0 || only.includes(f));

const totals = { pass: 0, fail: 0, missing: 0, na: 0, listed: 0 };
const perFile: Record<string, Result[]> = {};
const missingNames = new Map<string, number>();

describe('tfjs-core specs on ascent', () => {
  for (const file of files) {
    const naReason = NOT_APPLICABLE_FILES[file];
    it.skipIf(naReason !== undefined)(file, async () => {
      const results = await runSpecFile((specs as Record<string, () => Promise<unknown>>)[file]);
      perFile[file] = results;
      const listed = new Map(DIFFERENCES.filter((d) => d.file === file).map((d) => [d.test, d]));
      const unexpected: string[] = [];
      for (const r of results) {
        if (r.status === 'fail' && listed.has(r.name)) totals.listed++;
        else totals[r.status]++;
        if (r.status === 'missing') missingNames.set(r.detail, (missingNames.get(r.detail) ?? 0) + 1);
        if (r.status === 'fail' && !listed.has(r.name)) unexpected.push(`${r.name}: ${r.detail}`);
      }
      // a listed difference that passes now must leave the list (one that does not run on this platform is left alone)
      const stale = results.filter((r) => listed.has(r.name) && (r.status === 'pass' || r.status === 'missing'))
        .map((r) => `${r.name}: listed in differences.json but ${r.status === 'pass' ? 'passes' : `now reaches a missing function (${r.detail})`}`);
      expect([...unexpected, ...stale], `${file}: failures not in differences.json, or listed ones that no longer fail`).toEqual([]);
    }, 120_000);
  }

  afterAll(async () => {
    const applicable = totals.pass + totals.fail + totals.missing + totals.listed;
    const pct = (n: number) => `${(100 * n / Math.max(applicable, 1)).toFixed(1)} %`;
    const lines = Object.entries(perFile).map(([f, rs]) => {
      const c = (s: string) => rs.filter((r) => r.status === s).length;
      return `${f.padEnd(48)} pass ${String(c('pass')).padStart(3)}  fail ${String(c('fail')).padStart(3)}  missing ${String(c('missing')).padStart(3)}  n/a ${String(c('na')).padStart(3)}`;
    });
    console.log([
      `tfjs-core specs on ascent: ${Object.keys(perFile).length} files run, ${files.length - Object.keys(perFile).length} not applicable as a whole`,
      ...lines,
      `applicable tests ${applicable}: passed ${totals.pass} (${pct(totals.pass)}), failed ${totals.fail + totals.listed} ` +
        `(${totals.listed} listed as deliberate differences), missing ops ${totals.missing} (${pct(totals.missing)}); not applicable ${totals.na}`,
      `missing: ${[...missingNames].sort((a, b) => b[1] - a[1]).map(([n, k]) => `${n} ${k}`).join(', ')}`,
    ].join('\n'));
    const out = env.TFJS_SPECS_REPORT;
    if (out && typeof process !== 'undefined' && process.versions?.node) {
      const fs = 'node:fs';
      const { writeFileSync } = await import(/* @vite-ignore */ fs) as typeof import('node:fs');
      writeFileSync(out, JSON.stringify({ totals, files: perFile }, null, 1));
    }
  });
});
