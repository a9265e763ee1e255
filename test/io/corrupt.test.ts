// Corrupt-file fuzzing (issue 12): valid saved artifacts of three small trained models (an MLP with
// Dense/Dropout/BatchNormalization, a Conv2D/MaxPooling2D CNN, a two-input functional model; each compiled
// with Adam, trained a step and saved with includeOptimizer) are corrupted by fast-check generators (fixed
// seed, bounded runs) and fed to tf.loadLayersModel through tf.io.fromMemory; the MNIST/Fashion-MNIST
// parsers get corrupted in-memory files. Every case must either load a working model (predict runs and
// gives values of the right shape; an optimizer step runs) or fail with an Error whose message starts with
// 'loadLayersModel:' (or the dataset loader's name) and names the problem: never a TypeError/RangeError,
// a wasm trap or a hang; tf.memory() unchanged afterwards, wasm memory not grown by more than a few MB by a
// failed load, Object.prototype untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idxFile, tf } from '../helpers.js';
import type { ModelArtifacts, WeightsManifestEntry } from '../../src/io/types.js';
import { parseImagesJson } from '../../src/datasets/parse.js';

const L = tf.layers;
const SEED = 20240612;
/** Runs per property: the whole file stays well under a minute. */
const RUNS = Number((globalThis as { process?: { env?: Record<string, string> } }).process?.env?.CORRUPT_RUNS ?? 250);
/** Survey mode (CORRUPT_SURVEY=1): print every problem found instead of failing at the first. */
const SURVEY = (globalThis as { process?: { env?: Record<string, string> } }).process?.env?.CORRUPT_SURVEY === '1';
const MB = 2 ** 20;
const PAGE = 65536;

// ---- the valid artifacts ---------------------------------------------------------------------------

async function capture(m: tf.Model): Promise<ModelArtifacts> {
  let art: ModelArtifacts | undefined;
  await m.save(tf.io.withSaveHandler(async (a) => { art = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }),
    { includeOptimizer: true });
  // as on disk: the JSON parts through JSON text
  return { ...art!, modelTopology: JSON.parse(JSON.stringify(art!.modelTopology)), weightSpecs: JSON.parse(JSON.stringify(art!.weightSpecs)),
    trainingConfig: JSON.parse(JSON.stringify(art!.trainingConfig)) };
}

async function trainedOnce(m: tf.Model, xs: tf.Tensor | tf.Tensor[], ys: tf.Tensor | tf.Tensor[], loss: string | string[]): Promise<ModelArtifacts> {
  m.compile({ optimizer: tf.train.adam(0.01), loss, metrics: ['accuracy'] } as never);
  await m.trainOnBatch(xs, ys);
  const a = await capture(m);
  tf.dispose([xs, ys].flat());
  m.dispose();
  return a;
}

const BASES: Record<string, ModelArtifacts> = {};
/** One-hot labels (the index tensor freed at once: no garbage for the collector to free during a case). */
const oneHot = (ids: number[], n: number) => tf.tidy(() => tf.oneHot(tf.tensor1d(ids, 'int32'), n));

async function makeBases(): Promise<void> {
  const live = tf.memory().numTensors;
  const mlp = tf.sequential({ name: 'mlp', layers: [
    L.dense({ units: 6, activation: 'relu', inputShape: [5] }), L.dropout({ rate: 0.25 }), L.batchNormalization(),
    L.dense({ units: 3, activation: 'softmax' })] });
  BASES.mlp = await trainedOnce(mlp, tf.randomUniform([4, 5], -1, 1, 'float32', 1), oneHot([0, 1, 2, 1], 3),
    'categoricalCrossentropy');

  const cnn = tf.sequential({ name: 'cnn', layers: [
    L.conv2d({ filters: 2, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1] }), L.maxPooling2d({ poolSize: 2 }), L.flatten(),
    L.dense({ units: 2 })] });
  BASES.cnn = await trainedOnce(cnn, tf.randomUniform([3, 6, 6, 1], 0, 1, 'float32', 2), tf.randomUniform([3, 2], 0, 1, 'float32', 3), 'meanSquaredError');

  const a = tf.input({ shape: [4], name: 'in_a' }), b = tf.input({ shape: [3], name: 'in_b' });
  const shared = L.dense({ units: 3, activation: 'tanh', name: 'shared' });
  const ha = shared.apply(L.dense({ units: 3, name: 'proj_a' }).apply(a) as tf.SymbolicTensor) as tf.SymbolicTensor;
  const hb = shared.apply(b) as tf.SymbolicTensor;
  const outA = L.dense({ units: 2, activation: 'softmax', name: 'out_a' }).apply(ha) as tf.SymbolicTensor;
  const outB = L.dense({ units: 1, name: 'out_b' }).apply(hb) as tf.SymbolicTensor;
  const fn = tf.model({ name: 'two_in', inputs: [a, b], outputs: [outA, outB] });
  BASES.functional = await trainedOnce(fn, [tf.randomUniform([3, 4], -1, 1, 'float32', 4), tf.randomUniform([3, 3], -1, 1, 'float32', 5)],
    [oneHot([0, 1, 1], 2), tf.randomUniform([3, 1], 0, 1, 'float32', 6)], ['categoricalCrossentropy', 'meanSquaredError']);
  // training and disposing the models left nothing behind (so no garbage can be collected during a case)
  expect(tf.memory().numTensors).toBe(live);
}
const NAMES = ['mlp', 'cnn', 'functional'] as const;

// ---- artifacts as entries (a manifest entry and its bytes), to corrupt consistently -------------------

const WIDTH: Record<string, number> = { float32: 4, int32: 4, bool: 1 };
interface Entry { spec: WeightsManifestEntry; bytes: Uint8Array }

function entries(a: ModelArtifacts): Entry[] {
  let at = 0;
  return a.weightSpecs!.map((s) => {
    const n = s.shape.reduce((p, d) => p * d, 1) * WIDTH[s.dtype];
    const e = { spec: { ...s, shape: s.shape.slice() }, bytes: new Uint8Array(a.weightData!, at, n).slice() };
    at += n;
    return e;
  });
}

function withEntries(a: ModelArtifacts, es: Entry[]): ModelArtifacts {
  const total = es.reduce((n, e) => n + e.bytes.length, 0);
  const data = new Uint8Array(total);
  let at = 0;
  for (const e of es) { data.set(e.bytes, at); at += e.bytes.length; }
  return { ...a, weightSpecs: es.map((e) => e.spec), weightData: data.buffer };
}

/** A deep copy: JSON parts cloned (structuredClone keeps NaN, own '__proto__' keys and cycles), bytes copied. */
function copy(a: ModelArtifacts): ModelArtifacts {
  return { ...a, modelTopology: structuredClone(a.modelTopology), weightSpecs: structuredClone(a.weightSpecs),
    trainingConfig: structuredClone(a.trainingConfig), weightData: a.weightData?.slice(0) };
}

// ---- the checks ------------------------------------------------------------------------------------------

const protoNames = (o: object) => Object.getOwnPropertyNames(o).sort().join();
const PROTOS = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype];
const PROTO_BASELINE = PROTOS.map(protoNames);

/** Problems: the things a case did wrong (empty: fine). */
function pollution(): string[] {
  const out: string[] = [];
  PROTOS.forEach((p, i) => { if (protoNames(p) !== PROTO_BASELINE[i]) out.push(`a prototype was polluted: ${protoNames(p)}`); });
  // eslint-disable-next-line no-restricted-syntax, guard-for-in
  for (const k in {}) out.push(`Object.prototype has an enumerable '${k}'`);
  return out;
}

const BAD_CAUSES = [TypeError, RangeError, ReferenceError, SyntaxError, WebAssembly.RuntimeError];
/** Messages that say a check is missing rather than what is wrong. */
const UNCHECKED = /is not a function|is not a constructor|Cannot read prop|Cannot set prop|Cannot convert|Maximum call stack|Invalid array length|out of bounds|unreachable|is not iterable|circular structure|undefined is not|null is not/i;

function errorProblems(e: unknown, prefix: string): string[] {
  const out: string[] = [];
  if (!(e instanceof Error)) return [`threw a non-Error: ${String(e)}`];
  if (e.constructor !== Error) out.push(`threw a ${e.constructor.name}: ${e.message}`);
  if (!e.message.startsWith(`${prefix}:`)) out.push(`message does not start with '${prefix}:': ${e.message.slice(0, 300)}`);
  if (UNCHECKED.test(e.message)) out.push(`message shows an unchecked input: ${e.message.slice(0, 300)}`);
  for (let c: unknown = e.cause, d = 0; c != null && d < 10; c = (c as Error).cause, d++) {
    if (BAD_CAUSES.some((k) => c instanceof k && c.constructor === k)) out.push(`caused by a ${(c as Error).constructor.name}: ${(c as Error).message.slice(0, 200)}`);
  }
  return out;
}

interface Expect {
  /** 'load': must load; 'error': must fail; 'either'. */
  want: 'load' | 'error' | 'either';
  /** For errors: a pattern the message must match. */
  match?: RegExp;
  /** ±Inf outputs are fine (corrupted weight bytes). */
  allowInf?: boolean;
  /** loadLayersModel options. */
  options?: { strict?: boolean; compile?: boolean };
}

type Shape = (number | null)[];

/** The model's input shapes (batch axis included). */
function inputShapes(m: tf.Model): Shape[] {
  const g = (m as unknown as { graph: { inputs: { shape: Shape }[] } | null }).graph;
  return g ? g.inputs.map((s) => s.shape) : [m.batchInputShape ?? []];
}
function outputShapes(m: tf.Model): Shape[] {
  const g = (m as unknown as { graph: { outputs: { shape: Shape }[] } | null }).graph;
  return g ? g.outputs.map((s) => s.shape) : [m.computeOutputShape(m.batchInputShape!)];
}

/** A loaded model works: predict gives outputs of the declared shapes, an optimizer step runs. */
function workingProblems(m: tf.Model, allowInf: boolean): string[] {
  const out: string[] = [];
  const ins = inputShapes(m);
  const concrete = ins.map((s) => s.map((d, i) => (d === null ? (i === 0 ? 2 : 1) : d)));
  if (concrete.some((s) => s.reduce((p, d) => p * (d as number), 1) > 1e6)) return [];
  const xs = concrete.map((s, i) => tf.randomUniform(s as number[], -1, 1, 'float32', 7 + i));
  try {
    // a model declared with a fixed batch size takes batches of that size only (Keras too)
    const y = m.predict(xs.length === 1 ? xs[0] : xs, { batchSize: Math.max(1, concrete[0][0] as number) });
    const ys = Array.isArray(y) ? y : [y];
    const want = outputShapes(m);
    if (ys.length !== want.length) out.push(`predict gave ${ys.length} outputs, the model declares ${want.length}`);
    ys.forEach((t, k) => {
      const w = want[k];
      if (w && (t.rank !== w.length || t.shape[0] !== concrete[0][0] || w.some((d, i) => i > 0 && d !== null && d !== t.shape[i]))) {
        out.push(`output ${k} is [${t.shape}], the model declares [${w}]`);
      }
      const v = t.dataSync();
      for (let i = 0; i < v.length; i++) {
        if (typeof v[i] !== 'number' || (!allowInf && !Number.isNaN(v[i]) && !Number.isFinite(v[i]))) { out.push(`output ${k} holds ${v[i]}`); break; }
      }
    });
    tf.dispose(ys);
    const opt = m.optimizer;
    if (opt) {
      const vars = m.trainableWeights;
      const grads = vars.map((v) => tf.zerosLike(v));
      try { opt.applyGradients(grads.map((g, i) => [g, vars[i]] as [tf.Tensor, tf.Variable])); } finally { tf.dispose(grads); }
    }
  } catch (e) {
    out.push(`the loaded model does not work: ${(e as Error).constructor.name}: ${(e as Error).message.slice(0, 300)}`);
  } finally {
    tf.dispose(xs);
  }
  return out;
}

const survey = new Map<string, { count: number; example: string }>();
/** Per family: cases that loaded, cases that failed as they should. */
const tally = new Map<string, { loaded: number; failed: number }>();
function count(label: string, loaded: boolean): void {
  const t = tally.get(label) ?? { loaded: 0, failed: 0 };
  if (loaded) t.loaded++; else t.failed++;
  tally.set(label, t);
}

/**
 * Loads `a` (through tf.io.fromMemory, or `load`) and checks every promise; returns the problems (and in
 * survey mode records them).
 */
async function loadProblems(label: string, a: unknown, x: Expect,
  load = () => tf.loadLayersModel(tf.io.fromMemory(a as ModelArtifacts), x.options)): Promise<string[]> {
  const before = tf.memory();
  const t0 = performance.now();
  let model: tf.Model | null = null, error: unknown = null;
  try {
    model = await load();
  } catch (e) { error = e; }
  const ms = performance.now() - t0;
  const problems: string[] = [];
  count(label, model !== null);
  if (ms > 5000) problems.push(`took ${ms.toFixed(0)} ms`);
  if (model) {
    if (x.want === 'error') problems.push(`loaded, expected an error${x.match ? ` matching ${x.match}` : ''}`);
    problems.push(...workingProblems(model, x.allowInf ?? false));
    model.dispose();
  } else {
    if (x.want === 'load') problems.push(`failed to load: ${(error as Error)?.message?.slice(0, 300)}`);
    problems.push(...errorProblems(error, 'loadLayersModel'));
    if (x.match && error instanceof Error && !x.match.test(error.message)) problems.push(`message does not match ${x.match}: ${error.message.slice(0, 300)}`);
    // a topology may take 4 MiB beyond twice its weights before failing (loadLayersModel's TOPOLOGY_ROOM)
    const grown = tf.memory().wasmPages - before.wasmPages;
    if (grown * PAGE > 8 * MB) problems.push(`wasm memory grew by ${(grown * PAGE / MB).toFixed(1)} MB over a failed load`);
  }
  const after = tf.memory();
  if (after.numTensors !== before.numTensors || after.numBytes !== before.numBytes) {
    problems.push(`tf.memory() changed: ${before.numTensors} → ${after.numTensors} tensors, ${before.numBytes} → ${after.numBytes} bytes`);
  }
  problems.push(...pollution());
  if (SURVEY) {
    for (const p of problems) {
      const key = `${label}: ${p.replace(/\d+/g, 'N').replace(/'[^']*'/g, "'…'").slice(0, 160)}`;
      const s = survey.get(key);
      if (s) s.count++; else survey.set(key, { count: 1, example: `${p}\n      error: ${(error as Error)?.message?.slice(0, 400)}` });
    }
    return [];
  }
  return problems;
}

/** fc.assert over an async property whose body returns problems; the counterexample is printed with them. */
async function property<T>(label: string, arb: fc.Arbitrary<T>, body: (v: T) => Promise<string[]>, runs = RUNS): Promise<void> {
  await fc.assert(fc.asyncProperty(arb, async (v) => {
    const p = await body(v);
    if (p.length > 0) throw new Error(`${label}: ${p.join('; ')}`);
  }), { seed: SEED, numRuns: runs, endOnFailure: true });
}

// ---- generators --------------------------------------------------------------------------------------

/** A JSON-like tree nested `depth` deep (arrays or objects). */
function nested(depth: number, object: boolean): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = object ? { a: v } : [v];
  return v;
}
/** An object whose own key is `key` (JSON.parse makes '__proto__' an own key, as a file would). */
const own = (key: string, value: unknown) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`) as unknown;
function cyclic(): unknown {
  const o: Record<string, unknown> = { class_name: 'Dense', config: {} };
  (o.config as Record<string, unknown>).self = o;
  return o;
}

/** A value made when used (deep or cyclic: fast-check prints it by its description, not by walking it). */
class Lazy {
  constructor(readonly what: string, readonly make: () => unknown) {}
  [fc.toStringMethod](): string { return this.what; }
}
/** The junk value itself (a Lazy one made now). */
const real = (v: unknown): unknown => (v instanceof Lazy ? v.make() : Array.isArray(v) ? v.map(real) : v);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
const BAD_NUMBERS = [-1, 0, -0, 0.5, 2.5, -7.25, NaN, Infinity, -Infinity, 1e9, 2 ** 31, 2 ** 32, 2 ** 53, 1e300, -1e9];

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...BAD_NUMBERS),
  fc.integer({ min: -5, max: 100 }),
  fc.string({ maxLength: 6 }),
  fc.constantFrom('', 'relu', 'Dense', 'linear', 'same', 'channels_first', ...PROTO_KEYS),
  fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.constant({}), fc.constant([]), fc.array(fc.integer({ min: -3, max: 9 }), { maxLength: 4 }),
  fc.constantFrom(...PROTO_KEYS).map((k) => own(k, { polluted: 1, units: 5, class_name: 'Dense' })),
  fc.constant({ toString: 5, valueOf: 6 }),
  fc.constant({ class_name: '__proto__', config: {} }), fc.constant({ class_name: 'constructor', config: {} }),
  fc.constant({ className: 'toString', config: {} }),
  fc.tuple(fc.integer({ min: 1000, max: 30000 }), fc.boolean()).map(([d, o]) => new Lazy(`nested(${d}, ${o ? 'objects' : 'arrays'})`, () => nested(d, o))),
  fc.constant(new Lazy('cyclic()', cyclic)),
);

/** Every path (keys) to a value in a JSON-like tree (depth-bounded, cycle-safe). */
function paths(root: unknown, max = 12): (string | number)[][] {
  const out: (string | number)[][] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, p: (string | number)[]) => {
    if (v === null || typeof v !== 'object' || seen.has(v) || p.length > max) return;
    seen.add(v);
    for (const k of Object.keys(v)) {
      const q = [...p, Array.isArray(v) ? Number(k) : k];
      out.push(q);
      walk((v as Record<string, unknown>)[k], q);
    }
  };
  walk(root, []);
  return out;
}
const parentOf = (root: unknown, p: (string | number)[]) => p.slice(0, -1).reduce<any>((o, k) => o[k], root);

type Mutation = { at: number; kind: 'delete' | 'replace' | 'rename' | 'wrap' | 'duplicate'; value: unknown; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'replace', 'replace', 'rename', 'wrap', 'duplicate'),
  value: junk,
  key: fc.constantFrom(...PROTO_KEYS, 'units', 'name', 'x'),
});

/** Applies random structural mutations to a JSON-like tree (in place). */
function mutate(root: unknown, ms: Mutation[]): void {
  for (const m of ms) {
    const ps = paths(root);
    if (ps.length === 0) return;
    const p = ps[m.at % ps.length];
    const parent = parentOf(root, p), k = p[p.length - 1];
    if (parent === null || typeof parent !== 'object') continue;
    if (m.kind === 'delete') { if (Array.isArray(parent)) parent.splice(k as number, 1); else delete parent[k]; }
    else if (m.kind === 'replace') parent[k] = real(m.value);
    else if (m.kind === 'wrap') parent[k] = Array.isArray(parent[k]) ? { v: parent[k] } : [parent[k]];
    else if (m.kind === 'duplicate' && Array.isArray(parent)) {
      try { parent.push(structuredClone(parent[k])); } catch { /* a deep junk value: leave it */ }
    }
    else if (m.kind === 'rename' && !Array.isArray(parent)) {
      const v = parent[k];
      delete parent[k];
      Object.defineProperty(parent, m.key, { value: v, enumerable: true, writable: true, configurable: true });
    }
  }
}

const base = fc.constantFrom(...NAMES);

// ---- the properties ----------------------------------------------------------------------------------

beforeAll(makeBases, 60_000);

describe('the valid artifacts load', () => {
  it.each(NAMES)('%s', async (n) => {
    expect(await loadProblems(n, copy(BASES[n]), { want: 'load' })).toEqual([]);
  });
});

describe('corrupt weight bytes', () => {
  it('flipped bits load (the values change; NaN and Inf are values)', async () => {
    await property('flips', fc.tuple(base, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { minLength: 1, maxLength: 24 })), async ([n, flips]) => {
      const a = copy(BASES[n]);
      const b = new Uint8Array(a.weightData!);
      // the optimizer's iteration count is an int32: a flip may make it negative (an error); any other flip loads
      let at = 0, iter = [-1, -1];
      for (const e of entries(a)) { if (e.spec.name === 'iter') iter = [at, at + e.bytes.length]; at += e.bytes.length; }
      let hitsIter = false;
      for (const [pos, bit] of flips) {
        const p = pos % b.length;
        b[p] ^= 1 << bit;
        if (p >= iter[0] && p < iter[1]) hitsIter = true;
      }
      return loadProblems('flips', a, { want: hitsIter ? 'either' : 'load', allowInf: true,
        match: /^loadLayersModel: the optimizer state does not fit the model .*iteration count/ });
    });
  });

  it('NaN, ±Inf and denormals in model weights load', async () => {
    await property('specials', fc.tuple(base, fc.array(fc.tuple(fc.nat(), fc.constantFrom(NaN, Infinity, -Infinity, 1e-45, -3e38)), { minLength: 1, maxLength: 8 })),
      async ([n, sets]) => {
        const a = copy(BASES[n]);
        const es = entries(a).filter((e) => e.spec.group !== 'optimizer' && e.spec.dtype === 'float32');
        for (const [pos, v] of sets) {
          const e = es[pos % es.length];
          const f = new Float32Array(e.bytes.buffer, e.bytes.byteOffset, e.bytes.length / 4);
          f[pos % f.length] = v;
        }
        return loadProblems('specials', withEntries(a, entries(a).map((e) => es.find((x) => x.spec.name === e.spec.name) ?? e)),
          { want: 'load', allowInf: true });
      });
  });

  it('truncated, extended and empty weight data are errors naming both sizes', async () => {
    await property('sizes', fc.tuple(base, fc.oneof(fc.integer({ min: -100000, max: -1 }), fc.integer({ min: 1, max: 64 })), fc.boolean()),
      async ([n, delta, split]) => {
        const a = copy(BASES[n]);
        const len = a.weightData!.byteLength, want = Math.max(0, len + delta);
        const b = new Uint8Array(want);
        b.set(new Uint8Array(a.weightData!).subarray(0, Math.min(len, want)));
        // tfjs' form, a list of buffers, as well as one buffer
        const data = split && want > 2 ? [b.buffer.slice(0, 1), b.buffer.slice(1)] : b.buffer;
        return loadProblems('sizes', { ...a, weightData: data }, { want: 'error', match: new RegExp(`holds ${want} bytes but .* need ${len}\\b`) });
      });
    expect(await loadProblems('empty', { ...copy(BASES.mlp), weightData: new ArrayBuffer(0) }, { want: 'error', match: /holds 0 bytes but/ })).toEqual([]);
    expect(await loadProblems('no data', { ...copy(BASES.mlp), weightData: undefined }, { want: 'error', match: /weight specs but no weight data/ })).toEqual([]);
  });
});

describe('corrupt model.json topology', () => {
  it('random structural mutations (deletions, wrong types, junk, prototype keys, deep nesting, cycles)', async () => {
    await property('topology', fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 3 })), async ([n, ms]) => {
      const a = copy(BASES[n]);
      mutate(a.modelTopology, ms);
      return loadProblems('topology', a, { want: 'either' });
    }, RUNS * 4);
  });

  const FIELDS = ['units', 'filters', 'kernel_size', 'strides', 'pool_size', 'rate', 'axis', 'momentum', 'epsilon', 'batch_input_shape',
    'activation', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'kernel_constraint', 'gamma_initializer', 'use_bias',
    'padding', 'data_format', 'dilation_rate', 'name', 'trainable', 'dtype', 'noise_shape', 'seed', 'center', 'scale', 'beta_constraint'];
  const fieldValue = fc.oneof(junk, fc.constantFrom(...BAD_NUMBERS).map((v) => [v, v]), fc.constantFrom(...BAD_NUMBERS).map((v) => [null, v]),
    fc.constantFrom('nope', 'Relu', 'softmax_v2', '__proto__', 'constructor').map((v) => v),
    fc.constantFrom('Nope', ...PROTO_KEYS).map((c) => ({ class_name: c, config: {} })),
    fc.constantFrom(...PROTO_KEYS).map((c) => ({ class_name: 'GlorotUniform', config: own(c, { seed: 1 }) })));

  it('layer config fields: negative/NaN/huge/fractional sizes, wrong types, unknown activations and classes', async () => {
    await property('fields', fc.tuple(base, fc.nat(), fc.constantFrom(...FIELDS), fieldValue), async ([n, i, field, v]) => {
      const a = copy(BASES[n]);
      const layers = (a.modelTopology as any).config.layers as any[];
      const layer = layers[i % layers.length];
      layer.config[field] = real(v);
      return loadProblems('fields', a, { want: 'either' });
    }, RUNS * 3);
  });

  it('layer names that collide, or are not strings', async () => {
    await property('names', fc.tuple(fc.constantFrom('mlp', 'cnn') as fc.Arbitrary<'mlp' | 'cnn'>, fc.nat(), fc.nat(), fc.oneof(fc.constant(null), junk)),
      async ([n, i, j, v]) => {
        const a = copy(BASES[n]);
        const layers = (a.modelTopology as any).config.layers as any[];
        const li = layers[i % layers.length], lj = layers[j % layers.length];
        li.config.name = v === null ? lj.config.name : real(v);
        return loadProblems('names', a, { want: 'either' });
      });
  });

  it('class names: unknown, prototype keys, wrong types', async () => {
    await property('classes', fc.tuple(base, fc.nat(), fc.oneof(fc.constantFrom('Nope', 'dense', 'Model', 'Sequential', 'Functional', 'InputLayer', ...PROTO_KEYS), junk),
      fc.boolean()), async ([n, i, c, top]) => {
      const a = copy(BASES[n]);
      const t = a.modelTopology as any;
      if (top) t.class_name = real(c); else t.config.layers[i % t.config.layers.length].class_name = real(c);
      return loadProblems('classes', a, { want: 'either' });
    });
  });

  it('functional graphs: cycles, self-loops, dangling references, bad node and tensor indices, colliding names', async () => {
    const graphCorruption = fc.oneof(
      fc.record({ kind: fc.constant('cycle' as const), i: fc.nat(), j: fc.nat() }),
      fc.record({ kind: fc.constant('ref' as const), i: fc.nat(), ref: fc.oneof(junk, fc.tuple(fc.constantFrom('nope', 'shared', 'in_a', '__proto__', 'constructor'),
        fc.constantFrom(0, 1, 5, -1, 0.5, NaN, 1e9), fc.constantFrom(0, 1, -1, 0.5, 1e9), fc.constant({}))) }),
      fc.record({ kind: fc.constant('collide' as const), i: fc.nat(), j: fc.nat(), both: fc.boolean() }),
      fc.record({ kind: fc.constant('ends' as const), which: fc.constantFrom('input_layers', 'output_layers'), v: fc.oneof(junk,
        fc.constant([['out_a', 0, 0], ['out_a', 0, 0]]), fc.constant([['shared', 1, 0]]), fc.constant([['shared', 0, 0]]), fc.constant([['in_a', 0, 0]]),
        fc.constant([]), fc.constant(['in_b', 0, 0])) }),
    );
    await property('graph', fc.array(graphCorruption, { minLength: 1, maxLength: 3 }), async (cs) => {
      const a = copy(BASES.functional);
      const layers = (a.modelTopology as any).config.layers as any[];
      for (const c of cs) {
        if (c.kind === 'cycle') {
          // layer i takes layer j's output (j downstream of i: a cycle), or its own
          const li = layers[c.i % layers.length], lj = layers[c.j % layers.length];
          li.inbound_nodes = [[[lj.name, 0, 0, {}]]];
        } else if (c.kind === 'ref') {
          const l = layers[c.i % layers.length];
          l.inbound_nodes = [[real(c.ref)]];
        } else if (c.kind === 'collide') {
          const li = layers[c.i % layers.length], lj = layers[c.j % layers.length];
          li.name = lj.name;
          if (c.both) li.config.name = lj.config.name;
        } else (a.modelTopology as any).config[c.which] = real(c.v);
      }
      return loadProblems('graph', a, { want: 'either' });
    });
  });

  it('deep nesting and cycles in the topology object, and as JSON text', async () => {
    const a = copy(BASES.mlp);
    for (const [depth, obj] of [[50_000, false], [50_000, true], [200, true]] as const) {
      const t = copy(a);
      (t.modelTopology as any).config.layers[0].config.junk = nested(depth, obj);
      expect(await loadProblems('deep', t, { want: 'either' })).toEqual([]);
      const text = `{"class_name": "Sequential", "config": {"name": "x", "layers": ${'['.repeat(depth)}${']'.repeat(depth)}}}`;
      expect(await loadProblems('deep text', { ...t, modelTopology: text as never }, { want: 'error' })).toEqual([]);
    }
    const c = copy(a);
    (c.modelTopology as any).config.layers[1] = cyclic();
    expect(await loadProblems('cycle', c, { want: 'error' })).toEqual([]);
    const top = copy(a);
    (top.modelTopology as any).config.self = top.modelTopology;
    expect(await loadProblems('cycle', top, { want: 'error' })).toEqual([]);
  });

  it('layer sizes that declare huge weights fail before allocating them, with and without a matching manifest', async () => {
    await property('huge', fc.tuple(fc.constantFrom('mlp', 'cnn') as fc.Arbitrary<'mlp' | 'cnn'>, fc.constantFrom(1e5, 1e6, 5e6, 1e7, 1e9, 2 ** 31, 2 ** 32),
      fc.constantFrom('none', 'huge spec', 'zero-size spec', 'wrapping spec')), async ([n, big, manifest]) => {
      const a = copy(BASES[n]);
      const layers = (a.modelTopology as any).config.layers as any[];
      if (n === 'mlp') layers[0].config.units = big; else layers[0].config.filters = big;
      let es = entries(a);
      if (manifest === 'huge spec') es[0].spec.shape = [1e9, 1e9];
      else if (manifest === 'zero-size spec') { es[0].spec.shape = [2 ** 32, 2 ** 32, 0]; es[0].bytes = new Uint8Array(0); }
      else if (manifest === 'wrapping spec') { es[0].spec.shape = [65536, 65536]; es[0].bytes = new Uint8Array(0); }
      es = es.slice();
      return loadProblems('huge', withEntries(a, es), { want: 'error' });
    });
  });
});

describe('corrupt weight manifests', () => {
  const specCorruption = fc.oneof(
    fc.record({ kind: fc.constant('shape' as const), v: fc.oneof(
      fc.constantFrom(...BAD_NUMBERS).map((d) => [d]), fc.constant([1e9, 1e9]), fc.constant([2 ** 32, 2 ** 32, 0]), fc.constant([65536, 65536]),
      fc.constant([]), fc.constant('3,4'), fc.constant({ 0: 3 }), fc.constant(null), fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 4 })), matchBytes: fc.boolean() }),
    fc.record({ kind: fc.constant('dtype' as const), v: fc.constantFrom('int32', 'bool', 'string', 'complex64', 'float16', 'float64', 'uint8', '', null, 7, '__proto__') }),
    fc.record({ kind: fc.constant('name' as const), v: fc.oneof(fc.constantFrom('', 'nope/kernel', 'iter', ...PROTO_KEYS), junk), other: fc.boolean() }),
    fc.record({ kind: fc.constant('drop' as const), keepBytes: fc.boolean() }),
    fc.record({ kind: fc.constant('dup' as const) }),
    fc.record({ kind: fc.constant('group' as const), v: fc.constantFrom('optimizer', 'model', 'nope', null, 5) }),
    fc.record({ kind: fc.constant('quant' as const), v: fc.oneof(fc.constantFrom({ dtype: 'uint8' }, { dtype: 'uint8', scale: NaN, min: 0 }, { dtype: 'uint16', scale: 1, min: 0 },
      { dtype: 'float16' }, { dtype: 'uint32', scale: 1, min: 0 }, { dtype: 'uint8', scale: 'x', min: 0 }), junk) }),
    fc.record({ kind: fc.constant('entry' as const), v: junk }),
  );

  it('wrong shapes, dtypes, names, groups, quantization; missing and duplicate weights', async () => {
    await property('manifest', fc.tuple(base, fc.array(fc.tuple(fc.nat(), specCorruption), { minLength: 1, maxLength: 3 }), fc.boolean()),
      async ([n, cs, strict]) => {
        const a = copy(BASES[n]);
        let es = entries(a);
        for (const [i, c] of cs) {
          if (es.length === 0) break;
          const k = i % es.length, e = es[k];
          if (e.spec === null || typeof e.spec !== 'object') continue; // replaced by junk already
          if (c.kind === 'shape') {
            e.spec.shape = c.v as number[];
            if (c.matchBytes && Array.isArray(c.v) && c.v.every((d) => Number.isInteger(d) && d >= 0)) {
              const size = (c.v as number[]).reduce((p, d) => p * d, 1) * 4;
              if (size <= 4 * MB) e.bytes = new Uint8Array(size).map((_, j) => e.bytes[j % Math.max(1, e.bytes.length)] ?? 0);
            }
          } else if (c.kind === 'dtype') (e.spec as any).dtype = c.v;
          else if (c.kind === 'name') e.spec.name = c.other ? es[(k + 1) % es.length].spec?.name : real(c.v) as string;
          else if (c.kind === 'drop') { es.splice(k, 1); if (c.keepBytes && es.length > 0) es[0].bytes = new Uint8Array([...es[0].bytes, ...e.bytes]); }
          else if (c.kind === 'dup') es.splice(k, 0, { spec: { ...e.spec }, bytes: e.bytes.slice() });
          else if (c.kind === 'group') (e.spec as any).group = c.v;
          else if (c.kind === 'quant') (e.spec as any).quantization = c.v;
          else (es[k] as any).spec = real(c.v);
        }
        es = es.slice();
        const specs = es.map((e) => e.spec);
        const art = withEntries(a, es.map((e) => ({ spec: e.spec, bytes: e.bytes })));
        art.weightSpecs = specs;
        return loadProblems('manifest', art, { want: 'either', options: { strict } });
      }, RUNS * 3);
  });

  it('weightData that is not bytes', async () => {
    await property('data', fc.tuple(base, fc.oneof(junk, fc.constantFrom([5], [1e10], [new ArrayBuffer(4), 'x'], [null]))), async ([n, v]) => {
      const a = copy(BASES[n]);
      return loadProblems('data', { ...a, weightData: real(v) as never }, { want: 'error' });
    });
  });

  it('weightSpecs that are not a list of entries', async () => {
    await property('specs', fc.tuple(base, junk), async ([n, v]) => {
      const a = copy(BASES[n]);
      return loadProblems('specs', { ...a, weightSpecs: real(v) as never }, { want: 'error' });
    });
  });
});

describe('corrupt training config and optimizer state', () => {
  const tcCorruption = fc.oneof(
    fc.record({ kind: fc.constant('class' as const), v: fc.oneof(fc.constantFrom('Nope', 'adam', 'ADAM', 'Momentum', 'SGD', 'RMSprop', 'AdamW', '', ...PROTO_KEYS), junk) }),
    fc.record({ kind: fc.constant('param' as const), key: fc.constantFrom('learning_rate', 'learningRate', 'beta1', 'beta_1', 'beta2', 'epsilon', 'amsgrad', 'nope',
      'clipnorm', 'weight_decay', 'name', ...PROTO_KEYS), v: fc.oneof(junk, fc.constantFrom({ class_name: 'ExponentialDecay', config: {} },
      { class_name: 'toString', config: {} }, { className: 'constructor', config: {} }, { class_name: 'ExponentialDecay',
        config: { initial_learning_rate: NaN, decay_steps: 0, decay_rate: -1 } })) }),
    fc.record({ kind: fc.constant('config' as const), v: junk }),
    fc.record({ kind: fc.constant('loss' as const), v: fc.oneof(junk, fc.constantFrom('nope', 'mse', ['mse'], ['mse', 'mse', 'mse'], { out_a: 'mse' }, { nope: 'mse' },
      { class_name: 'constructor', config: {} }, { class_name: 'MeanSquaredError', config: { reduction: 'nope' } }, { class_name: 'Loss', config: {} })) }),
    fc.record({ kind: fc.constant('metrics' as const), v: fc.oneof(junk, fc.constantFrom(['nope'], [['accuracy']], { nope: ['accuracy'] }, [5], [null], [{}],
      ['auc', 'precision'], [['auc'], ['recall']], { out_a: 'auc' }, ['auc', 'nope'])) }),
    fc.record({ kind: fc.constant('weights' as const), v: fc.oneof(junk, fc.constantFrom([1, 2], { out_a: NaN }, [NaN, 1], { nope: 1 })) }),
    fc.record({ kind: fc.constant('other' as const), key: fc.constantFrom('weighted_metrics', 'sample_weight_mode', 'optimizer_config', ...PROTO_KEYS), v: junk }),
    fc.record({ kind: fc.constant('whole' as const), v: junk }),
  );

  it('unknown optimizers, NaN or wrong-typed hyperparameters, bad losses and metrics', async () => {
    await property('training', fc.tuple(base, fc.array(tcCorruption, { minLength: 1, maxLength: 2 })), async ([n, cs]) => {
      const a = copy(BASES[n]);
      for (const c of cs) {
        const tc = a.trainingConfig as any;
        if (tc === null || typeof tc !== 'object') break;
        const oc = tc.optimizer_config;
        const v = real(c.v);
        if (c.kind === 'class') { if (oc && typeof oc === 'object') oc.class_name = v; }
        else if (c.kind === 'param') { if (oc && oc.config && typeof oc.config === 'object') Object.defineProperty(oc.config, c.key, { value: v, enumerable: true, writable: true, configurable: true }); }
        else if (c.kind === 'config') { if (oc && typeof oc === 'object') oc.config = v; }
        else if (c.kind === 'loss') tc.loss = v;
        else if (c.kind === 'metrics') tc.metrics = v;
        else if (c.kind === 'weights') tc.loss_weights = v;
        else if (c.kind === 'other') Object.defineProperty(tc, c.key, { value: v, enumerable: true, writable: true, configurable: true });
        else a.trainingConfig = v as never;
      }
      return loadProblems('training', a, { want: 'either' });
    });
  });

  const optCorruption = fc.oneof(
    fc.record({ kind: fc.constant('iter' as const), v: fc.constantFrom(-5, -1, 2 ** 31 - 1, 1e9, 0) }),
    fc.record({ kind: fc.constant('iterShape' as const), v: fc.constantFrom([2], [1, 1], [0]) }),
    fc.record({ kind: fc.constant('iterDtype' as const), v: fc.constantFrom(1.5, NaN, -2, 3) }),
    fc.record({ kind: fc.constant('slotShape' as const), i: fc.nat(), shape: fc.oneof(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }), fc.constant([]) ) }),
    fc.record({ kind: fc.constant('dropSlot' as const), i: fc.nat() }),
    fc.record({ kind: fc.constant('extraSlot' as const), i: fc.nat() }),
    fc.record({ kind: fc.constant('renameSlot' as const), i: fc.nat(), v: fc.constantFrom('nope/m', 'x', '', '__proto__', 'constructor', 'iter') }),
    fc.record({ kind: fc.constant('dropIter' as const) }),
    fc.record({ kind: fc.constant('onlyIter' as const) }),
    fc.record({ kind: fc.constant('slotDtype' as const), i: fc.nat(), v: fc.constantFrom('int32', 'bool') }),
  );

  it('optimizer state: negative or huge iteration counts, wrong slot shapes and counts', async () => {
    await property('optimizer', fc.tuple(base, fc.array(optCorruption, { minLength: 1, maxLength: 2 })), async ([n, cs]) => {
      const a = copy(BASES[n]);
      let es = entries(a);
      const opt = () => es.filter((e) => e.spec.group === 'optimizer');
      for (const c of cs) {
        const os = opt();
        const iter = os.find((e) => e.spec.name === 'iter');
        const slots = os.filter((e) => e.spec.name !== 'iter');
        if (c.kind === 'iter' && iter) new DataView(iter.bytes.buffer, iter.bytes.byteOffset).setInt32(0, c.v, true);
        else if (c.kind === 'iterShape' && iter) { iter.spec.shape = c.v; iter.bytes = new Uint8Array(4 * c.v.reduce((p, d) => p * d, 1)); }
        else if (c.kind === 'iterDtype' && iter) { iter.spec.dtype = 'float32'; new DataView(iter.bytes.buffer, iter.bytes.byteOffset).setFloat32(0, c.v, true); }
        else if (c.kind === 'slotShape' && slots.length) {
          const e = slots[c.i % slots.length];
          e.spec.shape = c.shape;
          e.bytes = new Uint8Array(4 * c.shape.reduce((p, d) => p * d, 1));
        } else if (c.kind === 'dropSlot' && slots.length) es = es.filter((e) => e !== slots[c.i % slots.length]);
        else if (c.kind === 'extraSlot' && slots.length) {
          const e = slots[c.i % slots.length];
          es.push({ spec: { ...e.spec, name: `${e.spec.name}_extra` }, bytes: e.bytes.slice() });
        } else if (c.kind === 'renameSlot' && slots.length) slots[c.i % slots.length].spec.name = c.v;
        else if (c.kind === 'dropIter' && iter) es = es.filter((e) => e !== iter);
        else if (c.kind === 'onlyIter') es = es.filter((e) => e.spec.group !== 'optimizer' || e === iter);
        else if (c.kind === 'slotDtype' && slots.length) slots[c.i % slots.length].spec.dtype = c.v as 'int32';
      }
      return loadProblems('optimizer', withEntries(a, es), { want: 'either' });
    });
  });
});

// ---- model.json as text, weight files as files: tf.io.http over an in-memory fetch (Node and browsers) -------

describe('corrupt model.json text and weight files (tf.io.http with an in-memory fetch)', () => {
  const URL_ = 'https://models.example/m/model.json';

  /** model.json text and its weight files (the bytes cut into two shards at `cut`). */
  function files(a: ModelArtifacts, cut: number): { json: string; shards: Record<string, Uint8Array> } {
    const b = new Uint8Array(a.weightData!), at = cut % (b.length + 1);
    const json = JSON.stringify({ modelTopology: a.modelTopology, format: a.format, generatedBy: a.generatedBy, convertedBy: a.convertedBy,
      trainingConfig: a.trainingConfig, weightsManifest: [{ paths: ['w1.bin', 'w2.bin'], weights: a.weightSpecs }] });
    return { json, shards: { 'w1.bin': b.slice(0, at), 'w2.bin': b.slice(at) } };
  }
  const fetchFrom = (json: string, shards: Record<string, Uint8Array>) => async (url: string): Promise<Response> => {
    const u = new URL(url);
    if (u.origin === 'https://models.example' && u.pathname === '/m/model.json') return new Response(json);
    const f = u.origin === 'https://models.example' && u.pathname.startsWith('/m/') ? shards[u.pathname.slice(3)] : undefined;
    return f ? new Response(f) : new Response('no such file', { status: 404, statusText: 'Not Found' });
  };

  const NUMBERS = ['-1', '0', '-0', '0.5', '1e9', '1e999', '4294967296', '"3"', '[3]', '{}', 'null', 'true', '[]', '[null]'];
  const SNIPPETS = ['"__proto__": {"polluted": 1, "units": 5}, ', '"constructor": {"prototype": {"polluted": 1}}, ', '"prototype": 1, ', ',', ']', '}',
    '"units": -1, ', '"class_name": "Nope", ', '"name": "dense", ', '[[[[[[[[', '"\\ud800"', '"paths": ["../w1.bin"], '];
  const PATHS = ['../w1.bin', 'https://evil.example/w1.bin', '/w1.bin', '//evil.example/w1.bin', '%2e%2e/w1.bin', 'missing.bin', 'w2.bin', 'w1.bin?x=1', ''];
  const textCorruption = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('char' as const), at: fc.nat(), c: fc.constantFrom(...'{}[],:"0123456789.eE-+ ntfalsu\\x'.split('')) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(...SNIPPETS) }),
    fc.record({ kind: fc.constant('number' as const), at: fc.nat(), v: fc.constantFrom(...NUMBERS) }),
    fc.record({ kind: fc.constant('path' as const), which: fc.constantFrom('w1.bin', 'w2.bin'), v: fc.constantFrom(...PATHS) }),
    fc.record({ kind: fc.constant('shard' as const), which: fc.constantFrom('w1.bin', 'w2.bin'), op: fc.constantFrom('drop', 'empty', 'cut', 'swap', 'grow') }),
  );

  it('truncated and garbled JSON, duplicate and prototype keys, bad numbers, paths out of the folder, missing or swapped shards', async () => {
    await property('http', fc.tuple(base, fc.nat(), fc.array(textCorruption, { minLength: 1, maxLength: 3 })), async ([n, cut, cs]) => {
      let { json, shards } = files(copy(BASES[n]), cut);
      for (const c of cs) {
        if (c.kind === 'truncate') json = json.slice(0, c.at % (json.length + 1));
        else if (c.kind === 'char') { const i = c.at % Math.max(1, json.length); json = json.slice(0, i) + c.c + json.slice(i + 1); }
        else if (c.kind === 'insert') {
          // after an opening brace, so an inserted key lands in some object
          const braces = [...json.matchAll(/\{/g)].map((m) => m.index!);
          const i = braces.length ? braces[c.at % braces.length] + 1 : 0;
          json = json.slice(0, i) + c.s + json.slice(i);
        } else if (c.kind === 'number') {
          const nums = [...json.matchAll(/(?<=[:,\[])-?\d+(\.\d+)?(e[-+]?\d+)?/gi)];
          if (nums.length) { const m = nums[c.at % nums.length]; json = json.slice(0, m.index!) + c.v + json.slice(m.index! + m[0].length); }
        } else if (c.kind === 'path') json = json.replace(`"${c.which}"`, JSON.stringify(c.v));
        else {
          const f = shards[c.which];
          if (c.op === 'drop') delete shards[c.which];
          else if (c.op === 'empty') shards[c.which] = new Uint8Array(0);
          else if (c.op === 'cut' && f) shards[c.which] = f.slice(0, f.length >> 1);
          else if (c.op === 'grow' && f) shards[c.which] = new Uint8Array([...f, 1, 2, 3]);
          else if (c.op === 'swap') shards = { 'w1.bin': shards['w2.bin'], 'w2.bin': shards['w1.bin'] };
        }
      }
      const fetchFunc = fetchFrom(json, shards);
      // (swapped shards of equal size load with other weight values: ±Inf outputs are fine then)
      return loadProblems('http', null, { want: 'either', allowInf: cs.some((c) => c.kind === 'shard') }, () => tf.loadLayersModel(URL_, { fetchFunc }));
    }, RUNS * 2);
  });
});

// ---- one explicit case per bug the fuzzing found (so each fix stays covered whatever the seed) ------------

describe('regressions: the bugs the fuzzing found', () => {
  const ok = async (label: string, a: unknown, x: Expect) => expect(await loadProblems(label, a, x)).toEqual([]);

  it('a manifest that declares huge weights cannot lift the topology budget (the bytes are checked first)', async () => {
    const a = copy(BASES.mlp);
    (a.modelTopology as any).config.layers[0].config.units = 1e7; // 200 MB of kernel
    const es = entries(a);
    es[0].spec.shape = [1e9, 1e9];
    await ok('r-budget', withEntries(a, es), { want: 'error', match: /^loadLayersModel: the weight data holds \d+ bytes but the \d+ weight specs need 4000000000000000000 \(weight 'dense\/kernel' \[1000000000,1000000000\] at byte 0 is cut off\)/ });
    // and with a consistent manifest the topology gets 4 MiB beyond twice its weights, not 128 MiB
    const b = copy(BASES.mlp);
    (b.modelTopology as any).config.layers[0].config.units = 200_000; // 4 MB of kernel
    await ok('r-budget', b, { want: 'error', match: /^loadLayersModel: the model's topology needs more memory than its weights hold/ });
  });

  it('configs nested deeply or holding a cycle are errors, not stack overflows', async () => {
    const a = copy(BASES.cnn);
    (a.modelTopology as any).config.layers[1].config.pool_size = nested(100_000, false);
    await ok('r-deep', a, { want: 'error', match: /^loadLayersModel: the model config is nested more than 100 levels deep \(or holds a cycle\)/ });
    const t = copy(BASES.mlp);
    (t.trainingConfig as any).optimizer_config.config.learning_rate = nested(100_000, true);
    await ok('r-deep', t, { want: 'error', match: /^loadLayersModel: the trainingConfig cannot be compiled .*nested more than 100 levels/ });
  });

  it('class names that are Object.prototype keys are unknown classes', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const a = copy(BASES.mlp);
      (a.trainingConfig as any).optimizer_config.class_name = name;
      await ok('r-proto', a, { want: 'error', match: new RegExp(`^loadLayersModel: the trainingConfig cannot be compiled .*unknown optimizer class '${name === '__proto__' ? 'Proto' : name}'`) }); // (class names are camel-cased as tfjs does)
      const i = copy(BASES.mlp);
      (i.modelTopology as any).config.layers[0].config.kernel_initializer = name === '__proto__' ? 'to_string' : name;
      await ok('r-proto', i, { want: 'error', match: /unknown initializer '(constructor|to_string|toString|hasOwnProperty)'/ });
      const r = copy(BASES.mlp);
      (r.modelTopology as any).config.layers[0].config.kernel_regularizer = name;
      await ok('r-proto', r, { want: 'error', match: /unknown regularizer/ });
      const c = copy(BASES.mlp);
      (c.modelTopology as any).config.layers[0].config.kernel_constraint = name;
      await ok('r-proto', c, { want: 'error', match: /unknown constraint/ });
      const s = copy(BASES.mlp);
      (s.trainingConfig as any).optimizer_config.config.learning_rate = { class_name: name, config: {} };
      await ok('r-proto', s, { want: 'error', match: /unknown schedule/ });
    }
    expect(() => tf.optimizers.get('constructor')).toThrow(/^getOptimizer: unknown optimizer 'constructor'/);
  });

  it("a weight named '__proto__' is a weight like any other (it neither leaks nor becomes a prototype)", async () => {
    const a = copy(BASES.cnn);
    const es = entries(a);
    es.push({ spec: { name: '__proto__', shape: [2], dtype: 'float32' }, bytes: new Uint8Array(8) });
    await ok('r-proto-weight', withEntries(a, es), { want: 'error', match: /the file has 1 weight\(s\) the model does not: '__proto__'/ });
    await ok('r-proto-weight', withEntries(a, es), { want: 'load', options: { strict: false } });
    const d = tf.io.decodeWeights(new ArrayBuffer(8), [{ name: '__proto__', shape: [2], dtype: 'float32' }]);
    expect(Object.keys(d)).toEqual(['__proto__']);
    tf.dispose(Object.values(d));
  });

  it('a failed load frees the layers built before the failure, and layers no output uses', async () => {
    const a = copy(BASES.mlp);
    (a.modelTopology as any).config.layers[3].config.units = -1; // after three layers were built
    await ok('r-leak', a, { want: 'error', match: /units must be a positive integer, got -1/ });
    const f = copy(BASES.functional);
    (f.modelTopology as any).config.output_layers = [['out_b', 0, 0]]; // proj_a and out_a are dropped
    await ok('r-leak', f, { want: 'error', match: /the file has 4 weight\(s\) the model does not: 'proj_a\/kernel'/ });
  });

  it('optimizer state is checked against the model at load: slot shapes, slot counts, iteration count', async () => {
    const a = copy(BASES.mlp);
    let es = entries(a);
    for (const e of es) if (e.spec.name === 'dense/kernel/m' || e.spec.name === 'dense/kernel/v') { e.spec.shape = [6, 5]; }
    await ok('r-opt', withEntries(a, es), { want: 'error',
      match: /^loadLayersModel: the optimizer state does not fit the model .*: Adam: the saved slots 'dense\/kernel\/m, v' are \[6,5\] but the variable that takes them, 'dense\/kernel', is \[5,6\]/ });
    es = entries(copy(BASES.mlp)).filter((e) => e.spec.name !== 'dense/bias/v');
    await ok('r-opt', withEntries(a, es), { want: 'error', match: /^loadLayersModel: the optimizer state does not fit the model .*Adam keeps 2 slots per variable/ });
    for (const v of [-1, 2 ** 31 - 1]) {
      es = entries(copy(BASES.mlp));
      const it = es.find((e) => e.spec.name === 'iter')!;
      new DataView(it.bytes.buffer).setInt32(0, v, true);
      // (a huge count loads at once: the β powers stop at their fixed point instead of looping 2³¹ times)
      await ok('r-opt', withEntries(a, es), v < 0 ? { want: 'error', match: /iteration count \(a scalar integer ≥ 0\), got shape \[\] value -1/ } : { want: 'load' });
    }
  });

  it('stateful metrics made by compile are freed with the model', async () => {
    const a = copy(BASES.mlp);
    (a.trainingConfig as any).metrics = ['auc', 'precision', 'recall'];
    await ok('r-metrics', a, { want: 'load' });
  });

  it('a model whose layers cannot take their declared inputs fails to load instead of failing to predict', async () => {
    const c = copy(BASES.cnn);
    (c.modelTopology as any).config.layers[0].config.batch_input_shape = [null, 6, 6, 1, 1];
    await ok('r-shapes', c, { want: 'error', match: /^loadLayersModel: cannot rebuild Sequential 'cnn': conv2d: expected input of rank 4, got input of shape \[None,6,6,1,1\]/ });
    const f = copy(BASES.functional);
    (f.modelTopology as any).config.layers.find((l: any) => l.name === 'out_b').inbound_nodes = [[['shared', 0, 0, {}], ['shared', 1, 0, {}]]];
    await ok('r-shapes', f, { want: 'error', match: /an inbound node of 'out_b' gives it 2 inputs; a Dense layer takes one/ });
    const n = copy(BASES.functional);
    (n.modelTopology as any).config.layers.find((l: any) => l.name === 'out_b').inbound_nodes = [[['shared', '__proto__', 0, {}]]];
    await ok('r-shapes', n, { want: 'error', match: /an inbound node of 'out_b' must be \[layerName, nodeIndex, tensorIndex\]/ });
    const o = copy(BASES.functional);
    (o.modelTopology as any).config.output_layers = [['in_a', 0, 0]];
    await ok('r-shapes', o, { want: 'error', match: /^loadLayersModel: the file has 8 weight\(s\) the model does not/ });
  });

  it('wrong-typed layer arguments are errors naming the argument', async () => {
    const cases: [number, string, unknown, RegExp][] = [
      [0, 'batch_input_shape', 'abc', /batchInputShape must be a list of non-negative integers or null, got "abc"/],
      [0, 'name', { toString: 5 }, /name must be a string, got \{"toString":5\}/],
      [1, 'seed', { toString: 5, valueOf: 6 }, /seed must be a number, got \{"toString":5,"valueOf":6\}/],
      [1, 'noise_shape', 'x', /noiseShape must be a list of positive integers or null/],
      [2, 'epsilon', true, /epsilon must be positive, got true/],
      [2, 'momentum', '0.5', /momentum must be in \[0, 1\], got "0.5"/],
      [3, 'use_bias', 'yes', /useBias must be true or false/],
      [3, 'kernel_initializer', { class_name: 'RandomUniform', config: { minval: { toString: 5 } } }, /initializer class 'RandomUniform': minval must be a finite number/],
      [3, 'kernel_initializer', 5, /initializer: expected a name/],
      [3, 'kernel_constraint', { config: {} }, /constraint: expected a name, \{className, config\} or a Constraint/],
    ];
    for (const [i, k, v, match] of cases) {
      const a = copy(BASES.mlp);
      (a.modelTopology as any).config.layers[i].config[k] = v;
      await ok('r-types', a, { want: 'error', match });
    }
  });

  it('errors of the handler and of non-buffer weight data carry the loader name', async () => {
    await ok('r-handler', { ...copy(BASES.mlp), weightData: [new ArrayBuffer(4), 'x'] }, { want: 'error', match: /^loadLayersModel: concatenateArrayBuffers: element 1 of the weight data is not an ArrayBuffer/ });
    const before = tf.memory().numTensors;
    await expect(tf.loadLayersModel({ load: async () => { throw new TypeError('boom'); } })).rejects.toThrow(/^loadLayersModel: boom$/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

// ---- datasets ----------------------------------------------------------------------------------------

const idx = idxFile;
const MNIST = {
  'train-images-idx3-ubyte': idx(2051, [3, 28, 28], Array.from({ length: 3 * 784 }, (_, i) => (i * 7) % 256)),
  'train-labels-idx1-ubyte': idx(2049, [3], [5, 0, 4]),
  't10k-images-idx3-ubyte': idx(2051, [2, 28, 28], Array.from({ length: 2 * 784 }, (_, i) => (i * 3) % 256)),
  't10k-labels-idx1-ubyte': idx(2049, [2], [7, 2]),
};
const FILES = Object.keys(MNIST) as (keyof typeof MNIST)[];

async function datasetProblems(label: string, op: string, load: () => Promise<tf.Tensor[][]>, want: 'load' | 'error' | 'either' = 'either'): Promise<string[]> {
  const before = tf.memory();
  const t0 = performance.now();
  const problems: string[] = [];
  try {
    const [[x, y], [tx, ty]] = await load();
    count(label, true);
    if (want === 'error') problems.push('loaded, expected an error');
    for (const [xs, ys] of [[x, y], [tx, ty]]) {
      if (xs.rank !== 3 || xs.shape[1] !== 28 || xs.shape[2] !== 28 || ys.shape.join() !== `${xs.shape[0]}`) problems.push(`shapes [${xs.shape}] and [${ys.shape}]`);
      if (ys.dataSync().some((v) => !(v >= 0 && v <= 9))) problems.push('a label outside 0..9');
      if (xs.dataSync().some((v) => !(v >= 0 && v <= 255))) problems.push('a pixel outside 0..255');
    }
    tf.dispose([x, y, tx, ty]);
  } catch (e) {
    count(label, false);
    if (want === 'load') problems.push(`failed: ${(e as Error).message}`);
    problems.push(...errorProblems(e, op));
    const grown = tf.memory().wasmPages - before.wasmPages;
    if (grown * PAGE > 4 * MB) problems.push(`wasm memory grew by ${(grown * PAGE / MB).toFixed(1)} MB over a failed load`);
  }
  const ms = performance.now() - t0;
  if (ms > 5000) problems.push(`took ${ms.toFixed(0)} ms`);
  const after = tf.memory();
  if (after.numTensors !== before.numTensors || after.numBytes !== before.numBytes) problems.push(`tf.memory() changed: ${before.numTensors} → ${after.numTensors} tensors`);
  problems.push(...pollution());
  if (SURVEY) {
    for (const p of problems) {
      const key = `${label}: ${p.replace(/\d+/g, 'N').slice(0, 160)}`;
      const s = survey.get(key);
      if (s) s.count++; else survey.set(key, { count: 1, example: p });
    }
    return [];
  }
  return problems;
}

describe('corrupt dataset files', () => {
  const op = 'tf.datasets.mnist.loadData';
  const fileCorruption = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('extend' as const), n: fc.integer({ min: 1, max: 3000 }) }),
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat({ max: 40 }), bit: fc.nat({ max: 7 }) }),
    fc.record({ kind: fc.constant('header' as const), word: fc.nat({ max: 3 }), v: fc.constantFrom(0, 1, 2, 3, 27, 29, 2049, 2051, 0x0803, 60000, 0x7fffffff, 0xffffffff, 2 ** 31) }),
    fc.record({ kind: fc.constant('empty' as const) }),
    fc.record({ kind: fc.constant('junk' as const), v: fc.constantFrom(null, 5, 'x', {}, [1, 2], undefined) }),
  );

  it('mnist: truncated files, wrong magic numbers, wrong and huge counts', async () => {
    await property('mnist', fc.tuple(fc.array(fc.tuple(fc.constantFrom(...FILES), fileCorruption), { minLength: 1, maxLength: 3 }),
      fc.option(fc.constantFrom(0, 1, 2, 5, -1, 1.5, NaN))), async ([cs, count]) => {
      const files: Record<string, unknown> = Object.fromEntries(FILES.map((f) => [f, MNIST[f].slice()]));
      for (const [f, c] of cs) {
        const b = files[f];
        if (!(b instanceof Uint8Array)) continue;
        if (c.kind === 'truncate') files[f] = b.slice(0, c.at % (b.length + 1));
        else if (c.kind === 'extend') files[f] = new Uint8Array([...b, ...new Uint8Array(c.n).fill(1)]);
        else if (c.kind === 'flip') { if (c.at < b.length) b[c.at] ^= 1 << c.bit; }
        else if (c.kind === 'header') { if (b.length >= 4 * (c.word + 1)) new DataView(b.buffer, b.byteOffset).setUint32(4 * c.word, c.v, false); }
        else if (c.kind === 'empty') files[f] = new Uint8Array(0);
        else files[f] = c.v;
      }
      const opts = { files: files as never, ...(count === null ? {} : { trainCount: count }) };
      return datasetProblems('mnist', op, () => tf.datasets.mnist.loadData(opts) as Promise<tf.Tensor[][]>);
    }, RUNS * 2);
  });

  const row = (v: number) => `[${new Array(784).fill(v).join(',')}]`;
  const JSON_FILE = `{"data": [${row(1)}, [], ${row(255)}]}`;

  it('fashion-mnist: a corrupted class file is an error naming it and the offset', async () => {
    const textCorruption = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), v: fc.constantFrom(...'[]{},:"- .e9x0'.split('').map((c) => c.charCodeAt(0)), 0, 255) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom('999999999999999999999', '[', ']', ',', '1e5', '-', '"data"', ' '.repeat(100)) }),
    );
    await property('fashion', fc.array(textCorruption, { minLength: 1, maxLength: 3 }), async (cs) => {
      let b = new TextEncoder().encode(JSON_FILE);
      for (const c of cs) {
        if (c.kind === 'truncate') b = b.slice(0, c.at % (b.length + 1));
        else if (c.kind === 'byte') { if (b.length) b[c.at % b.length] = c.v; }
        else { const at = c.at % (b.length + 1); b = new Uint8Array([...b.subarray(0, at), ...new TextEncoder().encode(c.s), ...b.subarray(at)]); }
      }
      const problems: string[] = [];
      // the parser directly: a result is well-formed, or an error names the file
      try {
        const r = parseImagesJson(b, '0.json', 'tf.datasets.fashionMnist.loadData');
        if (r.data.length !== r.n * 784) problems.push(`${r.n} images but ${r.data.length} values`);
      } catch (e) { problems.push(...errorProblems(e, 'tf.datasets.fashionMnist.loadData').map((p) => `parseImagesJson: ${p}`)); }
      problems.push(...await datasetProblems('fashion', 'tf.datasets.fashionMnist.loadData',
        () => tf.datasets.fashionMnist.loadData({ files: { '0.json': b } }) as Promise<tf.Tensor[][]>, 'error'));
      return SURVEY ? [] : problems;
    }, Math.ceil(RUNS / 4)); // (each loadData call first computes the two fixed 60000/10000 orders: ~40 ms)
  });
});

afterAll(() => {
  const rows = [...tally.entries()].map(([k, t]) => `${k} ${t.loaded + t.failed} (${t.loaded} loaded, ${t.failed} failed)`);
  const total = [...tally.values()].reduce((n, t) => n + t.loaded + t.failed, 0);
  console.log(`corrupt-file cases: ${total}: ${rows.join('; ')}`);
});

describe('survey', () => {
  it.runIf(SURVEY)('prints every problem found', () => {
    const lines = [...survey.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => `${v.count}× ${k}\n      e.g. ${v.example}`);
    console.log(`\n${survey.size} kinds of problem:\n${lines.join('\n')}`);
  });
});
