// conv2d's Winograd F(2×2, 3×3) forward (assembly/f32-conv/winograd.ts): accuracy against a float64 reference
// convolution (max error relative to the sum of |products| of each output), the same bits for any block of tiles,
// values and gradients against TensorFlow.js, finite differences, the fused bias + relu/relu6 epilogue (the bits
// of adding and activating afterwards), the rule useWinograd followed exactly, stored digests (Node and Chromium),
// nothing left behind. Then the same for the input gradient (conv2dBackpropInput by Winograd on dy with the
// flipped filter: winogradInput), and its bits against the forward on a filter flipped by hand; then the filter
// gradient (useWinogradFilter).
import { afterEach, describe, expect, it } from 'vitest';
import { NO_ACT } from '../../src/ops/matmul.js';
import { conv2dRaw, convForce, convPaths, useWinograd, useWinogradFilter, winogradInput } from '../../src/ops/conv.js';
import { geometry, type Padding } from '../../src/ops/conv_geometry.js';
import { Unary } from '../../src/backend/abi.js';
import { checkGrad, expectClose, oracle, rand, tf } from '../helpers.js';

afterEach(() => { convForce.path = null; convForce.input = null; convForce.filter = null; convForce.tiles = 0; });

/**
 * The bound on |y − exact| / Σ|x·w| per output: F(2×2, 3×3)'s transforms add at most 4 terms (coefficients 1 and
 * ½) before and after the products, so its error is a few ulp of the sum of magnitudes: measured ≤ 1.3e-7 on these
 * cases, ≤ 2.5e-7 on others (bench/tmp/wino-check.mts; im2col + GEMM ≤ 1.4e-7). 2e-6 is ~17 ulp; a wrong transform
 * coefficient gives errors of order 1. (F(4×4, 3×3), commit 6b510f1, measured 3.6e-5 on the uneven padding case.)
 */
const BOUND = 2e-6;

type Case = { x: number[]; oc: number; p: Padding };
const cases: Case[] = [
  { x: [1, 8, 8, 16], oc: 16, p: 'same' },                        // whole tiles, no padding beyond 'same'
  { x: [2, 7, 9, 5], oc: 9, p: 'same' },                          // odd outputs (half tiles), C and OC with tails
  { x: [1, 11, 6, 3], oc: 3, p: 'valid' },                        // valid, OC < 4
  { x: [3, 9, 10, 33], oc: 20, p: [[0, 0], [2, 0], [1, 3], [0, 0]] }, // explicit, uneven padding
  { x: [1, 5, 4, 300], oc: 12, p: 'same' },                       // C > 256: the GEMM's K in two blocks
  { x: [2, 13, 13, 32], oc: 64, p: 'valid' },                     // the CNN step's conv2 (several blocks of tiles)
  { x: [1, 1, 1, 8], oc: 8, p: 'same' },                          // one pixel
];
const label = (c: Case) => `x ${c.x} oc ${c.oc} ${JSON.stringify(c.p)}`;

/** Float64 reference: y and the sum of |products| per output. */
function reference(x: Float32Array, xs: number[], w: Float32Array, OC: number, p: Padding): { y: Float64Array; mag: Float64Array; shape: number[] } {
  const g = geometry('conv2d', xs, 3, 3, 1, p);
  const { N, H, W, C, OH, OW, pt, pl } = g;
  const y = new Float64Array(N * OH * OW * OC), mag = new Float64Array(y.length);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) for (let o = 0; o < OC; o++) {
    let s = 0, m = 0;
    for (let kh = 0; kh < 3; kh++) for (let kw = 0; kw < 3; kw++) {
      const ih = oh + kh - pt, iw = ow + kw - pl;
      if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
      for (let c = 0; c < C; c++) {
        const q = x[((n * H + ih) * W + iw) * C + c] * w[((kh * 3 + kw) * C + c) * OC + o];
        s += q; m += Math.abs(q);
      }
    }
    const i = ((n * OH + oh) * OW + ow) * OC + o;
    y[i] = s; mag[i] = m;
  }
  return { y, mag, shape: [N, OH, OW, OC] };
}

/** Runs f with the path forced, checks that it ran, returns y's values. */
function run(path: 'winograd' | 'im2col', f: () => tf.Tensor): Float32Array {
  convForce.path = path;
  const before = convPaths[path];
  const y = f();
  expect(convPaths[path] - before, `${path} ran`).toBe(1);
  const v = (y.dataSync() as Float32Array).slice();
  y.dispose();
  return v;
}

/** FNV-1a over the tensors' float32 bytes, as 8 hex digits (the stored digests). */
function fnv(ts: tf.Tensor[]): string {
  let h = 0x811c9dc5;
  for (const t of ts) for (const v of new Uint8Array((t.dataSync() as Float32Array).slice().buffer)) h = Math.imul(h ^ v, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** f, run once and then three more times, leaves tf.memory()'s tensor and byte counts as they were after the first. */
function expectNoLeak(f: () => void): void {
  f();
  const m = tf.memory();
  for (let i = 0; i < 3; i++) f();
  expect(tf.memory().numTensors).toBe(m.numTensors);
  expect(tf.memory().numBytes).toBe(m.numBytes);
}

function maxRelError(y: Float32Array, ref: { y: Float64Array; mag: Float64Array }): number {
  let e = 0;
  for (let i = 0; i < y.length; i++) e = Math.max(e, Math.abs(y[i] - ref.y[i]) / (ref.mag[i] || 1));
  return e;
}

describe('conv2d Winograd', () => {
  it.each(cases.map((c) => [label(c), c] as const))('is within its bound of a float64 reference, relative to Σ|x·w|: %s', (_, c) => {
    const x = rand(c.x, 1), w = rand([3, 3, c.x[3], c.oc], 2);
    const ref = reference(x.dataSync() as Float32Array, c.x, w.dataSync() as Float32Array, c.oc, c.p);
    for (const tiles of [0, 4]) { // the rule's block of tiles, and blocks of 4 (every block boundary moves)
      convForce.tiles = tiles;
      const y = run('winograd', () => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, c.p as 'same'));
      expect(y.length).toBe(ref.y.length);
      expect(maxRelError(y, ref)).toBeLessThanOrEqual(BOUND);
    }
    // im2col's error on the same case, for scale
    expect(maxRelError(run('im2col', () => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, c.p as 'same')), ref)).toBeLessThanOrEqual(BOUND);
    tf.dispose([x, w]);
  });

  it('gives the same bits whatever the block of tiles (blocks are fixed by the shapes, but rows per GEMM call vary)', () => {
    const x = rand([3, 10, 9, 24], 5), w = rand([3, 3, 24, 40], 6);
    const f = () => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same');
    const bits = (tiles: number) => { convForce.tiles = tiles; return Array.from(new Uint32Array(run('winograd', f).buffer)); };
    const a = bits(4);
    for (const t of [8, 12, 40, 256]) expect(bits(t)).toEqual(a);
    tf.dispose([x, w]);
  });

  it('matches TensorFlow.js values and gradients (the backward passes are the exact convolution gradients)', async () => {
    const tfc = await oracle();
    for (const [xs, oc, p] of [[[2, 9, 8, 16], 24, 'same'], [[1, 12, 12, 20], 32, 'valid']] as [number[], number, 'same' | 'valid'][]) {
      const x = rand(xs, 3), w = rand([3, 3, xs[3], oc], 4);
      convForce.path = 'winograd';
      const f = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, p);
      const before = convPaths.winograd;
      const y = f(x, w);
      const dy = rand(y.shape, 5);
      const [dx, dw] = tf.grads(f)([x, w], dy);
      expect(convPaths.winograd - before).toBeGreaterThanOrEqual(1);
      const xo = tfc.tensor(Array.from(x.dataSync()), xs), wo = tfc.tensor(Array.from(w.dataSync()), [3, 3, xs[3], oc]);
      const g = (a: any, b: any) => tfc.conv2d(a, b, 1, p);
      expectClose(y, Array.from(g(xo, wo).dataSync()), 1e-4, 1e-5);
      const [gx, gw] = tfc.grads(g)([xo, wo], tfc.tensor(Array.from(dy.dataSync()), dy.shape));
      expectClose(dx, Array.from(gx.dataSync()), 1e-4, 1e-5);
      expectClose(dw, Array.from(gw.dataSync()), 1e-4, 1e-4);
      tf.dispose([x, w, y, dy, dx, dw]);
    }
  });

  it('finite differences through the Winograd forward (first and second order)', () => {
    convForce.path = 'winograd';
    const x = rand([1, 6, 6, 4], 7), w = rand([3, 3, 4, 5], 8);
    checkGrad((a, b) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same'))), [x, w]);
    // second order: conv2dBackpropInput's gradient with respect to dy runs the forward (Winograd here)
    const dy = rand([1, 6, 6, 5], 9);
    checkGrad((d) => tf.sum(tf.square(tf.conv2dTranspose(d as tf.Tensor4D, w as tf.Tensor4D, [1, 6, 6, 4], 1, 'same'))), [dy]);
    tf.dispose([x, w, dy]);
  });

  it('fuses bias + relu / relu6 with the bits of adding and activating afterwards', () => {
    const x = rand([2, 10, 11, 20], 10), w = rand([3, 3, 20, 13], 11), b = rand([13], 12, -3, 3);
    const g = geometry('conv2d', x.shape, 3, 3, 1, 'same');
    expect(useWinograd(g, 13)).toBe(false); // 13 channels out: forced here
    convForce.path = 'winograd';
    for (const [act, f] of [[Unary.relu, tf.relu], [Unary.relu6, tf.relu6], [NO_ACT, (t: tf.Tensor) => tf.clone(t)]] as const) {
      const before = convPaths.winograd;
      const fused = tf.tidy(() => conv2dRaw(x, w, g, b.ptr, act));
      const apart = tf.tidy(() => f(tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'), b)));
      expect(convPaths.winograd - before).toBe(2);
      expect(Array.from(new Uint32Array((fused.dataSync() as Float32Array).slice().buffer)))
        .toEqual(Array.from(new Uint32Array((apart.dataSync() as Float32Array).slice().buffer)));
      tf.dispose([fused, apart]);
    }
    tf.dispose([x, w, b]);
  });

  it('is used exactly where the rule says: 3×3 stride 1 undilated, C, OC ≥ 16, C + OC ≥ 48, outputs ≥ 6×6, ≥ 48 tiles', () => {
    const cases: [number[], number, number, number, Padding, 0 | 2][] = [
      // x, OC, stride, dilation, padding, Winograd (2) or not (0)
      [[1, 14, 14, 32], 32, 1, 1, 'same', 2],
      [[1, 14, 14, 15], 32, 1, 1, 'same', 0],       // C < 16 (the direct kernel's)
      [[1, 14, 14, 32], 15, 1, 1, 'same', 0],       // OC < 16
      [[1, 14, 14, 16], 16, 1, 1, 'same', 0],       // C + OC < 48
      [[1, 14, 14, 16], 32, 1, 1, 'same', 2],
      [[1, 14, 14, 32], 16, 1, 1, 'same', 2],
      [[64, 5, 5, 32], 32, 1, 1, 'same', 0],        // outputs 5×5
      [[64, 6, 6, 32], 32, 1, 1, 'same', 2],        // 6×6
      [[1, 12, 12, 32], 32, 1, 1, 'same', 0],       // 36 tiles
      [[1, 16, 12, 32], 32, 1, 1, 'same', 2],       // 48 tiles
      [[1, 7, 7, 64], 64, 1, 1, 'same', 0],         // 16 tiles
      [[3, 7, 7, 64], 64, 1, 1, 'same', 2],         // 48 tiles
      [[1, 14, 14, 32], 32, 2, 1, 'same', 0],       // stride 2
      [[1, 14, 14, 32], 32, 1, 2, 'same', 0],       // dilated
      [[2, 13, 13, 32], 64, 1, 1, 'valid', 2],      // the CNN step's conv2 (11×11 outputs)
    ];
    for (const [xs, oc, s, d, p, want] of cases) {
      const x = rand(xs, 13), w = rand([3, 3, xs[3], oc], 14);
      expect(useWinograd(geometry('conv2d', xs, 3, 3, s, p, d), oc), `x ${xs} oc ${oc} s ${s} d ${d}`).toBe(want === 2);
      const before = convPaths.winograd;
      tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, s, p as 'same', 'NHWC', d).dispose();
      expect(convPaths.winograd - before, `x ${xs} oc ${oc} s ${s} d ${d}`).toBe(want ? 1 : 0);
      tf.dispose([x, w]);
    }
    // 5×5, 1×1 and strided convolutions never run it, even when forced
    convForce.path = 'winograd';
    for (const [k, s] of [[5, 1], [1, 1], [3, 2]]) {
      const x = rand([1, 10, 10, 16], 15), w = rand([k, k, 16, 16], 16);
      const before = convPaths.winograd;
      tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, s, 'same').dispose();
      expect(convPaths.winograd - before).toBe(0);
      tf.dispose([x, w]);
    }
  });

  it.each([[[3, 11, 10, 20], 28, '2251b027'], [[1, 16, 12, 32], 24, '86770112']] as const)(
    'gives the same bits in Node and Chromium (a stored digest, by the rule): x %j OC %i', (xs, oc, want) => {
      const x = rand(xs.slice(), 23) as tf.Tensor4D, w = rand([3, 3, xs[3], oc], 24) as tf.Tensor4D, b = rand([oc], 25);
      const g = geometry('conv2d', xs.slice(), 3, 3, 1, 'same');
      expect(useWinograd(g, oc)).toBe(true);
      const before = convPaths.winograd;
      const y = tf.conv2d(x, w, 1, 'same');
      const yr = tf.tidy(() => conv2dRaw(x, w, g, b.ptr, Unary.relu6));
      expect(convPaths.winograd - before).toBe(2);
      expect(fnv([y, yr])).toBe(want);
      tf.dispose([x, w, b, y, yr]);
    });

  it('leaves no tensor and no heap block behind (filter, padded copy and scratch are freed)', () => {
    const x = rand([2, 9, 9, 16], 17) as tf.Tensor4D, w = rand([3, 3, 16, 24], 18) as tf.Tensor4D;
    convForce.path = 'winograd';
    expectNoLeak(() => tf.conv2d(x, w, 1, 'same').dispose());
    tf.dispose([x, w]);
  });
});

/** Float64 reference of conv2d's input gradient: dx [N, H, W, C] and the sum of |products| per element. */
function referenceInput(dy: Float32Array, xs: number[], w: Float32Array, OC: number, p: Padding): { y: Float64Array; mag: Float64Array } {
  const { N, H, W, C, OH, OW, pt, pl } = geometry('conv2d', xs, 3, 3, 1, p);
  const y = new Float64Array(N * H * W * C), mag = new Float64Array(y.length);
  for (let n = 0; n < N; n++) for (let h = 0; h < H; h++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) {
    let s = 0, m = 0;
    for (let kh = 0; kh < 3; kh++) for (let kw = 0; kw < 3; kw++) {
      const oh = h + pt - kh, ow = x + pl - kw;
      if (oh < 0 || oh >= OH || ow < 0 || ow >= OW) continue;
      for (let o = 0; o < OC; o++) {
        const q = dy[((n * OH + oh) * OW + ow) * OC + o] * w[((kh * 3 + kw) * C + c) * OC + o];
        s += q; m += Math.abs(q);
      }
    }
    const i = ((n * H + h) * W + x) * C + c;
    y[i] = s; mag[i] = m;
  }
  return { y, mag };
}

/** dx by conv2dTranspose with the input gradient's path forced; checks that it ran; dx's values. */
function runInput(path: 'winograd' | 'col2im', dy: tf.Tensor, w: tf.Tensor, xs: number[], p: Padding): Float32Array {
  convForce.input = path;
  const key = path === 'winograd' ? 'winogradInput' : 'col2im', before = convPaths[key];
  const dx = tf.conv2dTranspose(dy as tf.Tensor4D, w as tf.Tensor4D, xs as [number, number, number, number], 1, p as 'same');
  expect(convPaths[key] - before, `${path} ran`).toBe(1);
  const v = (dx.dataSync() as Float32Array).slice();
  dx.dispose();
  return v;
}

const bitsOf = (v: Float32Array) => Array.from(new Uint32Array(v.buffer));

describe('conv2d input gradient by Winograd', () => {
  const inputCases: Case[] = [
    ...cases.slice(0, 6),
    { x: [2, 8, 7, 6], oc: 10, p: [[0, 0], [0, 4], [2, 3], [0, 0]] }, // bottom / right pads > 2: dy's last rows, columns unread
    { x: [4, 13, 13, 32], oc: 64, p: 'valid' },                     // the CNN step's conv2, more blocks
  ];
  it.each(inputCases.map((c) => [label(c), c] as const))('is within the forward\'s bound of a float64 reference, relative to Σ|dy·w|: %s', (_, c) => {
    const w = rand([3, 3, c.x[3], c.oc], 2), g = geometry('conv2d', c.x, 3, 3, 1, c.p);
    const dy = rand([g.N, g.OH, g.OW, c.oc], 3);
    const ref = referenceInput(dy.dataSync() as Float32Array, c.x, w.dataSync() as Float32Array, c.oc, c.p);
    for (const tiles of [0, 4]) {
      convForce.tiles = tiles;
      const dx = runInput('winograd', dy, w, c.x, c.p);
      expect(dx.length).toBe(ref.y.length);
      expect(maxRelError(dx, ref)).toBeLessThanOrEqual(BOUND);
    }
    expect(maxRelError(runInput('col2im', dy, w, c.x, c.p), ref)).toBeLessThanOrEqual(BOUND);
    tf.dispose([dy, w]);
  });

  it('has the bits of the Winograd forward on dy with the filter flipped by hand (rotated 180°, channel axes swapped)', () => {
    for (const [xs, oc, p, pi] of [
      [[2, 7, 9, 5], 9, 'same', [[0, 0], [1, 1], [1, 1], [0, 0]]],
      [[1, 11, 6, 3], 3, 'valid', [[0, 0], [2, 2], [2, 2], [0, 0]]],
      [[3, 9, 10, 33], 20, [[0, 0], [2, 0], [1, 2], [0, 0]], [[0, 0], [0, 2], [1, 0], [0, 0]]],
      [[1, 5, 4, 300], 12, 'same', [[0, 0], [1, 1], [1, 1], [0, 0]]], // the flipped filter's OC > 256
    ] as [number[], number, Padding, number[][]][]) {
      const w = rand([3, 3, xs[3], oc], 4), g = geometry('conv2d', xs, 3, 3, 1, p);
      const dy = rand([g.N, g.OH, g.OW, oc], 5) as tf.Tensor4D;
      const dx = runInput('winograd', dy, w, xs, p);
      const wf = tf.tidy(() => tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2])) as tf.Tensor4D;
      convForce.path = 'winograd';
      const y = tf.conv2d(dy, wf, 1, pi as [[0, 0], [number, number], [number, number], [0, 0]]);
      expect(y.shape).toEqual(xs);
      expect(bitsOf(dx), `x ${xs} oc ${oc}`).toEqual(bitsOf((y.dataSync() as Float32Array).slice()));
      tf.dispose([w, dy, wf, y]);
    }
  });

  it('gives the same bits whatever the block of tiles', () => {
    const w = rand([3, 3, 24, 40], 6), dy = rand([3, 10, 9, 40], 5), xs = [3, 10, 9, 24];
    const bits = (tiles: number) => { convForce.tiles = tiles; return bitsOf(runInput('winograd', dy, w, xs, 'same')); };
    const a = bits(4);
    for (const t of [8, 12, 40, 256]) expect(bits(t)).toEqual(a);
    tf.dispose([w, dy]);
  });

  it('matches TensorFlow.js: conv2d\'s input gradient and conv2dTranspose, by the rule', async () => {
    const tfc = await oracle();
    for (const [xs, oc, p] of [[[2, 14, 14, 32], 64, 'valid'], [[1, 14, 14, 32], 48, 'same']] as [number[], number, 'same' | 'valid'][]) {
      const x = rand(xs, 3), w = rand([3, 3, xs[3], oc], 4);
      const g = geometry('conv2d', xs, 3, 3, 1, p);
      expect(winogradInput(g, oc)).not.toBeNull();
      const f = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, p);
      const dy = rand([g.N, g.OH, g.OW, oc], 5);
      const before = convPaths.winogradInput;
      const [dx] = tf.grads(f)([x, w], dy);
      const dt = tf.conv2dTranspose(dy as tf.Tensor4D, w as tf.Tensor4D, xs as [number, number, number, number], 1, p);
      expect(convPaths.winogradInput - before).toBe(2);
      const xo = tfc.tensor(Array.from(x.dataSync()), xs), wo = tfc.tensor(Array.from(w.dataSync()), [3, 3, xs[3], oc]);
      const dyo = tfc.tensor(Array.from(dy.dataSync()), dy.shape);
      const [gx] = tfc.grads((a: any, b: any) => tfc.conv2d(a, b, 1, p))([xo, wo], dyo);
      expectClose(dx, Array.from(gx.dataSync()), 1e-4, 1e-5);
      expectClose(dt, Array.from(tfc.conv2dTranspose(dyo as any, wo as any, xs as any, 1, p).dataSync()), 1e-4, 1e-5);
      tf.dispose([x, w, dy, dx, dt]);
    }
  });

  it('finite differences through the Winograd input gradient (conv2d\'s dx, conv2dTranspose\'s dy and filter)', () => {
    convForce.input = 'winograd';
    const x = rand([1, 6, 6, 4], 7), w = rand([3, 3, 4, 5], 8);
    const before = convPaths.winogradInput;
    checkGrad((a, b) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid'))), [x, w]);
    const dy = rand([1, 6, 6, 5], 9);
    checkGrad((d, b) => tf.sum(tf.square(tf.conv2dTranspose(d as tf.Tensor4D, b as tf.Tensor4D, [1, 6, 6, 4], 1, 'same'))), [dy, w]);
    expect(convPaths.winogradInput - before).toBeGreaterThan(10);
    tf.dispose([x, w, dy]);
  });

  it('is used exactly where the rule says: the forward\'s rule for dy → dx (C and OC exchanged, outputs H × W), top/left pads ≤ 2, ≥ 2.75 dy pixels per tile', () => {
    const cases: [number[], number, number, number, Padding, boolean][] = [
      // x, OC, stride, dilation, padding, Winograd
      [[64, 13, 13, 32], 64, 1, 1, 'valid', false],  // the CNN step's conv2: dy [64,11,11,64] → dx [64,13,13,32], 121 per 49 tiles (2.47)
      [[64, 14, 14, 32], 64, 1, 1, 'valid', true],   // dy 12×12 → dx 14×14: 144 per 49 tiles (2.94)
      [[1, 14, 14, 32], 32, 1, 1, 'same', true],
      [[1, 14, 14, 32], 15, 1, 1, 'same', false],    // dx's input channels (OC) < 16
      [[1, 14, 14, 15], 32, 1, 1, 'same', false],    // dx's output channels (C) < 16
      [[1, 14, 14, 16], 16, 1, 1, 'same', false],    // C + OC < 48
      [[1, 6, 6, 32], 32, 1, 1, 'valid', false],     // dx 6×6 but 9 tiles
      [[64, 5, 5, 32], 32, 1, 1, 'same', false],     // dx 5×5
      [[16, 6, 6, 32], 32, 1, 1, 'valid', false],    // dy 4×4, dx 6×6: 144 tiles but 16 dy pixels per 9 tiles (< 2.4)
      [[64, 8, 8, 32], 64, 1, 1, 'valid', false],    // dy 6×6, dx 8×8: 36 per 16 tiles (2.25)
      [[64, 10, 10, 32], 64, 1, 1, 'valid', false],  // dy 8×8, dx 10×10: 64 per 25 tiles (2.56)
      [[64, 12, 12, 32], 64, 1, 1, 'valid', true],   // dy 10×10, dx 12×12: 100 per 36 tiles (2.78)

      [[8, 28, 28, 16], 32, 1, 1, 'valid', true],    // dy 26×26, dx 28×28: 676 per 196 tiles (3.45)
      [[1, 16, 12, 32], 32, 1, 1, 'same', true],     // 48 tiles
      [[1, 12, 12, 32], 32, 1, 1, 'same', false],    // 36 tiles
      [[1, 14, 14, 32], 32, 1, 1, [[0, 0], [3, 0], [1, 1], [0, 0]], false], // top pad 3
      [[1, 14, 14, 32], 32, 1, 1, [[0, 0], [1, 1], [0, 3], [0, 0]], true],  // right pad 3: fine
      [[1, 14, 14, 32], 32, 2, 1, 'same', false],    // stride 2
      [[1, 14, 14, 32], 32, 1, 2, 'same', false],    // dilated
    ];
    for (const [xs, oc, s, d, p, want] of cases) {
      const g = geometry('conv2d', xs, 3, 3, s, p, d), tag = `x ${xs} oc ${oc} s ${s} d ${d} ${JSON.stringify(p)}`;
      expect(winogradInput(g, oc) !== null, tag).toBe(want);
      const x = rand(xs, 13), w = rand([3, 3, xs[3], oc], 14), dy = rand([g.N, g.OH, g.OW, oc], 15);
      const before = convPaths.winogradInput;
      const [dx] = tf.grads((a: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, s, p as 'same', 'NHWC', d))([x], dy);
      expect(convPaths.winogradInput - before, tag).toBe(want ? 1 : 0);
      tf.dispose([x, w, dy, dx]);
    }
    // never for top/left pads > 2, 5×5 or strided convolutions, even when forced
    convForce.input = 'winograd';
    for (const [k, s, p] of [[5, 1, 'same'], [3, 2, 'same'], [3, 1, 3], [1, 1, 'same']] as [number, number, Padding][]) {
      expect(winogradInput(geometry('conv2d', [1, 10, 10, 16], k, k, s, p), 16), `${k} ${s} ${p}`).toBeNull();
    }
  });

  it.each([[[3, 11, 10, 20], 28, 'same', '8d522062'], [[2, 14, 14, 32], 64, 'valid', '34ec9d95']] as const)(
    'gives the same bits in Node and Chromium (a stored digest, by the rule): x %j OC %i %s', (xs, oc, p, want) => {
      const g = geometry('conv2d', xs.slice(), 3, 3, 1, p);
      expect(winogradInput(g, oc)).not.toBeNull();
      const w = rand([3, 3, xs[3], oc], 24) as tf.Tensor4D, dy = rand([g.N, g.OH, g.OW, oc], 26) as tf.Tensor4D;
      const before = convPaths.winogradInput;
      const dx = tf.conv2dTranspose(dy, w, xs.slice() as [number, number, number, number], 1, p);
      expect(convPaths.winogradInput - before).toBe(1);
      expect(fnv([dx])).toBe(want);
      tf.dispose([w, dy, dx]);
    });

  it('leaves no tensor and no heap block behind', () => {
    const dy = rand([2, 9, 9, 24], 17) as tf.Tensor4D, w = rand([3, 3, 16, 24], 18) as tf.Tensor4D;
    convForce.input = 'winograd';
    expectNoLeak(() => tf.conv2dTranspose(dy, w, [2, 9, 9, 16], 1, 'same').dispose());
    tf.dispose([dy, w]);
  });
});

/** Float64 reference of conv2d's filter gradient: dw [3, 3, C, OC] and the sum of |products| per element. */
function referenceFilter(x: Float32Array, xs: number[], dy: Float32Array, OC: number, p: Padding): { y: Float64Array; mag: Float64Array } {
  const { N, H, W, C, OH, OW, pt, pl } = geometry('conv2d', xs, 3, 3, 1, p);
  const y = new Float64Array(9 * C * OC), mag = new Float64Array(y.length);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) for (let k = 0; k < 9; k++) {
    const ih = oh + Math.floor(k / 3) - pt, iw = ow + (k % 3) - pl;
    if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
    const xo = ((n * H + ih) * W + iw) * C, yo = ((n * OH + oh) * OW + ow) * OC;
    for (let c = 0; c < C; c++) for (let o = 0; o < OC; o++) {
      const q = x[xo + c] * dy[yo + o], i = (k * C + c) * OC + o;
      y[i] += q; mag[i] += Math.abs(q);
    }
  }
  return { y, mag };
}

/** dw by conv2dBackpropFilter with the filter gradient's path forced; checks that it ran; dw's values. */
function runFilter(path: 'winograd' | 'im2col', x: tf.Tensor, dy: tf.Tensor, ws: number[], p: Padding): Float32Array {
  convForce.filter = path;
  const key = path === 'winograd' ? 'winogradFilter' : 'im2colFilter', before = convPaths[key];
  const dw = tf.conv2dBackpropFilter(x as tf.Tensor4D, dy as tf.Tensor4D, ws as [number, number, number, number], 1, p as 'same');
  expect(convPaths[key] - before, `${path} ran`).toBe(1);
  const v = (dw.dataSync() as Float32Array).slice();
  dw.dispose();
  return v;
}

describe('conv2d filter gradient by Winograd', () => {
  it.each(cases.map((c) => [label(c), c] as const))('is within the forward\'s bound of a float64 reference, relative to Σ|x·dy|: %s', (_, c) => {
    const x = rand(c.x, 1), g = geometry('conv2d', c.x, 3, 3, 1, c.p), ws = [3, 3, c.x[3], c.oc];
    const dy = rand([g.N, g.OH, g.OW, c.oc], 3);
    const ref = referenceFilter(x.dataSync() as Float32Array, c.x, dy.dataSync() as Float32Array, c.oc, c.p);
    for (const tiles of [0, 4]) {
      convForce.tiles = tiles;
      const dw = runFilter('winograd', x, dy, ws, c.p);
      expect(dw.length).toBe(ref.y.length);
      expect(maxRelError(dw, ref)).toBeLessThanOrEqual(BOUND);
    }
    expect(maxRelError(runFilter('im2col', x, dy, ws, c.p), ref)).toBeLessThanOrEqual(BOUND);
    tf.dispose([x, dy]);
  });

  it('matches TensorFlow.js, by the rule, and finite differences (first order; second order through conv2dBackpropFilter)', async () => {
    const tfc = await oracle();
    const xs = [2, 14, 14, 32], oc = 48, p = 'same', g = geometry('conv2d', xs, 3, 3, 1, p);
    expect(useWinogradFilter(g, oc)).toBe(true);
    const x = rand(xs, 3), w = rand([3, 3, 32, oc], 4), dy = rand([2, 14, 14, oc], 5);
    const before = convPaths.winogradFilter;
    const [, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, p))([x, w], dy);
    expect(convPaths.winogradFilter - before).toBe(1);
    const [, gw] = tfc.grads((a: any, b: any) => tfc.conv2d(a, b, 1, p))(
      [tfc.tensor(Array.from(x.dataSync()), xs), tfc.tensor(Array.from(w.dataSync()), w.shape)], tfc.tensor(Array.from(dy.dataSync()), dy.shape));
    expectClose(dw, Array.from(gw.dataSync()), 1e-4, 1e-4);
    tf.dispose([x, w, dy, dw]);
    convForce.filter = 'winograd';
    const before2 = convPaths.winogradFilter;
    const x2 = rand([1, 6, 7, 4], 7), w2 = rand([3, 3, 4, 5], 8);
    checkGrad((a, b) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same'))), [x2, w2]);
    // (small: dw sums ~40 products, so float32 finite differences of Σ dw² stay well inside checkGrad's tolerance)
    const x3 = rand([1, 5, 4, 2], 10), dy3 = rand([1, 5, 4, 3], 9);
    checkGrad((a, d) => tf.sum(tf.square(tf.conv2dBackpropFilter(a as tf.Tensor4D, d as tf.Tensor4D, [3, 3, 2, 3], 1, 'same'))), [x3, dy3]);
    expect(convPaths.winogradFilter - before2).toBeGreaterThan(10);
    tf.dispose([x2, w2, x3, dy3]);
  });

  it('is used exactly where the forward\'s rule holds (the sums\' order is set by the rule\'s block of tiles, never by threads: test/threads.test.ts)', () => {
    for (const [xs, oc, p, want] of [
      [[64, 13, 13, 32], 64, 'valid', true],     // the CNN step's conv2
      [[1, 14, 14, 32], 32, 'same', true],
      [[1, 14, 14, 15], 32, 'same', false],      // C < 16 (the direct kernel's or im2col's)
      [[1, 14, 14, 16], 16, 'same', false],      // C + OC < 48
      [[1, 12, 12, 32], 32, 'same', false],      // 36 tiles
      [[64, 5, 5, 32], 32, 'same', false],       // outputs 5×5
    ] as [number[], number, Padding, boolean][]) {
      const g = geometry('conv2d', xs, 3, 3, 1, p), tag = `x ${xs} oc ${oc} ${JSON.stringify(p)}`;
      expect(useWinogradFilter(g, oc), tag).toBe(want);
      expect(useWinogradFilter(g, oc), tag).toBe(useWinograd(g, oc));
      const x = rand(xs, 13), dy = rand([g.N, g.OH, g.OW, oc], 15);
      const before = convPaths.winogradFilter;
      tf.conv2dBackpropFilter(x as tf.Tensor4D, dy as tf.Tensor4D, [3, 3, xs[3], oc], 1, p as 'same').dispose();
      expect(convPaths.winogradFilter - before, tag).toBe(want ? 1 : 0);
      tf.dispose([x, dy]);
    }
    convForce.filter = 'winograd';
    for (const [k, s] of [[5, 1], [3, 2], [1, 1]]) expect(useWinogradFilter(geometry('conv2d', [1, 10, 10, 16], k, k, s, 'same'), 16)).toBe(false);
  });

  it.each([[[3, 11, 10, 20], 28, 'same', 'cef3936b'], [[2, 13, 13, 32], 64, 'valid', '6dda3aec']] as const)(
    'gives the same bits in Node and Chromium (a stored digest, by the rule): x %j OC %i %s', (xs, oc, p, want) => {
      const g = geometry('conv2d', xs.slice(), 3, 3, 1, p);
      expect(useWinogradFilter(g, oc)).toBe(true);
      const x = rand(xs.slice(), 27) as tf.Tensor4D, dy = rand([g.N, g.OH, g.OW, oc], 28) as tf.Tensor4D;
      const before = convPaths.winogradFilter;
      const dw = tf.conv2dBackpropFilter(x, dy, [3, 3, xs[3], oc], 1, p);
      expect(convPaths.winogradFilter - before).toBe(1);
      expect(fnv([dw])).toBe(want);
      tf.dispose([x, dy, dw]);
    });

  it('leaves no tensor and no heap block behind', () => {
    const x = rand([2, 9, 9, 16], 17) as tf.Tensor4D, dy = rand([2, 9, 9, 24], 18) as tf.Tensor4D;
    convForce.filter = 'winograd';
    expectNoLeak(() => tf.conv2dBackpropFilter(x, dy, [3, 3, 16, 24], 1, 'same').dispose());
    tf.dispose([x, dy]);
  });
});
