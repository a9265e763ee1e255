// conv2d's direct kernels (assembly/f32-conv/direct.ts) for small KH·KW·C, forward and filter gradient: the same
// bits as im2col + GEMM on every geometry (padding, strides, dilations, odd channel counts, NaN/±∞ meeting the
// padding, several K blocks), values and gradients against TensorFlow.js, finite differences through them, and
// the rules (useDirect, useDirectFilter) followed exactly.
import { afterEach, describe, expect, it } from 'vitest';
import { convForce, convPaths, useDirect, useDirectFilter } from '../../src/ops/conv.js';
import { geometry, type Padding } from '../../src/ops/conv_geometry.js';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

afterEach(() => { convForce.path = null; convForce.filter = null; });

/** y's bits by one path (the counters say which ran). */
function run(path: 'direct' | 'im2col', f: () => tf.Tensor): Uint32Array {
  convForce.path = path;
  const before = { ...convPaths };
  const y = f();
  expect(convPaths[path] - before[path], `${path} ran`).toBeGreaterThan(0);
  expect(convPaths[path === 'direct' ? 'im2col' : 'direct'], 'the other path did not run').toBe(before[path === 'direct' ? 'im2col' : 'direct']);
  const bits = new Uint32Array((y.dataSync() as Float32Array).slice().buffer);
  y.dispose();
  return bits;
}

type Case = { x: number[]; w: number[]; s?: number | [number, number]; p: Padding; d?: number | [number, number] };
const cases: Case[] = [
  { x: [1, 7, 9, 1], w: [3, 3, 1, 8], p: 'same' },                  // LeNet-like first layer, batch 1
  { x: [3, 11, 6, 3], w: [5, 5, 3, 13], p: 'same' },                // inC 3, odd OC (8 + 4 + 1)
  { x: [2, 9, 10, 3], w: [3, 2, 3, 6], s: [2, 1], p: 'valid' },     // strides differ, OC 4 + 2
  { x: [2, 8, 8, 2], w: [3, 3, 2, 3], s: 2, p: 'same' },             // OC < 4 only
  { x: [1, 10, 7, 1], w: [4, 3, 1, 16], p: [[0, 0], [2, 1], [0, 3], [0, 0]] }, // explicit, uneven
  { x: [2, 6, 6, 4], w: [2, 2, 4, 5], p: 1 },                         // numeric pad
  { x: [1, 9, 9, 2], w: [3, 3, 2, 9], p: 'same', d: 2 },              // dilated
  { x: [1, 9, 11, 3], w: [2, 3, 3, 7], p: 'valid', d: [2, 3] },       // dilated, different per axis
  { x: [4, 5, 5, 1], w: [5, 5, 1, 32], p: 'valid' },                  // one output pixel per image
  { x: [1, 3, 2, 8], w: [5, 5, 8, 4], p: 'same' },                    // window larger than the image
  { x: [2, 13, 1, 1], w: [3, 1, 1, 11], s: 3, p: 'same' },            // one column
];
const label = (c: Case) => `x ${c.x} w ${c.w} s ${JSON.stringify(c.s ?? 1)} ${JSON.stringify(c.p)} d ${JSON.stringify(c.d ?? 1)}`;

describe('conv2d direct kernel', () => {
  it.each(cases.map((c) => [label(c), c] as const))('gives the bits of im2col + GEMM: %s', (_, c) => {
    const x = rand(c.x, 1), w = rand(c.w, 2);
    const f = () => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.s ?? 1, c.p as 'same', 'NHWC', c.d ?? 1);
    expect(Array.from(run('direct', f))).toEqual(Array.from(run('im2col', f)));
    tf.dispose([x, w]);
  });

  it.each(cases.map((c) => [label(c), c] as const))('matches TensorFlow.js values and gradients: %s', async (_, c) => {
    const tfc = await oracle();
    const x = rand(c.x, 3), w = rand(c.w, 4);
    convForce.path = 'direct';
    const before = convPaths.direct;
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.s ?? 1, c.p as 'same', 'NHWC', c.d ?? 1);
    const y = f(x, w);
    expect(convPaths.direct).toBe(before + 1);
    const xo = tfc.tensor(Array.from(x.dataSync()), c.x), wo = tfc.tensor(Array.from(w.dataSync()), c.w);
    // tfjs reads a numeric pad with one window size for both axes; compare those as explicit paddings
    const p = typeof c.p === 'number' ? [[0, 0], [c.p, c.p], [c.p, c.p], [0, 0]] : c.p;
    const g = (a: any, b: any) => tfc.conv2d(a, b, c.s ?? 1, p as 'same', 'NHWC', c.d ?? 1);
    expectClose(y, Array.from(g(xo, wo).dataSync()), 1e-4, 1e-5);
    if (c.d === undefined) { // tfjs has no gradients for dilated conv2d (finite differences cover them below)
      const dy = rand(y.shape, 5);
      const [dx, dw] = tf.grads(f)([x, w], dy);
      const [dxo, dwo] = tfc.grads(g)([xo, wo], tfc.tensor(Array.from(dy.dataSync()), dy.shape));
      expectClose(dx, Array.from(dxo.dataSync()), 1e-4, 1e-5);
      expectClose(dw, Array.from(dwo.dataSync()), 1e-4, 1e-5);
    }
  });

  it.each(cases.map((c) => [label(c), c] as const))('filter gradient: the bits of im2col + GEMM: %s', (_, c) => {
    // a batch with over 600 output pixels: the sum over them runs in several of the GEMM's K blocks (≤ 256 each)
    const g = geometry('conv2d', c.x, c.w[0], c.w[1], c.s ?? 1, c.p, c.d ?? 1);
    const xs = [Math.ceil(601 / (g.OH * g.OW)), ...c.x.slice(1)];
    const x = rand(xs, 19) as tf.Tensor4D;
    const y = tf.conv2d(x, tf.zeros(c.w) as tf.Tensor4D, c.s ?? 1, c.p as 'same', 'NHWC', c.d ?? 1);
    const dy = rand(y.shape, 20) as tf.Tensor4D;
    const bits = (path: 'direct' | 'im2col') => {
      convForce.filter = path;
      const before = { ...convPaths };
      const dw = tf.conv2dBackpropFilter(x, dy, c.w, c.s ?? 1, c.p as 'same', c.d ?? 1);
      const other = path === 'direct' ? 'im2colFilter' : 'directFilter';
      expect([convPaths[path === 'direct' ? 'directFilter' : 'im2colFilter'] - before[path === 'direct' ? 'directFilter' : 'im2colFilter'], convPaths[other] - before[other]]).toEqual([1, 0]);
      const b = Array.from(new Uint32Array((dw.dataSync() as Float32Array).slice().buffer));
      dw.dispose();
      return b;
    };
    expect(bits('direct')).toEqual(bits('im2col'));
    tf.dispose([x, y, dy]);
  });

  it('filter gradient is direct exactly where its rule says: OC ≤ 16 and C ≤ 16, or OC ≤ 32 and C ≤ 8', () => {
    const shapes: [number[], number[], number][] = [
      [[2, 9, 9, 1], [3, 3, 1, 32], 1], [[2, 9, 9, 8], [5, 5, 8, 6], 1], [[2, 9, 9, 9], [3, 3, 9, 8], 1],
      [[2, 9, 9, 16], [3, 3, 16, 16], 1], [[2, 9, 9, 16], [3, 3, 16, 17], 1], [[2, 9, 9, 9], [3, 3, 9, 32], 1],
      [[2, 9, 9, 8], [3, 3, 8, 33], 1], [[2, 9, 9, 1], [3, 3, 1, 64], 1], [[2, 9, 9, 17], [3, 3, 17, 4], 1],
      [[2, 20, 20, 1], [16, 17, 1, 2], 1], [[1, 6, 6, 4], [1, 1, 4, 4], 1], [[1, 6, 6, 4], [1, 1, 4, 4], 2],
    ];
    for (const [xs, ws, s] of shapes) {
      const x = rand(xs, 21) as tf.Tensor4D;
      const g = geometry('conv2d', xs, ws[0], ws[1], s, 'valid');
      const dy = rand([xs[0], g.OH, g.OW, ws[3]], 22) as tf.Tensor4D;
      const kdim = ws[0] * ws[1] * ws[2], pointwise = ws[0] === 1 && ws[1] === 1 && s === 1;
      const C = xs[3], OC = ws[3], small = OC <= 16 ? C <= 16 : OC <= 32 && C <= 8;
      expect(useDirectFilter(g, OC), `x ${xs} w ${ws}`).toBe(small && kdim <= 256 && !pointwise);
      const before = { ...convPaths };
      tf.conv2dBackpropFilter(x, dy, ws, s, 'valid').dispose();
      const direct = useDirectFilter(g, ws[3]);
      expect([convPaths.directFilter - before.directFilter, convPaths.im2colFilter - before.im2colFilter], `x ${xs} w ${ws}`).toEqual(direct ? [1, 0] : [0, 1]);
      tf.dispose([x, dy]);
    }
  });

  it('finite differences through the direct forward (first and second order)', () => {
    convForce.path = 'direct';
    checkGrad((x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'), [rand([2, 5, 4, 1], 6), rand([3, 3, 1, 5], 7)]);
    checkGrad((x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid', 'NHWC', 2), [rand([1, 6, 6, 3], 8), rand([2, 2, 3, 2], 9)]);
    // the gradient of conv2dBackpropInput runs conv2d forward (here: direct)
    const r = rand([1, 5, 5, 2], 10);
    const before = convPaths.direct;
    checkGrad((x, w) => {
      const t = new tf.GradientTape();
      t.watch(x);
      const l = tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same')));
      return tf.mul(t.gradient(l, x)!, r);
    }, [rand([1, 5, 5, 2], 11), rand([3, 3, 2, 3], 12)], { eps: 1e-2, rtol: 3e-2, atol: 5e-3 });
    expect(convPaths.direct).toBeGreaterThan(before);
  });

  it('NaN and ±∞ meet the zero padding exactly as in im2col + GEMM (0·∞ = NaN)', () => {
    const xv = rand([2, 6, 5, 3], 13).dataSync().slice();
    xv[7] = NaN; xv[40] = Infinity; xv[101] = -Infinity;
    const wv = rand([3, 3, 3, 10], 14).dataSync().slice();
    wv[0] = Infinity; wv[95] = NaN; wv[200] = -Infinity; // first, middle and last-row taps
    const x = tf.tensor(xv, [2, 6, 5, 3]) as tf.Tensor4D, w = tf.tensor(wv, [3, 3, 3, 10]) as tf.Tensor4D;
    for (const p of ['same', 'valid', 2] as const) {
      const f = () => tf.conv2d(x, w, 1, p);
      const direct = run('direct', f);
      expect(Array.from(direct)).toEqual(Array.from(run('im2col', f)));
      expect(Array.from(new Float32Array(direct.buffer)).some(Number.isNaN)).toBe(true);
    }
  });

  it('is used exactly where the rule says: KH·KW·C ≤ 256, not 1×1 stride 1, C small', () => {
    const shapes: [number[], number[], number, Padding][] = [
      [[1, 8, 8, 1], [3, 3, 1, 8], 1, 'same'], [[2, 8, 8, 3], [5, 5, 3, 16], 1, 'same'],
      [[1, 20, 20, 1], [16, 16, 1, 4], 1, 'valid'],  // KH·KW·C = 256: the largest the kernel takes
      [[1, 20, 20, 1], [16, 17, 1, 4], 1, 'valid'],  // 272: im2col
      [[1, 6, 6, 8], [1, 1, 8, 4], 1, 'valid'],      // pointwise: the GEMM on x itself
      [[1, 6, 6, 8], [1, 1, 8, 4], 2, 'valid'],      // 1×1 strided: im2col gathers
      [[1, 12, 12, 32], [3, 3, 32, 8], 1, 'same'],   // 288: im2col
      [[1, 9, 9, 16], [3, 3, 16, 16], 1, 'same'], [[1, 9, 9, 12], [3, 3, 12, 64], 1, 'same'],
    ];
    for (const [xs, ws, s, p] of shapes) {
      const x = rand(xs, 15) as tf.Tensor4D, w = rand(ws, 16) as tf.Tensor4D;
      const g = geometry('conv2d', xs, ws[0], ws[1], s, p);
      const want = useDirect(g, ws[3]) ? 'direct' : 'im2col';
      const kdim = ws[0] * ws[1] * ws[2];
      if (kdim > 256 || (ws[0] === 1 && ws[1] === 1 && s === 1)) expect(want, `x ${xs} w ${ws}`).toBe('im2col');
      const before = { ...convPaths };
      tf.conv2d(x, w, s, p).dispose();
      expect([convPaths.direct - before.direct, convPaths.im2col - before.im2col], `x ${xs} w ${ws}`).toEqual(want === 'direct' ? [1, 0] : [0, 1]);
      // forcing a path the kernel cannot take changes nothing
      convForce.path = 'direct';
      const b2 = { ...convPaths };
      tf.conv2d(x, w, s, p).dispose();
      expect(convPaths.direct - b2.direct).toBe(kdim <= 256 && !(ws[0] === 1 && ws[1] === 1 && s === 1) ? 1 : 0);
      convForce.path = null;
      tf.dispose([x, w]);
    }
  });

  it('gives the same bits in Node and Chromium (a stored digest of forward and filter gradient, by the rules)', () => {
    const x = rand([3, 13, 11, 3], 23) as tf.Tensor4D, w = rand([5, 5, 3, 12], 24) as tf.Tensor4D;
    const before = { ...convPaths };
    const y = tf.conv2d(x, w, 1, 'same');
    const dw = tf.conv2dBackpropFilter(x, rand(y.shape, 25) as tf.Tensor4D, [5, 5, 3, 12], 1, 'same');
    expect([convPaths.direct - before.direct, convPaths.directFilter - before.directFilter]).toEqual([1, 1]);
    // FNV-1a over the float32 bytes
    let h = 0x811c9dc5;
    for (const t of [y, dw]) for (const b of new Uint8Array((t.dataSync() as Float32Array).slice().buffer)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    expect(h.toString(16).padStart(8, '0')).toBe('c9e0c0ef');
    tf.dispose([x, w, y, dw]);
  });

  it('leaves no tensor and no heap block behind (the padded copy is freed)', () => {
    const x = rand([2, 9, 9, 3], 17) as tf.Tensor4D, w = rand([5, 5, 3, 8], 18) as tf.Tensor4D;
    convForce.path = 'direct';
    tf.conv2d(x, w, 1, 'same').dispose();
    const m = tf.memory();
    for (let i = 0; i < 3; i++) tf.conv2d(x, w, 1, 'same').dispose();
    expect(tf.memory().numTensors).toBe(m.numTensors);
    expect(tf.memory().numBytes).toBe(m.numBytes);
    tf.dispose([x, w]);
  });
});
