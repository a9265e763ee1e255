// slice, stridedSlice, tf.index (numpy-style strings), reverse, and the strided-copy kernel under them.
// Values against explicit expectations, an independent Python-semantics reference and TensorFlow.js;
// gradients by finite differences, TensorFlow.js and second order; errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { H, K } from '../../src/backend/wasm.js';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

const toTfc = (t: tf.Tensor) => tfc.tensor(Array.from(t.dataSync()), t.shape, t.dtype);
function matches(ours: tf.Tensor, theirs: tfcore.Tensor): void {
  expect(ours.shape).toEqual(theirs.shape);
  expect(ours.dtype).toBe(theirs.dtype);
  expectClose(ours, Array.from(theirs.dataSync()), 0, 0);
}
const errorOf = (f: () => unknown): string => {
  try { f(); } catch (e) { return (e as Error).message; }
  throw new Error('expected an error');
};
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}
const iota = (shape: number[]) => tf.reshape(tf.range(0, shape.reduce((a, b) => a * b, 1)), shape);

// ---- an independent reference: Python/numpy basic indexing over row-major values ----------------
type Item = { k: number } | { start?: number; stop?: number; step?: number } | '...' | 'None';

function pyRange(n: number, start?: number, stop?: number, step = 1): number[] {
  const clampIdx = (v: number, lo: number, hi: number) => Math.min(Math.max(v < 0 ? v + n : v, lo), hi);
  const s = start === undefined ? (step > 0 ? 0 : n - 1) : clampIdx(start, step > 0 ? 0 : -1, step > 0 ? n : n - 1);
  const e = stop === undefined ? (step > 0 ? n : -1) : clampIdx(stop, step > 0 ? 0 : -1, step > 0 ? n : n - 1);
  const out: number[] = [];
  for (let i = s; step > 0 ? i < e : i > e; i += step) out.push(i);
  return out;
}

/** numpy x[items] on values `vals` of `shape`: [nested arrays (a number for a full index), shape]. Throws like numpy. */
function refIndex(vals: ArrayLike<number>, shape: number[], items: Item[]): [unknown, number[]] {
  const real = items.filter((it) => it !== '...' && it !== 'None').length;
  if (real > shape.length) throw new Error('too many indices');
  const full = Array.from({ length: shape.length - real }, () => ({}) as Item);
  const ex: Item[] = items.includes('...') ? items.flatMap((it) => (it === '...' ? full : [it])) : [...items, ...full];
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const rec = (off: number, axis: number, j: number): unknown => {
    if (j === ex.length) return vals[off];
    const it = ex[j];
    if (it === 'None') return [rec(off, axis, j + 1)];
    if (typeof it === 'object' && 'k' in it) {
      const n = shape[axis], k = it.k < 0 ? it.k + n : it.k;
      if (k < 0 || k >= n) throw new Error('index out of range');
      return rec(off + k * strides[axis], axis + 1, j + 1);
    }
    const s = it as { start?: number; stop?: number; step?: number };
    return pyRange(shape[axis], s.start, s.stop, s.step).map((i) => rec(off + i * strides[axis], axis + 1, j + 1));
  };
  const outShape: number[] = [];
  let axis = 0;
  for (const it of ex) {
    if (it === 'None') { outShape.push(1); continue; }
    if (typeof it === 'object' && 'k' in it && (it.k >= shape[axis] || it.k < -shape[axis])) throw new Error('index out of range');
    if (typeof it === 'object' && !('k' in it)) outShape.push(pyRange(shape[axis], it.start, it.stop, it.step).length);
    axis++;
  }
  return [rec(0, 0, 0), outShape];
}
function specOf(items: Item[]): string {
  return items.map((it) => {
    if (it === '...' || it === 'None') return it;
    if ('k' in it) return String(it.k);
    return `${it.start ?? ''}:${it.stop ?? ''}${it.step !== undefined ? `:${it.step}` : ''}`;
  }).join(', ');
}

describe('strided-copy kernel', () => {
  it('SIMD and scalar twins agree for every inner size 0..13 and strides ±1, ±2 (copy and add)', () => {
    const h = H(), k = K();
    const N = 4 * 16 * 16;
    const src = h.alloc(N * 4), d1 = h.alloc(N * 4), d2 = h.alloc(N * 4), dims = h.alloc(256);
    const r = lcg(3);
    for (let n = 0; n <= 13; n++) {
      for (const si of [1, -1, 2, -2]) {
        for (const di of [1, -1, 2]) {
          for (const add of [false, true]) {
            const f = h.f32;
            for (let i = 0; i < N; i++) { f[(src >> 2) + i] = r() * 4 - 2; f[(d1 >> 2) + i] = f[(d2 >> 2) + i] = r(); }
            // box [3, n]: rows 40 elements apart; negative strides start from the far end
            const sp = src + 4 * (si < 0 ? 200 : 0), dp1 = d1 + 4 * (di < 0 ? 200 : 0), dp2 = d2 + 4 * (di < 0 ? 200 : 0);
            const before = h.f32.slice(d2 >> 2, (d2 >> 2) + N);
            const set = () => h.i32.set([3, n, 40, si, 40, di], dims >> 2);
            set();
            if (add) k.f32_strided_add__wasmsimd(sp, dp1, 2, dims); else k.x32_strided_copy__wasmsimd(sp, dp1, 2, dims);
            set();
            if (add) k.f32_strided_add__scalar(sp, dp2, 2, dims); else k.x32_strided_copy__scalar(sp, dp2, 2, dims);
            const got1 = Array.from(h.f32.slice(d1 >> 2, (d1 >> 2) + N)), got2 = Array.from(h.f32.slice(d2 >> 2, (d2 >> 2) + N));
            expect(got1).toEqual(got2);
            // and against a JS reference (untouched elements stay)
            const ref = Array.from(before), s0 = h.f32;
            for (let a = 0; a < 3; a++) for (let i = 0; i < n; i++) {
              const v = s0[(sp >> 2) + a * 40 + i * si], o = ((dp2 - d2) >> 2) + a * 40 + i * di;
              ref[o] = add ? Math.fround(before[o] + v) : v;
            }
            expect(got2).toEqual(ref);
          }
        }
      }
    }
    [src, d1, d2].forEach((p) => h.free(p, N * 4));
    h.free(dims, 256);
  });
});

describe('slice', () => {
  it('takes boxes; size -1 runs to the end; short begin/size and numbers mean the first axes (tfjs)', () => {
    const x = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    expect(tf.slice(x, [0, 1], [2, -1]).arraySync()).toEqual([[2, 3], [5, 6]]);
    expect(tf.slice(x, [1, 0], [1, 2]).arraySync()).toEqual([[4, 5]]);
    expect(tf.slice(x, 1).arraySync()).toEqual([[4, 5, 6]]);
    expect(tf.slice(x, [0], [1]).arraySync()).toEqual([[1, 2, 3]]);
    expect(tf.slice(x, [0, 1]).arraySync()).toEqual([[2, 3], [5, 6]]);
    expect(tf.slice(x, [0, 3], [2, 0]).shape).toEqual([2, 0]);
    expect(x.slice([1, 1], [1, 2]).arraySync()).toEqual([[5, 6]]);
    expect(tf.slice(tf.tensor1d([1, 2, 3, 4], 'int32'), 1, 2).arraySync()).toEqual([2, 3]);
    const b = tf.slice(tf.tensor([true, false, true, false]), [1], [2]);
    expect(b.dtype).toBe('bool');
    expect(b.arraySync()).toEqual([false, true]);
  });

  it('matches TensorFlow.js values and gradients on 1-4d boxes', () => {
    const cases: [number[], number[], number[]][] = [
      [[7], [2], [4]], [[4, 5], [1, 2], [2, -1]], [[3, 4, 5], [0, 1, 2], [-1, 2, 3]],
      [[2, 3, 4, 5], [1, 0, 1, 0], [1, 3, 2, 5]], [[2, 3, 4, 5], [0, 1, 1, 2], [2, 1, 1, 2]], [[4, 32, 32, 3], [1, 2, 3, 1], [2, 8, 9, 2]],
    ];
    for (const [shape, begin, size] of cases) {
      const x = rand(shape, 1);
      matches(tf.slice(x, begin, size), tfc.slice(toTfc(x), begin, size));
      const y = tf.slice(x, begin, size), dy = rand(y.shape, 2);
      const g = tf.grad((t: tf.Tensor) => tf.slice(t, begin, size))(x, dy);
      const go = tfc.grad((t: tfcore.Tensor) => tfc.slice(t, begin, size))(toTfc(x), toTfc(dy));
      matches(g, go);
    }
  });

  it('finite differences, and second order through the gradient (a strided write) and back', () => {
    checkGrad((t) => tf.slice(t, [1, 0], [2, 2]), [rand([3, 4], 3)]);
    // d/dx sum(grad(sum(slice(x)^3)) · r): the gradient of the gradient
    const r = rand([3, 4], 4);
    checkGrad((x) => {
      const tape = new tf.GradientTape();
      tape.watch(x);
      const l = tf.sum(tf.pow(tf.slice(x, [1, 1], [2, 3]), 3));
      return tf.mul(tape.gradient(l, x)!, r);
    }, [rand([3, 4], 5)]);
  });

  it('bad arguments: errors name slice, the argument and the shapes', () => {
    const x = tf.zeros([2, 4]);
    expect(errorOf(() => tf.slice(x, [0, 2], [2, 3]))).toMatch(/^slice: begin\[1\] \+ size\[1\] = 2 \+ 3 exceeds axis 1 of size 4 \(x \[2,4\]/);
    expect(errorOf(() => tf.slice(x, [3, 0]))).toMatch(/^slice: begin\[0\] = 3 is out of range for axis 0 of size 2 \(x \[2,4\]/);
    expect(errorOf(() => tf.slice(x, [-1, 0]))).toMatch(/^slice: begin\[0\] = -1/);
    expect(errorOf(() => tf.slice(x, [0, 0, 0]))).toMatch(/^slice: begin \[0,0,0\] has 3 entries but x \[2,4\] has rank 2/);
    expect(errorOf(() => tf.slice(x, [0, 0], [1, -2]))).toMatch(/^slice: size\[1\] = -2/);
    expect(errorOf(() => tf.slice(x, [0, 0.5] as number[]))).toMatch(/^slice: begin must be an array of integers/);
    expect(errorOf(() => tf.slice(tf.scalar(1), [0]))).toMatch(/^slice: cannot slice a scalar/);
    expect(tf.slice(x, [1, 1], [1, 1]).shape).toEqual([1, 1]); // still usable
  });
});

describe('stridedSlice', () => {
  it('negative indices, negative strides, masks, ellipsis, new and shrunk axes (explicit values)', () => {
    const x = iota([2, 3, 4]);
    // x[:, ::-1, 1::2]
    expect(tf.stridedSlice(x, [0, 0, 1], [0, 0, 0], [1, -1, 2], 0b011, 0b111).arraySync())
      .toEqual([[[9, 11], [5, 7], [1, 3]], [[21, 23], [17, 19], [13, 15]]]);
    // x[-1, 0:-1, ::-3]  (shrink axis 0)
    expect(tf.stridedSlice(x, [-1, 0, 0], [0, -1, 0], [1, 1, -3], 0b100, 0b100, 0, 0, 0b001).arraySync())
      .toEqual([[15, 12], [19, 16]]);
    // x[..., 2]  (ellipsis, shrink last)
    expect(tf.stridedSlice(x, [0, 2], [0, 3], [1, 1], 0, 0, 0b01, 0, 0b10).arraySync()).toEqual([[2, 6, 10], [14, 18, 22]]);
    // x[None, 1, ..., None]  → [1, 3, 4, 1]
    expect(tf.stridedSlice(x, [0, 1, 0, 0], [0, 2, 0, 0], [1, 1, 1, 1], 0, 0, 0b0100, 0b1001, 0b0010).shape).toEqual([1, 3, 4, 1]);
    // short spec: the rest are full; out-of-range ends clamp; empty results
    expect(tf.stridedSlice(x, [1], [100]).shape).toEqual([1, 3, 4]);
    expect(tf.stridedSlice(x, [0, 2], [2, 1]).shape).toEqual([2, 0, 4]);
    expect(tf.stridedSlice(x, [0, 0, 3], [2, 3, -100], [1, 1, -1]).shape).toEqual([2, 3, 4]);
    expect(x.stridedSlice([0, 0, 0], [1, 1, 1], [1, 1, 1]).arraySync()).toEqual([[[0]]]);
    expect(tf.stridedSlice(tf.tensor([[1, 2], [3, 4]], undefined, 'int32'), [0, 0], [0, 0], [-1, -1], 3, 3).arraySync()).toEqual([[4, 3], [2, 1]]);
  });

  it('TensorFlow semantics where tfjs-cpu is wrong: a shrunk axis after a reversed one', () => {
    // tfjs-backend-cpu 4.22 returns [[40,41,42,43],[20,21,22,23]] here (its strided walk mixes the
    // sparse final shape with the dense begin/strides); TensorFlow gives x[2:0:-1, -4:, -4].
    const x = iota([3, 4, 5]);
    expect(tf.stridedSlice(x, [-6, -4, 5, -4], [-3, 5, 3, 6], [-1, 1, 2, 3], 9, 6, 4, 0, 8).arraySync())
      .toEqual([[41, 46, 51, 56], [21, 26, 31, 36]]);
    expect(x.index('2:0:-1, -4:, -4').arraySync()).toEqual([[41, 46, 51, 56], [21, 26, 31, 36]]);
  });

  it('matches TensorFlow.js on 400 random specs (values and shapes, or both throw)', () => {
    // Shrunk axes are left to the Python-semantics reference below: tfjs-cpu mishandles some (see above).
    const r = lcg(11);
    const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
    const x = rand([3, 4, 5], 1), xo = toTfc(x);
    let compared = 0;
    for (let c = 0; c < 400; c++) {
      const n = 1 + Math.floor(r() * 4);
      const begin = Array.from({ length: n }, () => Math.floor(r() * 13) - 6);
      const end = Array.from({ length: n }, () => Math.floor(r() * 13) - 6);
      const strides = Array.from({ length: n }, () => pick([1, 1, 2, 3, -1, -2]));
      const bits = () => Math.floor(r() * (1 << n));
      const beginMask = bits(), endMask = bits();
      const ellipsisMask = r() < 0.3 ? 1 << Math.floor(r() * n) : 0;
      const newAxisMask = r() < 0.3 ? bits() & ~ellipsisMask : 0;
      const shrinkAxisMask = 0;
      const args = [begin, end, strides, beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask] as const;
      let want: tfcore.Tensor | null = null;
      try { want = tfc.stridedSlice(xo, ...args); } catch (e) {
        // tfjs's own validation errors (TensorFlow's): we must throw too. Its internal failures (e.g.
        // "Requested out of range element" for x[-2, ...] with stride 2 on the indexed axis, which
        // TensorFlow evaluates to x[1]) are tfjs bugs, skipped here.
        if (/must be non-zero|out of bounds|only stride 1|Multiple ellipses|Index out of range/.test((e as Error).message)) {
          expect(() => tf.stridedSlice(x, ...args), JSON.stringify(args)).toThrow(/^stridedSlice: /);
        }
        continue;
      }
      const got = tf.stridedSlice(x, ...args);
      expect(got.shape, JSON.stringify(args)).toEqual(want.shape);
      expect(Array.from(got.dataSync()), JSON.stringify(args)).toEqual(Array.from(want.dataSync()));
      compared++;
    }
    expect(compared).toBeGreaterThan(250);
  });

  it('gradient: dy written back into zeros (finite differences, a JS reference, second order)', () => {
    const f = (t: tf.Tensor) => tf.stridedSlice(t, [3, 0, 1], [0, 0, 5], [-2, 1, 2], 0, 0b010, 0, 0, 0);
    checkGrad(f, [rand([4, 3, 5], 1)]);
    checkGrad((t) => tf.stridedSlice(t, [-1, 0], [0, 0], [1, -1], 0, 0b10, 0, 0b100 * 0, 0b01), [rand([3, 4], 2)]);
    // reference: scatter dy into zeros at x[3:0:-2, :, 1:5:2]
    const x = rand([4, 3, 5], 3), y = f(x), dy = rand(y.shape, 4);
    const g = tf.grad(f)(x, dy).dataSync(), d = dy.dataSync();
    const ref = new Float32Array(60);
    let k = 0;
    for (const i of [3, 1]) for (let j = 0; j < 3; j++) for (const l of [1, 3]) ref[i * 15 + j * 5 + l] = d[k++];
    expect(Array.from(g)).toEqual(Array.from(ref));
    const r = rand([4, 3, 5], 5);
    checkGrad((t) => {
      const tape = new tf.GradientTape();
      tape.watch(t);
      const gg = tape.gradient(tf.sum(tf.square(f(t))), t)!;
      return tf.mul(gg, r);
    }, [rand([4, 3, 5], 6)]);
  });

  it('bad specs: clear errors naming stridedSlice and the shape', () => {
    const x = tf.zeros([2, 3]);
    expect(errorOf(() => tf.stridedSlice(x, [0, 0], [1, 1], [1, 0]))).toMatch(/^stridedSlice: strides\[1\] must be non-zero \(x \[2,3\]\)/);
    expect(errorOf(() => tf.stridedSlice(x, [5], [6], [1], 0, 0, 0, 0, 1))).toMatch(/^stridedSlice: index 5 is out of bounds for axis 0 of size 2 \(x \[2,3\]\)/);
    expect(errorOf(() => tf.stridedSlice(x, [0, 0, 0], [1, 1, 1]))).toMatch(/^stridedSlice: the slice spec indexes more axes than x \[2,3\] has/);
    expect(errorOf(() => tf.stridedSlice(x, [0, 0], [1]))).toMatch(/^stridedSlice: begin \[0,0\], end \[1\] and strides \[1,1\] must have the same length/);
    expect(errorOf(() => tf.stridedSlice(x, [0, 0], [1, 1], [1, 1], 0, 0, 3))).toMatch(/^stridedSlice: only one ellipsis/);
    expect(errorOf(() => tf.stridedSlice(x, [0], [1], [-1], 0, 0, 0, 0, 1))).toMatch(/^stridedSlice: axis 0 is indexed by a single element, which needs stride 1/);
  });
});

describe('tf.index (numpy-style strings)', () => {
  it('seed 002 §3.9: x[:, ::2, ::2, :], x[1:3, ..., 1:], reversed ::-1, x[2, 1, 0, 1]', () => {
    const x = tf.randomNormal([4, 32, 32, 3]);
    const v = x.dataSync();
    const half = x.index(':, ::2, ::2, :');
    expect(half.shape).toEqual([4, 16, 16, 3]);
    expect(half.dataSync()[((1 * 16 + 3) * 16 + 5) * 3 + 2]).toBe(v[((1 * 32 + 6) * 32 + 10) * 3 + 2]);
    const gb = x.index('1:3, ..., 1:');
    expect(gb.shape).toEqual([2, 32, 32, 2]);
    expect(gb.dataSync()[0]).toBe(v[32 * 32 * 3 + 1]);
    const rev = x.index('::-1');
    expect(rev.shape).toEqual([4, 32, 32, 3]);
    expect(rev.index('0').dataSync()).toEqual(x.index('3').dataSync());
    expect(x.index(':, :, ::-1, ::-1').index('..., 0').dataSync()).toEqual(x.index(':, :, ::-1, 2').dataSync());
    expect(x.index('2, 1, 0, 1').shape).toEqual([]);
    expect(x.index('2, 1, 0, 1').item()).toBe(v[((2 * 32 + 1) * 32 + 0) * 3 + 1]);
    expect(tf.index(x, '[2]').shape).toEqual([32, 32, 3]);
    expect(x.index(0).shape).toEqual([32, 32, 3]);
    expect(x.index('-1').dataSync()).toEqual(x.index('3').dataSync());
    expect(x.index(':, None').shape).toEqual([4, 1, 32, 32, 3]);
    expect(x.index('..., None').shape).toEqual([4, 32, 32, 3, 1]);
    expect(x.index('').shape).toEqual([4, 32, 32, 3]);
    expect(x.index('[1:3, ...]').shape).toEqual([2, 32, 32, 3]);
  });

  it('matches a Python-semantics reference on 600 random specs (or both throw)', () => {
    const r = lcg(5);
    const shape = [3, 4, 5];
    const x = iota(shape), vals = x.dataSync();
    const num = () => (r() < 0.3 ? undefined : Math.floor(r() * 15) - 7);
    let ok = 0;
    for (let c = 0; c < 600; c++) {
      const n = Math.floor(r() * 5);
      const items: Item[] = [];
      let ell = false;
      for (let i = 0; i < n; i++) {
        const u = r();
        if (u < 0.12 && !ell) { items.push('...'); ell = true; }
        else if (u < 0.22) items.push('None');
        else if (u < 0.45) items.push({ k: Math.floor(r() * 11) - 5 });
        else items.push({ start: num(), stop: num(), step: r() < 0.4 ? undefined : [1, 2, 3, -1, -2, -3][Math.floor(r() * 6)] });
      }
      const spec = specOf(items);
      let want: unknown, wantShape: number[];
      try { [want, wantShape] = refIndex(vals, shape, items); } catch {
        expect(() => x.index(spec), spec).toThrow(/^index: /);
        continue;
      }
      const got = x.index(spec);
      expect(got.shape, spec).toEqual(wantShape);
      expect(got.arraySync(), spec).toEqual(want);
      ok++;
    }
    expect(ok).toBeGreaterThan(400);
  });

  it('gradients through index: finite differences and the TensorFlow.js slice/reverse equivalent', () => {
    checkGrad((t) => t.index('::-1, 1:, ::2'), [rand([3, 4, 5], 1)]);
    checkGrad((t) => t.index('-1, None, ..., 1:3'), [rand([2, 3, 4], 2)]);
    const x = rand([4, 6], 3), dy = rand([2, 3], 4);
    const g = tf.grad((t: tf.Tensor) => t.index('3:0:-2, 1::2'))(x, dy);
    const go = tfc.grad((t: tfcore.Tensor) => tfc.gather(tfc.gather(t, [3, 1], 0), [1, 3, 5], 1))(toTfc(x), toTfc(dy));
    expectClose(g, Array.from(go.dataSync()), 0, 0);
  });

  it('bad specs: errors name index, the item and the shape', () => {
    const x = tf.zeros([2, 3]);
    expect(errorOf(() => x.index('0, 3'))).toMatch(/^index: spec '0, 3' on x \[2,3\]: index 3 is out of bounds for axis 1 of size 3/);
    expect(errorOf(() => x.index('0, 0, 0'))).toMatch(/^index: spec '0, 0, 0' on x \[2,3\]: the slice spec indexes more axes/);
    expect(errorOf(() => x.index('::0'))).toMatch(/^index: item 0 '::0' of spec '::0' has step 0 \(x \[2,3\]\)/);
    expect(errorOf(() => x.index('..., ...'))).toMatch(/^index: item 1 '...' .* second ellipsis/);
    expect(errorOf(() => x.index('a:b'))).toMatch(/^index: item 0 'a:b' of spec 'a:b' has 'a', which is not an integer/);
    expect(errorOf(() => x.index('1:2:3:4'))).toMatch(/^index: item 0 '1:2:3:4' .* is not an integer, a slice/);
    expect(errorOf(() => x.index('0,,1'))).toMatch(/^index: item 1 ''/);
    expect(errorOf(() => tf.index(x, null as unknown as string))).toMatch(/^index: spec must be a string/);
    expect(x.index('1').shape).toEqual([3]);
  });
});

describe('reverse', () => {
  it('reverses the given axes (default all), negative axes; matches TensorFlow.js values and gradients', () => {
    expect(tf.reverse(tf.tensor1d([1, 2, 3, 4])).arraySync()).toEqual([4, 3, 2, 1]);
    expect(tf.tensor2d([[1, 2], [3, 4]]).reverse(1).arraySync()).toEqual([[2, 1], [4, 3]]);
    expect(tf.reverse(tf.tensor2d([[1, 2], [3, 4]], undefined, 'int32'), -2).arraySync()).toEqual([[3, 4], [1, 2]]);
    expect(tf.reverse(tf.tensor([true, false, false])).arraySync()).toEqual([false, false, true]);
    expect(tf.reverse(tf.scalar(3)).arraySync()).toBe(3);
    for (const [shape, axis] of [[[13], 0], [[3, 9], [0, 1]], [[2, 3, 4, 5], [1, 3]], [[2, 3, 4], -1], [[5, 6], undefined]] as [number[], number | number[] | undefined][]) {
      const x = rand(shape, 7);
      matches(tf.reverse(x, axis), tfc.reverse(toTfc(x), axis));
      const dy = rand(shape, 8);
      matches(tf.grad((t: tf.Tensor) => tf.reverse(t, axis))(x, dy), tfc.grad((t: tfcore.Tensor) => tfc.reverse(t, axis))(toTfc(x), toTfc(dy)));
    }
    checkGrad((t) => tf.reverse(t, [0, 2]), [rand([2, 3, 2], 9)]);
  });

  it('bad axes: errors name reverse', () => {
    expect(errorOf(() => tf.reverse(tf.zeros([2, 3]), 2))).toMatch(/^reverse: axis 2 is out of range for a tensor of rank 2/);
  });
});

describe('memory', () => {
  it('slicing inside tidy leaves no tensors behind, with or without a tape', () => {
    const x = rand([4, 8, 8, 3], 1);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      x.index(':, ::2, ::-2, 1:');
      tf.reverse(tf.slice(x, [1, 0, 0, 0], [2, -1, -1, -1]), [1]);
      tf.grad((t: tf.Tensor) => tf.sum(t.index('1:, ::3')))(x);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
