// A property/fuzz suite over every public op (issue 12), driven by the one list of public ops
// (src/ops/index.ts): every op must have a generator below (a new op cannot skip the suite).
//
// For each op, fast-check draws arguments from the op's generator: random shapes (rank 0–4, sizes 0–5),
// dtypes, values (NaN, ±Infinity, -0, huge, tiny and denormal numbers, int32 extremes) and invalid
// arguments (wrong ranks, mismatched shapes, out-of-range axes, negative/fractional/NaN sizes, wrong
// dtypes, null/undefined, strings, disposed tensors, unsupported dtype names …, from the generator and
// from a generic mutation of any argument). Every call must
//   1. return, or throw an Error whose message starts with "<op>: " (no TypeError/RangeError, no wasm
//      trap, no non-Error — also not as the `cause` of the error);
//   2. leave tf.memory() (numTensors, numBytes) as it was after a throw, and after its results are
//      disposed;
//   3. agree with TensorFlow.js 4.22 (cpu backend) on the same call: both throw, or both return the same
//      shapes, dtypes and values (NaN matches NaN; float tolerance per op). For ops tfjs does not have,
//      the reference is tfjs ops or a float64 JS computation. Where ascent deliberately differs from
//      tfjs, the DELIBERATE table below says so (and the comparison is skipped for those cases only);
// and after each op's property a small known computation must still give the right answer.
// Runs in Node and Chromium: no Node-only APIs. Seeded: the same cases every run (ASCENT_FUZZ_SEED and
// ASCENT_FUZZ_RUNS, where the environment has them, change the seed and the number of runs per op;
// ASCENT_FUZZ_SURVEY=1 logs every failing case instead of stopping at the first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import type * as tfcore from '@tensorflow/tfjs-core';
import * as tf from '../src/index.js';
import { erfSeries, oracle } from './helpers.js';
import { PUBLIC_OPS, publicOp, snap, tensorsIn } from './public-ops.js';

type TFC = typeof tfcore;
type DT = 'float32' | 'int32' | 'bool';

const ENV = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const SEED = Number(ENV.ASCENT_FUZZ_SEED ?? 0x12f022);
const RUNS = Number(ENV.ASCENT_FUZZ_RUNS ?? 100);
/** ASCENT_FUZZ_SURVEY=1: log every failing case (no stop at the first, no shrinking), for triage. */
const SURVEY = ENV.ASCENT_FUZZ_SURVEY === '1';

// ---- random source ----------------------------------------------------------------------------------

/** fast-check's draws for the structure of a case; tensor contents come from a drawn seed (mulberry32). */
class R {
  constructor(private readonly g: fc.GeneratorValue) {}
  int(min: number, max: number): number { return this.g(fc.integer, { min, max }); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(0, xs.length - 1)]; }
  chance(p: number): boolean { return this.int(0, 999) < p * 1000; }
  bool(): boolean { return this.chance(0.5); }
  /** A uniform [0, 1) stream seeded by one draw. */
  stream(): () => number {
    let s = this.int(0, 0x7fffffff) | 0;
    return () => {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
}

// ---- values -----------------------------------------------------------------------------------------

/**
 * How a tensor's values are drawn. 'any': everything, specials included (in half of the tensors);
 * 'bounded': NaN, ±Inf, -0 and tiny values, but no finite magnitude above 1e4 (sums and products, whose
 * overflow depends on the order of the additions);
 * 'small': |x| ≤ 2 (products over many elements); 'pos': in [0.25, 4]; 'index': small integers.
 */
type Profile = 'any' | 'bounded' | 'small' | 'pos' | 'index';

const F_SPECIAL = [NaN, Infinity, -Infinity, -0, 0, 1e30, -1e30, 3.4e38, -3.4e38, 1e-30, -1e-30, 1e-40, -1.4e-45,
  65504, 16777217, 0.5, -2.5, 1e-7];
const F_BOUNDED_SPECIAL = [NaN, Infinity, -Infinity, -0, 0, 1e-30, -1e-30, 1e-40, 1e-7, 1e4, -1e4, 0.5, -2.5];
const I_SPECIAL = [2147483647, -2147483648, 16777217, -16777219, 1073741824, 46341, -65537];

function floatValues(rand: () => number, n: number, profile: Profile): number[] {
  const spiced = profile === 'any' ? rand() < 0.5 : profile === 'bounded' ? rand() < 0.3 : false;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const u = rand();
    let v: number;
    if (profile === 'pos') v = 0.25 + Math.round(rand() * 30) / 8;
    else if (profile === 'index') v = Math.floor(rand() * 7) - 1;
    else if (spiced && u < 0.25) v = (profile === 'any' ? F_SPECIAL : F_BOUNDED_SPECIAL)[Math.floor(rand() * (profile === 'any' ? F_SPECIAL : F_BOUNDED_SPECIAL).length)];
    else if (profile === 'small') v = Math.round((rand() * 4 - 2) * 8) / 8;
    else if (u < 0.6) v = Math.round((rand() * 8 - 4) * 8) / 8;
    else if (u < 0.85) v = Math.floor(rand() * 11) - 5;
    else v = (rand() < 0.5 ? -1 : 1) * 10 ** (rand() * (profile === 'bounded' ? 10 : 12) - 6);
    out[i] = Math.fround(v);
  }
  return out;
}

function intValues(rand: () => number, n: number, profile: Profile): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const u = rand();
    if (profile === 'small' || profile === 'pos') out[i] = Math.floor(rand() * 9) - (profile === 'pos' ? -1 : 4);
    else if (profile === 'index') out[i] = Math.floor(rand() * 7) - 1;
    else if (u < 0.7) out[i] = Math.floor(rand() * 21) - 10;
    else if (u < 0.92 || profile === 'bounded') out[i] = Math.floor(rand() * 2001) - 1000;
    else out[i] = I_SPECIAL[Math.floor(rand() * I_SPECIAL.length)];
  }
  return out;
}

// ---- argument specs ---------------------------------------------------------------------------------

/** A tensor argument, made anew for each library: a tensor (disposed before the call if `disposed`), or nested JS arrays (`js`). */
class TSpec {
  constructor(readonly shape: number[], readonly dtype: DT, readonly values: number[], readonly disposed = false,
              readonly js = false) {}
  get size(): number { return this.values.length; }
  get rank(): number { return this.shape.length; }
  with(o: { js?: boolean; disposed?: boolean }): TSpec {
    return new TSpec(this.shape, this.dtype, this.values, o.disposed ?? this.disposed, o.js ?? this.js);
  }
  toString(): string {
    const n = SURVEY ? 1000 : 12;
    const vs = this.values.slice(0, n).map((v) => (Object.is(v, -0) ? '-0' : String(v))).join(',');
    return `${this.disposed ? 'disposed ' : ''}${this.js ? 'js' : ''}${this.dtype}[${this.shape}](${vs}${this.size > n ? ',…' : ''})`;
  }
}

/** A complex64 tensor argument: its real and imaginary parts (made with each library's tf.complex). */
class CSpec {
  constructor(readonly re: TSpec, readonly im: TSpec) {}
  get shape(): number[] { return this.re.shape; }
  toString(): string { return `complex(${this.re}, ${this.im})`; }
}

function sizeOf(shape: readonly number[]): number { return shape.reduce((a, b) => a * b, 1); }

function dim(r: R, min = 0, max = 5): number {
  const k = r.int(0, 99);
  const d = k < 8 ? 0 : k < 30 ? 1 : k < 80 ? r.int(2, 3) : r.int(4, 5);
  return Math.min(Math.max(d, min), max);
}
function shapeOf(r: R, minRank = 0, maxRank = 4, minDim = 0): number[] {
  const rank = r.int(minRank, maxRank);
  return Array.from({ length: rank }, () => dim(r, minDim));
}
function dtypeOf(r: R, w: [number, number, number] = [65, 25, 10]): DT {
  const k = r.int(0, w[0] + w[1] + w[2] - 1);
  return k < w[0] ? 'float32' : k < w[0] + w[1] ? 'int32' : 'bool';
}
function tensorOf(r: R, shape: number[], dtype: DT, profile: Profile = 'any'): TSpec {
  const rand = r.stream(), n = sizeOf(shape);
  const values = dtype === 'float32' ? floatValues(rand, n, profile) : dtype === 'int32' ? intValues(rand, n, profile)
    : Array.from({ length: n }, () => (rand() < 0.5 ? 1 : 0));
  return new TSpec(shape, dtype, values);
}
/** A tensor argument of random shape and dtype; sometimes given as nested JS arrays. */
function anyTensor(r: R, o: { shape?: number[]; dtype?: DT; dtypes?: [number, number, number]; profile?: Profile; js?: number } = {}): TSpec {
  const t = tensorOf(r, o.shape ?? shapeOf(r), o.dtype ?? dtypeOf(r, o.dtypes), o.profile);
  // (nested arrays lose the shape of an empty tensor of rank ≥ 2: not for those)
  return r.chance(o.js ?? 0.08) && (t.size > 0 || t.rank <= 1) ? t.with({ js: true }) : t;
}
function floatTensor(r: R, shape?: number[], profile: Profile = 'any'): TSpec { return tensorOf(r, shape ?? shapeOf(r), 'float32', profile); }
function intTensor(r: R, shape: number[], lo: number, hi: number): TSpec {
  const rand = r.stream();
  return new TSpec(shape, 'int32', Array.from({ length: sizeOf(shape) }, () => lo + Math.floor(rand() * (hi - lo + 1))));
}

/** One case: the arguments, tags for the DELIBERATE table, and what the generator knows about validity. */
interface Case {
  args: unknown[];
  /** The op (set by the runner, for the DELIBERATE table). */
  op?: string;
  tags: string[];
  /** true/false: the generator made a valid/invalid call; undefined: unknown (a generic mutation). */
  valid?: boolean;
}
const ok = (...args: unknown[]): Case => ({ args, tags: [], valid: true });
const bad = (tag: string, ...args: unknown[]): Case => ({ args, tags: [tag], valid: false });

/** Nested JS arrays of a spec's values (booleans for bool). */
function nested(s: TSpec): unknown {
  const vals: unknown[] = s.dtype === 'bool' ? s.values.map((v) => v !== 0) : s.values.slice();
  if (s.rank === 0) return vals[0];
  const build = (d: number, off: number): unknown[] => {
    const n = s.shape[d], stride = sizeOf(s.shape.slice(d + 1));
    return Array.from({ length: n }, (_, i) => (d === s.rank - 1 ? vals[off + i] : build(d + 1, off + i * stride)));
  };
  return build(0, 0);
}
function typed(s: TSpec): Float32Array | Int32Array | Uint8Array {
  return s.dtype === 'float32' ? Float32Array.from(s.values) : s.dtype === 'int32' ? Int32Array.from(s.values) : Uint8Array.from(s.values);
}

/** The arguments for one library: specs made into its tensors (recorded in `made`), the rest copied. */
function build(a: unknown, mk: (s: TSpec) => unknown, mkc?: (re: unknown, im: unknown) => unknown): unknown {
  if (a instanceof TSpec) return a.js ? nested(a) : mk(a);
  if (a instanceof CSpec) return mkc!(mk(a.re), mk(a.im));
  if (Array.isArray(a)) return a.map((v) => build(v, mk, mkc));
  if (ArrayBuffer.isView(a)) return (a as unknown as Float32Array).slice();
  if (a !== null && typeof a === 'object' && Object.getPrototypeOf(a) === Object.prototype) {
    return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, build(v, mk, mkc)]));
  }
  return a;
}

function show(a: unknown): string {
  if (a instanceof TSpec || a instanceof CSpec) return a.toString();
  if (Array.isArray(a)) return `[${a.map(show).join(', ')}]`;
  if (ArrayBuffer.isView(a)) return `${a.constructor.name}(${Array.from(a as unknown as number[]).join(',')})`;
  if (typeof a === 'string') return `'${a}'`;
  if (Object.is(a, -0)) return '-0';
  if (a !== null && typeof a === 'object') return `{${Object.entries(a).map(([k, v]) => `${k}: ${show(v)}`).join(', ')}}`;
  return String(a);
}
function showCase(c: Case): string {
  return `(${c.args.map(show).join(', ')})${c.tags.length ? ` tags ${c.tags.join(' ')}` : ''}`;
}

// ---- generic mutation: any argument replaced by something invalid ----------------------------------

const BAD_DTYPES = ['string', 'complex64', 'float16', 'float64', 'int64', 'flaot32', 'Float32', 'int', 'uint8', ''];

const WEIRD: readonly [string, (r: R) => unknown][] = [
  ['null', () => null], ['undefined', () => undefined], ['string', () => 'abc'], ['numeric-string', () => '2'],
  ['NaN', () => NaN], ['negative', () => -1], ['fraction', () => 1.5], ['Infinity', () => Infinity],
  ['object', () => ({})], ['empty-array', () => []], ['ragged', () => [[1, 2], [3]]], ['strings', () => ['a', 'b']],
  ['true', () => true], ['dtype-name', (r) => r.pick(BAD_DTYPES)],
  ['disposed', (r) => anyTensor(r, { js: 0 }).with({ disposed: true })],
  ['bool-tensor', (r) => anyTensor(r, { dtype: 'bool', js: 0 })], ['int32-tensor', (r) => anyTensor(r, { dtype: 'int32', js: 0 })],
  ['float-tensor', (r) => anyTensor(r, { dtype: 'float32', js: 0 })],
];

function mutate(r: R, c: Case): Case {
  if (c.args.length === 0) return c;
  const i = r.int(0, c.args.length - 1);
  const args = c.args.slice();
  if (r.chance(0.1)) {
    args.length = i; // missing arguments
    return { args, tags: [...c.tags, `mut:${i}:missing`], valid: undefined };
  }
  const [kind, make] = r.pick(WEIRD);
  args[i] = make(r);
  return { args, tags: [...c.tags, `mut:${i}:${kind}`], valid: undefined };
}

// ---- results ----------------------------------------------------------------------------------------

/** A result with its tensors read out: comparable across libraries. */
interface PT { $: 'tensor'; shape: number[]; dtype: string; values: number[] }
type Plain = PT | Plain[] | { [k: string]: Plain } | number | string | boolean | null | undefined;

function isPT(x: unknown): x is PT { return x !== null && typeof x === 'object' && (x as PT).$ === 'tensor'; }
function plainOf(x: unknown, isT: (v: unknown) => boolean): Plain {
  if (isT(x)) {
    const t = x as { shape: number[]; dtype: string; dataSync(): ArrayLike<number> };
    return { $: 'tensor', shape: t.shape.slice(), dtype: t.dtype, values: Array.from(t.dataSync()) };
  }
  if (Array.isArray(x)) return x.map((v) => plainOf(v, isT));
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plainOf(v, isT)]));
  return x as Plain;
}
/** A spec read as a result (for references computed in JS). */
function ptOf(s: TSpec): PT {
  const dtype = s.js ? (s.dtype === 'bool' && s.size > 0 ? 'bool' : 'float32') : s.dtype; // nested JS numbers are float32
  return { $: 'tensor', shape: s.shape.slice(), dtype, values: s.values.slice() };
}

interface Tol { rtol: number; atol: number; /** compare shapes and dtypes only (random values) */ shapeOnly?: boolean }
const EXACT: Tol = { rtol: 0, atol: 0 };
const BASIC: Tol = { rtol: 2e-6, atol: 1e-7 };
const TRANSC: Tol = { rtol: 1e-4, atol: 1e-6 };
/** DFTs: ascent computes in f64, tfjs in float32 (sums of ≤ 8 terms of size ≤ 2). */
const SPECTRAL: Tol = { rtol: 1e-5, atol: 2e-5 };

function fmt(v: number): string { return Object.is(v, -0) ? '-0' : String(v); }

/** Where a and e differ (null: they agree). */
function diff(a: Plain, e: Plain, tol: Tol, path = 'result'): string | null {
  if (isPT(e)) {
    if (!isPT(a)) return `${path}: expected a tensor, got ${show(a)}`;
    if (a.shape.length !== e.shape.length || a.shape.some((d, i) => d !== e.shape[i])) return `${path}: shape [${a.shape}] vs tfjs [${e.shape}]`;
    if (a.dtype !== e.dtype) return `${path}: dtype ${a.dtype} vs tfjs ${e.dtype}`;
    if (tol.shapeOnly) return null;
    for (let i = 0; i < e.values.length; i++) {
      const x = a.values[i], y = e.values[i];
      if (Number.isNaN(y) || Number.isNaN(x)) { if (Number.isNaN(x) !== Number.isNaN(y)) return `${path}: element ${i}: ${fmt(x)} vs ${fmt(y)}`; continue; }
      if (!Number.isFinite(y) || !Number.isFinite(x) || (e.dtype !== 'float32' && e.dtype !== 'complex64')) { if (x !== y) return `${path}: element ${i}: ${fmt(x)} vs ${fmt(y)}`; continue; }
      if (!(Math.abs(x - y) <= tol.atol + tol.rtol * Math.abs(y))) return `${path}: element ${i}: ${fmt(x)} vs ${fmt(y)} (rtol ${tol.rtol}, atol ${tol.atol})`;
    }
    return null;
  }
  if (Array.isArray(e)) {
    if (!Array.isArray(a)) return `${path}: expected an array, got ${show(a)}`;
    if (a.length !== e.length) return `${path}: ${a.length} results vs tfjs ${e.length}`;
    for (let i = 0; i < e.length; i++) { const d = diff(a[i], e[i], tol, `${path}[${i}]`); if (d) return d; }
    return null;
  }
  if (e !== null && typeof e === 'object') {
    if (a === null || typeof a !== 'object' || Array.isArray(a) || isPT(a)) return `${path}: expected an object, got ${show(a)}`;
    const ka = Object.keys(a).sort(), ke = Object.keys(e).sort();
    if (ka.join() !== ke.join()) return `${path}: keys ${ka} vs ${ke}`;
    for (const k of ke) { const d = diff((a as Record<string, Plain>)[k], (e as Record<string, Plain>)[k], tol, `${path}.${k}`); if (d) return d; }
    return null;
  }
  return a === e ? null : `${path}: ${show(a)} vs ${show(e)}`;
}

// ---- op specs ---------------------------------------------------------------------------------------

/** Thrown by a JS reference that cannot judge a case (after a generic mutation): outcomes are not compared. */
const NO_VERDICT = new Error('no verdict');

interface OpSpec {
  gen: (r: R) => Case;
  /** The tfjs reference on tfjs arguments (default: the tfjs op of the same name). */
  tfjs?: (t: TFC, args: any[], c: Case) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** A float64 JS reference on the specs, for ops tfjs does not have: throws for a call ascent must reject. */
  js?: (c: Case) => Plain;
  tol?: Tol | ((c: Case) => Tol);
  /** A property of ascent's result checked where values cannot be compared (random ops). */
  check?: (out: Plain, c: Case) => string | null;
  /** The share of cases given a generic mutation (default 0.2). */
  mutate?: number;
}

/** The float32 rounding of a float64 elementwise reference on tensor argument `i` (int32 read as float). */
function mapJs(f: (x: number) => number, i = 0): (c: Case) => Plain {
  return (c) => {
    const x = c.args[i];
    if (c.valid === undefined) throw NO_VERDICT;
    if (!(x instanceof TSpec) || x.disposed || ptOf(x).dtype === 'bool') throw new Error('invalid');
    return { $: 'tensor', shape: x.shape.slice(), dtype: 'float32', values: x.values.map((v) => Math.fround(f(v))) };
  };
}

// ---- shared generators ------------------------------------------------------------------------------

/** A JS number (or boolean) where tfjs accepts a tensor: TF's literal rules apply. */
function literal(r: R): number | boolean {
  return r.pick([0, 1, 2, -3, 7, 0.5, -1.25, 3.75, NaN, Infinity, -Infinity, -0, 1e30, 1e-30, true, false]);
}

/** Two shapes that broadcast together. */
function broadcastable(r: R): [number[], number[]] {
  const out = shapeOf(r);
  const part = () => {
    const k = r.chance(0.6) ? out.length : r.int(0, out.length);
    return out.slice(out.length - k).map((d) => (r.chance(0.25) ? 1 : d));
  };
  return [part(), part()];
}
/** Two shapes that do not broadcast: at one aligned axis, sizes ≥ 2 that differ. */
function mismatched(r: R): [number[], number[]] {
  const a = shapeOf(r, 1, 4), b = shapeOf(r, 1, 4);
  const j = r.int(0, Math.min(a.length, b.length) - 1);
  const d = r.int(2, 4);
  a[a.length - 1 - j] = d;
  b[b.length - 1 - j] = r.chance(0.5) ? d + 1 : d - 1 === 1 ? d + 2 : d - 1;
  return [a, b];
}

/** Operands of a broadcasting binary op: tensors of one or two dtypes, JS numbers, nested arrays. */
function binaryCase(r: R, dts: [number, number, number] = [65, 25, 10], profile: Profile = 'any'): Case {
  const useLiteral = r.chance(0.18);
  const mism = !useLiteral && r.chance(0.12);
  const [sa, sb] = mism ? mismatched(r) : broadcastable(r);
  const da = dtypeOf(r, dts), db = r.chance(0.75) ? da : dtypeOf(r, dts);
  let a: unknown = anyTensor(r, { shape: sa, dtype: da, profile }), b: unknown = anyTensor(r, { shape: sb, dtype: db, profile });
  const tags: string[] = [];
  if (useLiteral) {
    if (r.bool()) a = literal(r); else b = literal(r);
    tags.push('literal');
  }
  if (da !== db && !useLiteral) tags.push('mixed-dtypes');
  const c = mism ? bad('broadcast', a, b) : ok(a, b);
  c.tags.push(...tags);
  return c;
}

/** An axis argument for a tensor of rank `rank`: none, one, a list (maybe with repeats), out of range, junk. */
function axisArg(r: R, rank: number, list = true): { axis: unknown; valid: boolean; tag: string } {
  const k = r.int(0, 99);
  const inRange = () => r.int(-Math.max(rank, 1), Math.max(rank, 1) - 1);
  if (k < 18) return { axis: undefined, valid: true, tag: 'axis:none' };
  if (k < 22) return { axis: null, valid: true, tag: 'axis:null' };
  if (k < 60) return { axis: inRange(), valid: true, tag: rank === 0 ? 'axis:scalar' : 'axis:one' };
  if (k < 80 && list) {
    const n = r.int(0, Math.min(3, rank + 1));
    const axes = Array.from({ length: n }, inRange);
    const norm = axes.map((a) => (a < 0 ? a + rank : a));
    return { axis: axes, valid: true, tag: new Set(norm).size !== norm.length ? 'axis:repeated' : rank === 0 && n > 0 ? 'axis:scalar' : 'axis:list' };
  }
  const r1 = Math.max(rank, 1);
  if (k < 93) return { axis: r.bool() ? r.int(r1, r1 + 2) : -r.int(r1 + 1, r1 + 3), valid: false, tag: 'axis:out-of-range' };
  return { axis: r.pick([1.5, NaN, '0', Infinity, [0.5]]), valid: false, tag: 'axis:junk' };
}

/** A reduction: x, axis, keepDims. */
function reduceCase(r: R, dts?: [number, number, number], profile: Profile = 'bounded'): Case {
  const x = anyTensor(r, { dtypes: dts, profile });
  const { axis, valid, tag } = axisArg(r, x.rank);
  const keep = r.pick([undefined, undefined, true, false]);
  const args = keep === undefined ? (axis === undefined && r.bool() ? [x] : [x, axis]) : [x, axis, keep];
  return { args, tags: [tag], valid };
}

/** A single axis in [-rank-1, rank] (the ends out of range), sometimes junk. */
function oneAxis(r: R, rank: number, extra = 0): unknown {
  if (r.chance(0.05)) return r.pick([1.5, NaN, '0', null]);
  return r.int(-rank - 1 - extra, rank + extra);
}

/** A case of `pre` and then one axis of a tensor of rank `rank` (valid only when it is an integer in range). */
function withAxis(r: R, pre: unknown[], rank: number, extra = 0): Case {
  const a = oneAxis(r, rank, extra);
  const valid = typeof a === 'number' && Number.isInteger(a) && a >= -rank && a < rank;
  return { args: [...pre, a], tags: valid ? [] : ['axis:out-of-range'], valid };
}

/** A 4-D NHWC image (or 3-D). */
function image(r: R, o: { rank3?: boolean; C?: number; minHW?: number } = {}): TSpec {
  const N = r.int(0, 2) === 0 && r.chance(0.3) ? 0 : r.int(1, 2);
  const H = r.int(o.minHW ?? 0, 5), W = r.int(o.minHW ?? 0, 5), C = o.C ?? r.int(1, 3);
  return floatTensor(r, o.rank3 ? [H, W, C] : [N, H, W, C], 'bounded');
}
function pair2(r: R, lo: number, hi: number): number | [number, number] {
  return r.chance(0.6) ? r.int(lo, hi) : [r.int(lo, hi), r.int(lo, hi)];
}
function padArg(r: R): unknown {
  const k = r.int(0, 99);
  if (k < 40) return 'valid';
  if (k < 75) return 'same';
  if (k < 88) return r.int(0, 2);
  if (k < 95) return [[0, 0], [r.int(0, 2), r.int(0, 2)], [r.int(0, 2), r.int(0, 2)], [0, 0]];
  return r.pick(['SAME', 'full', -1, 1.5, [[1, 1]]]);
}
function roundingArg(r: R): unknown {
  return r.chance(0.8) ? undefined : r.pick(['floor', 'round', 'ceil', 'up']);
}

/** A dtype argument: none, the natural one, another supported one, or an unsupported name. */
function dtypeArg(r: R, natural: DT): { dtype: unknown; valid: boolean } {
  const k = r.int(0, 99);
  if (k < 45) return { dtype: undefined, valid: true };
  if (k < 70) return { dtype: natural, valid: true };
  if (k < 88) return { dtype: r.pick(['float32', 'int32', 'bool'] as const), valid: true };
  return { dtype: r.pick(BAD_DTYPES), valid: false };
}
/** A shape argument: valid sizes, or (invalid) negative, fractional, NaN or non-number entries. */
function shapeArg(r: R, maxRank = 4): { shape: unknown; valid: boolean } {
  const s = shapeOf(r, 0, maxRank);
  if (r.chance(0.85)) return { shape: s, valid: true };
  const b: unknown[] = s.length ? s.slice() : [2];
  b[r.int(0, b.length - 1)] = r.pick([-1, 2.5, NaN, Infinity, '3', null]);
  return { shape: r.chance(0.1) ? r.pick([5, 'abc', null]) : b, valid: false };
}
function withDtype(c: Case, dt: { dtype: unknown; valid: boolean }, at: number): Case {
  if (dt.dtype !== undefined) { while (c.args.length < at) c.args.push(undefined); c.args[at] = dt.dtype; }
  if (!dt.valid) { c.valid = false; c.tags.push('dtype:unsupported'); }
  return c;
}

/** Values for tensor()/tensorNd(): nested arrays, flat arrays with a shape, TypedArrays, scalars, or junk. */
function valuesCase(r: R, rank: number | null): Case {
  const s = anyTensor(r, { js: 0, shape: rank === null ? undefined : shapeOf(r, rank, rank) });
  const dt = dtypeArg(r, s.dtype);
  const k = r.int(0, 99);
  const flat = s.dtype === 'bool' ? s.values.map((v) => v !== 0) : s.values.slice();
  let c: Case;
  if (k < 40) c = ok(nested(s), r.chance(0.3) ? s.shape.slice() : undefined);
  else if (k < 60) c = ok(flat, s.shape.slice());
  else if (k < 72) c = ok(typed(s), r.chance(0.7) ? s.shape.slice() : undefined);
  else if (k < 78) c = ok(s); // a tensor
  else if (k < 84) { c = ok(r.pick([3, -0.5, NaN, true]), r.pick([undefined, [], [1], [2, 2]])); c.tags.push('scalar-value'); }
  else if (k < 89) c = bad('ragged', [[1, 2], [3]], undefined);
  else if (k < 94) c = bad('count-mismatch', flat.concat([1]), s.shape.slice());
  else if (k < 97) c = bad('bad-shape', flat, [flat.length, r.pick([-1, 0.5, NaN])]);
  else c = bad('junk-values', r.pick(['abc', null, { a: 1 }, ['a', 'b']]), undefined);
  if (rank !== null && c.valid) {
    // tensor1d(values, dtype) has no shape argument
    if (rank === 1) c.args = [c.args[0]];
  }
  const at = rank === 1 ? 1 : 2;
  if (c.args.length > at) c.args.length = at;
  return withDtype(c, dt, at);
}

/** The target of a reshape of `shape` (same size; sometimes one -1, sometimes a wrong size). */
function reshapeTarget(r: R, shape: number[]): { target: unknown[]; valid: boolean; tag: string } {
  const dims = shape.slice();
  for (let i = dims.length - 1; i > 0; i--) { const j = r.int(0, i); [dims[i], dims[j]] = [dims[j], dims[i]]; }
  const out: number[] = [];
  for (const d of dims) { if (out.length && r.chance(0.4)) out[out.length - 1] *= d; else out.push(d); }
  if (r.chance(0.2)) out.splice(r.int(0, out.length), 0, 1);
  const target: unknown[] = out;
  if (r.chance(0.15)) {
    target.push(r.pick([2, 3, -2, 1.5, NaN]));
    return { target, valid: false, tag: 'reshape:bad' };
  }
  if (out.length && r.chance(0.3)) {
    const i = r.int(0, out.length - 1);
    target[i] = -1;
    const known = sizeOf(out.filter((_, k) => k !== i));
    return { target, valid: known !== 0, tag: 'reshape:infer' };
  }
  return { target, valid: true, tag: 'reshape' };
}

// ---- float64 JS references ---------------------------------------------------------------------------

/** erfc(z), z ≥ 0, by its continued fraction (z > 2) or 1 − erf's series. */
function erfc(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < 0) return 2 - erfc(-z);
  if (z < 2) return 1 - erfSeries(z);
  if (z > 27) return 0;
  let f = 0;
  for (let k = 60; k >= 1; k--) f = (k / 2) / (z + f);
  return Math.exp(-z * z) / Math.sqrt(Math.PI) / (z + f);
}
const sigmoid64 = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplus64 = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const GELU_C = Math.sqrt(2 / Math.PI);

/** numpy basic indexing (the reference for tf.index): items parsed from the spec string. */
type Item = { k: 'int'; v: number } | { k: 'slice'; b?: number; e?: number; s?: number } | { k: 'ell' } | { k: 'new' };
function npIndex(x: PT, items: Item[]): PT {
  const rank = x.shape.length;
  const used = items.filter((it) => it.k === 'int' || it.k === 'slice').length;
  const ells = items.filter((it) => it.k === 'ell').length;
  if (ells > 1 || used > rank) throw new Error('invalid index');
  const full: Item[] = [];
  const expand = (): void => { for (let i = 0; i < rank - used; i++) full.push({ k: 'slice' }); };
  for (const it of items) { if (it.k === 'ell') expand(); else full.push(it); }
  if (ells === 0) expand();
  // per input axis: the source positions it reads (and whether it stays as an output axis)
  const axes: { pos: number[]; keep: boolean }[] = [];
  const outShape: number[] = [];
  let ax = 0;
  for (const it of full) {
    if (it.k === 'new') { outShape.push(1); continue; }
    const n = x.shape[ax++];
    if (it.k === 'int') {
      const v = it.v < 0 ? it.v + n : it.v;
      if (v < 0 || v >= n) throw new Error('index out of range');
      axes.push({ pos: [v], keep: false });
    } else if (it.k === 'slice') {
      const s = it.s ?? 1;
      if (s === 0) throw new Error('step 0');
      const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
      const norm = (v: number) => (v < 0 ? v + n : v);
      const pos: number[] = [];
      if (s > 0) {
        const b = it.b === undefined ? 0 : clamp(norm(it.b), 0, n), e = it.e === undefined ? n : clamp(norm(it.e), 0, n);
        for (let i = b; i < e; i += s) pos.push(i);
      } else {
        const b = it.b === undefined ? n - 1 : clamp(norm(it.b), -1, n - 1), e = it.e === undefined ? -1 : clamp(norm(it.e), -1, n - 1);
        for (let i = b; i > e; i += s) pos.push(i);
      }
      axes.push({ pos, keep: true });
      outShape.push(pos.length);
    }
  }
  // walk the selected positions in row-major order
  const strides = x.shape.map((_, i) => sizeOf(x.shape.slice(i + 1)));
  const values: number[] = [];
  const walk = (a: number, off: number): void => {
    if (a === axes.length) { values.push(x.values[off]); return; }
    for (const p of axes[a].pos) walk(a + 1, off + p * strides[a]);
  };
  if (axes.every((s) => s.pos.length > 0)) walk(0, 0);
  return { $: 'tensor', shape: outShape, dtype: x.dtype, values };
}

/** A random index spec (and its items), sometimes malformed. */
function indexSpec(r: R, rank: number): { spec: string | number; items: Item[] | null } {
  if (r.chance(0.06)) { const v = r.int(-3, 3); return { spec: v, items: [{ k: 'int', v }] }; }
  const n = r.int(0, rank + 1);
  const items: Item[] = [];
  const parts: string[] = [];
  let broken = false;
  const num = () => r.int(-4, 4);
  for (let i = 0; i < n; i++) {
    const k = r.int(0, 99);
    if (k < 30) { const v = num(); items.push({ k: 'int', v }); parts.push(String(v)); }
    else if (k < 80) {
      const b = r.chance(0.5) ? num() : undefined, e = r.chance(0.5) ? num() : undefined;
      const s = r.chance(0.5) ? r.pick([1, -1, 2, -2, 3]) : undefined;
      items.push({ k: 'slice', b, e, s });
      parts.push(`${b ?? ''}:${e ?? ''}${s === undefined ? (r.bool() ? ':' : '') : `:${s}`}`);
    } else if (k < 88) { items.push({ k: 'ell' }); parts.push(r.pick(['...', '…'])); }
    else if (k < 96) { items.push({ k: 'new' }); parts.push(r.pick(['None', 'newaxis', 'tf.newaxis'])); }
    else { broken = true; parts.push(r.pick(['a', '1:2:3:4', '::0', '1.5', '1:x'])); }
  }
  let spec = parts.join(r.pick([',', ', ', ' , ']));
  if (r.chance(0.1)) spec = `[${spec}]`;
  return { spec, items: broken ? null : items };
}

/** The output size of a window of k (dilation d, stride s) over n with padding `pad` (TensorFlow's rules). */
function convOut(n: number, k: number, s: number, d: number, pad: unknown, rounding: unknown, axis: 1 | 2): number {
  const ek = (k - 1) * d + 1;
  if (pad === 'same') return Math.ceil(n / s);
  if (pad === 'valid') return Math.floor((n - ek) / s) + 1;
  if (typeof pad === 'number') {
    const f = rounding === 'ceil' ? Math.ceil : rounding === 'round' ? Math.round : Math.floor;
    return f((n + 2 * pad - ek) / s) + 1;
  }
  const [t, b] = (pad as number[][])[axis];
  return Math.floor((n + t + b - ek) / s) + 1;
}
const asPair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/** An NHWC convolution's arguments (conv2d, depthwiseConv2d): x, filter, strides, pad, dataFormat, dilations, rounding. */
function convCase(r: R, depthwise: boolean): Case {
  const x = image(r, { rank3: r.chance(0.15) });
  const C = x.shape[x.rank - 1];
  const wrongC = r.chance(0.06);
  const f = floatTensor(r, [r.int(1, 3), r.int(1, 3), wrongC ? C + 1 : C, r.int(1, 3)], 'bounded');
  const strides = pair2(r, 1, 2);
  const dil = asPair(strides).every((s) => s === 1) && r.chance(0.3) ? pair2(r, 1, 2) : 1;
  const pad = padArg(r);
  const rounding = typeof pad === 'number' ? roundingArg(r) : undefined;
  const args: unknown[] = [x, f, strides, pad];
  if (dil !== 1 || rounding !== undefined || r.chance(0.2)) args.push(r.chance(0.9) ? 'NHWC' : r.pick(['NCHW', undefined]), dil, rounding);
  const c: Case = { args, tags: depthwise ? [] : [], valid: undefined };
  if (wrongC) c.tags.push('conv:channels');
  if (typeof pad === 'number' && rounding !== undefined) c.tags.push('conv:rounding');
  return c;
}

function poolCase(r: R): Case {
  const x = image(r, { rank3: r.chance(0.15) });
  const fs = pair2(r, 1, 3), strides = r.chance(0.95) ? pair2(r, 1, 2) : r.pick([0, -1, 1.5]);
  const pad = padArg(r);
  const rounding = typeof pad === 'number' ? roundingArg(r) : undefined;
  return { args: rounding === undefined ? [x, fs, strides, pad] : [x, fs, strides, pad, rounding], tags: [], valid: undefined };
}

/** A float64 reference for the fused cross-entropies. */
function xentJs(kind: 'softmax' | 'sigmoid'): (c: Case) => Plain {
  return (c) => {
    if (c.valid === undefined) throw NO_VERDICT;
    const [z, x, axis = -1] = c.args as [TSpec, TSpec, number];
    if (!(z instanceof TSpec) || !(x instanceof TSpec) || z.disposed || x.disposed || z.dtype === 'bool' || x.dtype === 'bool') throw new Error('invalid');
    if (z.shape.join() !== x.shape.join()) throw new Error('shapes differ');
    if (kind === 'sigmoid') {
      // in float32 steps, as the kernel and TensorFlow compute it (x·z may overflow to ±∞)
      const f = Math.fround;
      const values = x.values.map((v, i) => f(f(f(Math.max(v, 0)) - f(v * z.values[i])) + f(Math.log1p(Math.exp(-Math.abs(v))))));
      return { $: 'tensor', shape: x.shape.slice(), dtype: 'float32', values };
    }
    const rank = x.rank;
    if (rank === 0 || typeof axis !== 'number' || !Number.isInteger(axis) || axis < -rank || axis >= rank) throw new Error('bad axis');
    const a = axis < 0 ? axis + rank : axis;
    const outer = sizeOf(x.shape.slice(0, a)), n = x.shape[a], inner = sizeOf(x.shape.slice(a + 1));
    const values: number[] = [];
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const at = (k: number) => (o * n + k) * inner + i;
        // TensorFlow's formula Σ z·(log Σ exp(x − m) − (x − m)); as the kernel documents, terms with label 0 are
        // skipped (a −∞ logit with label 0 is finite) and a non-finite max m is replaced by 0 (as logSoftmax)
        // (in float32 steps, in the kernel's order: an intermediate may overflow to ±∞)
        const f = Math.fround;
        let m = -Infinity;
        for (let k = 0; k < n; k++) m = Math.max(m, x.values[at(k)]);
        if (!Number.isFinite(m)) m = 0;
        let s = 0;
        for (let k = 0; k < n; k++) s = f(s + f(Math.exp(f(x.values[at(k)] - m))));
        const lse = f(Math.log(s));
        let loss = 0;
        for (let k = 0; k < n; k++) if (z.values[at(k)] !== 0) loss = f(loss + f(z.values[at(k)] * f(lse - f(x.values[at(k)] - m))));
        values.push(loss);
      }
    }
    return { $: 'tensor', shape: x.shape.filter((_, k) => k !== a), dtype: 'float32', values };
  };
}

/** A random op's result: the requested shape, dtype float32 (or the requested one), values in range. */
function randomCheck(lo: (c: Case) => number, hi: (c: Case) => number): (out: Plain, c: Case) => string | null {
  return (out, c) => {
    if (!isPT(out)) return 'not a tensor';
    const l = lo(c), h = hi(c);
    const bad = out.values.find((v) => !(v >= l && v <= h));
    return bad === undefined ? null : `value ${bad} outside [${l}, ${h}]`;
  };
}

// ---- the generators, one per public op -----------------------------------------------------------------

const unaryOk = (profile: Profile = 'any') => (r: R): Case => ok(anyTensor(r, { profile }));
const UNARY_BASIC = ['neg', 'abs', 'square', 'sqrt', 'relu', 'sign', 'floor', 'ceil', 'round', 'reciprocal', 'relu6'];
const UNARY_TRANSC = ['exp', 'log', 'sigmoid', 'tanh', 'rsqrt', 'log1p', 'expm1', 'sin', 'cos', 'tan', 'atan', 'asin', 'acos',
  'softplus', 'erf', 'elu', 'selu'];
const BINARY = ['add', 'sub', 'mul', 'div', 'floorDiv', 'mod', 'maximum', 'minimum', 'squaredDifference', 'atan2', 'pow'];
const COMPARE = ['equal', 'notEqual', 'greater', 'greaterEqual', 'less', 'lessEqual'];
const LOGICAL = ['logicalAnd', 'logicalOr', 'logicalXor'];
const REDUCE = ['sum', 'prod', 'max', 'min', 'mean', 'logSumExp'];

/** The L1 norm of tensor argument 0's finite values: the scale of a sum's rounding error. */
function l1(c: Case, i = 0): number {
  const x = c.args[i];
  if (!(x instanceof TSpec)) return 0;
  return x.values.reduce((s, v) => (Number.isFinite(v) ? s + Math.abs(v) : s), 0);
}

/** The largest finite magnitude in tensor argument `i`. */
function maxAbs(c: Case, i = 0): number {
  const x = c.args[i];
  return x instanceof TSpec ? x.values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0) : 0;
}

/** A resize case (tf.image.resizeBilinear / resizeNearestNeighbor): images, size, alignCorners, halfPixelCenters. */
function resizeCase(r: R, kind: 'bilinear' | 'nearest'): Case {
  void kind;
  let x: TSpec = r.chance(0.8) ? image(r, { rank3: r.chance(0.2) }) : anyTensor(r, { dtypes: [60, 40, 0], profile: 'bounded' });
  if (x.dtype === 'float32' && x.rank === 4 && r.chance(0.15)) x = tensorOf(r, x.shape, 'int32', 'bounded');
  const size: unknown = r.chance(0.93) ? [r.int(0, 6), r.int(0, 6)] : r.pick([[2], [1.5, 2], [-1, 2], 3]);
  const args: unknown[] = [x, size];
  const k = r.int(0, 2);
  if (k >= 1) args.push(r.bool());
  if (k >= 2) args.push(r.chance(0.3) && args[2] === true ? true : r.bool());
  return { args, tags: [], valid: undefined };
}

const OPS: Record<string, OpSpec> = {
  // ---- create
  tensor: { gen: (r) => valuesCase(r, null) },
  scalar: {
    gen: (r) => {
      const v = r.chance(0.85) ? r.pick([0, 1, -2.5, NaN, Infinity, -0, 3e38, 1e-40, true, false, 2147483647]) : r.pick(['x', [1], null, undefined, {}]);
      return withDtype(ok(v), dtypeArg(r, typeof v === 'boolean' ? 'bool' : 'float32'), 1);
    },
  },
  tensor1d: { gen: (r) => valuesCase(r, r.chance(0.85) ? 1 : r.pick([0, 2])) },
  tensor2d: { gen: (r) => valuesCase(r, r.chance(0.85) ? 2 : r.pick([1, 3])) },
  tensor3d: { gen: (r) => valuesCase(r, r.chance(0.85) ? 3 : r.pick([2, 4])) },
  tensor4d: { gen: (r) => valuesCase(r, r.chance(0.85) ? 4 : r.pick([0, 3])) },
  fill: {
    gen: (r) => {
      const { shape, valid } = shapeArg(r);
      const v = r.chance(0.9) ? r.pick([0, 4, -1.5, NaN, -Infinity, 2147483647, true, false]) : r.pick(['x', null, [1]]);
      const c: Case = { args: [shape, v], tags: valid ? [] : ['shape:bad'], valid };
      return withDtype(c, dtypeArg(r, typeof v === 'boolean' ? 'bool' : 'float32'), 2);
    },
  },
  zeros: { gen: (r) => { const { shape, valid } = shapeArg(r); return withDtype({ args: [shape], tags: valid ? [] : ['shape:bad'], valid }, dtypeArg(r, 'float32'), 1); } },
  ones: { gen: (r) => { const { shape, valid } = shapeArg(r); return withDtype({ args: [shape], tags: valid ? [] : ['shape:bad'], valid }, dtypeArg(r, 'float32'), 1); } },
  zerosLike: { gen: unaryOk() },
  onesLike: { gen: unaryOk() },
  range: {
    // tfjs accumulates the step in float32, TensorFlow computes start + i·step in float32, ascent in float64:
    // the values agree to a few ulps of the range's magnitude
    tol: (c) => ({ rtol: 1e-5, atol: 1e-6 * vals(c.args.slice(0, 3)).reduce((m, v) => Math.max(m, Number.isFinite(v) ? Math.abs(v) : 0), 1) }),
    gen: (r) => {
      const num = () => r.pick([0, 1, 2, 5, -3, 0.5, -2.5, 4.75]);
      const k = r.int(0, 99);
      const start = num(), stop = num(), step = r.pick([1, 1, -1, 2, -2, 0.5, -0.5, 3, 0.3, 0, NaN, Infinity]);
      const args: unknown[] = k < 10 ? [start] : k < 40 ? [start, stop] : [start, stop, step];
      const c: Case = { args, tags: [], valid: true };
      if (args.length === 1) c.tags.push('range:one-arg');
      if (args.length === 3 && (step === 0 || !Number.isFinite(step))) { c.valid = false; c.tags.push('range:step'); }
      if (k >= 70) withDtype(c, dtypeArg(r, 'float32'), 3);
      return c;
    },
  },
  linspace: {
    gen: (r) => {
      const num = r.chance(0.85) ? r.int(0, 6) : r.pick([-1, 2.5, NaN]);
      return ok(r.pick([0, 1, -2.5, 3, 1e-3]), r.pick([0, 1, 10, -4.5, 1e3]), num);
    },
  },
  oneHot: {
    gen: (r) => {
      const depth = r.chance(0.9) ? r.int(1, 4) : r.pick([0, -1, 2.5, NaN]);
      const ix = r.chance(0.9) ? intTensor(r, shapeOf(r, 0, 2), -1, typeof depth === 'number' && depth > 0 ? depth : 3) : anyTensor(r, { dtype: 'float32' });
      const args: unknown[] = [ix, depth];
      if (r.chance(0.4)) args.push(r.pick([1, 5, -2.5]), r.pick([0, -1, 0.5]));
      const c = { args, tags: [] as string[], valid: true };
      if (r.chance(0.3)) { while (c.args.length < 4) c.args.push(undefined); withDtype(c, dtypeArg(r, 'int32'), 4); }
      return c;
    },
  },
  eye: {
    gen: (r) => {
      const rows = r.chance(0.9) ? r.int(0, 4) : r.pick([-1, 2.5, NaN]);
      const cols = r.chance(0.5) ? undefined : r.chance(0.9) ? r.int(0, 4) : r.pick([-1, 1.5]);
      const batch = r.chance(0.6) ? undefined : r.pick([[], [2], [2, 1], [1, 2, 2], [-1], [1.5]]);
      const c: Case = { args: [rows, cols, batch], tags: [], valid: true };
      if (Array.isArray(batch)) c.tags.push(`eye:batch-rank-${batch.length}`);
      return withDtype(c, dtypeArg(r, 'float32'), 3);
    },
  },
  // ---- shape
  reshape: {
    gen: (r) => {
      const x = anyTensor(r);
      const { target, valid, tag } = reshapeTarget(r, x.shape);
      return { args: [x, target], tags: [tag], valid };
    },
  },
  transpose: {
    gen: (r) => {
      const x = anyTensor(r);
      if (r.chance(0.3)) return ok(x);
      const perm = [...Array(x.rank).keys()];
      for (let i = perm.length - 1; i > 0; i--) { const j = r.int(0, i); [perm[i], perm[j]] = [perm[j], perm[i]]; }
      if (r.chance(0.15)) return bad('perm', x, r.pick([perm.concat([0]), perm.map(() => 0), perm.map((p) => p + 1), [-1]]));
      return ok(x, perm);
    },
  },
  cast: {
    gen: (r) => {
      const x = anyTensor(r);
      return r.chance(0.88) ? ok(x, r.pick(['float32', 'int32', 'bool'])) : bad('dtype:unsupported', x, r.pick(BAD_DTYPES));
    },
  },
  clone: { gen: unaryOk() },
  stopGradient: { gen: unaryOk(), tfjs: (t, [x]) => t.clone(x) },
  expandDims: {
    gen: (r) => { const x = anyTensor(r, { shape: shapeOf(r, 0, 3) }); return r.chance(0.2) ? ok(x) : withAxis(r, [x], x.rank + 1); },
  },
  squeeze: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r).map((d) => (r.chance(0.4) ? 1 : d)) });
      if (r.chance(0.3)) return ok(x);
      const ones = x.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0);
      if (ones.length && r.chance(0.6)) {
        const pick = ones.filter(() => r.bool()).map((a) => (r.bool() ? a - x.rank : a));
        return ok(x, pick.length === 1 && r.bool() ? pick[0] : pick);
      }
      return withAxis(r, [x], x.rank);
    },
  },
  broadcastTo: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, 0, 3) });
      const target = [...Array(r.int(0, 2)).keys()].map(() => dim(r)).concat(x.shape.map((d) => (d === 1 ? dim(r) : d)));
      if (r.chance(0.15)) {
        const t: unknown[] = target.slice();
        if (t.length) t[r.int(0, t.length - 1)] = r.pick([-1, 1.5, 7]); else t.push(-1);
        return bad('shape', x, t);
      }
      return ok(x, target);
    },
  },
  // ---- unary: added below from UNARY_BASIC / UNARY_TRANSC
  softsign: { gen: unaryOk(), js: mapJs((x) => x / (1 + Math.abs(x))), tol: TRANSC },
  step: {
    gen: (r) => { const x = anyTensor(r); return r.chance(0.4) ? ok(x) : ok(x, r.pick([0, 0.5, -1, 2, NaN, Infinity])); },
  },
  // ---- compare and logic
  logicalNot: { gen: (r) => ok(anyTensor(r, { dtypes: [10, 10, 80] })) },
  isNaN: { gen: unaryOk() },
  where: {
    gen: (r) => {
      if (r.chance(0.25)) return ok(anyTensor(r, { dtypes: [20, 20, 60] }));
      const mism = r.chance(0.1);
      const [sa, sb] = mism ? mismatched(r) : broadcastable(r);
      const sc = r.bool() ? sa.slice(r.int(0, sa.length)) : sb.slice(r.int(0, sb.length));
      const dt = dtypeOf(r);
      const cond = anyTensor(r, { shape: sc, dtypes: [5, 5, 90] });
      const a = anyTensor(r, { shape: sa, dtype: dt }), b = anyTensor(r, { shape: sb, dtype: r.chance(0.85) ? dt : dtypeOf(r) });
      return mism ? bad('broadcast', cond, a, b) : ok(cond, a, r.chance(0.1) ? literal(r) : b);
    },
    tfjs: (t, a) => (a.length === 1 || (a[1] === undefined && a[2] === undefined) ? t.whereAsync(a[0]) : t.where(a[0], a[1], a[2])),
  },
  whereAsync: { gen: (r) => ok(anyTensor(r, { dtypes: [20, 20, 60] })) },
  // ---- reductions: added below from REDUCE
  argMax: { gen: (r) => { const x = anyTensor(r, { dtypes: [70, 25, 5] }); return r.chance(0.3) ? ok(x) : withAxis(r, [x], x.rank); } },
  argMin: { gen: (r) => { const x = anyTensor(r, { dtypes: [70, 25, 5] }); return r.chance(0.3) ? ok(x) : withAxis(r, [x], x.rank); } },
  // ---- matmul
  matMul: {
    gen: (r) => {
      const M = dim(r, 0, 4), K = dim(r, 0, 4), N = dim(r, 0, 4);
      const batch = shapeOf(r, 0, 2, 1);
      const part = () => batch.slice(r.int(0, batch.length)).map((d) => (r.chance(0.3) ? 1 : d));
      const tA = r.chance(0.3), tB = r.chance(0.3);
      const wrongK = r.chance(0.08);
      const dt = r.chance(0.9) ? 'float32' : dtypeOf(r);
      const a = anyTensor(r, { shape: [...part(), ...(tA ? [K, M] : [M, K])], dtype: dt, profile: 'bounded' });
      const Kb = wrongK ? K + 1 : K;
      const b = anyTensor(r, { shape: [...part(), ...(tB ? [N, Kb] : [Kb, N])], dtype: r.chance(0.9) ? dt : dtypeOf(r), profile: 'bounded' });
      if (r.chance(0.06)) return bad('rank', anyTensor(r, { shape: shapeOf(r, 0, 1) }), b);
      const c = r.chance(0.5) && !tA && !tB ? ok(a, b) : ok(a, b, tA, tB);
      if (wrongK) { c.valid = false; c.tags.push('inner'); }
      return c;
    },
    tol: (c) => ({ rtol: 1e-5, atol: 1e-5 * (1 + Math.sqrt(l1(c, 0) * l1(c, 1))) }),
  },
  dot: {
    gen: (r) => {
      const ra = r.int(1, 2), rb = r.int(1, 2), K = dim(r);
      const sa = ra === 1 ? [K] : [dim(r), K], sb = rb === 1 ? [K] : [K, dim(r)];
      if (r.chance(0.1)) sb[0] = K + 1;
      if (r.chance(0.06)) return bad('rank', anyTensor(r, { shape: shapeOf(r, 3, 3), profile: 'bounded' }), anyTensor(r, { shape: sb, profile: 'bounded' }));
      return ok(anyTensor(r, { shape: sa, dtypes: [85, 15, 0], profile: 'bounded' }), anyTensor(r, { shape: sb, dtypes: [85, 15, 0], profile: 'bounded' }));
    },
    tol: (c) => ({ rtol: 1e-5, atol: 1e-5 * (1 + Math.sqrt(l1(c, 0) * l1(c, 1))) }),
  },
  // ---- softmax
  softmax: { gen: (r) => { const x = anyTensor(r, { dtypes: [90, 8, 2] }); return r.chance(0.5) ? ok(x) : withAxis(r, [x], x.rank); }, tol: TRANSC },
  logSoftmax: { gen: (r) => { const x = anyTensor(r, { dtypes: [90, 8, 2] }); return r.chance(0.5) ? ok(x) : withAxis(r, [x], x.rank); }, tol: TRANSC },
  // ---- random
  randomNormal: {
    gen: (r) => {
      const { shape, valid } = shapeArg(r, 3);
      return withDtype({ args: [shape, r.pick([0, 1, -2.5]), r.pick([1, 0.5, 2]), undefined, r.pick([undefined, 1, 42, -7])], tags: [], valid }, dtypeArg(r, 'float32'), 3);
    },
    tol: { rtol: 0, atol: 0, shapeOnly: true },
    check: randomCheck(() => -Infinity, () => Infinity),
  },
  truncatedNormal: {
    gen: (r) => {
      const { shape, valid } = shapeArg(r, 3);
      return withDtype({ args: [shape, r.pick([0, 1, -2.5]), r.pick([1, 0.5, 2]), undefined, r.pick([undefined, 1, 42, -7])], tags: [], valid }, dtypeArg(r, 'float32'), 3);
    },
    tfjs: (t, a) => {
      // tfjs redraws until |v − mean| ≤ 2·stdDev: forever for a stdDev that is not > 0 or an infinite mean
      // (ascent scales samples of the unit distribution)
      const finite = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
      if (!finite(a[1]) || !finite(a[2]) || (a[2] !== undefined && !((a[2] as number) > 0))) throw NO_VERDICT;
      return t.truncatedNormal(a[0], a[1], a[2], a[3], a[4]);
    },
    tol: { rtol: 0, atol: 0, shapeOnly: true },
    check: randomCheck((c) => ((c.args[1] ?? 0) as number) - 2 * ((c.args[2] ?? 1) as number) - 1e-5, (c) => ((c.args[1] ?? 0) as number) + 2 * ((c.args[2] ?? 1) as number) + 1e-5),
  },
  randomUniform: {
    gen: (r) => {
      const { shape, valid } = shapeArg(r, 3);
      const lo = r.pick([0, -1, 2.5, -10]), hi = lo + r.pick([1, 0.5, 10, 0, -1]);
      return withDtype({ args: [shape, lo, hi, undefined, r.pick([undefined, 3, 99])], tags: hi <= lo ? ['uniform:empty'] : [], valid }, dtypeArg(r, 'float32'), 3);
    },
    tol: { rtol: 0, atol: 0, shapeOnly: true },
    check: randomCheck((c) => Math.min((c.args[1] ?? 0) as number, (c.args[2] ?? 1) as number), (c) => Math.max((c.args[1] ?? 0) as number, (c.args[2] ?? 1) as number)),
  },
  setSeed: {
    gen: (r) => ok(r.chance(0.85) ? r.pick([0, 1, 42, -5, 2.5, 2 ** 40]) : r.pick([NaN, Infinity, 'abc', null])),
    js: (c) => {
      if (c.valid === undefined) throw NO_VERDICT;
      if (typeof c.args[0] !== 'number' || !Number.isFinite(c.args[0])) throw new Error('invalid');
      return undefined;
    },
  },
  // ---- convolution and pooling
  conv2d: { gen: (r) => convCase(r, false), tol: (c) => ({ rtol: 1e-5, atol: 1e-5 * (1 + Math.sqrt(l1(c, 0) * l1(c, 1))) }) },
  depthwiseConv2d: { gen: (r) => convCase(r, true), tol: (c) => ({ rtol: 1e-5, atol: 1e-5 * (1 + Math.sqrt(l1(c, 0) * l1(c, 1))) }) },
  conv2dTranspose: {
    gen: (r) => {
      const N = r.int(0, 2), H = r.int(1, 5), W = r.int(1, 5), Cout = r.int(1, 3), Cin = r.int(1, 3);
      const KH = r.int(1, 3), KW = r.int(1, 3);
      const strides = pair2(r, 1, 2), [sh, sw] = asPair(strides);
      const pad = r.pick(['valid', 'same', 'same', 0, 1]);
      const OH = convOut(H, KH, sh, 1, pad, undefined, 1), OW = convOut(W, KW, sw, 1, pad, undefined, 2);
      const wrong = r.chance(0.1);
      const x = floatTensor(r, [N, Math.max(OH, 0) + (wrong ? 1 : 0), Math.max(OW, 0), Cin], 'bounded');
      const f = floatTensor(r, [KH, KW, Cout, Cin], 'bounded');
      const c: Case = { args: [x, f, [N, H, W, Cout], strides, pad], tags: [], valid: OH > 0 && OW > 0 && !wrong };
      if (r.chance(0.1)) c.args[2] = r.pick([[H, W, Cout], [N, H, W], [N, H, W, Cout + 1], 'x']);
      return c;
    },
    tol: (c) => ({ rtol: 1e-5, atol: 1e-5 * (1 + Math.sqrt(l1(c, 0) * l1(c, 1))) }),
  },
  conv2dBackpropFilter: {
    gen: (r) => {
      const x = image(r, { minHW: 1 });
      const [N, H, W, C] = x.shape;
      const KH = r.int(1, 3), KW = r.int(1, 3), OC = r.int(1, 3);
      const strides = pair2(r, 1, 2), [sh, sw] = asPair(strides);
      const dil = sh === 1 && sw === 1 && r.chance(0.2) ? 2 : 1;
      const pad = r.pick(['valid', 'same', 'same', 0, 1]);
      const OH = convOut(H, KH, sh, dil, pad, undefined, 1), OW = convOut(W, KW, sw, dil, pad, undefined, 2);
      const wrong = r.chance(0.1);
      const dy = floatTensor(r, [N, Math.max(OH, 0), Math.max(OW, 0) + (wrong ? 1 : 0), OC], 'bounded');
      const args: unknown[] = [x, dy, [KH, KW, C, OC], strides, pad];
      if (dil !== 1) args.push(dil);
      const c: Case = { args, tags: dil !== 1 ? ['dilated'] : [], valid: OH > 0 && OW > 0 && !wrong };
      if (r.chance(0.08)) c.args[2] = r.pick([[KH, KW, C], [KH, KW, C, 0], [KH, KW, C + 1, OC], 'x']);
      return c;
    },
    tfjs: (t, [x, dy, filterShape, strides, pad, dilations], c) => {
      if (c.tags.includes('dilated')) throw NO_VERDICT; // tfjs's kernel has no dilations
      if (!Array.isArray(filterShape) || filterShape.length !== 4 || x?.rank !== 4 || dy?.rank !== 4) throw new Error('invalid');
      void dilations;
      return t.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape } as never);
    },
    tol: (c) => ({ rtol: 1e-5, atol: 1e-5 * (1 + Math.sqrt(l1(c, 0) * l1(c, 1))) }),
  },
  maxPool: { gen: poolCase },
  avgPool: { gen: poolCase, tol: (c) => ({ rtol: 1e-5, atol: 1e-6 * (1 + maxAbs(c)) }) },
  globalAvgPool: {
    gen: (r) => { const x = anyTensor(r, { shape: r.chance(0.85) ? shapeOf(r, 4, 4) : shapeOf(r, 0, 3), dtypes: [85, 15, 0], profile: 'bounded' }); return r.bool() ? ok(x) : ok(x, r.bool()); },
    tfjs: (t, [x, keepDims]) => {
      const x4 = Array.isArray(x) ? t.tensor(x) : x;
      if (x4?.rank !== 4) throw new Error('globalAvgPool needs rank 4');
      return t.mean(x4, [1, 2], keepDims);
    },
    tol: (c) => ({ rtol: 1e-5, atol: 1e-6 * (1 + l1(c)) }),
  },
  // ---- slicing
  slice: {
    gen: (r) => {
      const x = anyTensor(r);
      const n = r.int(0, x.rank + (r.chance(0.1) ? 1 : 0));
      const begin = x.shape.slice(0, n).map((d) => (r.chance(0.93) ? r.int(0, d) : r.pick([d + 1, -1, 1.5])));
      const size = begin.map((b, i) => (r.chance(0.3) ? -1 : r.chance(0.93) ? r.int(0, Math.max(x.shape[i] - Math.ceil(b), 0)) : r.pick([x.shape[i] + 1, -2])));
      const bArg = n === 1 && r.bool() ? begin[0] : begin;
      const k = r.int(0, 2);
      return k === 0 ? ok(x, bArg) : ok(x, bArg, n === 1 && r.bool() ? size[0] : size.slice(0, r.int(0, n)));
    },
  },
  stridedSlice: {
    gen: (r) => {
      const x = anyTensor(r);
      const n = r.int(0, x.rank + 1);
      const ints = () => Array.from({ length: n }, () => r.int(-6, 6));
      const strides = Array.from({ length: n }, () => (r.chance(0.97) ? r.pick([1, 1, -1, 2, -2, 3]) : 0));
      const mask = () => (r.chance(0.5) ? 0 : r.int(0, 2 ** n - 1));
      const args: unknown[] = [x, ints(), ints(), r.chance(0.15) ? undefined : strides];
      if (r.chance(0.7)) args.push(mask(), mask(), r.chance(0.7) ? 0 : 2 ** r.int(0, Math.max(n - 1, 0)), r.chance(0.7) ? 0 : mask(), r.chance(0.6) ? 0 : mask());
      const c: Case = { args, tags: [], valid: undefined };
      return c;
    },
  },
  index: {
    gen: (r) => {
      const x = anyTensor(r);
      const { spec, items } = indexSpec(r, x.rank);
      const c = ok(x, spec);
      if (items === null) { c.valid = false; c.tags.push('index:malformed'); } else c.tags.push(`items:${JSON.stringify(items)}`);
      return c;
    },
    js: (c) => {
      const [x, spec] = c.args;
      if (c.valid === undefined) throw NO_VERDICT;
      if (!(x instanceof TSpec) || x.disposed || (typeof spec !== 'string' && typeof spec !== 'number')) throw new Error('invalid');
      if (c.valid === false) throw new Error('malformed');
      const items = JSON.parse(c.tags.find((t) => t.startsWith('items:'))!.slice(6)) as Item[];
      return npIndex(ptOf(x), items);
    },
  },
  reverse: {
    gen: (r) => { const x = anyTensor(r); const { axis, valid, tag } = axisArg(r, x.rank); return { args: axis === undefined ? [x] : [x, axis], tags: [tag], valid }; },
  },
  // ---- join and split
  concat: {
    gen: (r) => {
      const base = shapeOf(r, r.chance(0.95) ? 1 : 0, 3);
      const a = r.int(0, Math.max(base.length - 1, 0));
      const dt = dtypeOf(r);
      const n = r.chance(0.05) ? 0 : r.int(1, 3);
      const ts = Array.from({ length: n }, () => {
        const s = base.slice();
        if (s.length) s[a] = dim(r);
        if (r.chance(0.05) && s.length) s[(a + 1) % s.length] += 1;
        return anyTensor(r, { shape: s, dtype: r.chance(0.85) ? dt : dtypeOf(r) });
      });
      const axis = r.chance(0.3) ? undefined : r.chance(0.9) ? (r.bool() ? a : a - base.length) : oneAxis(r, base.length);
      return { args: axis === undefined ? [ts] : [ts, axis], tags: ts.some((t) => t.dtype !== ts[0].dtype) ? ['mixed-dtypes'] : [], valid: undefined };
    },
  },
  stack: {
    gen: (r) => {
      const base = shapeOf(r, 0, 3);
      const dt = dtypeOf(r);
      const n = r.chance(0.05) ? 0 : r.int(1, 3);
      const ts = Array.from({ length: n }, () => anyTensor(r, { shape: r.chance(0.95) ? base : shapeOf(r, 0, 3), dtype: r.chance(0.85) ? dt : dtypeOf(r) }));
      const args: unknown[] = r.chance(0.3) ? [ts] : [ts, oneAxis(r, base.length + 1)];
      return { args, tags: ts.some((t) => t.dtype !== ts[0].dtype) ? ['mixed-dtypes'] : [], valid: undefined };
    },
  },
  unstack: { gen: (r) => { const x = anyTensor(r); return r.chance(0.3) ? ok(x) : withAxis(r, [x], x.rank); } },
  split: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, r.chance(0.95) ? 1 : 0, 3) });
      const a = r.int(0, Math.max(x.rank - 1, 0)), d = x.shape[a] ?? 0;
      let arg: unknown;
      const k = r.int(0, 99);
      if (k < 35) arg = r.pick([1, 2, 3, d || 1]);
      else if (k < 85) {
        const sizes: number[] = [];
        let left = d;
        while (left > 0 && sizes.length < 4) { const s = r.int(0, left); sizes.push(s); left -= s; }
        if (left > 0 || sizes.length === 0) sizes.push(left);
        if (r.chance(0.3)) sizes[r.int(0, sizes.length - 1)] = -1;
        if (r.chance(0.1)) sizes.push(1);
        arg = sizes;
      } else arg = r.pick([0, -1, 1.5, NaN, [], [-2], 'x']);
      const axis = r.chance(0.3) ? undefined : r.chance(0.9) ? (r.bool() ? a : a - x.rank) : oneAxis(r, x.rank);
      return { args: axis === undefined ? [x, arg] : [x, arg, axis], tags: [], valid: undefined };
    },
  },
  tile: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, 0, 3) });
      const reps = x.shape.map(() => (r.chance(0.97) ? r.int(0, 3) : r.pick([-1, 1.5])));
      if (r.chance(0.08)) reps.push(2);
      return ok(x, reps);
    },
  },
  pad: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, r.chance(0.95) ? 1 : 0, 3) });
      const paddings: unknown[] = x.shape.map(() => [r.int(0, 2), r.int(0, 2)]);
      if (r.chance(0.06)) paddings.push([1, 1]);
      if (r.chance(0.04) && paddings.length) paddings[0] = [-1, 0];
      const k = r.int(0, 99);
      if (k < 40) return ok(x, paddings);
      if (k < 85) return ok(x, paddings, r.pick([0, 1, -2.5, NaN, Infinity, 7]));
      return ok(x, paddings, r.pick(['CONSTANT', 'REFLECT', 'SYMMETRIC', 'constant', 'wrap']));
    },
  },
  mirrorPad: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, r.chance(0.95) ? 1 : 0, 3) });
      const mode = r.chance(0.95) ? r.pick(['reflect', 'symmetric']) : r.pick(['REFLECT', 'edge']);
      const lim = (d: number) => Math.max(0, mode === 'reflect' ? d - 1 : d);
      const paddings = x.shape.map((d) => [r.int(0, Math.min(lim(d), 2)), r.chance(0.95) ? r.int(0, Math.min(lim(d), 2)) : lim(d) + 1]);
      return ok(x, paddings, mode);
    },
  },
  clipByValue: {
    gen: (r) => {
      const x = anyTensor(r);
      const lo = r.pick([-1, 0, 0.5, -Infinity, -2.5, NaN]), hi = r.chance(0.9) ? lo + r.pick([0, 1, 2.25, Infinity]) : lo - 1;
      return ok(x, lo, hi);
    },
  },
  meshgrid: {
    gen: (r) => {
      const x = r.chance(0.9) ? anyTensor(r, { shape: shapeOf(r, 0, 2) }) : undefined;
      const y = r.chance(0.85) ? anyTensor(r, { shape: shapeOf(r, 0, 2), dtype: x?.dtype }) : undefined;
      const opts = r.chance(0.5) ? undefined : { indexing: r.chance(0.9) ? r.pick(['xy', 'ij']) : 'zz' };
      return { args: opts === undefined ? [x, y] : [x, y, opts], tags: [], valid: undefined };
    },
  },
  // ---- indexing
  gather: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, r.chance(0.95) ? 1 : 0, 3) });
      const ax = x.rank ? r.int(0, x.rank - 1) : 0, A = x.shape[ax] ?? 0;
      const bd = ax > 0 && r.chance(0.2) ? 1 : 0;
      const ishape = [...x.shape.slice(0, bd), ...shapeOf(r, 0, 2)];
      const idx = r.chance(0.92) ? intTensor(r, ishape, r.chance(0.9) ? 0 : -1, Math.max(A - 1, 0) + (r.chance(0.1) ? 1 : 0)) : anyTensor(r, { shape: ishape });
      const axis = r.bool() ? ax : ax - x.rank;
      return bd ? ok(x, idx, axis, bd) : ax === 0 && r.bool() ? ok(x, idx) : ok(x, idx, axis);
    },
  },
  gatherND: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, 1, 3) });
      const depth = r.int(1, x.rank + (r.chance(0.05) ? 1 : 0));
      const lead = shapeOf(r, 0, 2);
      const rand = r.stream(), oob = r.chance(0.08);
      const vals: number[] = [];
      for (let i = 0; i < sizeOf(lead); i++) for (let j = 0; j < depth; j++) vals.push(Math.floor(rand() * Math.max(x.shape[j] ?? 1, 1)) + (oob && i === 0 ? (x.shape[j] ?? 1) : 0));
      return ok(x, new TSpec([...lead, depth], 'int32', vals));
    },
  },
  unsortedSegmentSum: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, 1, 3), dtypes: [70, 25, 5], profile: 'bounded' });
      const n = r.int(0, 4);
      const ids = intTensor(r, x.shape.slice(0, 1), r.chance(0.8) ? 0 : -1, Math.max(n - 1, 0) + (r.chance(0.1) ? 1 : 0));
      return ok(x, ids, r.chance(0.95) ? n : r.pick([-1, 1.5, NaN]));
    },
    tol: (c) => ({ rtol: 1e-5, atol: 1e-6 * (1 + l1(c)) }),
  },
  scatterND: {
    gen: (r) => {
      const shape = shapeOf(r, 1, 3, 1);
      const depth = r.int(1, shape.length);
      const k = r.int(0, 3);
      const rand = r.stream(), oob = r.chance(0.08);
      const vals: number[] = [];
      for (let i = 0; i < k; i++) for (let j = 0; j < depth; j++) vals.push(Math.floor(rand() * shape[j]) + (oob && i === 0 ? shape[j] : 0));
      const upd = anyTensor(r, { shape: [k, ...shape.slice(depth)], dtypes: [75, 25, 0], profile: 'bounded' });
      const sh: unknown = r.chance(0.95) ? shape : r.pick([[-1], [1.5], 'x']);
      return ok(new TSpec([k, depth], 'int32', vals), upd, sh);
    },
    tol: (c) => ({ rtol: 1e-5, atol: 1e-6 * (1 + l1(c, 1)) }),
  },
  booleanMask: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, 1, 3) });
      const ax = r.int(0, x.rank - 1), k = r.int(1, x.rank - ax);
      const ms = x.shape.slice(ax, ax + k);
      if (r.chance(0.08)) ms[0] += 1;
      const mask = anyTensor(r, { shape: ms, dtypes: [3, 2, 95], js: 0.15 });
      return ax === 0 && r.bool() ? ok(x, mask) : ok(x, mask, ax);
    },
    tfjs: (t, a) => t.booleanMaskAsync(a[0], a[1], a[2]),
  },
  booleanMaskAsync: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, 1, 3) });
      const ax = r.int(0, x.rank - 1), k = r.int(1, x.rank - ax);
      const mask = anyTensor(r, { shape: x.shape.slice(ax, ax + k), dtypes: [3, 2, 95], js: 0.15 });
      return ax === 0 && r.bool() ? ok(x, mask) : ok(x, mask, ax);
    },
  },
  // ---- scans
  cumsum: {
    gen: (r) => {
      const x = anyTensor(r, { dtypes: [70, 25, 5], profile: 'bounded' });
      const args: unknown[] = [x];
      if (r.chance(0.7)) args.push(oneAxis(r, x.rank));
      if (r.chance(0.5)) args.push(args.length === 1 ? undefined : args.pop(), r.bool(), r.bool());
      return { args, tags: [], valid: undefined };
    },
    tol: (c) => ({ rtol: 1e-5, atol: 1e-6 * (1 + l1(c)) }),
  },
  topk: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, r.chance(0.95) ? 1 : 0, 3), dtypes: [75, 25, 0] });
      const n = x.shape[x.rank - 1] ?? 0;
      const k = r.chance(0.92) ? r.int(0, n) : r.pick([n + 1, -1, 1.5]);
      return r.chance(0.2) ? ok(x) : r.chance(0.7) ? ok(x, k) : ok(x, k, r.bool());
    },
  },
  // ---- norms and moments
  norm: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, 0, 3), dtypes: [80, 20, 0], profile: 'bounded' });
      const ord = r.pick(['euclidean', 'fro', 1, 2, Infinity, -Infinity, 3, 0.5, -1, 0, 'nuc'] as const);
      const k = r.int(0, 99);
      let axis: unknown;
      if (k < 35) axis = undefined;
      else if (k < 70) axis = oneAxis(r, x.rank);
      else if (x.rank >= 2) { const a = r.int(0, x.rank - 1); let b = r.int(0, x.rank - 1); if (b === a && r.chance(0.9)) b = (a + 1) % x.rank; axis = [a, b]; }
      else axis = [0, 1];
      const args: unknown[] = [x, ord];
      if (axis !== undefined || r.bool()) args.push(axis);
      if (r.bool()) { if (args.length < 3) args.push(undefined); args.push(r.bool()); }
      return { args, tags: [], valid: undefined };
    },
    tol: (c) => ({ rtol: 1e-4, atol: 1e-6 * (1 + l1(c)) }),
  },
  moments: {
    gen: (r) => {
      const x = anyTensor(r, { dtypes: [85, 15, 0], profile: 'bounded' });
      const { axis, valid, tag } = axisArg(r, x.rank);
      return { args: r.chance(0.4) ? [x, axis, r.bool()] : axis === undefined ? [x] : [x, axis], tags: [tag], valid };
    },
    tol: (c) => ({ rtol: 1e-4, atol: 1e-6 * (1 + l1(c) ** 2) }),
  },
  // ---- activations
  leakyRelu: { gen: (r) => { const x = anyTensor(r); return r.chance(0.3) ? ok(x) : ok(x, r.pick([0.2, 0, -0.5, 1, 2, NaN])); } },
  prelu: {
    gen: (r) => {
      const x = anyTensor(r, { dtypes: [85, 15, 0] });
      const suffix = x.shape.slice(r.int(0, x.rank)).map((d) => (r.chance(0.3) ? 1 : d));
      return ok(x, r.chance(0.92) ? floatTensor(r, suffix) : anyTensor(r, { shape: [7] }));
    },
  },
  gelu: {
    gen: (r) => { const x = anyTensor(r, { dtypes: [80, 15, 5] }); return r.chance(0.4) ? ok(x) : ok(x, r.bool()); },
    js: (c) => (c.args[1] ? mapJs((x) => x * sigmoid64(2 * GELU_C * (x + 0.044715 * x * x * x))) : mapJs((x) => 0.5 * x * erfc(-x / Math.SQRT2)))(c),
    tol: TRANSC,
  },
  swish: { gen: unaryOk(), js: mapJs((x) => x * sigmoid64(x)), tol: TRANSC },
  silu: { gen: unaryOk(), js: mapJs((x) => x * sigmoid64(x)), tol: TRANSC },
  hardSigmoid: { gen: unaryOk(), js: mapJs((x) => Math.min(1, Math.max(0, 0.2 * x + 0.5))), tol: TRANSC },
  mish: { gen: unaryOk(), js: mapJs((x) => x * Math.tanh(softplus64(x))), tol: TRANSC },
  // ---- nn
  batchNorm: {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, 1, 4), dtypes: [85, 15, 0], profile: 'bounded' });
      const C = x.shape[x.rank - 1];
      const stat = (profile: Profile) => {
        const k = r.int(0, 99);
        const shape = k < 60 ? [C] : k < 75 ? [] : k < 92 ? x.shape.slice() : [C + 1];
        return anyTensor(r, { shape, dtypes: [90, 10, 0], profile, js: 0.05 });
      };
      const args: unknown[] = [x, stat('bounded'), stat('pos')];
      if (r.chance(0.6)) args.push(r.chance(0.8) ? stat('bounded') : undefined, r.chance(0.8) ? stat('pos') : undefined);
      if (r.chance(0.3)) { while (args.length < 5) args.push(undefined); args.push(r.pick([0.001, 0, 1e-5, -1, NaN])); }
      return { args, tags: [], valid: undefined };
    },
    tol: { rtol: 1e-4, atol: 1e-5 },
  },
  dropout: {
    gen: (r) => {
      const x = anyTensor(r, { dtypes: [85, 15, 0] });
      const rate = r.chance(0.9) ? r.pick([0, 0.1, 0.5, 0.9]) : r.pick([1, -0.1, NaN, 1.5]);
      const args: unknown[] = [x, rate];
      if (r.chance(0.5)) {
        args.push(r.chance(0.3) ? undefined : r.chance(0.9) ? x.shape.map((d) => r.pick([d, 1, null])) : [7]);
        args.push(r.pick([undefined, 1, 42, 'seed']));
      }
      return { args, tags: [], valid: undefined };
    },
    tol: { rtol: 0, atol: 0, shapeOnly: true },
    check: (out, c) => {
      if (!isPT(out)) return 'not a tensor';
      const x = c.args[0] as TSpec, rate = c.args[1] as number;
      if (!(x instanceof TSpec)) return null;
      const xs = x.values;
      for (let i = 0; i < out.values.length; i++) {
        const v = out.values[i], kept = Math.fround(xs[i] * Math.fround(1 / (1 - rate)));
        if (!(v === 0 || Object.is(v, kept) || Math.abs(v - kept) <= 1e-6 * Math.abs(kept) || (Number.isNaN(v) && (Number.isNaN(kept) || !Number.isFinite(xs[i]))))) {
          return `element ${i}: ${v} is neither 0 nor x/(1-rate) = ${kept}`;
        }
      }
      return null;
    },
  },
  softmaxCrossEntropyWithLogits: {
    gen: (r) => {
      const s = shapeOf(r, r.chance(0.95) ? 1 : 0, 3);
      const z = anyTensor(r, { shape: s, dtypes: [85, 15, 0], profile: 'bounded' });
      const x = anyTensor(r, { shape: r.chance(0.93) ? s : shapeOf(r, 1, 3), dtypes: [85, 15, 0], profile: r.chance(0.8) ? 'bounded' : 'any' });
      return r.chance(0.5) ? ok(z, x) : withAxis(r, [z, x], s.length);
    },
    js: xentJs('softmax'),
    tol: (c) => ({ rtol: 1e-4, atol: 1e-5 * (1 + l1(c)) }),
  },
  sigmoidCrossEntropyWithLogits: {
    gen: (r) => {
      const s = shapeOf(r, 0, 3);
      return ok(anyTensor(r, { shape: s, dtypes: [85, 15, 0] }), anyTensor(r, { shape: r.chance(0.93) ? s : shapeOf(r, 1, 3), dtypes: [85, 15, 0] }));
    },
    js: xentJs('sigmoid'),
    tol: TRANSC,
  },
  // ---- complex and spectral
  complex: {
    gen: (r) => {
      const s = shapeOf(r);
      const part = () => anyTensor(r, { shape: s, dtypes: [80, 20, 0] });
      return r.chance(0.9) ? ok(part(), part()) : bad('shapes', part(), anyTensor(r, { shape: shapeOf(r, 1), dtypes: [80, 20, 0] }));
    },
    tol: EXACT,
  },
  real: { gen: (r) => (r.chance(0.9) ? ok(complexOf(r, shapeOf(r))) : ok(anyTensor(r, { dtypes: [80, 20, 0] }))), tol: EXACT },
  imag: { gen: (r) => (r.chance(0.9) ? ok(complexOf(r, shapeOf(r))) : ok(anyTensor(r, { dtypes: [80, 20, 0] }))), tol: EXACT },
  fft: { gen: fftGen, tol: SPECTRAL },
  ifft: { gen: fftGen, tol: SPECTRAL },
  rfft: { gen: rfftGen, tol: SPECTRAL },
  irfft: { gen: fftGen, tol: SPECTRAL },
  'spectral.fft': { gen: fftGen, tfjs: (t, a) => t.spectral.fft(a[0]), tol: SPECTRAL },
  'spectral.ifft': { gen: fftGen, tfjs: (t, a) => t.spectral.ifft(a[0]), tol: SPECTRAL },
  'spectral.rfft': { gen: rfftGen, tfjs: (t, a) => t.spectral.rfft(a[0], a[1]), tol: SPECTRAL },
  'spectral.irfft': { gen: fftGen, tfjs: (t, a) => t.spectral.irfft(a[0]), tol: SPECTRAL },
  'string.staticRegexReplace': {
    gen: (r) => {
      const words = ['this', 'is', 'a', 'test test', '', 'aab  ab', 'x+y'];
      const input = r.chance(0.7) ? Array.from({ length: r.int(1, 4) }, () => r.pick(words)) : r.pick(words);
      if (r.chance(0.08)) return bad('dtype:float', floatTensor(r, [2]), 'a', 'b');
      const args: unknown[] = [input, r.pick(['test', ' +', 'a', 'a*b', '[st]', 'x']), r.pick(['result', ' ', '', '-'])];
      if (r.chance(0.5)) args.push(r.bool());
      return ok(...args);
    },
    tfjs: (t, a) => t.string.staticRegexReplace(a[0], a[1], a[2], a[3]),
    tol: EXACT,
  },
  'string.stringSplit': {
    gen: (r) => {
      const words = ['pigs on the wing', 'animals', '', ' a', 'b  ', '#c#', 'hello|world', 'x.y,z', '  '];
      if (r.chance(0.08)) return bad('dtype:float', floatTensor(r, [2]), ' ');
      const input = Array.from({ length: r.int(0, 4) }, () => r.pick(words));
      const args: unknown[] = [input, r.pick([' ', '', '|', '#', '.,', '| '])];
      if (r.chance(0.5)) args.push(r.bool());
      return ok(...args);
    },
    tfjs: (t, a) => t.string.stringSplit(a[0], a[1], a[2]),
    tol: EXACT,
  },
  'string.stringNGrams': {
    gen: (r) => {
      const n = r.int(0, 6);
      const data = Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i));
      const cuts = Array.from({ length: r.int(0, 3) }, () => r.int(0, n)).sort((x, y) => x - y);
      const splits = [0, ...cuts, n], i32 = (v: number[]) => new TSpec([v.length], 'int32', v);
      if (r.chance(0.08)) return bad('splits', data, i32([1, ...cuts, n]), '|', [2], '', '', 0, false);
      const widths = r.chance(0.6) ? [r.int(1, 4)] : [r.int(1, 3), r.int(2, 5)];
      return ok(data, i32(splits), r.pick(['|', ' ', '']), widths, r.pick(['LP', '']), r.pick(['RP', '']), r.pick([-1, 0, 1, 2]), r.bool());
    },
    tfjs: (t, a) => t.string.stringNGrams(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]),
    tol: EXACT,
  },
  'signal.stft': {
    gen: (r) => {
      const x = floatTensor(r, [r.int(0, 12)], 'small');
      const args: unknown[] = [x, r.int(1, 5), r.int(1, 3)];
      if (r.chance(0.5)) args.push(r.int(1, 8));
      return ok(...args);
    },
    tfjs: (t, a) => t.signal.stft(a[0], a[1], a[2], a[3]),
    tol: SPECTRAL,
  },
  // ---- rank-typed forwards (src/ops/typed.ts): concat1d…4d, pad1d…4d, slice1d…4d, reverse1d…4d below
  // ---- tf.image, tf.linalg, einsum, tf.signal
  'image.resizeBilinear': { gen: (r) => resizeCase(r, 'bilinear'), tfjs: (t, a) => t.image.resizeBilinear(a[0], a[1], a[2], a[3]), tol: { rtol: 1e-6, atol: 1e-6 } },
  'image.resizeNearestNeighbor': { gen: (r) => resizeCase(r, 'nearest'), tfjs: (t, a) => t.image.resizeNearestNeighbor(a[0], a[1], a[2], a[3]), tol: EXACT },
  'image.cropAndResize': {
    gen: (r) => {
      const img = image(r, { minHW: r.chance(0.95) ? 1 : 0 });
      const N = img.shape[0], B = r.int(0, 4);
      const rand = r.stream();
      const boxes = new TSpec([B, 4], 'float32', Array.from({ length: 4 * B }, () => (rand() < 0.03 ? NaN : Math.fround(rand() * 2 - 0.5))));
      const badInd = r.chance(0.08);
      const ind = intTensor(r, [B], badInd ? -1 : 0, badInd ? N : Math.max(N - 1, 0));
      const crop: unknown = r.chance(0.93) ? [r.int(1, 4), r.int(1, 4)] : r.pick([[0, 2], [2], [1.5, 2]]);
      const args: unknown[] = [img, r.chance(0.05) ? floatTensor(r, [B, 3]) : boxes, ind, crop];
      if (r.chance(0.7)) args.push(r.pick(['bilinear', 'nearest', 'nearest', 'cubic']), r.pick([undefined, 0, 7, -1.5, NaN]));
      return { args, tags: [], valid: undefined };
    },
    tfjs: (t, a) => t.image.cropAndResize(a[0], a[1], a[2], a[3], a[4], a[5]),
  },
  'image.flipLeftRight': { gen: (r) => ok(r.chance(0.9) ? image(r) : anyTensor(r, { dtypes: [80, 20, 0] })), tfjs: (t, a) => t.image.flipLeftRight(a[0]), tol: EXACT },
  'image.rotateWithOffset': {
    gen: (r) => {
      const img = image(r, { C: r.int(1, 4) });
      const args: unknown[] = [img, r.pick([0, 0.5, -1.2, Math.PI / 2, 3, 10])];
      if (r.chance(0.7)) args.push(r.chance(0.6) ? r.pick([0, 1, 255, -3.5]) : [r.int(0, 255), r.int(0, 255), r.int(0, 255)]);
      if (args.length === 3 && r.chance(0.7)) args.push(r.chance(0.6) ? r.pick([0, 0.5, 0.25, 1]) : [r.pick([0, 0.3, 0.5]), r.pick([0.5, 0.8, 1])]);
      return ok(...args);
    },
    tfjs: (t, a) => t.image.rotateWithOffset(a[0], a[1], a[2], a[3]),
    tol: EXACT,
  },
  'image.transform': {
    gen: (r) => {
      const img = image(r);
      const N = img.shape[0];
      const T = r.chance(0.5) ? 1 : N;
      const tr = tensorOf(r, [r.chance(0.95) ? T : T + 1, r.chance(0.95) ? 8 : 6], 'float32', 'small');
      const args: unknown[] = [img, tr];
      if (r.chance(0.8)) args.push(r.pick(['nearest', 'bilinear']), r.pick(['constant', 'reflect', 'wrap', 'nearest']), r.pick([0, 2.5, -1]));
      if (args.length === 5 && r.chance(0.5)) args.push([r.int(0, 5), r.int(0, 5)]);
      return { args, tags: [], valid: undefined };
    },
    tfjs: (t, a) => t.image.transform(a[0], a[1], a[2], a[3], a[4], a[5]),
    tol: { rtol: 1e-6, atol: 1e-6 },
  },
  'image.grayscaleToRGB': {
    gen: (r) => { const s = shapeOf(r, 2, 4); if (r.chance(0.9)) s[s.length - 1] = 1; return ok(anyTensor(r, { shape: s })); },
    tfjs: (t, a) => t.image.grayscaleToRGB(a[0]), tol: EXACT,
  },
  'image.rgbToGrayscale': {
    gen: (r) => { const s = shapeOf(r, 2, 4); if (r.chance(0.9)) s[s.length - 1] = 3; return ok(anyTensor(r, { shape: s, dtypes: [75, 25, 0], profile: 'bounded' })); },
    tfjs: (t, a) => t.image.rgbToGrayscale(a[0]), tol: TRANSC,
  },
  'image.threshold': {
    gen: (r) => {
      const s = [r.int(1, 4), r.int(1, 4), r.chance(0.93) ? r.pick([1, 3]) : 2];
      const rand = r.stream(), dt = r.chance(0.7) ? 'float32' : 'int32';
      const x = new TSpec(s, dt, Array.from({ length: sizeOf(s) }, () => (dt === 'int32' ? Math.floor(rand() * 256) : Math.fround(Math.floor(rand() * 2040) / 8))));
      const args: unknown[] = [x];
      if (r.chance(0.8)) args.push(r.pick(['binary', 'otsu', 'otsu']), r.bool(), r.pick([0.5, 0.3, 0.9, 0]));
      return ok(...args);
    },
    tfjs: (t, a) => t.image.threshold(a[0], a[1], a[2], a[3]), tol: EXACT,
  },
  ...Object.fromEntries(['nonMaxSuppression', 'nonMaxSuppressionAsync', 'nonMaxSuppressionWithScore', 'nonMaxSuppressionWithScoreAsync',
    'nonMaxSuppressionPadded', 'nonMaxSuppressionPaddedAsync'].map((n): [string, OpSpec] => [`image.${n}`, {
    gen: (r) => {
      const k = r.int(0, 6), rand = r.stream();
      const boxes = new TSpec([k, r.chance(0.95) ? 4 : 3], 'float32', []);
      const bv = Array.from({ length: k * boxes.shape[1] }, () => Math.fround(Math.floor(rand() * 40) / 8));
      const sv = Array.from({ length: k }, () => Math.fround(Math.floor(rand() * 100) / 100));
      if (r.chance(0.05)) sv.push(0.5);
      const args: unknown[] = [new TSpec(boxes.shape, 'float32', bv), new TSpec([sv.length], 'float32', sv), r.int(0, 7)];
      if (r.chance(0.8)) args.push(r.pick([0.5, 0.3, 0, 1, 0.7]), r.pick([undefined, 0.2, 0.5, -Infinity]));
      if (args.length === 5 && r.chance(0.6)) args.push(n.includes('WithScore') ? r.pick([0, 0.5, 0.1, 1]) : n.includes('Padded') ? r.bool() : undefined);
      return { args, tags: [], valid: undefined };
    },
    tfjs: (t, a) => (t.image as unknown as Record<string, (...x: unknown[]) => unknown>)[n](...a),
    tol: BASIC,
  }])),
  'linalg.bandPart': {
    gen: (r) => {
      const x = anyTensor(r, { shape: shapeOf(r, r.chance(0.95) ? 2 : 0, 4) });
      const [M, N] = x.rank >= 2 ? x.shape.slice(-2) : [1, 1];
      return ok(x, r.int(-2, M + (r.chance(0.1) ? 2 : 0)), r.int(-2, N + (r.chance(0.1) ? 2 : 0)));
    },
    tfjs: (t, a) => t.linalg.bandPart(a[0], a[1], a[2]), tol: EXACT,
  },
  'linalg.gramSchmidt': {
    gen: (r) => {
      const n = r.int(1, 3), d = r.int(r.chance(0.9) ? n : 1, 4), rand = r.stream();
      return ok(new TSpec([n, d], 'float32', Array.from({ length: n * d }, () => Math.fround(rand() * 4 - 2))));
    },
    tfjs: (t, a) => t.linalg.gramSchmidt(a[0]), tol: { rtol: 1e-3, atol: 1e-4 },
  },
  'linalg.qr': {
    gen: (r) => {
      const s = [...shapeOf(r, 0, r.chance(0.8) ? 0 : 2, 1), r.int(1, 4), r.int(1, 4)], rand = r.stream();
      const x = new TSpec(s, 'float32', Array.from({ length: sizeOf(s) }, () => Math.fround(rand() * 4 - 2)));
      return r.chance(0.5) ? ok(x) : ok(x, r.bool());
    },
    tfjs: (t, a) => t.linalg.qr(a[0], a[1]), tol: (c) => ({ rtol: 1e-3, atol: 1e-4 * (1 + maxAbs(c)) }),
  },
  einsum: {
    gen: (r) => {
      const [eq, terms] = r.pick([['ij,jk->ik', ['ij', 'jk']], ['i,i->', ['i', 'i']], ['bi,bi->b', ['bi', 'bi']], ['i,j->ij', ['i', 'j']],
        ['ij->ji', ['ij']], ['bij->bji', ['bij']], ['ij->', ['ij']], ['ij->j', ['ij']], ['bij,bjk->bik', ['bij', 'bjk']],
        ['ijk,jkl->il', ['ijk', 'jkl']], ['ba,ca->bc', ['ba', 'ca']], ['ij,j->i', ['ij', 'j']], ['abc,ac->b', ['abc', 'ac']],
        ['ii->', ['ii']], ['ij,jk', ['ij', 'jk']], ['ij,jk->il', ['ij', 'jk']]] as [string, string[]][]);
      const dims: Record<string, number> = {};
      for (const l of terms.join('')) dims[l] ??= r.int(0, 4);
      const dt = r.chance(0.8) ? 'float32' : 'int32';
      const xs = terms.map((t) => tensorOf(r, [...t].map((l) => dims[l] + (r.chance(0.04) ? 1 : 0)), dt, 'bounded'));
      return { args: [eq, ...xs], tags: [], valid: undefined };
    },
    tfjs: (t, a) => t.einsum(a[0], ...a.slice(1)),
    tol: (c) => ({ rtol: 1e-5, atol: 1e-5 * (1 + c.args.slice(1).reduce((p: number, _a, i) => p * (1 + maxAbs(c, i + 1)), 1) * 8) }),
  },
  'signal.hannWindow': { gen: (r) => ok(r.pick([0, 1, 2, 3, 6, 7, 10, -1, 2.5])), tfjs: (t, a) => t.signal.hannWindow(a[0]), tol: { rtol: 1e-6, atol: 1e-7 } },
  'signal.hammingWindow': { gen: (r) => ok(r.pick([0, 1, 2, 3, 6, 7, 10, -1, 2.5])), tfjs: (t, a) => t.signal.hammingWindow(a[0]), tol: { rtol: 1e-6, atol: 1e-7 } },
  'signal.frame': {
    gen: (r) => {
      const x = anyTensor(r, { shape: r.chance(0.93) ? [r.int(0, 8)] : shapeOf(r, 0, 2), dtypes: [70, 30, 0] });
      const args: unknown[] = [x, r.int(1, 5), r.int(r.chance(0.95) ? 1 : 0, 3)];
      if (r.chance(0.6)) args.push(r.bool(), r.pick([0, 5, -1.5]));
      return ok(...args);
    },
    tfjs: (t, a, c) => {
      const [x, len, step, padEnd] = a;
      const n = shapeOfArg(c.args[0]).reduce((p, d) => p * d, 1);
      // tfjs loops forever for a step that is not positive (when a frame fits) or not a number
      if (!(typeof step === 'number' && step > 0) && ((typeof len === 'number' && len <= n) || (padEnd === true && n > 0))) throw new Error('bad frameStep');
      if (!(typeof len === 'number' && len > 0)) throw new Error('bad frameLength');
      return t.signal.frame(x, len, step, padEnd, a[4]);
    },
    tol: EXACT,
  },
};

// ---- more convolutions and pooling (issue 14) ----------------------------------------------------------

/** A 5-D NDHWC volume (sometimes rank 4). */
function volume(r: R, o: { rank4?: boolean; C?: number; profile?: Profile } = {}): TSpec {
  const N = r.int(0, 2) === 0 && r.chance(0.3) ? 0 : r.int(1, 2);
  const D = r.int(0, 4), H = r.int(0, 4), W = r.int(0, 4), C = o.C ?? r.int(1, 3);
  return floatTensor(r, o.rank4 ? [D, H, W, C] : [N, D, H, W, C], o.profile ?? 'bounded');
}
function triple3(r: R, lo: number, hi: number): number | [number, number, number] {
  return r.chance(0.6) ? r.int(lo, hi) : [r.int(lo, hi), r.int(lo, hi), r.int(lo, hi)];
}
/** conv tolerance from the magnitudes of the tensors in a case (nested in an options object too). */
function convTol(c: Case): Tol {
  const ts: TSpec[] = [];
  const walk = (a: unknown) => { if (a instanceof TSpec) ts.push(a); else if (a !== null && typeof a === 'object') Object.values(a).forEach(walk); };
  c.args.forEach(walk);
  const l = ts.map((t) => t.values.reduce((s, v) => (Number.isFinite(v) ? s + Math.abs(v) : s), 0));
  const scale = l.length >= 2 ? Math.sqrt(l[0] * l[1]) : l[0] ?? 0;
  return { rtol: 1e-5, atol: 1e-5 * (1 + scale + (l[2] ?? 0)) };
}
function conv1dCase(r: R): Case {
  const rank2 = r.chance(0.15);
  const N = r.int(0, 2), W = r.int(0, 6), C = r.int(1, 3);
  const x = floatTensor(r, rank2 ? [W, C] : [N, W, C], 'small');
  const f = floatTensor(r, [r.int(1, 3), r.chance(0.06) ? C + 1 : C, r.int(1, 3)], 'small');
  const stride = r.int(1, 2), dil = stride === 1 && r.chance(0.3) ? 2 : 1;
  const pad = r.pick(['valid', 'same', 'same', 0, 1]);
  const args: unknown[] = [x, f, stride, pad];
  if (dil !== 1 || r.chance(0.2)) args.push('NWC', dil);
  return { args, tags: [], valid: undefined };
}
function separableCase(r: R): Case {
  const x = image(r, { rank3: r.chance(0.15), profile: 'small' } as never);
  const C = x.shape[x.rank - 1], M = r.int(1, 2);
  const dw = floatTensor(r, [r.int(1, 3), r.int(1, 3), C, M], 'small');
  const pw = floatTensor(r, [1, 1, r.chance(0.06) ? C * M + 1 : C * M, r.int(1, 3)], 'small');
  const strides = pair2(r, 1, 2);
  const dil = asPair(strides).every((s) => s === 1) && r.chance(0.3) ? 2 : 1;
  return { args: [x, dw, pw, strides, r.pick(['valid', 'same']), dil], tags: [], valid: undefined };
}
function conv3dCase(r: R): Case {
  const x = volume(r, { rank4: r.chance(0.15), profile: 'small' });
  const C = x.shape[x.rank - 1];
  const f = floatTensor(r, [r.int(1, 2), r.int(1, 2), r.int(1, 2), r.chance(0.06) ? C + 1 : C, r.int(1, 3)], 'small');
  const strides = triple3(r, 1, 2);
  const dil = (typeof strides === 'number' ? strides === 1 : strides.every((s) => s === 1)) && r.chance(0.3) ? 2 : 1;
  const args: unknown[] = [x, f, strides, r.pick(['valid', 'same'])];
  if (dil !== 1 || r.chance(0.2)) args.push('NDHWC', dil);
  return { args, tags: [], valid: undefined };
}
function pool3dCase(r: R): Case {
  const x = volume(r, { rank4: r.chance(0.15) });
  const fs = triple3(r, 1, 2), strides = triple3(r, 1, 2);
  const pad = r.pick(['valid', 'same', 'same', 0, 1]);
  const rounding = typeof pad === 'number' && r.chance(0.2) ? r.pick(['floor', 'round', 'ceil']) : undefined;
  return { args: rounding === undefined ? [x, fs, strides, pad] : [x, fs, strides, pad, rounding], tags: [], valid: undefined };
}
function fusedActivation(r: R): Record<string, unknown> {
  const activation = r.pick([undefined, 'linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu']);
  const o: Record<string, unknown> = { activation };
  if (activation === 'leakyrelu' && r.bool()) o.leakyreluAlpha = r.pick([0.1, 0.3, 2]);
  return o;
}
function fusedConvCase(r: R, depthwise: boolean): Case {
  const x = image(r, { rank3: r.chance(0.1), profile: 'small' } as never);
  const C = x.shape[x.rank - 1], OC = r.int(1, 3);
  const f = floatTensor(r, [r.int(1, 3), r.int(1, 3), C, OC], 'small');
  const o: Record<string, unknown> = { x, filter: f, strides: pair2(r, 1, 2), pad: r.pick(['valid', 'same']), ...fusedActivation(r) };
  const outC = depthwise ? C * OC : OC;
  if (r.chance(0.7)) o.bias = floatTensor(r, r.chance(0.8) ? [outC] : [], 'small');
  if (o.activation === 'prelu') o.preluActivationWeights = floatTensor(r, r.chance(0.8) ? [outC] : [], 'small');
  return { args: [o], tags: [], valid: undefined };
}
function fusedMatMulCase(r: R): Case {
  const M = r.int(1, 4), K = r.int(1, 4), N = r.int(1, 4);
  const ta = r.bool(), tb = r.bool();
  const a = floatTensor(r, ta ? [K, M] : [M, K], 'small'), b = floatTensor(r, tb ? [N, K] : [K, N], 'small');
  const o: Record<string, unknown> = { a, b, transposeA: ta, transposeB: tb, ...fusedActivation(r) };
  if (r.chance(0.7)) o.bias = floatTensor(r, r.pick([[N], [], [M, N]]), 'small');
  if (o.activation === 'prelu') o.preluActivationWeights = floatTensor(r, r.chance(0.8) ? [N] : [], 'small');
  return { args: [o], tags: [], valid: undefined };
}

Object.assign(OPS, {
  conv1d: { gen: conv1dCase, tol: convTol },
  separableConv2d: { gen: separableCase, tol: convTol },
  localResponseNormalization: {
    gen: (r: R) => {
      const x = image(r, { rank3: r.chance(0.15) });
      return ok(x, r.int(0, 3), r.pick([1, 2, 0.5]), r.pick([1, 0.5, 0.1]), r.pick([0.5, 0.75, 1]));
    },
    tol: { rtol: 1e-4, atol: 1e-6 },
  },
  conv3d: { gen: conv3dCase, tol: convTol },
  conv3dTranspose: {
    gen: (r: R) => {
      const N = r.int(0, 2), D = r.int(1, 4), H = r.int(1, 4), W = r.int(1, 4), Cout = r.int(1, 3), Cin = r.int(1, 3);
      const k = [r.int(1, 2), r.int(1, 2), r.int(1, 2)], s = r.int(1, 2);
      const pad = r.pick(['valid', 'same']);
      const o = [D, H, W].map((n, i) => convOut(n, k[i], s, 1, pad, undefined, 1));
      const wrong = r.chance(0.1);
      const x = floatTensor(r, [N, Math.max(o[0], 0) + (wrong ? 1 : 0), Math.max(o[1], 0), Math.max(o[2], 0), Cin], 'small');
      const f = floatTensor(r, [...k, Cout, Cin], 'small');
      return { args: [x, f, [N, D, H, W, Cout], s, pad], tags: [], valid: o.every((v) => v > 0) && !wrong };
    },
    tol: convTol,
  },
  maxPool3d: { gen: pool3dCase },
  avgPool3d: { gen: pool3dCase, tol: (c: Case) => ({ rtol: 1e-5, atol: 1e-6 * (1 + maxAbs(c)) }) },
  pool: {
    gen: (r: R) => {
      const x = image(r, { rank3: r.chance(0.15) });
      const dil = r.chance(0.5) ? pair2(r, 1, 3) : 1;
      const strides = asPair(dil as number | [number, number]).every((d) => d === 1) ? pair2(r, 1, 2) : 1;
      return { args: [x, pair2(r, 1, 3), r.pick(['max', 'avg']), r.pick(['valid', 'same', 'same']), dil, strides], tags: [], valid: undefined };
    },
    tol: (c: Case) => ({ rtol: 1e-5, atol: 1e-6 * (1 + maxAbs(c)) }),
  },
  maxPoolWithArgmax: {
    gen: (r: R) => {
      const x = image(r);
      return { args: [x, pair2(r, 1, 3), pair2(r, 1, 2), r.pick(['valid', 'same', 'same']), r.bool()], tags: [], valid: undefined };
    },
  },
  dilation2d: {
    gen: (r: R) => {
      const x = image(r, { rank3: r.chance(0.15) });
      const C = x.shape[x.rank - 1];
      const f = floatTensor(r, [r.int(1, 3), r.int(1, 3), r.chance(0.06) ? C + 1 : C], 'bounded');
      return { args: [x, f, pair2(r, 1, 2), r.pick(['valid', 'same']), pair2(r, 1, 2)], tags: [], valid: undefined };
    },
  },
  'fused.conv2d': { gen: (r: R) => fusedConvCase(r, false), tfjs: (t: TFC, [o]: [never]) => t.fused.conv2d(o), tol: convTol, mutate: 0 },
  'fused.depthwiseConv2d': { gen: (r: R) => fusedConvCase(r, true), tfjs: (t: TFC, [o]: [never]) => t.fused.depthwiseConv2d(o), tol: convTol, mutate: 0 },
  'fused.matMul': { gen: fusedMatMulCase, tfjs: (t: TFC, [o]: [never]) => t.fused.matMul(o), tol: convTol, mutate: 0 },
} satisfies Record<string, OpSpec>);

// ---- space / batch / depth, scatters (src/ops/space.ts, src/ops/scatter.ts)
OPS.depthToSpace = {
  gen: (r) => {
    const bs = r.chance(0.95) ? r.int(2, 3) : r.pick([1, 0, 1.5]);
    const c = r.chance(0.9) ? r.int(1, 2) * (Number.isInteger(bs) && bs > 0 ? bs * bs : 4) : r.int(1, 5);
    const x = anyTensor(r, { shape: r.chance(0.95) ? [r.int(0, 2), r.int(0, 3), r.int(0, 3), c] : shapeOf(r, 0, 3), dtypes: [90, 10, 0] });
    return r.chance(0.8) ? ok(x, bs) : ok(x, bs, 'NHWC');
  },
};
/** A blockShape with paddings (or crops) for a tensor of shape x whose spatial sizes they fit (mostly). */
function blockCase(r: R, toBatch: boolean): Case {
  const m = r.int(1, 2);
  const block = Array.from({ length: m }, () => r.int(1, 3));
  const pads = block.map(() => [r.int(0, 2), r.int(0, 2)]);
  const spatial = block.map((b, i) => (toBatch ? Math.max(b * r.int(0, 2) - pads[i][0] - pads[i][1], 0) : r.int(1, 2)));
  if (toBatch) spatial.forEach((d, i) => { const t = d + pads[i][0] + pads[i][1]; if (t % block[i] !== 0) pads[i][1] += block[i] - (t % block[i]); });
  else pads.forEach((p, i) => { while (p[0] + p[1] > spatial[i] * block[i]) p[p[0] > 0 ? 0 : 1]--; });
  const batch = toBatch ? r.int(1, 2) : block.reduce((a, b) => a * b, 1) * r.int(1, 2);
  const shape = [batch, ...spatial, ...shapeOf(r, 0, 1, 1)];
  if (r.chance(0.05)) shape[0] += 1;
  if (r.chance(0.05)) block.push(2);
  return ok(anyTensor(r, { shape }), block, pads);
}
OPS.spaceToBatchND = { gen: (r) => blockCase(r, true) };
OPS.batchToSpaceND = { gen: (r) => blockCase(r, false) };
OPS.tensorScatterUpdate = {
  gen: (r) => {
    const shape = shapeOf(r, 1, 3, 1);
    const depth = r.int(1, shape.length), k = r.int(0, 4);
    const rand = r.stream(), oob = r.chance(0.05);
    const vals: number[] = [];
    for (let i = 0; i < k; i++) for (let j = 0; j < depth; j++) vals.push(Math.floor(rand() * shape[j]) + (oob && i === 0 ? shape[j] : 0));
    const dt = dtypeOf(r);
    const t = anyTensor(r, { shape, dtype: dt, js: 0 });
    const upd = anyTensor(r, { shape: [k, ...shape.slice(depth)], dtype: r.chance(0.95) ? dt : dtypeOf(r), js: 0 });
    return ok(t, new TSpec([k, depth], 'int32', vals), upd);
  },
};
OPS.sparseToDense = {
  gen: (r) => {
    const shape = shapeOf(r, 1, 3, 1);
    const n = r.int(0, 4), rank = shape.length;
    const rand = r.stream();
    const vals: number[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < rank; j++) vals.push(Math.floor(rand() * shape[j]));
    const idx = rank === 1 && r.bool() ? new TSpec([n], 'int32', vals) : new TSpec([n, rank], 'int32', vals);
    const dt = dtypeOf(r, [60, 40, 0]);
    const values = r.chance(0.2) ? anyTensor(r, { shape: [], dtype: dt, js: 0 }) : anyTensor(r, { shape: [r.chance(0.95) ? n : n + 1], dtype: dt, js: 0 });
    const k = r.int(0, 2);
    return k === 0 ? ok(idx, values, shape) : k === 1 ? ok(idx, values, shape, r.pick([0, 1, -2])) : ok(idx, values, shape, anyTensor(r, { shape: [], dtype: r.chance(0.9) ? dt : dtypeOf(r), js: 0 }));
  },
};
OPS.broadcastArgs = {
  gen: (r) => {
    const [a, b] = r.chance(0.9) ? broadcastable(r) : mismatched(r);
    const t = (s: number[]) => new TSpec([s.length], 'int32', s);
    return ok(t(a), t(b));
  },
};
OPS.ensureShape = {
  gen: (r) => {
    const x = anyTensor(r);
    const shape: unknown[] = x.shape.map((d) => (r.chance(0.2) ? null : r.chance(0.95) ? d : d + 1));
    if (r.chance(0.05)) shape.push(1);
    return ok(x, shape);
  },
};

// ---- search and count (src/ops/search.ts)
OPS.unique = {
  gen: (r) => {
    const x = anyTensor(r, { shape: shapeOf(r, r.chance(0.95) ? 1 : 0, 3), profile: 'index', js: 0.05 });
    return r.chance(0.4) ? ok(x) : withAxis(r, [x], x.rank);
  },
};
function sortedCase(r: R): Case {
  const lead = shapeOf(r, 0, 2, 1), m = dim(r), n = dim(r);
  const dt = dtypeOf(r, [70, 30, 0]);
  const seq = anyTensor(r, { shape: [...lead, m], dtype: dt, profile: 'index', js: 0 });
  const v = seq.values.slice();
  for (let i = 0; i < v.length; i += Math.max(m, 1)) v.splice(i, m, ...v.slice(i, i + m).sort((a, b) => a - b));
  const sorted = new TSpec(seq.shape, seq.dtype, v);
  const vals = anyTensor(r, { shape: [...(r.chance(0.95) ? lead : shapeOf(r, 0, 2, 1)), n], dtype: r.chance(0.8) ? dt : dtypeOf(r, [70, 30, 0]), profile: 'index', js: 0 });
  return ok(sorted, vals);
}
OPS.searchSorted = {
  gen: (r) => { const c = sortedCase(r); if (r.chance(0.7)) c.args.push(r.chance(0.95) ? r.pick(['left', 'right']) : 'middle'); return c; },
  tfjs: (t, [seq, v, side]) => t.searchSorted(seq, v, side),
};
OPS.lowerBound = { gen: sortedCase };
OPS.upperBound = { gen: sortedCase };
function countsCase(r: R, dense: boolean): Case {
  const shape = dense && r.bool() ? [r.int(0, 3), dim(r)] : [dim(r)];
  const size = r.chance(0.95) ? r.int(0, 6) : r.pick([-1, 1.5]);
  const x = r.chance(0.95) ? intTensor(r, shape, r.chance(0.95) ? 0 : -1, 7) : anyTensor(r, { shape, js: 0 });
  const w = r.chance(0.4) ? [] : anyTensor(r, { shape: r.chance(0.95) ? shape : [shape[0] + 1], dtypes: [70, 30, 0], profile: 'bounded', js: 0 });
  return dense && r.bool() ? ok(x, w, size, r.bool()) : ok(x, w, size);
}
OPS.bincount = { gen: (r) => countsCase(r, false), tol: (c) => ({ rtol: 1e-5, atol: 1e-6 * (1 + l1(c, 1)) }) };
OPS.denseBincount = { gen: (r) => countsCase(r, true), tol: (c) => ({ rtol: 1e-5, atol: 1e-6 * (1 + l1(c, 1)) }) };
OPS.setdiff1dAsync = {
  gen: (r) => {
    const dt = dtypeOf(r, [60, 40, 0]);
    const x = anyTensor(r, { shape: [dim(r)], dtype: dt, profile: 'index' });
    const y = anyTensor(r, { shape: r.chance(0.95) ? [dim(r)] : shapeOf(r, 0, 2), dtype: r.chance(0.9) ? dt : dtypeOf(r), profile: 'index' });
    return ok(x, y);
  },
};
OPS.inTopKAsync = {
  gen: (r) => {
    const lead = shapeOf(r, 1, 2, 1), n = r.int(1, 5);
    const p = anyTensor(r, { shape: [...lead, n], dtypes: [80, 20, 0], profile: 'index' });
    const t = intTensor(r, r.chance(0.95) ? lead : shapeOf(r, 0, 2), 0, n - 1);
    const k = r.chance(0.95) ? r.int(1, n) : r.pick([0, n + 1, 1.5]);
    return r.chance(0.2) ? ok(p, t) : ok(p, t, k);
  },
};

// ---- tf.sparse (src/ops/sparse.ts): tfjs's tf.sparse namespace is the reference
/** Index rows [n, rank] inside `shape` (sometimes one out of range). */
function sparseIndices(r: R, shape: number[], n: number): TSpec {
  const rand = r.stream(), oob = r.chance(0.05), vals: number[] = [];
  for (let i = 0; i < n; i++) for (let k = 0; k < shape.length; k++) vals.push(Math.floor(rand() * Math.max(shape[k], 1)) + (oob && i === 0 && k === 0 ? shape[k] : 0));
  return new TSpec([n, shape.length], 'int32', vals);
}
OPS['sparse.sparseFillEmptyRows'] = {
  gen: (r) => {
    const shape = shapeOf(r, 1, 3, 1), n = r.int(0, 4), dt = dtypeOf(r, [60, 40, 0]);
    const dflt = r.chance(0.7) ? r.pick([0, -1, 2.5]) : anyTensor(r, { shape: [], dtype: r.chance(0.9) ? dt : dtypeOf(r, [60, 40, 0]), js: 0 });
    return ok(sparseIndices(r, shape, n), anyTensor(r, { shape: [r.chance(0.95) ? n : n + 1], dtype: dt, js: 0 }), new TSpec([shape.length], 'int32', shape), dflt);
  },
  tfjs: (t, a) => t.sparse.sparseFillEmptyRows(a[0], a[1], a[2], a[3]),
};
OPS['sparse.sparseReshape'] = {
  gen: (r) => {
    const shape = shapeOf(r, 1, 3, 1), n = r.int(0, 4), size = sizeOf(shape);
    const k = r.int(0, 99);
    let ns: number[];
    if (k < 60) ns = r.pick([[size], [1, size], [size, 1], shape.slice().reverse()]);
    else if (k < 85) { ns = r.pick([[size], [1, size], shape.slice()]); ns[r.int(0, ns.length - 1)] = -1; } else ns = r.pick([[size + 1], [-1, -1], [2, -3], [-1, 0]]);
    return ok(sparseIndices(r, shape, n), new TSpec([shape.length], 'int32', shape), new TSpec([ns.length], 'int32', ns));
  },
  tfjs: (t, a) => t.sparse.sparseReshape(a[0], a[1], a[2]),
};
function segmentCase(r: R): Case {
  const data = anyTensor(r, { shape: shapeOf(r, r.chance(0.97) ? 1 : 0, 3, 1), dtypes: [75, 25, 0], profile: 'bounded', js: 0 });
  const rows = data.shape[0] ?? 1, n = r.int(0, 5);
  const idx = Array.from({ length: n }, () => r.int(0, rows - 1) + (r.chance(0.03) ? rows : 0));
  const ids: number[] = [];
  for (let i = 0, s = r.int(0, 1); i < n; i++) { s += r.chance(0.6) ? 0 : r.int(1, 2); ids.push(s); }
  if (n > 1 && r.chance(0.05)) ids.reverse();
  return ok(data, new TSpec([n], 'int32', idx), new TSpec([n], 'int32', ids));
}
OPS['sparse.sparseSegmentSum'] = { gen: segmentCase, tfjs: (t, a) => t.sparse.sparseSegmentSum(a[0], a[1], a[2]), tol: (c) => ({ rtol: 1e-5, atol: 1e-6 * (1 + l1(c)) }) };
OPS['sparse.sparseSegmentMean'] = { gen: segmentCase, tfjs: (t, a) => t.sparse.sparseSegmentMean(a[0], a[1], a[2]), tol: (c) => ({ rtol: 1e-5, atol: 1e-6 * (1 + l1(c)) }) };

OPS.raggedRange = {
  gen: (r) => {
    const n = r.int(0, 4), dt = dtypeOf(r, [60, 40, 0]);
    const arg = (nz: boolean) => {
      const t = anyTensor(r, { shape: r.chance(0.3) ? [] : [r.chance(0.95) ? n : n + 1], dtype: dt, profile: 'index', js: 0 });
      return nz ? new TSpec(t.shape, t.dtype, t.values.map((v) => (v === 0 && r.chance(0.95) ? 2 : v))) : t;
    };
    return ok(arg(false), arg(false), arg(true));
  },
};

OPS.raggedGather = {
  gen: (r) => {
    const K = r.int(1, 2);
    const vshape = [0, ...shapeOf(r, 0, 1, 1)];
    // splits from the innermost level out: each level's last split is the size of the level below
    const levels: number[][] = [];
    let below = r.int(0, 6);
    vshape[0] = below;
    for (let k = 0; k < K; k++) {
      const rows = r.int(1, 4), cuts = Array.from({ length: rows - 1 }, () => r.int(0, below)).sort((a, b) => a - b);
      const sp = [0, ...cuts, below];
      if (r.chance(0.03)) sp.reverse();
      levels.unshift(sp);
      below = rows;
    }
    const nrows = levels[0].length - 1;
    const ishape = shapeOf(r, 0, 2, 1);
    const ind = intTensor(r, ishape, r.chance(0.97) ? 0 : -1, nrows - 1 + (r.chance(0.03) ? 1 : 0));
    const splits = levels.map((v) => new TSpec([v.length], 'int32', v));
    const rank = r.chance(0.95) ? ishape.length + K - 1 : ishape.length + K;
    return ok(splits, anyTensor(r, { shape: vshape, dtypes: [70, 25, 5], js: 0 }), ind, rank);
  },
};

OPS.raggedTensorToTensor = {
  gen: (r) => {
    // flat values (as tfjs's own specs): tfjs sizes outputs with inner axes wrongly when shape holds -1 or 0
    const K = r.int(1, 2), rowids = r.chance(0.4);
    const inner: number[] = [];
    // partitions from the outermost level in: each level's item count is the next level's row count
    const nrows = r.int(0, 3);
    const parts: TSpec[] = [];
    let rows = nrows;
    if (rowids) parts.push(new TSpec([], 'int32', [nrows]));
    for (let k = 0; k < K; k++) {
      const lens = Array.from({ length: rows }, () => r.int(0, 3));
      const items = lens.reduce((a, b) => a + b, 0);
      if (rowids) parts.push(new TSpec([items], 'int32', lens.flatMap((l, i) => new Array<number>(l).fill(i))));
      else parts.push(new TSpec([rows + 1], 'int32', lens.reduce((acc, l) => [...acc, acc[acc.length - 1] + l], [0])));
      rows = items;
    }
    const types = rowids ? ['FIRST_DIM_SIZE', ...new Array<string>(K).fill('VALUE_ROWIDS')] : new Array<string>(K).fill('ROW_SPLITS');
    const values = anyTensor(r, { shape: [rows, ...inner], dtypes: [70, 30, 0], js: 0 });
    const shape = r.chance(0.2) ? [] : [...Array.from({ length: K + 1 }, () => (r.chance(0.3) ? -1 : r.int(0, 3))), ...inner.map((d) => (r.chance(0.3) ? -1 : d))];
    return ok(shape, values, r.pick([0, -1, 2.5]), parts, types);
  },
};

/** A tensor of rank r (sometimes another rank: the typed forwards' checks). */
function rankTensor(r: R, rank: number): TSpec {
  return anyTensor(r, { shape: r.chance(0.9) ? shapeOf(r, rank, rank) : shapeOf(r, 0, 4) });
}
for (let rank = 1; rank <= 4; rank++) {
  OPS[`concat${rank}d`] = {
    gen: (r) => {
      const base = shapeOf(r, rank, rank);
      const a = r.int(0, rank - 1), dt = dtypeOf(r);
      const ts = Array.from({ length: r.int(1, 3) }, () => {
        const s = base.slice();
        s[rank === 1 ? 0 : a] = dim(r);
        if (r.chance(0.05)) s[(a + 1) % rank] += 1;
        return anyTensor(r, { shape: s, dtype: r.chance(0.9) ? dt : dtypeOf(r) });
      });
      if (rank === 1) return ok(ts);
      return r.chance(0.9) ? ok(ts, r.bool() ? a : a - rank) : { args: [ts, oneAxis(r, rank)], tags: [], valid: undefined };
    },
  };
  OPS[`pad${rank}d`] = {
    gen: (r) => {
      const x = rankTensor(r, rank);
      const pair = () => [r.int(0, 2), r.int(0, 2)];
      const n = r.chance(0.92) ? rank : r.int(1, 4);
      const paddings = rank === 1 && n === 1 ? pair() : Array.from({ length: n }, pair);
      return r.chance(0.5) ? ok(x, paddings) : ok(x, paddings, r.pick([0, 1, -2.5, 7]));
    },
  };
  OPS[`slice${rank}d`] = {
    gen: (r) => {
      const x = rankTensor(r, rank);
      const begin = x.shape.slice(0, rank).map((d) => (r.chance(0.95) ? r.int(0, d) : d + 1));
      const size = begin.map((b, i) => (r.chance(0.3) ? -1 : r.chance(0.95) ? r.int(0, Math.max(x.shape[i] - b, 0)) : x.shape[i] + 1));
      while (begin.length < rank) { begin.push(0); size.push(-1); }
      return rank === 1 ? ok(x, begin[0], size[0]) : ok(x, begin, size);
    },
  };
  OPS[`reverse${rank}d`] = {
    gen: (r) => {
      const x = rankTensor(r, rank);
      if (rank === 1) return ok(x);
      const { axis, valid, tag } = axisArg(r, x.rank);
      return { args: axis === undefined ? [x] : [x, axis], tags: [tag], valid };
    },
  };
}

/** complex64 values of a shape: parts in [-2, 2] (the transforms' sums stay exact enough to compare). */
function complexOf(r: R, shape: number[]): CSpec { return new CSpec(floatTensor(r, shape, 'small'), floatTensor(r, shape, 'small')); }
function fftGen(r: R): Case {
  if (r.chance(0.08)) return bad('dtype:real', floatTensor(r, shapeOf(r, 1, 3), 'small'));
  return ok(complexOf(r, shapeOf(r, 1, 3, 1)));
}
function rfftGen(r: R): Case {
  if (r.chance(0.08)) return bad('dtype:complex', complexOf(r, shapeOf(r, 1, 3, 1)));
  const x = floatTensor(r, shapeOf(r, 1, 3, 1), 'small');
  return r.chance(0.5) ? ok(x) : ok(x, r.int(1, 8));
}

for (const name of UNARY_BASIC) OPS[name] = { gen: unaryOk(), tol: BASIC };
for (const name of UNARY_TRANSC) OPS[name] = { gen: unaryOk(), tol: TRANSC };
for (const name of BINARY) OPS[name] = { gen: (r) => binaryCase(r), tol: name === 'atan2' || name === 'pow' ? TRANSC : BASIC };
for (const name of COMPARE) OPS[name] = { gen: (r) => binaryCase(r) };
for (const name of LOGICAL) OPS[name] = { gen: (r) => binaryCase(r, [8, 7, 85]) };
for (const name of REDUCE) {
  OPS[name] = {
    gen: (r) => reduceCase(r, undefined, name === 'prod' ? 'small' : 'bounded'),
    tol: (c) => ({ rtol: name === 'logSumExp' || name === 'prod' ? 1e-4 : 1e-5, atol: 1e-6 * (1 + l1(c)) }),
  };
}

// ---- math ops of issue 14
const HYPERBOLIC = ['cosh', 'sinh', 'acosh', 'asinh', 'atanh'];
for (const name of HYPERBOLIC) OPS[name] = { gen: unaryOk(), tol: TRANSC };
Object.assign(OPS, {
  logSigmoid: { gen: unaryOk(), tol: TRANSC },
  isFinite: { gen: unaryOk() },
  isInf: { gen: unaryOk() },
  divNoNan: { gen: (r: R) => binaryCase(r) },
  bitwiseAnd: {
    gen: (r: R) => {
      const [sa, sb] = r.chance(0.8) ? (() => { const s = shapeOf(r); return [s, s]; })() : broadcastable(r);
      const dt = (): DT => (r.chance(0.85) ? 'int32' : dtypeOf(r));
      return ok(anyTensor(r, { shape: sa, dtype: dt() }), anyTensor(r, { shape: sb, dtype: dt() }));
    },
    tol: EXACT,
  },
  addN: {
    gen: (r: R) => {
      const s = shapeOf(r, 0, 3), dt = dtypeOf(r, [70, 25, 5]), n = r.int(r.chance(0.05) ? 0 : 1, 4);
      const xs: unknown[] = Array.from({ length: n }, () => anyTensor(r, { shape: s, dtype: dt, profile: 'bounded' }));
      if (n > 1 && r.chance(0.08)) { xs[n - 1] = anyTensor(r, { shape: shapeOf(r, 1, 3), dtype: dt }); return bad('addN:shape', xs); }
      if (n > 1 && r.chance(0.05)) { xs[n - 1] = anyTensor(r, { shape: s, dtype: r.pick(['float32', 'int32', 'bool'] as const) }); return { args: [xs], tags: ['addN:dtype'], valid: undefined }; }
      if (r.chance(0.05)) return ok(r.pick([[1, 2, 3], [0.5], [true, false]]));
      return ok(xs);
    },
    tol: (c: Case) => ({ rtol: 1e-5, atol: 1e-6 * (1 + (Array.isArray(c.args[0]) ? (c.args[0] as unknown[]).reduce<number>((m, t) => m + (t instanceof TSpec ? t.values.reduce((q, v) => (Number.isFinite(v) ? q + Math.abs(v) : q), 0) : 0), 0) : 0)) }),
  },
  all: { gen: (r: R) => reduceCase(r, [10, 10, 80]) },
  any: { gen: (r: R) => reduceCase(r, [10, 10, 80]) },
  euclideanNorm: {
    gen: (r: R) => reduceCase(r, [80, 20, 0]),
    tol: (c: Case) => ({ rtol: 1e-5, atol: 1e-6 * (1 + maxAbs(c)) }),
  },
  cumprod: {
    gen: (r: R) => {
      const x = anyTensor(r, { dtypes: [70, 25, 5], profile: 'small' });
      const args: unknown[] = [x];
      if (r.chance(0.7)) args.push(oneAxis(r, x.rank));
      if (r.chance(0.5)) args.push(args.length === 1 ? undefined : args.pop(), r.bool(), r.bool());
      return { args, tags: [], valid: undefined };
    },
    tol: { rtol: 1e-5, atol: 1e-6 },
  },
} satisfies Record<string, OpSpec>);

function batchNormNdCase(r: R, rank: number): Case {
  const x = anyTensor(r, { shape: shapeOf(r, r.chance(0.9) ? rank : 1, r.chance(0.9) ? rank : 4, 1), dtypes: [85, 15, 0], profile: 'bounded' });
  const C = x.shape[x.rank - 1] ?? 1;
  const stat = (profile: Profile) => {
    const k = r.int(0, 99);
    const shape = k < 70 ? [C] : k < 90 ? x.shape.slice() : k < 95 ? [] : [C + 1];
    return anyTensor(r, { shape, dtypes: [90, 10, 0], profile, js: 0.05 });
  };
  const args: unknown[] = [x, stat('bounded'), stat('pos')];
  if (r.chance(0.6)) args.push(r.chance(0.8) ? stat('bounded') : undefined, r.chance(0.8) ? stat('pos') : undefined);
  if (r.chance(0.3)) { while (args.length < 5) args.push(undefined); args.push(r.pick([0.001, 0, 1e-5])); }
  return { args, tags: [], valid: undefined };
}
/** A cell for multiRNNCell: the same function on either library's tensors (with that library's ops). */
const fuzzCell = (w: number) => (d: any, c: any, h: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const L = (d instanceof tf.Tensor ? tf : tfc) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const s = L.mul(L.sum(d, 1, true), w);
  return [L.add(c, s), L.add(L.tanh(s), h)];
};
Object.assign(OPS, {
  outerProduct: {
    gen: (r: R) => {
      const sh = () => (r.chance(0.9) ? [dim(r)] : shapeOf(r, 0, 2));
      return ok(anyTensor(r, { shape: sh(), dtypes: [80, 20, 0] }), anyTensor(r, { shape: sh(), dtypes: [80, 20, 0] }));
    },
  },
  diag: { gen: (r: R) => ok(anyTensor(r, { shape: shapeOf(r, 0, 3, 0).map((d) => Math.min(d, 3)) })), tol: EXACT },
  movingAverage: {
    gen: (r: R) => {
      const s = shapeOf(r, 0, 3);
      const v = anyTensor(r, { shape: s, dtypes: [85, 15, 0], profile: 'bounded' });
      const x = anyTensor(r, { shape: r.chance(0.93) ? s : shapeOf(r, 1, 3), dtypes: [85, 15, 0], profile: 'bounded' });
      const decay = r.pick([0.9, 0.5, 0.99, 0, 1]);
      const step = r.pick([1, 2, 10, undefined]);
      const args: unknown[] = [v, x, decay];
      if (step !== undefined || r.bool()) args.push(step);
      if (r.chance(0.4)) { if (args.length < 4) args.push(undefined); args.push(r.bool()); }
      return { args, tags: [], valid: undefined };
    },
    tol: { rtol: 1e-5, atol: 1e-6 },
  },
  batchNorm2d: { gen: (r: R) => batchNormNdCase(r, 2), tol: { rtol: 1e-4, atol: 1e-5 } },
  batchNorm3d: { gen: (r: R) => batchNormNdCase(r, 3), tol: { rtol: 1e-4, atol: 1e-5 } },
  batchNorm4d: { gen: (r: R) => batchNormNdCase(r, 4), tol: { rtol: 1e-4, atol: 1e-5 } },
  basicLSTMCell: {
    gen: (r: R) => {
      const B = r.int(0, 3), I = r.int(1, 3), U = r.int(1, 3);
      const wrong = r.chance(0.08);
      const f = (shape: number[]) => anyTensor(r, { shape, dtypes: [90, 10, 0], profile: 'small', js: 0.03 });
      const c: Case = { args: [r.pick([0, 1, 0.5]), f([I + U + (wrong ? 1 : 0), 4 * U]), f([4 * U]), f([B, I]), f([B, U]), f([B, U])], tags: [], valid: !wrong };
      return c;
    },
    tol: { rtol: 1e-4, atol: 1e-5 },
  },
  multiRNNCell: {
    gen: (r: R) => {
      const n = r.int(1, 3), B = r.int(1, 3);
      const cells = Array.from({ length: n }, (_, i) => fuzzCell(0.5 + i));
      const st = () => Array.from({ length: n }, () => floatTensor(r, [B, 1], 'small'));
      const c = st(), h = r.chance(0.93) ? st() : st().slice(1);
      return ok(cells, floatTensor(r, [B, r.int(1, 3)], 'small'), c, h);
    },
    mutate: 0.1,
    tol: { rtol: 1e-5, atol: 1e-6 },
  },
  tensor5d: { gen: (r: R) => valuesCase(r, r.chance(0.85) ? 5 : r.pick([1, 4])) },
  tensor6d: { gen: (r: R) => valuesCase(r, r.chance(0.85) ? 6 : r.pick([0, 5])) },
  randomStandardNormal: {
    gen: (r: R) => {
      const { shape, valid } = shapeArg(r, 3);
      const c: Case = { args: [shape], tags: [], valid };
      if (r.chance(0.6)) withDtype(c, dtypeArg(r, 'float32'), 1);
      if (r.chance(0.5)) { while (c.args.length < 2) c.args.push(undefined); c.args.push(r.pick([1, 42, -7])); }
      return c;
    },
    tol: { rtol: 0, atol: 0, shapeOnly: true },
    check: randomCheck(() => -Infinity, () => Infinity),
  },
  randomUniformInt: {
    gen: (r: R) => {
      const { shape, valid } = shapeArg(r, 3);
      const lo = r.pick([0, -5, 3, 100]), hi = lo + r.pick([1, 2, 10, 1000, 0, -1]);
      return { args: [shape, lo, hi, r.pick([undefined, 5, 77])], tags: hi <= lo ? ['uniform:empty'] : [], valid: valid && hi > lo };
    },
    tol: { rtol: 0, atol: 0, shapeOnly: true },
    check: randomCheck((c) => Math.min(c.args[1] as number, c.args[2] as number), (c) => Math.max(c.args[1] as number, c.args[2] as number) - 1),
  },
  randomGamma: {
    gen: (r: R) => {
      const { shape, valid } = shapeArg(r, 3);
      const alpha = r.chance(0.9) ? r.pick([0.5, 1, 2, 5]) : r.pick([0, -1, NaN]);
      const args: unknown[] = [shape, alpha];
      if (r.chance(0.6)) args.push(r.chance(0.95) ? r.pick([1, 2, 0.5]) : r.pick([0, -1]));
      const c: Case = { args, tags: [], valid: valid && alpha > 0 };
      if (r.chance(0.4)) withDtype(c, dtypeArg(r, 'float32'), 3);
      if (r.chance(0.4)) { while (c.args.length < 4) c.args.push(undefined); c.args.push(r.pick([3, 9])); }
      return c;
    },
    tfjs: (t: TFC, a: any[]) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      // tfjs's sampler loops forever for alpha or beta that is not > 0
      if (!(a[1] > 0) || !((a[2] ?? 1) > 0)) throw NO_VERDICT;
      return t.randomGamma(a[0], a[1], a[2], a[3], a[4]);
    },
    tol: { rtol: 0, atol: 0, shapeOnly: true },
    check: randomCheck(() => 0, () => Infinity),
  },
  rand: {
    gen: (r: R) => {
      const { shape, valid } = shapeArg(r, 3);
      const v = r.pick([0.25, -1.5, 3, 0, 7.75]);
      const c: Case = { args: [shape, r.chance(0.95) ? () => v : 'x'], tags: [], valid };
      if (r.chance(0.5)) withDtype(c, dtypeArg(r, 'float32'), 2);
      return c;
    },
    tol: EXACT,
  },
  multinomial: {
    gen: (r: R) => {
      const logits = anyTensor(r, { shape: shapeOf(r, r.chance(0.93) ? 1 : 0, r.chance(0.93) ? 2 : 3, 1), dtypes: [90, 10, 0], profile: 'small' });
      const args: unknown[] = [logits, r.chance(0.95) ? r.int(0, 5) : r.pick([-1, 1.5])];
      if (r.chance(0.7)) args.push(r.pick([undefined, 1, 42]), r.bool());
      return { args, tags: [], valid: undefined };
    },
    tol: { rtol: 0, atol: 0, shapeOnly: true },
    check: (out: Plain, c: Case) => {
      if (!isPT(out)) return 'not a tensor';
      const sh = shapeOfArg(c.args[0]), classes = sh[sh.length - 1] ?? 1;
      const bad = out.values.find((v) => !(v >= 0 && v < classes));
      return bad === undefined ? null : `class ${bad} outside [0, ${classes})`;
    },
  },
  'math.confusionMatrix': {
    gen: (r: R) => {
      const n = r.int(1, 4), len = dim(r);
      const ix = () => (r.chance(0.9) ? intTensor(r, [len], 0, n - 1) : r.chance(0.5) ? intTensor(r, [len], -1, n) : anyTensor(r, { shape: [len], dtype: 'float32', profile: 'index' }));
      return ok(ix(), r.chance(0.95) ? ix() : intTensor(r, [len + 1], 0, n - 1), r.chance(0.95) ? n : r.pick([0, -1, 1.5]));
    },
    tfjs: (t: TFC, a: any[]) => t.math.confusionMatrix(a[0], a[1], a[2]), // eslint-disable-line @typescript-eslint/no-explicit-any
    tol: EXACT,
  },
} satisfies Record<string, OpSpec>);

// ---- deliberate differences from tfjs ----------------------------------------------------------------

type Kind = 'ascent-throws' | 'tfjs-throws' | 'result';
interface Deliberate {
  ops: string[];
  /** ascent throws where tfjs returns, ascent returns where tfjs throws, or both return different results. */
  kind: Kind;
  /** `detail`: ascent's error message ('ascent-throws'), tfjs's ('tfjs-throws'), or where the results differ ('result'). */
  when: (c: Case, detail: string) => boolean;
  why: string;
}

/** Tensor argument i of a case (undefined if it is not a tensor spec). */
function T(c: Case, i: number): TSpec | undefined { const a = c.args[i]; return a instanceof TSpec ? a : undefined; }
const has = (tag: string) => (c: Case) => c.tags.some((t) => t === tag || t.startsWith(`${tag}:`) || t.endsWith(`:${tag}`));

/** The kind of the generic mutation of a case ('NaN', 'missing' …), and its position. */
function mutation(c: Case): { kind: string; at: number } | undefined {
  const t = c.tags.find((x) => x.startsWith('mut:'));
  if (t === undefined) return undefined;
  const [, at, kind] = t.split(':');
  return { kind, at: Number(at) };
}
const mutated = (...kinds: string[]) => (c: Case) => { const m = mutation(c); return m !== undefined && kinds.includes(m.kind); };
/** The dtype an argument has as a tensor (JS numbers and nested numbers are float32, booleans bool). */
function eff(a: unknown): DT | 'other' {
  if (a instanceof TSpec) return a.js ? (a.dtype === 'bool' && a.size > 0 ? 'bool' : 'float32') : a.dtype;
  let e = a;
  while (Array.isArray(e) && e.length) e = e[0];
  return typeof e === 'boolean' ? 'bool' : typeof e === 'number' || (Array.isArray(e)) ? 'float32' : 'other';
}
/** The values of an argument read as a tensor (a JS number: itself). */
function vals(a: unknown): number[] {
  if (a instanceof TSpec) return a.values;
  if (typeof a === 'number' || typeof a === 'boolean') return [Number(a)];
  if (ArrayBuffer.isView(a)) return Array.from(a as unknown as ArrayLike<number>);
  return Array.isArray(a) ? (a.flat(4) as unknown[]).map(Number) : [];
}
function shapeOfArg(a: unknown): number[] {
  if (a instanceof TSpec) return a.js && a.size === 0 ? [0] : a.shape;
  if (ArrayBuffer.isView(a)) return [(a as unknown as ArrayLike<number>).length];
  const s: number[] = [];
  for (let e = a; Array.isArray(e); e = e[0]) s.push(e.length);
  return s;
}
/** The element pairs of a broadcasting binary case (arguments 0 and 1). */
function pairs(c: Case): [number, number][] {
  const [a, b] = c.args, sa = shapeOfArg(a), sb = shapeOfArg(b), va = vals(a), vb = vals(b);
  const r = Math.max(sa.length, sb.length);
  const out = Array.from({ length: r }, (_, i) => Math.max(sa[sa.length - r + i] ?? 1, sb[sb.length - r + i] ?? 1));
  const at = (s: number[], idx: number[]) => s.reduce((o, d, i) => o * d + (d === 1 ? 0 : idx[r - s.length + i]), 0);
  const res: [number, number][] = [];
  const n = sizeOf(out);
  for (let k = 0; k < n; k++) {
    const idx = new Array<number>(r);
    for (let d = r - 1, q = k; d >= 0; d--) { idx[d] = q % out[d]; q = Math.floor(q / out[d]); }
    res.push([va[at(sa, idx)], vb[at(sb, idx)]]);
  }
  return res;
}
/** A JS number or boolean (also as a rank-0 nested value) where a tensor goes: a literal. */
const isLiteral = (a: unknown) => typeof a === 'number' || typeof a === 'boolean' || (a instanceof TSpec && a.js && a.rank === 0);
/** tfjs's mod kernel, and TensorFlow's FloorMod (float64 here; the rows compare after float32 rounding). */
const tfjsMod = (a: number, b: number) => { const r = a % b; return (a < 0 && b < 0) || (a >= 0 && b >= 0) ? r : (r + b) % b; };
const tfMod = (a: number, b: number) => { const r = a % b; return r !== 0 && (b < 0) !== (r < 0) ? r + b : r; };
const isWhole32 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;
/** A JS value made into a bool tensor where TF's rule (nonzero is true) and tfjs's (round, then nonzero) differ. */
const boolRounding = (a: unknown) => !(a instanceof TSpec && !a.js) && eff(a) !== 'bool' && vals(a).some((v) => v !== 0 && (Math.abs(v) < 0.5 || v === -0.5));
/** The size of the groups a reduction case reduces (x = argument 0, axis = argument 1). */
function groupSize(c: Case): number {
  const shape = shapeOfArg(c.args[0]);
  const axis = c.args[1];
  if (axis === undefined || axis === null) return sizeOf(shape);
  const axes = (Array.isArray(axis) ? axis : [axis]) as number[];
  return [...new Set(axes.map((a) => (a < 0 ? a + shape.length : a)))].reduce((p, a) => p * (shape[a] ?? 1), 1);
}
/** norm's two axes, normalised. */
function normAxis(c: Case): number[] {
  const rank = shapeOfArg(c.args[0]).length;
  return (c.args[2] as number[]).map((a) => (a < 0 ? a + rank : a));
}
/** A reduction's axis list names an axis twice (after normalising negative axes). */
function repeatedAxes(c: Case): boolean {
  const rank = shapeOfArg(c.args[0]).length, axis = c.args[1];
  if (!Array.isArray(axis)) return false;
  const norm = axis.map((a) => (typeof a === 'number' && a < 0 ? a + rank : a));
  return new Set(norm).size !== norm.length;
}

/** How many leading arguments each op requires (default 1): null/undefined there is an error, later it may mean the default. */
const REQUIRED: Record<string, number> = {
  ...Object.fromEntries([...BINARY, ...COMPARE, ...LOGICAL, 'reshape', 'cast', 'broadcastTo', 'fill', 'oneHot', 'matMul', 'dot',
    'conv2d', 'depthwiseConv2d', 'maxPool', 'avgPool', 'slice', 'index', 'split', 'tile', 'pad', 'gather', 'gatherND', 'booleanMask',
    'booleanMaskAsync', 'prelu', 'dropout', 'softmaxCrossEntropyWithLogits', 'sigmoidCrossEntropyWithLogits'].map((n) => [n, 2])),
  ...Object.fromEntries(['linspace', 'conv2dTranspose', 'conv2dBackpropFilter', 'stridedSlice', 'mirrorPad', 'clipByValue',
    'unsortedSegmentSum', 'scatterND', 'batchNorm', 'signal.stft', 'string.staticRegexReplace', 'string.stringSplit'].map((n) => [n, 3])),
  'string.stringNGrams': 8,
  meshgrid: 0,
  ...Object.fromEntries(['image.resizeBilinear', 'image.resizeNearestNeighbor', 'image.rotateWithOffset', 'image.transform', 'einsum'].map((n) => [n, 2])),
  ...Object.fromEntries(['image.nonMaxSuppression', 'image.nonMaxSuppressionAsync', 'image.nonMaxSuppressionWithScore', 'image.nonMaxSuppressionWithScoreAsync',
    'image.nonMaxSuppressionPadded', 'image.nonMaxSuppressionPaddedAsync', 'linalg.bandPart', 'signal.frame'].map((n) => [n, 3])),
  'image.cropAndResize': 4,
};
/** A generic mutation that put null or undefined (or nothing) where an argument is required. */
const missingRequired = (c: Case) => {
  const m = mutation(c);
  return m !== undefined && ['null', 'undefined', 'missing'].includes(m.kind) && m.at < (REQUIRED[c.op ?? ''] ?? 1);
};
/** A mutation to a kind that is sometimes valid, rejected with a message that shows which rule it broke. */
function mutatedAgainst(c: Case, detail: string): boolean {
  const m = mutation(c);
  if (m === undefined) return false;
  switch (m.kind) {
    case 'NaN': case 'Infinity': case 'empty-array': case 'disposed': case 'int32-tensor': case 'bool-tensor': case 'float-tensor':
      return true;
    case 'fraction': return /integer|out of range|bit mask|permutation|must be a (positive|non-negative|finite)/.test(detail);
    case 'negative': return /non-negative|positive|out of range|must be ≥|in \[0/.test(detail);
    case 'true': return /must be|out of range|got true/.test(detail);
    default: return false;
  }
}
/** A conv/pool case's numeric padding with a non-square window (tfjs sizes both axes by the window's height). */
function numericPadNonSquare(c: Case): boolean {
  const op = c.op ?? '';
  const padAt = op === 'conv2dTranspose' || op === 'conv2dBackpropFilter' ? 4 : 3;
  if (typeof c.args[padAt] !== 'number') return false;
  const st = c.args[padAt - 1], dil = op === 'conv2d' || op === 'depthwiseConv2d' ? c.args[5] : undefined;
  if (Array.isArray(st) && st[0] !== st[1]) return true; // non-square strides or dilations: the same tfjs bug
  if (Array.isArray(dil) && dil[0] !== dil[1]) return true;
  let win: unknown;
  if (op === 'maxPool' || op === 'avgPool') win = c.args[1];
  else if (op === 'conv2dBackpropFilter') win = c.args[2];
  else win = T(c, 1)?.shape;
  const [kh, kw] = typeof win === 'number' ? [win, win] : Array.isArray(win) ? win : [0, 0];
  return kh !== kw;
}
const nonFinite = (c: Case) => c.args.some((a) => a instanceof TSpec && a.values.some((v) => !Number.isFinite(v)));

const ARITH_UNARY = [...UNARY_BASIC, ...UNARY_TRANSC, 'softsign', 'step', 'swish', 'silu', 'mish', 'hardSigmoid', 'gelu', 'leakyRelu', 'prelu'];
const FLOAT_UNARY = [...UNARY_TRANSC, 'sqrt', 'floor', 'ceil', 'reciprocal'];
const CREATORS = ['tensor', 'scalar', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'tensor5d', 'tensor6d'];
const SPECTRAL_OPS = ['fft', 'ifft', 'rfft', 'irfft', 'spectral.fft', 'spectral.ifft', 'spectral.rfft', 'spectral.irfft'];
const AXIS_REDUCTIONS = [...REDUCE, 'moments', 'norm', 'reverse'];

const DELIBERATE: Deliberate[] = [
  // ---- arguments ascent checks and tfjs coerces or ignores
  {
    ops: ['*'], kind: 'ascent-throws', when: (c) => mutated('string', 'numeric-string', 'object', 'strings', 'dtype-name', 'ragged')(c) || has('ragged')(c) || has('axis:junk')(c),
    why: "ascent rejects strings, objects and ragged nested arrays where numbers, shapes, axes or tensors go (tfjs coerces '2' to 2, makes string tensors, flattens ragged arrays)",
  },
  {
    ops: CREATORS, kind: 'ascent-throws', when: (c) => has('junk-values')(c) || eff(c.args[0]) === 'other',
    why: "ascent has no string dtype: string values are an error (tfjs makes a string tensor)",
  },
  {
    ops: ['*'], kind: 'ascent-throws', when: (c, e) => c.args.includes('complex64') || c.args.includes('string') || / dtype '.*' is not supported/.test(e),
    why: "ascent supports the dtypes float32, int32 and bool; tfjs also 'complex64' and 'string', and ignores names it does not know where no dtype is needed",
  },
  // ---- bool
  {
    ops: [...ARITH_UNARY, 'mean', 'logSumExp', 'argMax', 'argMin', 'softmax', 'logSoftmax', 'topk', 'norm', 'moments', 'matMul', 'dot'],
    kind: 'ascent-throws', when: (c) => eff(c.args[0]) === 'bool' || eff(c.args[1]) === 'bool',
    why: 'ascent rejects bool tensors in arithmetic (as TensorFlow, which has no bool kernels for them); tfjs computes on 0/1',
  },
  {
    ops: BINARY, kind: 'result', when: (c) => eff(c.args[0]) === 'bool' && eff(c.args[1]) === 'bool',
    why: 'arithmetic on bool tensors gives int32 in ascent (bool is computed as int32); tfjs keeps bool',
  },
  {
    ops: ['max', 'min'], kind: 'result', when: (c) => eff(c.args[0]) === 'bool',
    why: 'max/min of bool tensors are int32 in ascent (bool is reduced as int32); tfjs keeps bool',
  },
  // ---- dtypes of results
  {
    ops: [...BINARY, 'where'], kind: 'result',
    when: (c) => c.args.some((a) => isLiteral(a) && vals(a).every((v) => isWhole32(v))) && c.args.some((a) => a instanceof TSpec && !isLiteral(a) && (eff(a) === 'int32' || eff(a) === 'bool')),
    why: 'a whole JS number with an int32 (or bool) tensor stays int32 (TensorFlow); tfjs makes the number float32 and upcasts',
  },
  {
    ops: FLOAT_UNARY, kind: 'tfjs-throws', when: (c) => eff(c.args[0]) === 'int32',
    why: 'float-only unary ops compute int32 inputs in float32 and give float32 (tfjs rejects int32 for them)',
  },
  {
    ops: FLOAT_UNARY, kind: 'result', when: (c) => eff(c.args[0]) === 'int32',
    why: 'float-only unary ops give float32 for int32 inputs (tfjs computes some in float and truncates to int32)',
  },
  {
    ops: ['floorDiv'], kind: 'result', when: (c) => c.args.some((a) => eff(a) === 'float32' || (typeof a === 'number' && !isWhole32(a))),
    why: 'floorDiv of float32 operands is float32 (TensorFlow); tfjs always gives int32',
  },
  {
    ops: ['mean', 'globalAvgPool'], kind: 'result', when: (c) => eff(c.args[0]) === 'int32',
    why: 'the mean of int32 is int32, truncated toward zero (TensorFlow); tfjs gives float32',
  },
  // ---- values
  {
    ops: ['mod'], kind: 'result',
    when: (c) => pairs(c).some(([a, b]) => { const x = Math.fround(tfjsMod(a, b)), y = Math.fround(tfMod(a, b)); return !(x === y || (Number.isNaN(x) && Number.isNaN(y))); }),
    why: "mod of operands of opposite signs is r + b (TensorFlow's FloorMod: 0.5 mod -Infinity is -Infinity, 2 mod -1e30 is -1e30); tfjs's (r + b) % b rounds such cases to NaN or -0",
  },
  {
    ops: ['sign'], kind: 'result', when: (c) => vals(c.args[0]).some(Number.isNaN),
    why: 'sign(NaN) is NaN (TensorFlow); tfjs gives 0',
  },
  {
    ops: ['logicalAnd', 'logicalOr', 'logicalXor', 'logicalNot', 'where', 'whereAsync', 'booleanMask', 'booleanMaskAsync', 'tensor', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'scalar', 'fill'],
    kind: 'result', when: (c) => c.args.some(boolRounding) || (c.args.includes('bool') && c.args.some((a) => vals(a).some((v) => v !== 0 && (Math.abs(v) < 0.5 || v === -0.5)))),
    why: 'a JS number becomes a bool as TensorFlow casts: nonzero is true (0.25 → true); tfjs rounds first (0.25 → false)',
  },
  {
    ops: ['where', 'whereAsync'], kind: 'tfjs-throws', when: (c) => c.args.length === 1 && eff(c.args[0]) !== 'bool',
    why: "where(condition) takes numeric conditions, nonzero being true (TensorFlow's tf.where); tfjs wants bool",
  },
  // ---- reductions
  {
    ops: [...AXIS_REDUCTIONS, 'argMax', 'argMin', 'squeeze'], kind: 'tfjs-throws', when: (c) => shapeOfArg(c.args[0]).length === 0 && c.args[1] !== undefined && c.args[1] !== null,
    why: 'a scalar takes axis 0 or -1 (a reduction over its one element); tfjs rejects any axis for rank 0',
  },
  {
    ops: AXIS_REDUCTIONS, kind: 'tfjs-throws', when: repeatedAxes,
    why: 'repeated axes count once; tfjs builds a broken shape from them',
  },
  {
    ops: AXIS_REDUCTIONS, kind: 'result', when: repeatedAxes,
    why: 'repeated axes count once; tfjs reduces or reshapes wrongly with them',
  },
  {
    ops: ['max', 'min', 'logSumExp', 'mean', 'moments', 'globalAvgPool', 'norm'], kind: 'result',
    when: (c) => (c.op === 'globalAvgPool' ? (shapeOfArg(c.args[0])[1] ?? 1) * (shapeOfArg(c.args[0])[2] ?? 1)
      : c.op === 'norm' ? sizeOf(shapeOfArg(c.args[0])) : groupSize(c)) === 0,
    why: 'reducing an empty axis gives the identity: max −∞, min +∞, logSumExp −∞, mean NaN (TensorFlow); tfjs gives NaN or 0',
  },
  {
    ops: ['argMax', 'argMin'], kind: 'ascent-throws', when: (c) => T(c, 0)?.size === 0,
    why: 'argMax/argMin over an empty axis is an error (TensorFlow); tfjs returns zeros',
  },
  {
    ops: ['argMax', 'argMin'], kind: 'result', when: (c) => vals(c.args[0]).some(Number.isNaN),
    why: "argMax/argMin give the index of the first NaN (where max/min are NaN); tfjs skips NaN",
  },
  // ---- creation
  {
    ops: CREATORS, kind: 'tfjs-throws', when: (c) => c.args[0] instanceof TSpec && !(c.args[0] as TSpec).js,
    why: 'tensor(t), tensor1d(t) … return a tensor given as values (checking its rank); tfjs rejects tensors there',
  },
  {
    ops: CREATORS, kind: 'tfjs-throws', when: (c) => has('scalar-value')(c) || ((typeof c.args[0] === 'number' || typeof c.args[0] === 'boolean') && Array.isArray(c.args[1])),
    why: "a single value with a shape fills it (TensorFlow's tf.constant(5, shape=[2, 2])); tfjs rejects it",
  },
  {
    ops: ['tensor', 'tensor2d', 'tensor3d', 'tensor4d'], kind: 'tfjs-throws', when: (c) => Array.isArray(c.args[1]),
    why: 'values of any nesting with the right count take the given shape (TensorFlow reshapes); tfjs wants flat values or the exact nesting',
  },
  {
    ops: ['zerosLike', 'onesLike'], kind: 'ascent-throws', when: mutated('disposed'),
    why: 'a disposed tensor is an error everywhere; tfjs\'s zerosLike/onesLike read its shape only',
  },
  {
    ops: ['range'], kind: 'result', when: (c) => c.args[1] === undefined || ((c.args[0] as number) > (c.args[1] as number) && ((c.args[2] ?? 1) as number) > 0),
    why: 'range(n) is [0, n) and range(start, stop) with start > stop and step > 0 is empty (TensorFlow, Python); tfjs gives [] for range(n) and counts down',
  },
  {
    ops: ['range', 'linspace'], kind: 'ascent-throws', when: (_c, e) => / must be a finite number, got | must be a non-negative integer, got /.test(e),
    why: 'start, stop, step and num must be finite numbers (tfjs makes NaN values or empty tensors from NaN, ±Infinity, null and undefined)',
  },
  {
    ops: ['linspace'], kind: 'tfjs-throws', when: (c) => c.args[2] === 0,
    why: 'linspace(start, stop, 0) is empty (numpy, TensorFlow); tfjs rejects it',
  },
  {
    ops: ['oneHot'], kind: 'tfjs-throws', when: (c) => c.args[1] === 1,
    why: 'oneHot takes depth 1 (TensorFlow); tfjs wants depth ≥ 2',
  },
  {
    ops: ['eye'], kind: 'tfjs-throws', when: (c) => Array.isArray(c.args[2]) && ((c.args[2] as unknown[]).length === 0 || (c.args[2] as unknown[]).length > 2),
    why: 'eye takes batch shapes of any rank, [] included; tfjs only 1-D and 2-D ones',
  },
  {
    ops: ['abs', 'neg', 'square', 'relu', 'relu6', 'round'], kind: 'result', when: (c) => eff(c.args[0]) === 'int32' && vals(c.args[0]).some((v) => Math.abs(v) > 2 ** 24 || (v * v > 2 ** 24)),
    why: 'int32 abs/neg/square/relu… are exact in int32, wrapping on overflow (TensorFlow); tfjs goes through float32 and rounds beyond 2^24',
  },
  {
    ops: ['cast'], kind: 'result', when: (c) => c.args[1] === 'int32' && eff(c.args[0]) === 'float32' && vals(c.args[0]).some((v) => !(Math.abs(v) < 2 ** 31)),
    why: 'casting NaN or floats outside the int32 range to int32 saturates (wasm; TensorFlow on x86 gives -2^31); tfjs wraps modulo 2^32',
  },
  {
    ops: ['logSumExp'], kind: 'result', when: (c) => vals(c.args[0]).some((v) => v === Infinity || v === -Infinity),
    why: 'logSumExp of ±Infinity is ±Infinity (TensorFlow: a non-finite max is replaced by 0); tfjs gives NaN',
  },
  {
    ops: ['range'], kind: 'ascent-throws', when: (c) => c.args[3] === 'bool',
    why: "range's dtype is float32 or int32 (TensorFlow); tfjs makes a bool range",
  },
  {
    ops: ['gather'], kind: 'tfjs-throws', when: (c) => (c.args[3] as number) > 0 && (T(c, 0)?.size === 0 || T(c, 1)?.size === 0),
    why: 'gather with batchDims over empty tensors gives an empty result; tfjs builds a NaN shape',
  },
  // ---- arguments ascent validates and tfjs does not
  {
    ops: ['*'], kind: 'ascent-throws', when: missingRequired,
    why: 'null or undefined where an argument is required is an error (tfjs goes on with undefined: NaN or empty results)',
  },
  {
    ops: ['*'], kind: 'ascent-throws', when: (c, e) => mutated('null')(c) && /got null|is null/.test(e),
    why: "null does not stand for the default of an optional numeric argument (axis, bit masks, rate …): an error; tfjs reads it as 0",
  },
  {
    ops: ['*'], kind: 'ascent-throws', when: (c, e) => mutatedAgainst(c, e),
    why: 'NaN, ±Infinity, fractions, negatives, tensors or [] where an integer, size, axis, flag or bit mask goes are errors; tfjs coerces or ignores them',
  },
  {
    ops: ['*'], kind: 'ascent-throws', when: (c, e) => c.valid !== true && / axis .* is out of range|axis .* out of range for /.test(e),
    why: 'an axis must be an integer within the rank (TensorFlow); tfjs wraps, clamps or ignores it',
  },
  {
    ops: ['step', 'leakyRelu', 'oneHot', 'randomNormal', 'randomUniform', 'truncatedNormal', 'clipByValue', 'linspace', 'range', 'setSeed', 'dropout'],
    kind: 'ascent-throws', when: (_c, e) => / must be a finite number| must be numbers|seed must be a finite/.test(e),
    why: 'scalar parameters (alpha, on/off values, mean, stdDev, bounds, seeds) must be numbers, and finite except clip bounds; tfjs computes with NaN or ±Infinity',
  },
  {
    ops: ['fill'], kind: 'ascent-throws', when: (_c, e) => /value must be a number or boolean/.test(e),
    why: "fill's value must be a number or boolean (no string dtype); tfjs makes string tensors, or NaN from undefined",
  },
  {
    ops: ['cumsum'], kind: 'ascent-throws', when: (_c, e) => /rank ≥ 1|out of range/.test(e),
    why: 'cumsum needs x of rank ≥ 1 and an axis in range (TensorFlow); tfjs takes scalars and ignores bad axes',
  },
  {
    ops: ['batchNorm'], kind: 'ascent-throws', when: (_c, e) => /cannot be broadcast|must broadcast to the shape of x|varianceEpsilon must be/.test(e),
    why: "batchNorm's statistics must broadcast to x, varianceEpsilon must be ≥ 0; tfjs does not check",
  },
  {
    ops: ['batchNorm'], kind: 'tfjs-throws', when: (_c, e) => /equal ranks/.test(e),
    why: 'mean and variance may have different ranks (they broadcast against x); tfjs requires equal ranks',
  },
  {
    ops: ['pad', 'mirrorPad'], kind: 'ascent-throws', when: (_c, e) => /paddings/.test(e),
    why: 'paddings must be one [before, after] pair of non-negative integers per axis (TensorFlow); tfjs reads what is there',
  },
  {
    ops: ['pad'], kind: 'result', when: (c) => typeof c.args[2] === 'string' || (eff(c.args[0]) === 'bool' && c.args[2] !== undefined && c.args[2] !== 0 && c.args[2] !== 1),
    why: "pad takes TensorFlow's mode strings ('CONSTANT', 'REFLECT', 'SYMMETRIC'); a bool tensor is padded with constantValue != 0 (NaN: true); tfjs reads a mode as a NaN constant and pads bool with 0",
  },
  {
    ops: ['pad'], kind: 'tfjs-throws', when: (c) => typeof c.args[2] === 'string',
    why: "pad takes TensorFlow's mode strings ('REFLECT', 'SYMMETRIC' forward to mirrorPad); tfjs does not",
  },
  {
    ops: ['norm'], kind: 'tfjs-throws', when: (_c, e) => /invalid ord/.test(e),
    why: "norm takes any p > 0 for vector norms, 'fro' for vectors and -1 for matrices (numpy); tfjs fewer",
  },
  {
    ops: ['norm'], kind: 'ascent-throws', when: (_c, e) => /invalid ord|repeats an axis|one axis or two axes/.test(e),
    why: 'norm rejects ord 0, the spectral norm and repeated axes (TensorFlow); tfjs computes something',
  },
  {
    ops: ['norm', 'batchNorm'], kind: 'result', when: (c) => eff(c.args[0]) === 'int32',
    why: 'norm and batchNorm of int32 are float32 (computed in float); tfjs gives int32',
  },
  {
    ops: ['step'], kind: 'result', when: (c) => eff(c.args[0]) === 'int32' && typeof c.args[1] === 'number' && !Number.isInteger(c.args[1]),
    why: 'step of int32 with a fractional alpha is float32 (as int32 + 0.5); tfjs truncates alpha into int32',
  },
  {
    ops: ['norm'], kind: 'tfjs-throws', when: (c) => eff(c.args[0]) === 'int32',
    why: 'norm of int32 is computed in float32; tfjs fails in its sqrt',
  },
  {
    ops: ['fill'], kind: 'result', when: (c) => c.args[2] === 'bool' && typeof c.args[1] === 'number' && c.args[1] !== 0 && c.args[1] !== 1,
    why: 'fill(shape, v, \'bool\') is v != 0 (a TensorFlow cast: -Infinity → true); tfjs stores v into a Uint8Array (-Infinity → 0, 256 → 0)',
  },
  {
    ops: ['maxPool'], kind: 'result', when: (c) => vals(c.args[0]).some(Number.isNaN),
    why: 'max pooling propagates NaN (as max does); tfjs skips NaN',
  },
  {
    ops: ['conv2d', 'depthwiseConv2d', 'conv2dTranspose', 'conv2dBackpropFilter', 'maxPool', 'avgPool'], kind: 'result', when: numericPadNonSquare,
    why: "tfjs sizes the output of a numeric pad by the window's height, the first stride and the first dilation on both axes (wrong when they differ between the axes)",
  },
  {
    ops: ['conv2dBackpropFilter', 'conv2dTranspose'], kind: 'tfjs-throws', when: numericPadNonSquare,
    why: "tfjs's misread output size of a numeric pad with a non-square window makes its gradient kernels read out of range",
  },
  {
    ops: ['conv2d', 'conv2dTranspose', 'conv2dBackpropFilter'], kind: 'result',
    when: (c) => nonFinite(c) && c.args.some((a, i) => i >= 3 && (a === 'same' || (typeof a === 'number' && a > 0) || Array.isArray(a))),
    why: "NaN and ±Infinity meet the zero padding in the im2col GEMM (0·∞ = NaN, as TensorFlow's); tfjs skips padded taps",
  },
  {
    ops: ['conv2d', 'depthwiseConv2d', 'conv2dTranspose', 'conv2dBackpropFilter', 'maxPool', 'avgPool'], kind: 'ascent-throws',
    when: (_c, e) => /larger than the padded input|does not match|positive integer or a pair|pad must be|only dataFormat|filterShape must be|outputShape|channels|cannot both be > 1|must be rank 4|filter must be rank 4/.test(e),
    why: 'convolution geometry is checked (the window fits, shapes and channels agree, strides, dilations and pads are valid); tfjs computes negative or mismatched shapes',
  },
  {
    ops: ['conv2d', 'depthwiseConv2d', 'maxPool', 'avgPool', 'conv2dTranspose', 'conv2dBackpropFilter'], kind: 'tfjs-throws',
    when: (c) => (c.op === 'conv2dTranspose' || c.op === 'conv2dBackpropFilter' ? [3, 4] : [2, 3]).some((i) => c.args[i] === undefined || c.args[i] === null),
    why: "strides default to 1 (convolutions) or the window (pooling) and pad to 'valid' (TensorFlow, Keras); tfjs needs them",
  },
  {
    ops: ['unsortedSegmentSum'], kind: 'ascent-throws', when: (_c, e) => /out of range for numSegments|must have a prefix/.test(e),
    why: 'segment ids must be < numSegments and segmentIds a prefix of x (TensorFlow checks); tfjs drops or misreads them',
  },
  {
    ops: ['unsortedSegmentSum'], kind: 'result', when: (c) => nonFinite(c) || eff(c.args[0]) !== 'float32' || shapeOfArg(c.args[1]).length !== 1,
    why: 'segment sums add only their members (tfjs sums x·mask, so NaN/±∞ leak into other segments), int32 and bool data sum as int32 (tfjs: float32), and segmentIds may have any rank (tfjs assumes 1-D)',
  },
  {
    ops: ['randomUniform', 'randomNormal', 'truncatedNormal'], kind: 'ascent-throws', when: (_c, e) => /must be greater than minval|dtype must be float32/.test(e),
    why: "TensorFlow's random ops: uniform ones need minval < maxval, no random op has a bool dtype; tfjs allows bool and empty ranges",
  },
  {
    ops: ['dropout'], kind: 'ascent-throws', when: (_c, e) => /noiseShape|rate must be/.test(e),
    why: 'rate must be in [0, 1) and noiseShape broadcast to x (TensorFlow); tfjs does not check',
  },
  {
    ops: ['clipByValue'], kind: 'result', when: (c) => eff(c.args[0]) !== 'float32',
    why: 'clipByValue promotes x with its bounds (an int32 tensor clipped at 0.5 or ∞ is float32, a bool one int32); tfjs keeps x\'s dtype',
  },
  {
    ops: ['gatherND'], kind: 'tfjs-throws', when: (c) => T(c, 0)?.size === 0 || shapeOfArg(c.args[0]).includes(0),
    why: 'gatherND of empty slices from an empty tensor is an empty result; tfjs rejects any empty input',
  },
  {
    ops: ['stridedSlice'], kind: 'ascent-throws', when: (_c, e) => /must have the same length|bit mask|indexes more axes|only one ellipsis|must be non-zero|needs stride 1|out of bounds|array of integers/.test(e),
    why: "TensorFlow's strided-slice validation (equal lengths, integer masks, one ellipsis, non-zero strides, indices in bounds); tfjs does not check",
  },
  {
    ops: ['stridedSlice'], kind: 'tfjs-throws', when: (_c, e) => /Negative size values|must match the product of shape|Invalid/.test(e),
    why: "tfjs's stridedSlice fails on valid specs that come out empty or walk backwards past the start",
  },
  {
    ops: ['oneHot'], kind: 'ascent-throws', when: (_c, e) => /depth must be a positive integer/.test(e),
    why: 'depth must be a positive integer; tfjs takes NaN, tensors and undefined',
  },
  {
    ops: ['tile'], kind: 'ascent-throws', when: (_c, e) => /reps/.test(e),
    why: 'reps must be one non-negative integer per axis (TensorFlow); tfjs reads what is there',
  },
  {
    ops: ['slice'], kind: 'ascent-throws', when: (_c, e) => /begin|size/.test(e),
    why: 'begin and size must be integers that stay within x (TensorFlow); tfjs makes negative sizes or reads out of bounds',
  },
  {
    ops: ['meshgrid'], kind: 'result', when: (c) => c.args.slice(0, 2).some((a) => eff(a) === 'bool'),
    why: 'meshgrid keeps bool inputs bool (TensorFlow keeps the dtype); tfjs casts to float32',
  },
  {
    ops: ['meshgrid'], kind: 'tfjs-throws', when: (c) => c.args[0] === null || c.args[0] === undefined,
    why: 'meshgrid() (x null or undefined) is [] as in numpy; tfjs rejects it',
  },
  {
    ops: ['softmax', 'logSoftmax'], kind: 'tfjs-throws', when: (_c, e) => /non-last dimension/.test(e),
    why: 'softmax along any axis (TensorFlow); tfjs only along the last',
  },
  {
    ops: ['softmax', 'logSoftmax'], kind: 'ascent-throws', when: (_c, e) => /must be float32, got int32/.test(e),
    why: 'softmax of int32 logits is an error (TensorFlow); tfjs computes it',
  },
  {
    ops: ['concat'], kind: 'result', when: (c) => new Set((c.args[0] as unknown[]).map(eff)).size > 1,
    why: 'concat upcasts mixed dtypes (bool < int32 < float32); tfjs converts to the first tensor\'s dtype',
  },
  {
    ops: ['stack'], kind: 'tfjs-throws', when: (c) => Array.isArray(c.args[0]) && new Set((c.args[0] as unknown[]).map(eff)).size > 1,
    why: 'stack upcasts mixed dtypes; tfjs rejects them',
  },
  {
    ops: ['transpose'], kind: 'ascent-throws', when: (_c, e) => /is not a permutation/.test(e),
    why: 'perm must be a permutation of the axes (TensorFlow); tfjs does not check',
  },
  {
    ops: ['reshape'], kind: 'ascent-throws', when: (_c, e) => /must hold non-negative integers/.test(e),
    why: 'a target shape must hold non-negative integers (or one -1); tfjs takes fractions when the size works out',
  },
  {
    ops: ['broadcastTo'], kind: 'result', when: (c) => Array.isArray(c.args[1]) && (c.args[1] as unknown[]).includes(0),
    why: 'broadcasting to a shape with 0 gives that empty shape (TensorFlow); tfjs gives 1 on those axes',
  },
  {
    ops: ['split'], kind: 'tfjs-throws', when: (_c, e) => /sum of sizes must match/.test(e),
    why: 'a -1 size in split takes the rest of the axis, also when that is 0; tfjs fails then',
  },
  {
    ops: [...BINARY, ...COMPARE], kind: 'result', when: (c) => eff(c.args[0]) !== eff(c.args[1]) && c.args.some((a) => eff(a) === 'int32' && vals(a).some((v) => Math.abs(v) > 2 ** 24)),
    why: 'int32 operands beside float32 ones are cast to float32 first (TensorFlow), rounding beyond 2^24; tfjs computes with the exact integers',
  },
  {
    ops: ['maxPool', 'avgPool'], kind: 'result', when: (c) => shapeOfArg(c.args[0]).slice(-3, -1).includes(0) ||
      (typeof c.args[3] === 'number' && c.args[3] > 0) || Array.isArray(c.args[3]),
    why: 'a pooling window that covers only padding has no taps: max −∞ (an empty max) and average 0; tfjs gives 0/0 = NaN or reads the border',
  },
  {
    ops: ['booleanMask', 'booleanMaskAsync'], kind: 'tfjs-throws', when: (c) => typeof c.args[2] === 'number' && c.args[2] < 0,
    why: 'booleanMask takes negative axes (counted from the end); tfjs only non-negative ones',
  },
  {
    ops: ['concat'], kind: 'ascent-throws', when: (_c, e) => /scalars cannot be concatenated/.test(e),
    why: 'scalars cannot be concatenated (TensorFlow: use stack); tfjs returns a single scalar unchanged',
  },
  {
    ops: ['conv2dBackpropFilter', 'conv2dTranspose'], kind: 'tfjs-throws', when: (c) => c.args.slice(0, 2).some((a) => sizeOf(shapeOfArg(a)) === 0),
    why: 'empty inputs and gradients give zero (or empty) filter and input gradients; tfjs fails on them',
  },
  {
    ops: ['conv2dTranspose'], kind: 'tfjs-throws', when: (c) => Array.isArray(c.args[2]) && (c.args[2] as unknown[]).length === 3,
    why: 'outputShape may leave out the batch axis ([h, w, c], batch 1) also for 4-D x; tfjs wants it to match x\'s rank',
  },
  {
    ops: ['matMul', 'dot'], kind: 'ascent-throws', when: (_c, e) => /must be float32, got (int32|bool)/.test(e),
    why: 'matMul and dot are float32 only (the packed GEMM kernel); tfjs multiplies int32 too',
  },
  {
    ops: ['meshgrid'], kind: 'tfjs-throws', when: (c) => c.args[1] === null || c.args[1] === undefined || c.args[2] === null,
    why: 'meshgrid(x) (y null or undefined) is [x] as in numpy, and options may be null; tfjs rejects both',
  },
  {
    ops: ['pad'], kind: 'ascent-throws', when: (_c, e) => /mode must be/.test(e),
    why: "an unknown mode string is an error; tfjs reads any string as a NaN constant",
  },
  {
    ops: ['pow', 'mul', 'squaredDifference'], kind: 'result',
    when: (c) => c.args.every((a) => eff(a) === 'int32' || (isLiteral(a) && vals(a).every(isWhole32))) &&
      pairs(c).some(([a, b]) => Math.abs(c.op === 'pow' ? a ** b : c.op === 'mul' ? a * b : (a - b) ** 2) > 2 ** 24),
    why: 'int32 arithmetic wraps exactly on overflow (TensorFlow); tfjs computes in floats and rounds (or stores Infinity as 0) first',
  },
  {
    ops: ['prelu'], kind: 'result', when: (c) => vals(c.args[1]).some((v) => !Number.isFinite(v)),
    why: "alpha·min(x, 0) is NaN for a NaN or ±∞ alpha also where x > 0 (so is Keras' relu(x) − alpha·relu(−x)); tfjs selects x there",
  },
  {
    ops: ['topk'], kind: 'result', when: (c) => c.args[2] === false,
    why: 'topk always sorts (sorted = false leaves the order to the implementation in TensorFlow); tfjs returns another order',
  },
  {
    ops: ['argMax', 'argMin'], kind: 'tfjs-throws', when: (c) => c.args[1] === null,
    why: "argMax(x, null) is along axis 0 (TensorFlow's axis=None); tfjs reads null as every axis and rejects it",
  },
  {
    ops: ['clipByValue'], kind: 'result', when: (c) => c.args[1] === c.args[2] && vals(c.args[0]).some(Number.isNaN),
    why: 'clipByValue keeps NaN (TensorFlow); tfjs fills with the bound when clipValueMin equals clipValueMax',
  },
  {
    ops: ['where'], kind: 'result', when: (c) => c.args.length === 3 && c.args.some((a) => shapeOfArg(a).includes(0)),
    why: 'broadcasting a size-1 axis against an empty one gives an empty axis (numpy, TensorFlow); tfjs\'s where gives size 1',
  },
  {
    ops: ['norm'], kind: 'result', when: (c) => Array.isArray(c.args[2]) && normAxis(c)[0] > normAxis(c)[1],
    why: "a matrix norm's axis [rows, columns] may come in either order; tfjs's ord 1 and ∞ norms assume rows < columns",
  },
  {
    ops: ['norm'], kind: 'tfjs-throws', when: (c) => Array.isArray(c.args[2]) && normAxis(c)[0] > normAxis(c)[1],
    why: "a matrix norm's axis [rows, columns] may come in either order; tfjs's ord ±∞ norms fail on [1, 0]",
  },
  {
    ops: ['split'], kind: 'ascent-throws', when: (_c, e) => /add up to/.test(e),
    why: 'sizes must add up to the axis, a -1 taking the (non-negative) rest (TensorFlow); tfjs makes negative sizes',
  },
  {
    ops: ['range'], kind: 'ascent-throws', when: (_c, e) => /int32 range needs integer/.test(e),
    why: 'an int32 range needs integer start, stop and step (TensorFlow converts them to int32); tfjs accumulates fractions in an Int32Array',
  },
  {
    ops: ['topk'], kind: 'result', when: (c) => vals(c.args[0]).some(Number.isNaN),
    why: 'NaN ranks above every number in topk (as argMax and max pick NaN); tfjs\'s sort comparator leaves NaN where it is',
  },
  {
    ops: ['oneHot'], kind: 'result', when: (c) => c.args[4] === 'bool' && [c.args[2] ?? 1, c.args[3] ?? 0].some((v) => v !== 0 && v !== 1),
    why: "a bool oneHot is onValue != 0 / offValue != 0 (a TensorFlow cast); tfjs writes the raw numbers (5, 255 for -1) into the bool tensor",
  },
  // ---- others
  {
    ops: ['maxPool', 'avgPool'], kind: 'tfjs-throws', when: (c) => c.args[2] === undefined || c.args[2] === null,
    why: 'pooling strides default to the window size (Keras, TensorFlow); tfjs needs them',
  },
  {
    ops: ['unsortedSegmentSum'], kind: 'tfjs-throws', when: (c) => c.args[2] === 0,
    why: 'numSegments 0 gives an empty result (TensorFlow); tfjs fails on it',
  },
  {
    ops: SPECTRAL_OPS, kind: 'tfjs-throws', when: (c) => !(c.args[0] instanceof CSpec || (c.args[0] instanceof TSpec && !c.args[0].js)),
    why: "the spectral ops convert JS values as every op does; tfjs's read the dtype of the argument without converting it (JS arrays fail)",
  },
  {
    ops: ['string.staticRegexReplace'], kind: 'ascent-throws', when: (_c, e) => / must be a string, got | must be true or false, got /.test(e),
    why: 'pattern and rewrite must be strings and replaceGlobal a boolean; tfjs turns anything into a pattern or a flag',
  },
  {
    ops: ['*'], kind: 'tfjs-throws', when: (_c, e) => /must be numeric tensor, but got string tensor/.test(e),
    why: 'string tensors are reversed, transposed, sliced … (TensorFlow moves strings as any dtype); some tfjs ops take numeric tensors only',
  },
  {
    ops: ['signal.stft'], kind: 'ascent-throws', when: (_c, e) => /signal must be 1-D/.test(e),
    why: 'stft takes a 1-D signal, as its documentation says; tfjs frames a scalar or a matrix as if it were flat',
  },
  {
    ops: ['signal.stft'], kind: 'result', when: (c) => c.args[1] === 1,
    why: "stft's Hann window of length 1 is [1] (TensorFlow's hann_window); tfjs's is [NaN] (0/0), so every value is NaN",
  },
  {
    ops: ['real', 'imag'], kind: 'tfjs-throws', when: (c) => !(c.args[0] instanceof CSpec),
    why: 'real / imag of a real tensor are the tensor and zeros (TensorFlow); tfjs fails with a TypeError',
  },
  {
    ops: ['irfft', 'spectral.irfft'], kind: 'result', when: (c) => c.args[0] instanceof CSpec && c.args[0].shape.length !== 2 && c.args[0].shape.length !== 3,
    why: "irfft keeps the input's outer axes, [..., 2(n − 1)] (TensorFlow); tfjs returns [batch, 2(n − 1)] for inputs of rank 1 and rank ≥ 4",
  },
  {
    ops: ['cumsum'], kind: 'result', when: (c) => typeof c.args[1] === 'number' && c.args[1] < 0,
    why: "cumsum takes negative axes (TensorFlow); tfjs's kernel mishandles them (wrong shapes and values)",
  },
  // ---- space / batch / depth, scatters
  {
    ops: ['ensureShape'], kind: 'result', when: (c) => !(c.args[0] instanceof TSpec) || (c.args[0] as TSpec).js,
    why: "ensureShape of JS values returns them as a tensor (TF's ensure_shape gives a tensor); tfjs returns the JS values unchanged",
  },
  // ---- search and count
  {
    ops: ['searchSorted', 'lowerBound', 'upperBound'], kind: 'result', when: (c) => shapeOfArg(c.args[1]).length !== 2,
    why: "searchSorted's result has the shape of values (TensorFlow, tfjs's docs); tfjs's kernel returns values flattened to 2-D ([1, n] for a vector)",
  },
  {
    ops: ['searchSorted', 'lowerBound', 'upperBound'], kind: 'tfjs-throws', when: (c) => sizeOf(shapeOfArg(c.args[0])) === 0 || sizeOf(shapeOfArg(c.args[1])) === 0,
    why: 'an empty sorted sequence gives 0 for every value, empty values an empty result (TensorFlow); tfjs fails reshaping them',
  },
  {
    ops: ['bincount', 'denseBincount', 'inTopKAsync', 'searchSorted'], kind: 'ascent-throws', when: (_c, e) => /size must be a non-negative integer|k must be an integer|side must be|binaryOutput must be/.test(e),
    why: "size and k must be integers (k in [1, n]), side 'left' or 'right', binaryOutput a boolean; tfjs takes fractions, reads other sides as 'right' and any binaryOutput as a truth value",
  },
  {
    ops: ['bincount', 'denseBincount', 'tensorScatterUpdate', 'sparseToDense'], kind: 'tfjs-throws',
    when: (c) => { const a = c.args[c.op === 'tensorScatterUpdate' ? 1 : 0]; return !(a instanceof TSpec) || a.js; },
    why: 'integer arguments (x of bincount, indices) given as JS numbers are int32, as in gather; tfjs makes them float32 and rejects them',
  },
  {
    ops: ['sparse.sparseFillEmptyRows'], kind: 'ascent-throws', when: (_c, e) => /must have one value per row|must have one entry per column/.test(e),
    why: 'values must have one value per index row and denseShape one entry per index column (TensorFlow checks); tfjs reads past them',
  },
  {
    ops: ['raggedRange'], kind: 'result', when: (c) => c.args.slice(0, 3).some((a) => typeof a === 'number' && !isWhole32(a)),
    why: 'a fractional or non-finite JS number beside int32 tensors makes the ranges float32 (the literal rule of every op); tfjs converts it to int32',
  },
  {
    ops: ['raggedRange'], kind: 'tfjs-throws', when: (c) => new Set(c.args.slice(0, 3).map(eff)).size > 1,
    why: 'raggedRange promotes starts, limits and deltas to one dtype (bool < int32 < float32); tfjs wants tensors of the dtype of starts',
  },
  {
    ops: ['raggedGather'], kind: 'ascent-throws', when: (_c, e) => /outputRaggedRank must be/.test(e),
    why: "outputRaggedRank must be indices.rank + paramsNestedSplits.length - 1 (TensorFlow checks it); tfjs's kernel ignores it",
  },
  {
    ops: ['raggedTensorToTensor'], kind: 'result', when: (c) => shapeOfArg(c.args[1])[0] === 0 && (c.args[4] as string[])[0] === 'FIRST_DIM_SIZE',
    why: 'a ragged tensor with no values given by value row ids converts to the bounding shape (0 on its ragged axes); tfjs computes wrong shapes for it',
  },
  {
    ops: ['raggedTensorToTensor'], kind: 'tfjs-throws', when: (c) => shapeOfArg(c.args[1])[0] === 0 && (c.args[4] as string[])[0] === 'FIRST_DIM_SIZE',
    why: 'a ragged tensor with no values given by value row ids converts to the bounding shape; tfjs rejects shapes for it',
  },
  {
    ops: ['raggedTensorToTensor'], kind: 'tfjs-throws',
    when: (c) => { const sh = c.args[0], n = shapeOfArg(c.args[1]).length - 1; return Array.isArray(sh) && n > 0 && sh.slice(sh.length - n).includes(-1); },
    why: 'a -1 in shape for an inner axis of values takes that axis\'s size (TensorFlow); tfjs fails on it',
  },
  {
    ops: ['denseBincount'], kind: 'result', when: (c) => c.args[3] === true && shapeOfArg(c.args[0]).length === 1,
    why: 'denseBincount of a vector with binaryOutput gives 0/1 (TensorFlow, and tfjs for matrices); tfjs sums the weights for a vector',
  },
  // ---- tf.image, tf.linalg, einsum, tf.signal
  {
    ops: ['image.resizeBilinear', 'image.resizeNearestNeighbor'], kind: 'ascent-throws', when: (_c, e) => /cannot resize an empty image|size must be \[height, width\] of integers/.test(e),
    why: 'resizing an empty image to a non-empty size, or to a fractional or negative size, is an error (TensorFlow); tfjs returns NaN or fails later',
  },
  {
    ops: ['image.resizeBilinear', 'image.resizeNearestNeighbor', 'image.threshold', 'image.nonMaxSuppressionPadded', 'image.nonMaxSuppressionPaddedAsync',
      'linalg.qr', 'signal.frame'],
    kind: 'ascent-throws', when: (c, e) => c.valid !== true && / must be true or false/.test(e),
    why: 'flags (alignCorners, halfPixelCenters, inverted, padToMaxOutputSize) must be booleans; tfjs takes any truthy value',
  },
  {
    ops: ['image.threshold', 'image.cropAndResize', 'image.rotateWithOffset', 'image.transform'], kind: 'tfjs-throws', when: mutated('null'),
    why: "null stands for an optional argument's default (method, interpolation, fillValue, center); tfjs rejects it or fails reading it",
  },
  {
    ops: ['image.resizeBilinear'], kind: 'result', when: (c) => eff(c.args[0]) === 'int32' && vals(c.args[0]).some((v) => Math.abs(v) > 2 ** 24),
    why: 'int32 images are interpolated in float32 (TensorFlow casts them to float); tfjs interpolates the int32 values in float64',
  },
  {
    ops: ['einsum'], kind: 'ascent-throws', when: (_c, e) => /input term '.*' has \d+ labels but tensor \d+ has shape/.test(e),
    why: "a tensor's rank must match its term's labels (numpy, TensorFlow); tfjs does not check ranks it has no labels for",
  },
  {
    ops: ['image.cropAndResize'], kind: 'ascent-throws', when: (_c, e) => /boxInd\[\d+\] = -?\d+ is out of range|is empty/.test(e),
    why: 'a box index outside [0, batch), or an empty image, is an error (TensorFlow); tfjs gives zeros or NaN for such boxes',
  },
  {
    ops: ['image.cropAndResize'], kind: 'result', when: (c) => vals(c.args[1]).some(Number.isNaN),
    why: 'a box with a NaN coordinate samples the extrapolation value; tfjs reads outside the image (NaN)',
  },
  {
    ops: ['image.transform'], kind: 'result', when: (c) => (T(c, 0)?.shape[0] ?? 1) !== 1,
    why: "transform computes every image of a batch (TensorFlow) and gives an empty batch the output's shape; tfjs's kernel returns after the first image (the others keep the fill value) and gives an empty batch the input's shape",
  },
  {
    ops: ['image.nonMaxSuppressionPadded', 'image.nonMaxSuppressionPaddedAsync'], kind: 'result',
    when: (c) => c.args[5] === true && typeof c.args[2] === 'number' && c.args[2] > shapeOfArg(c.args[0])[0],
    why: "padToMaxOutputSize pads to maxOutputSize (TensorFlow's NonMaxSuppressionV4), also beyond the number of boxes; tfjs pads to min(maxOutputSize, numBoxes)",
  },
  {
    ops: ['linalg.bandPart'], kind: 'tfjs-throws', when: (c) => sizeOf(shapeOfArg(c.args[0])) === 0,
    why: 'bandPart of an empty tensor is empty; tfjs fails reshaping or stacking it',
  },
  {
    ops: ['linalg.qr'], kind: 'tfjs-throws', when: (c) => shapeOfArg(c.args[0]).length > 2 || eff(c.args[0]) === 'int32',
    why: "batched qr gives Q [..., M, K] and R [..., K, N] for any M and N; tfjs reshapes both to x's shape, which fails unless M = N, and fails on an empty batch; an int32 x is computed in float32 (tfjs fails in its norm)",
  },
  {
    ops: ['linalg.qr'], kind: 'result', when: (c, d) => eff(c.args[0]) === 'int32' || nonFinite(c) || / vs NaN/.test(d),
    why: "qr computes in float32 (an int32 x gives float32 Q and R; tfjs leaves R int32 when nothing is reflected) and leaves a zero column as it is (tfjs divides by its zero norm: NaN)",
  },
  {
    ops: ['image.threshold'], kind: 'result', when: mutated('null'),
    why: 'a null threshValue is the default 0.5; tfjs computes with 0',
  },
  {
    ops: ['image.transform', 'image.cropAndResize', 'image.threshold'], kind: 'ascent-throws', when: (c, e) => c.valid !== true && / must be '[a-z]+' or '/.test(e),
    why: 'interpolation, fillMode and method must be one of the names listed; tfjs falls back to a default for others',
  },
  {
    ops: ['einsum'], kind: 'result', when: (c) => new Set(c.args.slice(1).map(eff)).size > 1,
    why: 'operands of different dtypes are upcast (bool < int32 < float32), as in every ascent op; tfjs keeps the first one\'s dtype',
  },
  {
    ops: ['linalg.gramSchmidt'], kind: 'tfjs-throws', when: (c) => eff(c.args[0]) !== 'float32',
    why: 'int32 and bool vectors are orthonormalised in float32; tfjs fails in its norm',
  },
  {
    ops: ['signal.hannWindow', 'signal.hammingWindow'], kind: 'result', when: (c) => c.args[0] === 1,
    why: 'a window of length 1 is [1] (TensorFlow); tfjs gives [NaN]',
  },
  {
    ops: ['signal.hannWindow', 'signal.hammingWindow'], kind: 'ascent-throws', when: (_c, e) => /windowLength must be a non-negative integer/.test(e),
    why: 'windowLength must be a non-negative integer; tfjs makes a window of a fractional length',
  },
  {
    ops: ['signal.frame'], kind: 'result', when: (c) => (c.args[0] instanceof TSpec && c.args[0].js) || eff(c.args[0]) !== 'float32',
    why: "frame converts JS arrays as every op does and keeps the signal's dtype; tfjs's frame reads .size of a JS array (undefined: no frames) and makes an empty result float32",
  },
  {
    ops: ['signal.frame'], kind: 'ascent-throws', when: (_c, e) => /signal must be 1-D/.test(e),
    why: 'the signal must be 1-D; tfjs slices a tensor of another rank as if it were flat',
  },
];

// ---- more convolutions and pooling (issue 14): required arguments and deliberate differences

Object.assign(REQUIRED, {
  conv1d: 2, conv3d: 2, dilation2d: 2, maxPool3d: 2, avgPool3d: 2, maxPoolWithArgmax: 2, pool: 3, separableConv2d: 3, conv3dTranspose: 3,
});
const CONV_MORE = ['conv1d', 'separableConv2d', 'conv3d', 'conv3dTranspose', 'maxPool3d', 'avgPool3d', 'pool', 'maxPoolWithArgmax',
  'dilation2d', 'localResponseNormalization'];
const FUSED = ['fused.conv2d', 'fused.depthwiseConv2d', 'fused.matMul'];
/** Where a new conv/pool op's strides and pad go. */
const STRIDE_PAD: Record<string, number[]> = {
  conv1d: [2, 3], separableConv2d: [3, 4], conv3d: [2, 3], conv3dTranspose: [3, 4], maxPool3d: [2, 3], avgPool3d: [2, 3],
  maxPoolWithArgmax: [2, 3], dilation2d: [2, 3], pool: [3],
};
/** A 3-D 'same' case whose padding tfjs computes as negative (stride larger than the window on an axis). */
function negativeSame3d(c: Case): boolean {
  const op = c.op ?? '';
  if (c.args[op === 'conv3dTranspose' ? 4 : 3] !== 'same') return false;
  const x = T(c, 0);
  if (x === undefined) return false;
  let ins: number[], k: number[];
  if (op === 'conv3dTranspose') {
    const out = c.args[2];
    if (!Array.isArray(out)) return false;
    ins = (out.length === 4 ? out.slice(0, 3) : out.slice(1, 4)) as number[];
  } else ins = x.rank === 4 ? x.shape.slice(0, 3) : x.shape.slice(1, 4);
  if (op === 'conv3d' || op === 'conv3dTranspose') k = (T(c, 1)?.shape ?? [0, 0, 0]).slice(0, 3);
  else k = typeof c.args[1] === 'number' ? [c.args[1], c.args[1], c.args[1]] as number[] : c.args[1] as number[];
  const st = c.args[op === 'conv3dTranspose' ? 3 : 2] ?? 1;
  const s = typeof st === 'number' ? [st, st, st] : st as number[];
  if (!Array.isArray(k) || !Array.isArray(s)) return false;
  return ins.some((n, i) => (Math.ceil(n / s[i]) - 1) * s[i] + k[i] - n < 0);
}

DELIBERATE.push(
  {
    ops: [...CONV_MORE, ...FUSED], kind: 'ascent-throws',
    when: (_c, e) => /larger than the padded input|does not match|positive integer|pad must be|only dataFormat|dataFormat must be|filter must be rank|filterSize|windowShape|outputShape|channels|has depth|cannot both be > 1|must be rank|pointwiseFilter|depthwiseFilter|poolingType|includeBatchInIndex|depthRadius|activation|options object|preluActivationWeights|dimRoundingMode|shapes? .*(broadcast|incompatible)|cannot broadcast/.test(e),
    why: 'convolution and pooling arguments are checked (the window fits, shapes, channels and the output shape agree, strides, dilations, pads, formats and activations are valid); tfjs computes negative or mismatched shapes or ignores them',
  },
  {
    ops: Object.keys(STRIDE_PAD), kind: 'tfjs-throws', when: (c) => STRIDE_PAD[c.op ?? ''].some((i) => c.args[i] === undefined || c.args[i] === null),
    why: "strides default to 1 (convolutions) or the window (pooling) and pad to 'valid' (TensorFlow, Keras); tfjs needs them",
  },
  {
    ops: ['conv3d', 'conv3dTranspose', 'maxPool3d', 'avgPool3d'], kind: 'result', when: negativeSame3d,
    why: "tfjs's 3-D 'same' padding goes negative where a stride exceeds the window (it reads shifted voxels); ascent clamps it at 0, as TensorFlow and tfjs's own 2-D ops",
  },
  {
    ops: ['conv3dTranspose'], kind: 'tfjs-throws', when: negativeSame3d,
    why: "tfjs's negative 3-D 'same' padding (see conv3d) also breaks its transposed convolution",
  },
  {
    ops: ['conv1d'], kind: 'result', when: (c) => typeof c.args[3] === 'number',
    why: "conv1d's numeric pad pads the width; tfjs passes it to conv2d, which pads the height of 1 too and sizes the output by the first stride and dilation (its reshape then fails or keeps the wrong width)",
  },
  {
    ops: ['conv1d'], kind: 'tfjs-throws', when: (c) => typeof c.args[3] === 'number',
    why: "conv1d's numeric pad pads the width; tfjs pads the height of 1 too and its reshape of the result fails",
  },
  {
    ops: ['maxPool3d', 'avgPool3d'], kind: 'result', when: (c) => c.args[4] !== undefined && shapeOfArg(c.args[0]).includes(0),
    why: 'an empty axis stays empty whatever dimRoundingMode (tfjs rounds −½ to an output of 1)',
  },
  {
    ops: ['dilation2d'], kind: 'result', when: (_c, d) => /vs -9007199254740992/.test(d),
    why: "a window with no tap above the lowest float (only padding, or -∞) gives the lowest float −3.4e38, TensorFlow's initial value; tfjs starts at Number.MIN_SAFE_INTEGER",
  },
  {
    ops: ['maxPool3d', 'pool', 'maxPoolWithArgmax'], kind: 'result', when: (c) => vals(c.args[0]).some((v) => Number.isNaN(v) || v === -Infinity),
    why: "max pooling propagates NaN (as max does) and the argmax of a window of -∞ is its first element; tfjs skips NaN and gives -1 for such windows",
  },
  {
    ops: ['conv1d', 'separableConv2d', 'conv3d', 'conv3dTranspose', 'localResponseNormalization', ...FUSED], kind: 'result', when: nonFinite,
    why: "NaN and ±Infinity meet the zero padding in the im2col/vol2col GEMM (0·∞ = NaN, as TensorFlow's); tfjs skips padded taps",
  },
  {
    ops: ['fused.conv2d', 'fused.depthwiseConv2d', 'fused.matMul'], kind: 'result',
    when: (c) => { const o = c.args[0] as Record<string, unknown> | undefined; return o?.activation === 'leakyrelu' && o.leakyreluAlpha === undefined; },
    why: "'leakyrelu' without leakyreluAlpha uses 0.2 (tf.leakyRelu's default); tfjs's fused kernels multiply by undefined (NaN)",
  },
);
// math ops of issue 14
Object.assign(REQUIRED, {
  divNoNan: 2, bitwiseAnd: 2, outerProduct: 2, randomGamma: 2, rand: 2, multinomial: 2, movingAverage: 3, randomUniformInt: 3,
  batchNorm2d: 3, batchNorm3d: 3, batchNorm4d: 3, 'math.confusionMatrix': 3, multiRNNCell: 4, basicLSTMCell: 6,
});
DELIBERATE.push(
  {
    ops: ['rand'], kind: 'ascent-throws', when: (_c, e) => /randFunction must be a function/.test(e),
    why: 'randFunction must be a function, also for an empty shape (tfjs calls it only per element)',
  },
  {
    ops: [...HYPERBOLIC, 'logSigmoid'], kind: 'tfjs-throws', when: (c) => eff(c.args[0]) === 'int32',
    why: 'hyperbolic functions and logSigmoid compute int32 inputs in float32 (as the other float-only unary ops); tfjs rejects int32',
  },
  {
    ops: [...HYPERBOLIC, 'logSigmoid'], kind: 'result', when: (c) => eff(c.args[0]) === 'int32',
    why: 'hyperbolic functions and logSigmoid give float32 for int32 inputs (tfjs computes some in float and truncates to int32)',
  },
  {
    ops: [...HYPERBOLIC, 'logSigmoid', 'euclideanNorm'], kind: 'ascent-throws', when: (c) => eff(c.args[0]) === 'bool',
    why: 'ascent rejects bool tensors in arithmetic (as TensorFlow); tfjs reads JS booleans as 0/1 floats',
  },
  {
    ops: ['addN'], kind: 'ascent-throws', when: (c, e) => /must be float32 or int32, got bool|must have one dtype/.test(e),
    why: 'addN takes float32 or int32 tensors of one dtype (TensorFlow\'s AddN); tfjs adds bool tensors and upcasts mixed dtypes',
  },
  {
    ops: ['divNoNan'], kind: 'result', when: (c) => eff(c.args[0]) === 'bool' && eff(c.args[1]) === 'bool',
    why: 'divNoNan of bool tensors is computed as int32 (as div); tfjs keeps bool',
  },
  {
    ops: ['all', 'any', 'euclideanNorm'], kind: 'tfjs-throws', when: (c) => shapeOfArg(c.args[0]).length === 0 && c.args[1] !== undefined && c.args[1] !== null,
    why: 'a scalar takes axis 0 or -1 (a reduction over its one element); tfjs rejects any axis for rank 0',
  },
  {
    ops: ['euclideanNorm'], kind: 'tfjs-throws', when: (c) => eff(c.args[0]) === 'int32',
    why: 'euclideanNorm of int32 is computed in float32; tfjs fails in its sqrt',
  },
  {
    ops: ['cumprod'], kind: 'ascent-throws', when: (_c, e) => /rank ≥ 1|out of range/.test(e),
    why: 'cumprod needs x of rank ≥ 1 and an axis in range (TensorFlow); tfjs takes scalars and ignores bad axes',
  },
  {
    ops: ['bitwiseAnd'], kind: 'tfjs-throws', when: (_c, e) => /must have the same shape/.test(e),
    why: "bitwiseAnd broadcasts (TensorFlow's bitwise_and); tfjs wants equal shapes",
  },
  {
    ops: ['all'], kind: 'result', when: (c) => groupSize(c) === 0,
    why: 'all over an empty axis is true (TensorFlow\'s reduce_all: the identity of AND); tfjs gives false',
  },
  {
    ops: ['all', 'any', 'euclideanNorm'], kind: 'result', when: repeatedAxes,
    why: 'repeated axes count once; tfjs reduces or reshapes wrongly with them',
  },
  {
    ops: ['all', 'any', 'euclideanNorm'], kind: 'tfjs-throws', when: (c, e) => repeatedAxes(c) || (c.op === 'euclideanNorm' && /invalid axis/.test(e)),
    why: "euclideanNorm reduces over any list of axes ([] reduces nothing: |x|; TensorFlow's euclidean_norm) and repeated axes count once; tfjs's norm takes one or two axes and rejects repeats",
  },
  {
    ops: ['cumprod'], kind: 'result', when: (c) => typeof c.args[1] === 'number' && c.args[1] < 0,
    why: "cumprod takes negative axes (TensorFlow); tfjs's kernel mishandles them (wrong shapes and values)",
  },
  {
    ops: ['all', 'any'], kind: 'result', when: (c) => boolRounding(c.args[0]),
    why: 'a JS number becomes a bool as TensorFlow casts: nonzero is true (0.25 → true); tfjs rounds first (0.25 → false)',
  },
  {
    ops: ['euclideanNorm'], kind: 'result', when: (c) => eff(c.args[0]) === 'int32',
    why: 'euclideanNorm of int32 is float32 (computed in float, as norm); tfjs gives int32',
  },
  {
    ops: ['tensor5d', 'tensor6d'], kind: 'tfjs-throws', when: (c) => Array.isArray(c.args[1]),
    why: 'values of any nesting with the right count take the given shape (TensorFlow reshapes); tfjs wants flat values or the exact nesting',
  },
  {
    ops: ['tensor5d', 'tensor6d', 'rand'], kind: 'result', when: (c) => c.args.some(boolRounding) || (c.args.includes('bool') && c.args.some((a) => vals(a).some((v) => v !== 0 && (Math.abs(v) < 0.5 || v === -0.5)))) || (c.op === 'rand' && c.args[2] === 'bool'),
    why: 'a JS number becomes a bool as TensorFlow casts: nonzero is true (0.25 → true); tfjs rounds first (0.25 → false)',
  },
  {
    ops: ['randomStandardNormal', 'randomGamma', 'randomUniformInt'], kind: 'ascent-throws', when: (_c, e) => /dtype must be float32|must be greater than minval|must be > 0|must be an integer/.test(e),
    why: "TensorFlow's random ops: alpha and beta > 0, integer bounds with minval < maxval; tfjs allows empty ranges and fractional bounds",
  },
  {
    ops: ['randomStandardNormal', 'randomUniformInt', 'randomGamma', 'multinomial'], kind: 'result', when: () => true,
    why: "random values come from ascent's Philox generator: the same numbers in Node and browsers for a seed, not tfjs's; only shapes, dtypes and ranges are compared (moments in test/ops/random-extra.test.ts)",
  },
  {
    ops: ['multinomial'], kind: 'tfjs-throws', when: (c, e) => /at least 2 outcomes/.test(e) || shapeOfArg(c.args[0])[shapeOfArg(c.args[0]).length - 1] === 1,
    why: 'multinomial over one class always draws it (TensorFlow); tfjs wants two outcomes',
  },
  {
    ops: ['multinomial'], kind: 'ascent-throws', when: (_c, e) => /numSamples must be a non-negative integer/.test(e),
    why: 'numSamples must be a non-negative integer; tfjs truncates or fails inside its kernel',
  },
  {
    ops: ['randomGamma'], kind: 'tfjs-throws', when: (_c, e) => /Unsupported data type bool/.test(e),
    why: 'both reject a bool dtype',
  },
  {
    ops: ['math.confusionMatrix'], kind: 'tfjs-throws', when: (c) => c.args[2] === 1,
    why: 'numClasses 1 gives a [1, 1] matrix (TensorFlow); tfjs fails in oneHot (depth ≥ 2)',
  },
  {
    ops: ['basicLSTMCell'], kind: 'result', when: (c) => c.args.some((a) => eff(a) === 'int32'),
    why: 'basicLSTMCell computes int32 arguments in float32; tfjs concatenates int32 data with float32 h as int32 (truncating h)',
  },
  {
    ops: ['basicLSTMCell'], kind: 'ascent-throws', when: (_c, e) => /must be rank 2 \(\[batch, size\]\)|must be \[batch, units\]|lstmKernel must be|must broadcast to \[/.test(e),
    why: 'basicLSTMCell checks its shapes (data, c, h [batch, ·], the kernel [input + units, 4·units]); tfjs broadcasts a scalar state or fails inside concat/matMul',
  },
  {
    ops: ['movingAverage'], kind: 'tfjs-throws', when: (_c, e) => /dtypes of the first/.test(e),
    why: 'movingAverage computes int32 v or x in float32; tfjs wants equal dtypes',
  },
  {
    ops: ['batchNorm2d', 'batchNorm3d', 'batchNorm4d'], kind: 'ascent-throws', when: (_c, e) => /cannot be broadcast|must broadcast to the shape of x|varianceEpsilon must be/.test(e),
    why: "batchNorm's statistics must broadcast to x (TensorFlow); tfjs does not check",
  },
  {
    ops: ['batchNorm2d', 'batchNorm3d', 'batchNorm4d'], kind: 'tfjs-throws', when: (_c, e) => /equal ranks/.test(e),
    why: 'mean and variance may have different ranks (1 or the rank of x); tfjs requires equal ranks',
  },
  {
    ops: ['batchNorm2d', 'batchNorm3d', 'batchNorm4d'], kind: 'result', when: (c) => eff(c.args[0]) === 'int32',
    why: 'batchNorm of int32 is float32 (computed in float); tfjs gives int32',
  },
  {
    ops: ['math.confusionMatrix'], kind: 'ascent-throws', when: (_c, e) => /outside \[0, /.test(e),
    why: "a label or prediction outside [0, numClasses) is an error (TensorFlow's confusion_matrix checks); tfjs drops it",
  },
  {
    ops: ['string.stringSplit', 'string.stringNGrams'], kind: 'tfjs-throws',
    when: (c, e) => Array.isArray(c.args[0]) && c.args[0].length === 0 && /must be string tensor, but got float32/.test(e),
    why: "an empty JS array where the op takes strings is an empty string tensor; tfjs infers float32 for it and refuses it",
  },
);
// The rank-typed forwards (concat1d, pad2d, slice3d, reverse4d …) differ from tfjs where their general op does.
const TYPED_FORWARDS: Record<string, string[]> = Object.fromEntries(['concat', 'pad', 'slice', 'reverse'].map((n) => [n, [1, 2, 3, 4].map((r) => `${n}${r}d`)]));
for (const d of DELIBERATE) {
  const extra = d.ops.flatMap((n) => TYPED_FORWARDS[n] ?? []);
  if (extra.length) d.ops = [...d.ops, ...extra];
}
for (const [n, fs] of Object.entries(TYPED_FORWARDS)) for (const f of fs) REQUIRED[f] = REQUIRED[n] ?? 1;
REQUIRED.raggedGather = 4;

// ---- the runner --------------------------------------------------------------------------------------

type Outcome = { ok: true; value: Plain } | { ok: false; error: unknown } | { none: true };

/** Why an error is not an acceptable rejection (null: it is). */
function badError(name: string, e: unknown): string | null {
  if (!(e instanceof Error)) return `threw a non-Error: ${String(e)}`;
  const traps = typeof WebAssembly !== 'undefined' ? WebAssembly.RuntimeError : undefined;
  for (let x: unknown = e, depth = 0; x !== undefined && depth < 5; x = (x as { cause?: unknown }).cause, depth++) {
    const what = depth === 0 ? 'threw' : 'threw an error caused by';
    if (x instanceof TypeError) return `${what} a TypeError: ${x.message}`;
    if (x instanceof RangeError) return `${what} a RangeError: ${x.message}`;
    if (traps && x instanceof traps) return `${what} a wasm trap: ${(x as Error).message}`;
  }
  if (!e.message.startsWith(`${name}: `)) return `threw an Error not naming the op: ${e.message}`;
  if (/a kernel failed/.test(e.message)) return `a kernel trapped: ${e.message}`;
  return null;
}

function message(e: unknown): string { return e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e); }
function same(a: { numTensors: number; numBytes: number }, b: { numTensors: number; numBytes: number }): boolean {
  return a.numTensors === b.numTensors && a.numBytes === b.numBytes;
}

async function reference(name: string, spec: OpSpec, c: Case, t: TFC): Promise<Outcome> {
  if (spec.js) {
    try { return { ok: true, value: spec.js(c) }; } catch (e) { return e === NO_VERDICT ? { none: true } : { ok: false, error: e }; }
  }
  const call = spec.tfjs ?? ((tt: TFC, a: unknown[]) => (tt as unknown as Record<string, (...x: unknown[]) => unknown>)[name](...a));
  const engine = t.engine();
  engine.startScope();
  try {
    const args = c.args.map((a) => build(a, (s) => {
      const x = t.tensor(typed(s), s.shape, s.dtype);
      if (s.disposed) x.dispose();
      return x;
    }, (re, im) => t.complex(re as tfcore.Tensor, im as tfcore.Tensor)));
    const out = await call(t, args, c);
    return { ok: true, value: plainOf(out, (v) => v instanceof t.Tensor) };
  } catch (e) {
    return e === NO_VERDICT ? { none: true } : { ok: false, error: e };
  } finally {
    try { engine.endScope(); } catch { /* tfjs disposing what a failed call left behind: not ascent's concern */ }
  }
}

interface Stats { cases: number; threw: number; compared: number; excused: number; unjudged: number; ms: number }
const STATS: Record<string, Stats> = {};
const HITS = new Map<Deliberate, number>();

function excuse(name: string, kind: Kind, c: Case, error = ''): Deliberate | undefined {
  const row = DELIBERATE.find((d) => d.kind === kind && (d.ops.includes(name) || d.ops.includes('*')) && d.when(c, error));
  if (row) HITS.set(row, (HITS.get(row) ?? 0) + 1);
  return row;
}

async function runCase(name: string, spec: OpSpec, c: Case, t: TFC, st: Stats): Promise<void> {
  const fn = publicOp(name);
  const where = () => `${name}${showCase(c)}`;
  const fail = (why: string): never => { throw new Error(`${where()}: ${why}`); };
  st.cases++;
  const base = snap();
  const made: tf.Tensor[] = [];
  const args = c.args.map((a) => build(a, (s) => {
    const x = tf.tensor(typed(s), s.shape, s.dtype);
    made.push(x);
    if (s.disposed) x.dispose();
    return x;
  }, (re, im) => {
    const x = tf.complex(re as tf.Tensor, im as tf.Tensor);
    made.push(x);
    return x;
  }));
  const before = snap();
  let mine: Outcome;
  try {
    const out = await fn(...args);
    const ts = tensorsIn(out);
    if (ts.some((x) => x.isDisposed)) fail('a result is disposed');
    mine = { ok: true, value: plainOf(out, (v) => v instanceof tf.Tensor) };
    tf.dispose(ts.filter((x) => !made.includes(x)));
    if (!same(snap(), before)) fail(`memory after disposing the results: ${JSON.stringify(snap())}, before the call ${JSON.stringify(before)}`);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith(`${name}(`)) throw e; // a failure above
    mine = { ok: false, error: e };
    st.threw++;
    const why = badError(name, e);
    if (why) fail(why);
    if (!same(snap(), before)) fail(`memory after the throw: ${JSON.stringify(snap())}, before the call ${JSON.stringify(before)} (${message(e)})`);
  }
  tf.dispose(made);
  if (!same(snap(), base)) fail('memory after disposing the inputs');

  const ref = await reference(name, spec, c, t);
  if ('none' in ref) { st.unjudged++; return; }
  if (mine.ok && spec.check) { const why = spec.check(mine.value, c); if (why) fail(why); }
  if (mine.ok && ref.ok) {
    const tol = typeof spec.tol === 'function' ? spec.tol(c) : spec.tol ?? BASIC;
    const d = diff(mine.value, ref.value, tol);
    if (d === null) { st.compared++; return; }
    if (excuse(name, 'result', c, d)) { st.excused++; return; }
    fail(`differs from the reference: ${d}`);
  } else if (!mine.ok && ref.ok) {
    if (excuse(name, 'ascent-throws', c, message(mine.error))) { st.excused++; return; }
    fail(`throws where the reference returns: ${message(mine.error)}`);
  } else if (mine.ok && !ref.ok) {
    if (excuse(name, 'tfjs-throws', c, message(ref.error))) { st.excused++; return; }
    fail(`returns where the reference throws: ${message(ref.error)}`);
  } else st.compared++;
}

/** A small known computation: the library still works. */
function stillWorks(): void {
  const before = snap();
  const y = tf.tidy(() => tf.sum(tf.mul(tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])), tf.scalar(2))));
  expect(y.dataSync()[0]).toBe(112);
  const z = tf.tidy(() => tf.mean(tf.softmax(tf.tensor1d([1, 2, 3]))));
  expect(Math.abs(z.dataSync()[0] - 1 / 3)).toBeLessThan(1e-6);
  tf.dispose([y, z]);
  expect(snap()).toEqual(before);
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

// ---- the tests ---------------------------------------------------------------------------------------

let tfc: TFC;
let start = 0;
beforeAll(async () => {
  tfc = await oracle();
  // Kernel scratch areas (shape arrays, the GEMM's packing panel) are allocated once per process on first
  // use and never freed: allocate them before anything is measured (as no-leak.test.ts does).
  tf.tidy(() => { tf.matMul(tf.ones([1, 1]), tf.ones([1, 1])); tf.add(tf.ones([2, 1]), tf.ones([3])); });
  start = Date.now();
});
afterAll(() => {
  const all = Object.values(STATS);
  const sum = (k: keyof Stats) => all.reduce((s, x) => s + x[k], 0);
  console.log(`fuzz: ${all.length} ops, ${sum('cases')} cases (${sum('threw')} rejected by ascent), ${sum('compared')} agreed with the reference, ` +
    `${sum('excused')} deliberate differences, ${sum('unjudged')} without a reference verdict; ${((Date.now() - start) / 1000).toFixed(1)} s ` +
    `(slowest: ${Object.entries(STATS).sort((a, b) => b[1].ms - a[1].ms).slice(0, 3).map(([n, x]) => `${n} ${x.ms} ms`).join(', ')})`);
});

describe('fuzz table', () => {
  it('has a generator for every public op (src/ops/index.ts), and only for those', () => {
    expect(PUBLIC_OPS.length).toBeGreaterThan(100);
    expect(PUBLIC_OPS.filter((n) => !(n in OPS)), 'public ops without a fuzz generator').toEqual([]);
    expect(Object.keys(OPS).filter((n) => !PUBLIC_OPS.includes(n)), 'generators for names that are not public ops').toEqual([]);
  });
  it('lists deliberate differences only for public ops', () => {
    for (const d of DELIBERATE) for (const n of d.ops) if (n !== '*') expect(PUBLIC_OPS, d.why).toContain(n);
  });
});

describe.each(PUBLIC_OPS.map((n) => [n]))('%s', (name) => {
  it('fuzz: rejects cleanly, leaks nothing, agrees with tfjs', async () => {
    const spec = OPS[name];
    if (spec === undefined) throw new Error(`'${name}' is exported by src/ops/index.ts but has no fuzz generator in test/fuzz.test.ts`);
    const st: Stats = STATS[name] = { cases: 0, threw: 0, compared: 0, excused: 0, unjudged: 0, ms: 0 };
    const t0 = Date.now();
    await fc.assert(fc.asyncProperty(fc.gen(), async (g) => {
      const r = new R(g);
      let c = spec.gen(r);
      if (r.chance(spec.mutate ?? 0.2)) c = mutate(r, c);
      c.op = name;
      try {
        await runCase(name, spec, c, tfc, st);
      } catch (e) {
        const m = e instanceof Error ? e.message : String(e);
        const err = m.startsWith(`${name}(`) ? e : new Error(`${name}${showCase(c)}: the test itself failed: ${m}`);
        if (!SURVEY) throw err;
        console.log(`SURVEY ${(err as Error).message.split('\n')[0]}`);
      }
    }), { seed: (SEED ^ hash(name)) | 0, numRuns: RUNS });
    st.ms = Date.now() - t0;
    stillWorks();
  });
});
