// A tiny jasmine of our own for tfjs-core's compiled specs: the globals they use (describe, it,
// beforeEach …, expect with jasmine's matchers, expectAsync, spyOn, jasmine.*), a collector that reads a
// spec module's suites as it is imported, and a runner that runs its tests one by one and classifies
// each result:
//   pass     every expectation held (an expected throw passes whatever the message says)
//   fail     an expectation failed or ascent threw
//   missing  the test reached a function, tensor method or dtype ascent lacks
//   na       not applicable: it reached a tfjs internal, or its suite is for another platform/backend
import { Tensor } from '../../src/index.js';
import { engine } from '../../src/core/engine.js';
import { variablesNamed } from '../../src/core/tensor.js';
import { MissingOp, NotApplicable } from './shim/tf.js';

export type Status = 'pass' | 'fail' | 'missing' | 'na';
export interface Result { name: string; status: Status; detail: string }

interface Spec { kind: 'spec'; name: string; fn: Fn | null; skip: string | false }
interface Suite {
  kind: 'suite'; name: string; parent: Suite | null; children: (Suite | Spec)[]; skip: string | false;
  beforeAll: Fn[]; afterAll: Fn[]; beforeEach: Fn[]; afterEach: Fn[];
}
type Fn = (done?: Done) => unknown;
interface Done { (): void; fail(m?: unknown): void }

const newSuite = (name: string, parent: Suite | null, skip: string | false): Suite =>
  ({ kind: 'suite', name, parent, children: [], skip, beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] });

let current: Suite = newSuite('', null, false);
const TIMEOUT = { value: 20_000 };

// ---- classification --------------------------------------------------------------------------------

/** A stack frame in one of tfjs-core's own modules (not a spec file): its helpers, which need tfjs's engine. */
// (dist/*.js, or src/*.ts where a stack trace follows the source maps)
const tfjsInternalFrame = /tfjs-core\/(?:dist|src)\/(?:[\w/]+\/)?(?!\w+_test\.[jt]s)\w+\.[jt]s/;
const tensorProto = Tensor.prototype as unknown as Record<string, unknown>;

/** What an error thrown by a test means. */
export function classify(e: unknown): { status: Status; detail: string } {
  if (e instanceof NotApplicable) return { status: 'na', detail: e.what };
  if (e instanceof MissingOp) return { status: 'missing', detail: e.op };
  const msg = e instanceof Error ? e.message : String(e);
  const method = e instanceof TypeError ? /\.(\w+) is not a function/.exec(msg) : null;
  if (method && !(method[1] in tensorProto) && /^[a-z]/.test(method[1])) return { status: 'missing', detail: `.${method[1]}()` };
  const option = /^(\w+): only dataFormat '\w+' is supported, got '(\w+)'/.exec(msg);
  if (option) return { status: 'missing', detail: `${option[1]} dataFormat ${option[2]}` };
  // tfjs's own helper modules a spec imports (tf.util …) failing without tfjs's engine and environment
  if (e instanceof TypeError && tfjsInternalFrame.test(e.stack ?? '')) return { status: 'na', detail: `tfjs internals: ${msg}` };
  const dtype = /'(string|complex64)' is not supported|value '[^']*' is not a number|got the string '/.exec(msg);
  if (dtype) return { status: 'missing', detail: `dtype ${dtype[1] ?? 'string'}` };
  return { status: 'fail', detail: `${e instanceof Error ? e.constructor.name + ': ' : ''}${msg}`.slice(0, 500) };
}

/**
 * Errors an expected-throw matcher must not swallow: they say the test cannot judge ascent (a function
 * or tensor method ascent lacks, a tfjs internal). An error about a string value is a thrown error like
 * any other here: the test expects one.
 */
function passThrough(e: unknown): boolean {
  const c = classify(e);
  return c.status === 'na' || (c.status === 'missing' && !c.detail.startsWith('dtype '));
}

// ---- equality (jasmine's toEqual) -------------------------------------------------------------------

interface Asymmetric { asymmetricMatch(v: unknown): boolean; toString(): string }
const isAsym = (v: unknown): v is Asymmetric => v !== null && typeof v === 'object' && typeof (v as Asymmetric).asymmetricMatch === 'function';

export function eq(a: unknown, b: unknown): boolean {
  if (isAsym(b)) return b.asymmetricMatch(a);
  if (isAsym(a)) return a.asymmetricMatch(b);
  if (a === b) return a !== 0 || 1 / (a as number) === 1 / (b as number); // jasmine tells 0 from -0
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ta = Object.prototype.toString.call(a), tb = Object.prototype.toString.call(b);
  if (ta !== tb) return false;
  if (Array.isArray(a) || ArrayBuffer.isView(a)) {
    const x = a as ArrayLike<unknown>, y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!eq(x[i], y[i])) return false;
    return true;
  }
  if (a instanceof Map || a instanceof Set) return eq([...a], [...(b as Map<unknown, unknown>)]);
  const ka = Object.keys(a), kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !eq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

const show = (v: unknown): string => {
  if (v instanceof Tensor) return `Tensor(${v.shape}, ${v.dtype})`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}[${Array.from(v as unknown as ArrayLike<number>).slice(0, 20)}]`;
  try { return JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x))?.slice(0, 300) ?? String(v); } catch { return String(v); }
};

// ---- expect ----------------------------------------------------------------------------------------

class ExpectationFailed extends Error {}

interface Spy { (...a: unknown[]): unknown; and: Record<string, (...a: never[]) => Spy>; calls: Record<string, (...a: never[]) => unknown>; __spy: true }
const isSpy = (f: unknown): f is Spy => typeof f === 'function' && (f as Spy).__spy === true;
const spyCalls: { args: unknown[]; returnValue: unknown; object: unknown }[][] = [];

function thrown(fn: unknown): { threw: boolean; error: unknown } {
  if (typeof fn !== 'function') throw new ExpectationFailed('Actual is not a Function');
  try { (fn as () => unknown)(); return { threw: false, error: undefined }; } catch (error) { return { threw: true, error }; }
}

function throwsOk(error: unknown, type?: unknown): boolean {
  if (passThrough(error)) throw error;
  // ascent throws clear Errors for bad input; a TypeError from inside is not one (a missing tensor method
  // was classified above)
  if (error instanceof TypeError && type !== TypeError) throw new ExpectationFailed(`threw a TypeError instead of a clear Error: ${error.message}`);
  return true;
}

/**
 * A string compared with a string or pattern may be an error's message a test caught itself: a MissingOp's
 * says which function ascent lacks; ascent's own ("<op>: …") differs from tfjs's only in wording, which
 * counts as a pass (the test got the error it expected).
 */
function caughtMessage(actual: unknown, expected: unknown, negate: boolean): boolean {
  if (typeof actual !== 'string' || (typeof expected !== 'string' && !(expected instanceof RegExp))) return false;
  const lacks = /^ascent lacks (\S+)$/.exec(actual);
  if (lacks) throw new MissingOp(lacks[1]);
  return !negate && /^[a-zA-Z][\w.]*: \S/.test(actual);
}

function matchers(actual: unknown, negate: boolean) {
  const check = (ok: boolean, what: string, message?: unknown) => {
    if (ok !== negate) return;
    const chained = typeof message === 'string' ? /^(\w+) chained op not found$/.exec(message) : null;
    if (chained && !(chained[1] in tensorProto)) throw new MissingOp(`.${chained[1]}()`);
    throw new ExpectationFailed(`Expected ${show(actual)} ${negate ? 'not ' : ''}${what}${message ? ` (${String(message)})` : ''}`);
  };
  const text = (e: unknown, ok: boolean) => ok || caughtMessage(actual, e, negate);
  const m = {
    toBe: (e: unknown, message?: string) => check(text(e, actual === e || Object.is(actual, e)), `to be ${show(e)}`, message),
    toEqual: (e: unknown, message?: string) => check(text(e, eq(actual, e)), `to equal ${show(e)}`, message),
    toBeCloseTo: (e: number, precision = 2) => check(actual === e || Math.abs((actual as number) - e) < 10 ** -precision / 2, `to be close to ${e} (precision ${precision})`),
    toBeTruthy: () => check(!!actual, 'to be truthy'),
    toBeFalsy: () => check(!actual, 'to be falsy'),
    toBeTrue: () => check(actual === true, 'to be true'),
    toBeFalse: () => check(actual === false, 'to be false'),
    toBeNull: () => check(actual === null, 'to be null'),
    toBeUndefined: () => check(actual === undefined, 'to be undefined'),
    toBeDefined: () => check(actual !== undefined, 'to be defined'),
    toBeNaN: () => check(Number.isNaN(actual), 'to be NaN'),
    toBeGreaterThan: (e: number) => check((actual as number) > e, `to be greater than ${e}`),
    toBeGreaterThanOrEqual: (e: number) => check((actual as number) >= e, `to be >= ${e}`),
    toBeLessThan: (e: number) => check((actual as number) < e, `to be less than ${e}`),
    toBeLessThanOrEqual: (e: number) => check((actual as number) <= e, `to be <= ${e}`),
    toBeInstanceOf: (c: new () => unknown) => check(actual instanceof c, `to be an instance of ${c.name}`),
    toContain: (e: unknown) => check(typeof actual === 'string' ? text(e, actual.includes(e as string))
      : Array.from(actual as ArrayLike<unknown>).some((x) => eq(x, e)), `to contain ${show(e)}`),
    toMatch: (e: string | RegExp) => check(text(e, new RegExp(e).test(actual as string)), `to match ${e}`),
    toHaveSize: (n: number) => check((Array.isArray(actual) ? actual.length : Object.keys(actual as object).length) === n, `to have size ${n}`),
    // an expected throw passes whatever ascent's message says (tfjs's wording is not part of the API)
    toThrow: () => { const r = thrown(actual); check(r.threw && throwsOk(r.error), 'to throw'); },
    toThrowError: (type?: unknown) => {
      const r = thrown(actual);
      if (r.threw && negate && passThrough(r.error)) throw r.error;
      check(r.threw && throwsOk(r.error, type), 'to throw an error');
    },
    toHaveBeenCalled: () => check(isSpy(actual) && (actual.calls.count as () => number)() > 0, 'to have been called'),
    toHaveBeenCalledTimes: (n: number) => check(isSpy(actual) && (actual.calls.count as () => number)() === n, `to have been called ${n} times`),
    toHaveBeenCalledWith: (...args: unknown[]) => check(isSpy(actual) &&
      ((actual.calls.allArgs as () => unknown[][])()).some((a) => eq(a, args)), `to have been called with ${show(args)}`),
  };
  return m;
}

function expect(actual: unknown) {
  return Object.assign(matchers(actual, false), { not: matchers(actual, true) });
}

function expectAsync(promise: Promise<unknown>) {
  const settle = () => promise.then((v) => ({ ok: true, v }), (e: unknown) => ({ ok: false, v: e }));
  const rejected = async (negate: boolean) => {
    const r = await settle();
    if (!r.ok && passThrough(r.v)) throw r.v;
    if (!r.ok === negate) throw new ExpectationFailed(`Expected the promise ${negate ? 'not ' : ''}to be rejected${r.ok ? '' : `: ${String(r.v)}`}`);
  };
  const make = (negate: boolean) => ({
    toBeRejected: () => rejected(negate),
    toBeRejectedWithError: () => rejected(negate),
    toBeResolved: () => rejected(!negate),
    toBeResolvedTo: async (e: unknown) => {
      const r = await settle();
      if (!r.ok) throw r.v;
      if (eq(r.v, e) === negate) throw new ExpectationFailed(`Expected the promise to resolve to ${show(e)}, got ${show(r.v)}`);
    },
  });
  return Object.assign(make(false), { not: make(true) });
}

// ---- spies ---------------------------------------------------------------------------------------

const restore: (() => void)[] = [];

function createSpy(name = 'spy', original?: (...a: unknown[]) => unknown): Spy {
  const calls: { args: unknown[]; returnValue: unknown; object: unknown }[] = [];
  spyCalls.push(calls);
  let strategy: (self: unknown, args: unknown[]) => unknown = () => undefined;
  const spy = function (this: unknown, ...args: unknown[]) {
    const rec = { args, returnValue: undefined as unknown, object: this };
    calls.push(rec);
    rec.returnValue = strategy(this, args);
    return rec.returnValue;
  } as unknown as Spy;
  Object.defineProperty(spy, 'name', { value: name });
  spy.__spy = true;
  spy.and = {
    callThrough: () => { strategy = (self, a) => original?.apply(self, a); return spy; },
    returnValue: (v: unknown) => { strategy = () => v; return spy; },
    callFake: (f: (...a: unknown[]) => unknown) => { strategy = (self, a) => f.apply(self, a); return spy; },
    throwError: (e: unknown) => { strategy = () => { throw typeof e === 'string' ? new Error(e) : e; }; return spy; },
    stub: () => { strategy = () => undefined; return spy; },
  } as Spy['and'];
  spy.calls = {
    count: () => calls.length,
    argsFor: (i: number) => calls[i]?.args ?? [],
    allArgs: () => calls.map((c) => c.args),
    all: () => calls.slice(),
    first: () => calls[0],
    mostRecent: () => calls[calls.length - 1],
    any: () => calls.length > 0,
    reset: () => { calls.length = 0; },
  } as Spy['calls'];
  return spy;
}

function spyOn(obj: Record<string, unknown>, method: string): Spy {
  const original = obj[method];
  if (typeof original !== 'function') throw new Error(`spyOn: ${method}() method does not exist`);
  const spy = createSpy(method, original as (...a: unknown[]) => unknown);
  try { obj[method] = spy; } catch { throw new NotApplicable(`a spy on ${method} (not writable here)`); }
  restore.push(() => { obj[method] = original; });
  return spy;
}

// ---- globals -------------------------------------------------------------------------------------

class ObjectContaining implements Asymmetric {
  constructor(readonly sample: Record<string, unknown>) {}
  asymmetricMatch(v: unknown) {
    return v !== null && typeof v === 'object' && Object.keys(this.sample).every((k) => k in (v as object) && eq((v as Record<string, unknown>)[k], this.sample[k]));
  }
  toString() { return `<jasmine.objectContaining(${show(this.sample)})>`; }
}

const jasmine = {
  get DEFAULT_TIMEOUT_INTERVAL() { return TIMEOUT.value; },
  set DEFAULT_TIMEOUT_INTERVAL(v: number) { TIMEOUT.value = v; },
  objectContaining: (s: Record<string, unknown>) => new ObjectContaining(s),
  any: (c: unknown) => ({
    asymmetricMatch: (v: unknown) => (c === Number ? typeof v === 'number' : c === String ? typeof v === 'string' : c === Boolean ? typeof v === 'boolean'
      : c === Function ? typeof v === 'function' : c === Object ? v !== null && typeof v === 'object' : v instanceof (c as new () => unknown)),
    toString: () => `<jasmine.any(${(c as { name: string }).name})>`,
  }),
  anything: () => ({ asymmetricMatch: (v: unknown) => v !== null && v !== undefined, toString: () => '<jasmine.anything>' }),
  arrayContaining: (s: unknown[]) => ({ asymmetricMatch: (v: unknown) => Array.isArray(v) && s.every((x) => v.some((y) => eq(y, x))), toString: () => '<jasmine.arrayContaining>' }),
  arrayWithExactContents: (s: unknown[]) => ({
    asymmetricMatch: (v: unknown) => Array.isArray(v) && v.length === s.length && s.every((x) => v.some((y) => eq(y, x))),
    toString: () => '<jasmine.arrayWithExactContents>',
  }),
  createSpy: (name?: string, f?: (...a: unknown[]) => unknown) => createSpy(name, f),
  getEnv: () => { throw new NotApplicable('jasmine.getEnv()'); },
};

function addSpec(name: string, fn: Fn | null, skip: string | false) {
  current.children.push({ kind: 'spec', name, fn, skip: skip || current.skip });
}

function describe(name: string, fn: () => void, skip: string | false = false) {
  const s = newSuite(name, current, skip || current.skip);
  current.children.push(s);
  const parent = current;
  current = s;
  try { fn(); } finally { current = parent; }
}

export function installGlobals(): void {
  Object.assign(globalThis, {
    describe, fdescribe: describe,
    xdescribe: (name: string, fn: () => void) => describe(name, fn, 'disabled in tfjs (xdescribe)'),
    it: (name: string, fn: Fn) => addSpec(name, fn, false), fit: (name: string, fn: Fn) => addSpec(name, fn, false),
    xit: (name: string, fn: Fn) => addSpec(name, fn, 'disabled in tfjs (xit)'),
    beforeEach: (f: Fn) => current.beforeEach.push(f), afterEach: (f: Fn) => current.afterEach.push(f),
    beforeAll: (f: Fn) => current.beforeAll.push(f), afterAll: (f: Fn) => current.afterAll.push(f),
    expect, expectAsync, spyOn, jasmine,
    fail: (m?: unknown) => { throw new ExpectationFailed(m instanceof Error ? m.message : String(m ?? 'failed')); },
    pending: (m?: string) => { throw new NotApplicable(`pending: ${m ?? ''}`); },
  });
}

// ---- running -------------------------------------------------------------------------------------

function call(fn: Fn): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT.value} ms`)), TIMEOUT.value);
    const finish = (e?: unknown) => { clearTimeout(timer); if (e === undefined) resolve(); else reject(e); };
    try {
      if (fn.length > 0) {
        const done = (() => finish()) as Done;
        done.fail = (m?: unknown) => finish(m instanceof Error ? m : new ExpectationFailed(String(m ?? 'done.fail()')));
        fn(done);
      } else {
        Promise.resolve(fn()).then(() => finish(), (e) => finish(e ?? new Error('rejected')));
      }
    } catch (e) { finish(e); }
  });
}

async function runSuite(s: Suite, path: string[], out: Result[], filter: (name: string) => boolean): Promise<void> {
  const specs: Spec[] = [];
  const collect = (x: Suite) => { for (const c of x.children) if (c.kind === 'spec') specs.push(c); else collect(c); };
  collect(s);
  const runnable = !s.skip && specs.some((c) => !c.skip);
  let allFailure: unknown;
  if (runnable) for (const f of s.beforeAll) { try { await call(f); } catch (e) { allFailure = e; break; } }
  for (const c of s.children) {
    const names = [...path, c.name];
    if (c.kind === 'suite') { await runSuite(c, names, out, filter); continue; }
    let name = names.filter((n) => n !== '').join(' ');
    // tfjs has a few tests with the same full name: number the repeats (#2 …) so each has its own result
    for (let k = 2; out.some((r) => r.name === name); k++) name = `${names.filter((n) => n !== '').join(' ')} #${k}`;
    if (!filter(name)) continue;
    if (c.skip) { out.push({ name, status: 'na', detail: c.skip }); continue; }
    if (allFailure !== undefined) { out.push({ name, ...classify(allFailure) }); continue; }
    out.push({ name, ...(await runSpec(s, c)) });
  }
  if (runnable) for (const f of s.afterAll) { try { await call(f); } catch { /* reported by the tests */ } }
}

async function runSpec(s: Suite, spec: Spec): Promise<{ status: Status; detail: string }> {
  const chain: Suite[] = [];
  for (let x: Suite | null = s; x !== null; x = x.parent) chain.unshift(x);
  // as tfjs's test set-up: each test runs in a scope that frees its tensors, and its variables go after it
  const variables = new Set(variablesNamed(null));
  engine.openFrame();
  let error: unknown;
  try {
    for (const x of chain) for (const f of x.beforeEach) await call(f);
    await call(spec.fn!);
  } catch (e) { error = e; }
  for (const x of chain.reverse()) for (const f of x.afterEach) { try { await call(f); } catch (e) { error ??= e; } }
  while (restore.length > 0) restore.pop()!();
  engine.closeFrame(null, null);
  for (const v of variablesNamed(null)) if (!variables.has(v)) v.dispose();
  return error === undefined ? { status: 'pass', detail: '' } : classify(error);
}

/** Imports one spec module (collecting its suites) and runs its tests. */
export async function runSpecFile(load: () => Promise<unknown>, filter: (name: string) => boolean = () => true): Promise<Result[]> {
  const root = newSuite('', null, false);
  current = root;
  try { await load(); } catch (e) {
    current = newSuite('', null, false);
    return [{ name: '(loading the spec file)', ...classify(e) }];
  }
  current = newSuite('', null, false);
  const out: Result[] = [];
  await runSuite(root, [], out, filter);
  return out;
}
