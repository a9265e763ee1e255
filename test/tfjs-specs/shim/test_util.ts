// Our own version of tfjs-core's test_util for its specs, written from its documented behaviour:
// arrays (typed, nested, or plain numbers/strings/booleans) compared elementwise, nested arrays also by
// shape, within the float32 test epsilon (1e-3) unless one is given; NaN matches NaN, ±Infinity itself.
import { NotApplicable } from './tf.js';

const TEST_EPSILON_FLOAT32 = 1e-3;
export const TEST_EPSILON_FLOAT16 = 1e-1;

type Values = unknown;

export function testEpsilon(): number { return TEST_EPSILON_FLOAT32; }

function isTyped(a: unknown): a is ArrayLike<number> { return ArrayBuffer.isView(a) && !(a instanceof DataView); }

function shapeOf(a: unknown): number[] {
  const s: number[] = [];
  let x = a;
  while (Array.isArray(x) || isTyped(x)) { s.push((x as ArrayLike<unknown>).length); x = (x as ArrayLike<unknown>)[0]; }
  return s;
}

function flat(a: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(a)) for (const e of a) flat(e, out);
  else if (isTyped(a)) for (let i = 0; i < a.length; i++) out.push(a[i]);
  else out.push(a);
  return out;
}

function compare(actual: Values, expected: Values, same: (a: unknown, e: unknown) => boolean): void {
  // typed arrays compare with anything (a number is a one-element array); otherwise the kinds must agree
  const kind = (v: unknown) => (isTyped(v) ? v.constructor.name : Array.isArray(v) ? 'Array' : typeof v);
  const typed = isTyped(actual) || isTyped(expected);
  if ((!typed || (isTyped(actual) && isTyped(expected))) && kind(actual) !== kind(expected)) {
    throw new Error(`Arrays are of different type. Actual: ${kind(actual)}. Expected: ${kind(expected)}`);
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const sa = shapeOf(actual), se = shapeOf(expected);
    if (sa.join(',') !== se.join(',')) throw new Error(`Arrays have different shapes. Actual: [${sa}]. Expected: [${se}]`);
  }
  const a = flat(actual), e = flat(expected);
  if (a.length !== e.length) {
    throw new Error(`Arrays have different lengths actual: ${a.length} vs expected: ${e.length}.\nActual:   ${a}.\nExpected: ${e}.`);
  }
  for (let i = 0; i < e.length; i++) {
    if (!same(a[i], e[i])) {
      throw new Error(`Arrays differ: actual[${i}] = ${String(a[i])}, expected[${i}] = ${String(e[i])}.\n` +
        `Actual:   ${a.slice(0, 40).join(', ')}.\nExpected: ${e.slice(0, 40).join(', ')}.`);
    }
  }
}

function close(a: unknown, e: unknown, eps: number): boolean {
  const x = Number(a), y = Number(e);
  if (!Number.isFinite(x) && !Number.isFinite(y) && !Number.isNaN(x) && !Number.isNaN(y)) return x === y;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y);
  return Math.abs(x - y) <= eps;
}

export function expectArraysClose(actual: Values, expected: Values, epsilon?: number): void {
  const eps = epsilon ?? testEpsilon();
  if (typeof actual === 'number' && typeof expected === 'number') { expectNumbersClose(actual, expected, eps); return; }
  compare(actual, expected, (a, e) => close(a, e, eps));
}

export function expectArraysEqual(actual: Values, expected: Values): void {
  const wrap = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [v] : v);
  const e = wrap(expected), a = Array.isArray(e) && !Array.isArray(actual) && !isTyped(actual) ? [actual] : actual;
  const strings = flat(e).some((v) => typeof v === 'string') || flat(a).some((v) => typeof v === 'string');
  compare(a, e, strings ? (x, y) => x === y : (x, y) => close(x, y, 0));
}

export function expectNumbersClose(a: number, e: number, epsilon?: number): void {
  const eps = epsilon ?? testEpsilon();
  if (!close(a, e, eps)) throw new Error(`Numbers differ: actual === ${a}, expected === ${e}`);
}

export function expectValuesInRange(actual: Values, low: number, high: number): void {
  const a = flat(actual) as number[];
  for (let i = 0; i < a.length; i++) {
    if (!(a[i] >= low && a[i] <= high)) throw new Error(`Value out of range: ${a[i]} low: ${low}, high: ${high}`);
  }
}

export function expectPromiseToFail(fn: () => Promise<unknown>, done: { (): void; fail(m?: unknown): void }): void {
  fn().then(() => done.fail('expected the promise to fail'), () => done());
}

export function expectArrayBuffersEqual(actual: ArrayBuffer, expected: ArrayBuffer): void {
  const a = new Uint8Array(actual), e = new Uint8Array(expected);
  if (a.length !== e.length) throw new Error(`ArrayBuffers have different lengths: ${a.length} vs ${e.length}`);
  for (let i = 0; i < a.length; i++) if (a[i] !== e[i]) throw new Error(`ArrayBuffers differ at byte ${i}`);
}

/** Strings → UTF-8 bytes, recursively (tfjs's string tensors hold bytes). */
export function encodeStrings(a: unknown): unknown {
  if (Array.isArray(a)) return a.map(encodeStrings);
  return typeof a === 'string' ? new TextEncoder().encode(a) : a;
}

export async function createVideoElement(): Promise<never> { throw new NotApplicable('video elements'); }
export async function play(): Promise<never> { throw new NotApplicable('video elements'); }
