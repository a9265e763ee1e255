// Fused steps (src/onnx/index.ts fuse(), ops.ts Ctx.lean): while no tape records, Conv / Gemm / BatchNormalization
// run as one op with their bias and the Relu / Clip(0, 6) / Sigmoid / Tanh node that alone reads their output. The
// results must be bit-identical to every node run as its own ops (FUSE.on = false), on the fixtures and on a graph
// with each fusible pair and each case that must not fuse; a tape must still get gradients (the plain steps).
import { describe, expect, test } from 'vitest';
import * as tf from '../../src/index.js';
import { loadOnnxModel, type OnnxModel } from '../../src/onnx/index.js';
import { FUSE, VIEWS, viewCounts } from '../../src/onnx/ops.js';
import { encodeModel, type NodeProtoOut, type TensorProtoOut } from '../../src/onnx/encode.js';
import { readFixture } from '../fixture_bytes.js';

const fixture = (name: string): Promise<Uint8Array> => readFixture(new URL(`../fixtures/onnx17/${name}`, import.meta.url));
const f32 = (name: string, dims: number[], seed: number): TensorProtoOut => {
  const n = dims.reduce((a, b) => a * b, 1);
  const v = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + seed));
  return { name, dims, dataType: 1, rawData: new Uint8Array(v.buffer) };
};
const scalar = (name: string, v: number): TensorProtoOut => ({ name, dims: [], dataType: 1, rawData: new Uint8Array(Float32Array.of(v).buffer) });
const ints = (name: string, v: number[]) => ({ name, type: 7, ints: v });
const int = (name: string, v: number) => ({ name, type: 2, i: v });
const flt = (name: string, v: number) => ({ name, type: 1, f: v });
const node = (opType: string, input: string[], output: string, attribute: object[] = []): NodeProtoOut => ({ opType, input, output: [output], name: output, attribute } as NodeProtoOut);

/** Each fusible pair, and what must not fuse: a Conv read twice, Clip(−0, 6), Gemm with alpha ≠ 1, an output that is wanted. */
function graph(): Uint8Array {
  const nodes: NodeProtoOut[] = [
    node('Conv', ['X', 'Wp0', 'B4'], 'pw0'), node('Relu', ['pw0'], 'pw0r'), // pointwise on NCHW (the graph input)
    node('Conv', ['pw0r', 'W', 'B4'], 'c1', [ints('pads', [1, 1, 1, 1])]), node('Clip', ['c1', 'zero', 'six'], 'c1r'), // conv + ReLU6
    node('Conv', ['c1r', 'Wd', 'B4'], 'd1', [int('group', 4), ints('pads', [1, 0, 1, 2]), ints('strides', [2, 1])]), node('Clip', ['d1', 'zero', 'six'], 'd1r'), // depthwise
    node('Conv', ['d1r', 'Wp', 'Bp'], 'p1'), node('Sigmoid', ['p1'], 'p1r'), // pointwise on channels-last
    node('Conv', ['p1r', 'W5'], 'c2', [ints('pads', [1, 1, 1, 1])]), node('Tanh', ['c2'], 'c2r'), node('Add', ['c2', 'c2r'], 'c2s'), // c2 read twice: no fusion
    node('Conv', ['c2s', 'W5'], 'c3', [ints('dilations', [2, 2]), ints('pads', [2, 2, 2, 2])]), node('Clip', ['c3', 'negzero', 'six'], 'c3r'), // Clip(−0, 6): not ReLU6
    node('BatchNormalization', ['c3r', 'bs', 'bb', 'bm', 'bv'], 'bn1'), node('Relu', ['bn1'], 'bn1r'), // channels-last BN + Relu
    node('Conv', ['bn1r', 'Wg', 'Bp'], 'g1', [int('group', 5)]), node('Relu', ['g1'], 'g1r'), // grouped conv: activation applied as its op
    node('GlobalAveragePool', ['g1r'], 'gp'), node('Flatten', ['gp'], 'f'),
    node('Gemm', ['f', 'G1', 'gb1'], 'h1', [int('transB', 1)]), node('Relu', ['h1'], 'h1r'),
    node('MatMul', ['f', 'M1'], 'mm'), node('Add', ['mm', 'mb'], 'mmb'), // MatMul + Add(bias), the bias second
    node('Gemm', ['h1r', 'G2', 'gb2'], 'h2'), node('Tanh', ['h2'], 'h2r'), // B as given, bias [1, N]
    node('Gemm', ['h2r', 'G3', 'gb3'], 'h3', [flt('alpha', 0.5), int('transB', 1)]), node('Relu', ['h3'], 'h3r'), // alpha ≠ 1: Gemm's own ops
    node('BatchNormalization', ['h3r', 'bs6', 'bb6', 'bm6', 'bv6'], 'bn2'), node('Sigmoid', ['bn2'], 'y'), // rank-2 BN
    node('Conv', ['X1', 'W1d', 'B4'], 'e1', [ints('pads', [1, 1])]), node('Relu', ['e1'], 'e1r'), // 1-D conv
  ];
  const inits = [
    f32('Wp0', [4, 3, 1, 1], 1), f32('B4', [4], 2), f32('W', [4, 4, 3, 3], 3), scalar('zero', 0), scalar('six', 6), scalar('negzero', -0),
    f32('Wd', [4, 1, 3, 3], 4), f32('Wp', [5, 4, 1, 1], 5), f32('Bp', [5], 6), f32('W5', [5, 5, 3, 3], 7),
    f32('bs', [5], 8), f32('bb', [5], 9), f32('bm', [5], 10), { ...f32('bv', [5], 0), rawData: new Uint8Array(Float32Array.of(1, 0.5, 2, 0.25, 3).buffer) },
    f32('Wg', [5, 1, 1, 1], 11), f32('G1', [7, 5], 12), f32('gb1', [7], 13), f32('G2', [7, 6], 14), f32('gb2', [1, 6], 15),
    f32('M1', [5, 3], 22), f32('mb', [3], 23), f32('G3', [6, 6], 16), f32('gb3', [6], 17), f32('bs6', [6], 18), f32('bb6', [6], 19), f32('bm6', [6], 20),
    { ...f32('bv6', [6], 0), rawData: new Uint8Array(Float32Array.of(1, 0.5, 2, 0.25, 3, 1.5).buffer) }, f32('W1d', [4, 2, 3], 21),
  ];
  const tt = { tensorType: { elemType: 1 } };
  const dims = (d: number[]) => ({ tensorType: { elemType: 1, shape: { dim: d.map((dimValue) => ({ dimValue })) } } });
  return encodeModel({
    irVersion: 8, opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'fuse', node: nodes, initializer: inits,
      // X1's channels are symbolic: a wrong count reaches the fused Conv e1 (the error test below)
      input: [{ name: 'X', type: dims([2, 3, 5, 6]) }, { name: 'X1', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 2 }, { dimParam: 'c' }, { dimValue: 7 }] } } } }],
      output: ['y', 'c2s', 'c3r', 'e1r', 'p1', 'mmb'].map((name) => ({ name, type: tt })),
    },
  } as Parameters<typeof encodeModel>[0]);
}

const bits = (t: tf.Tensor) => { const v = Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer)); t.dispose(); return v; };
const all = (r: tf.Tensor | tf.Tensor[]) => ([] as tf.Tensor[]).concat(r).map(bits);
const steps = (m: OnnxModel, lean: boolean) => (m as unknown as { plans: Map<string, { plain: { steps: { ctx: { lean?: unknown } }[] }; lean: { steps: { ctx: { lean?: unknown } }[] } }> })
  .plans.values().next().value![lean ? 'lean' : 'plain'].steps;

/** Runs predict with fusion on and off: bit-identical outputs, numTensors unchanged; returns the model's plan sizes. */
// `gelu`: the graph has the exact GELU subgraph, which the fused step computes with tf.gelu's vector kernel (not the
// five nodes' bits): fused and unfused then agree within float32 rounding, and the fused runs with each other exactly.
async function compare(bytes: Uint8Array, feeds: () => tf.Tensor[], gelu = false): Promise<[number, number]> {
  const before = tf.memory().numTensors;
  const m = await loadOnnxModel(bytes);
  const xs = feeds();
  const run = (on: boolean) => {
    FUSE.on = on;
    try { return ([] as tf.Tensor[]).concat(m.predict(xs.length === 1 ? xs[0] : xs)).map(bits); } finally { FUSE.on = true; }
  };
  const a = run(true), b = run(false), a2 = run(true);
  expect(a2).toEqual(a);
  if (!gelu) expect(a).toEqual(b);
  else {
    const f = (v: number[]) => new Float32Array(Uint32Array.from(v).buffer);
    a.forEach((v, i) => {
      const x = f(v), y = f(b[i]);
      for (let j = 0; j < x.length; j++) expect(Math.abs(x[j] - y[j])).toBeLessThanOrEqual(2e-6 * (1 + Math.abs(y[j])));
    });
    expect(a).not.toEqual(b); // the vector gelu ran (its last bits differ somewhere)
  }
  const sizes: [number, number] = [steps(m, false).length, steps(m, true).length];
  expect(steps(m, true).some((s) => s.ctx.lean !== undefined)).toBe(true); // the fused steps ran
  m.dispose();
  tf.dispose(xs);
  expect(tf.memory().numTensors).toBe(before);
  return sizes;
}

describe('fused Conv / Gemm / BatchNormalization steps are bit-identical to the nodes one by one', () => {
  test('each fusible pair and each case that must not fuse', async () => {
    const [plain, lean] = await compare(graph(), () => [tf.randomNormal([2, 3, 5, 6], 0, 2, 'float32', 1), tf.randomNormal([2, 2, 7], 0, 2, 'float32', 2)]);
    // fused with their activation: pw0, c1, d1, bn1, g1 and h3 (applied as their op), h1, h2, e1, and mm with its Add;
    // h3's step also takes the BatchNormalization bn2 of its activation's output and bn2's Sigmoid — 12 nodes fewer;
    // not c2 (read twice), c3 (Clip(−0, 6)), p1 (a wanted output)
    expect(plain - lean).toBe(12);
  });
  // LayerNormalization's one-kernel form (f32_layer_norm: Scale and B over exactly the normalized axes) against the
  // node's own ops: row lengths below and above the reduce kernel's SIMD threshold (16), not multiples of 4, two
  // normalized axes, without B, with an offset mean (cancellation), and a Scale that only broadcasts (the steps).
  for (const [shape, axis, withB, sShape] of [[[3, 5, 7], -1, true, [7]], [[2, 4, 16], -1, true, [16]], [[2, 3, 37], -1, false, [37]],
    [[4, 64], -1, true, [64]], [[2, 3, 4, 5], -2, true, [4, 5]], [[3, 21], 1, true, [1, 21]], [[2, 6, 9], -1, true, [1]]] as [number[], number, boolean, number[]][]) {
    test(`LayerNormalization over [${shape}] from axis ${axis}${withB ? '' : ' without B'}, Scale [${sShape}]`, async () => {
      const n = shape.slice(axis < 0 ? shape.length + axis : axis).reduce((a, b) => a * b, 1);
      const bShape = sShape.length === 1 && sShape[0] === 1 ? [1] : sShape;
      const bytes = encodeModel({
        irVersion: 8, opsetImport: [{ domain: '', version: 17 }],
        graph: {
          name: 'ln', node: [node('LayerNormalization', ['X', 'S', ...(withB ? ['B'] : [])], 'y', [int('axis', axis), flt('epsilon', 1e-5)])],
          initializer: [f32('S', sShape, 3), ...(withB ? [f32('B', bShape, 4)] : [])],
          input: [{ name: 'X', type: { tensorType: { elemType: 1, shape: { dim: shape.map((dimValue) => ({ dimValue })) } } } }],
          output: [{ name: 'y', type: { tensorType: { elemType: 1 } } }],
        },
      } as Parameters<typeof encodeModel>[0]);
      await compare(bytes, () => [tf.tidy(() => tf.add(tf.randomNormal(shape, 0, 2, 'float32', n), 3))]);
    });
  }
  // the exact GELU subgraph (both exporters' orders are in the tlayer / encoder fixtures below): not fused when an
  // intermediate is wanted or a constant is not a scalar; a Div that starts no GELU runs as itself
  test('GELU: fused in both product orders; not with a wanted intermediate or a [1]-shaped constant', async () => {
    const k = (name: string, v: number, dims: number[] = []): TensorProtoOut => ({ name, dims, dataType: 1, rawData: new Uint8Array(Float32Array.of(v).buffer) });
    const chain = (p: string, x: string, scaleFirst: boolean, k0 = 'k0'): NodeProtoOut[] => [
      node('Div', [x, k0], `${p}d`), node('Erf', [`${p}d`], `${p}e`), node('Add', ['k1', `${p}e`], `${p}a`),
      ...(scaleFirst ? [node('Mul', [`${p}a`, 'k2'], `${p}h`), node('Mul', [x, `${p}h`], `${p}y`)] : [node('Mul', [`${p}a`, x], `${p}m`), node('Mul', [`${p}m`, 'k2'], `${p}y`)]),
    ];
    const bytes = encodeModel({
      irVersion: 8, opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'gelu', node: [...chain('a', 'X', false), ...chain('b', 'ay', true), ...chain('c', 'by', false), ...chain('d', 'cy', true, 'k0v')],
        initializer: [k('k0', Math.SQRT2), k('k1', 1), k('k2', 0.5), k('k0v', Math.SQRT2, [1])],
        input: [{ name: 'X', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 3 }, { dimValue: 37 }] } } } }],
        output: ['dy', 'ce'].map((name) => ({ name, type: { tensorType: { elemType: 1 } } })),
      },
    } as Parameters<typeof encodeModel>[0]);
    const [plain, lean] = await compare(bytes, () => [tf.randomNormal([3, 37], 0, 2, 'float32', 8)], true);
    expect(plain - lean).toBe(8); // chains a and b; not c (its Erf's output is wanted), not d (k0 of shape [1])
  });
  test('MatMul(a, Transpose(k) [· s]) reads k as Bᵀ; not for another permutation or a Transpose read twice', async () => {
    const k = (name: string, v: number, dims: number[] = []): TensorProtoOut => ({ name, dims, dataType: 1, rawData: new Uint8Array(Float32Array.of(v).buffer) });
    const bytes = encodeModel({
      irVersion: 8, opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'tb', node: [
          node('Transpose', ['K'], 't1', [ints('perm', [0, 2, 1])]), node('MatMul', ['Q', 't1'], 'm1'), // unscaled
          node('Transpose', ['K'], 't2', [ints('perm', [0, 2, 1])]), node('Mul', ['s', 't2'], 'u2'), node('MatMul', ['Q', 'u2'], 'm2'), // scaled
          node('Transpose', ['K'], 't3', [ints('perm', [0, 2, 1])]), node('Mul', ['t3', 'v'], 'u3'), node('MatMul', ['Q', 'u3'], 'm3'), // [1, 1, 4]: not one value
          node('Transpose', ['K3'], 't4', [ints('perm', [2, 1, 0])]), node('MatMul', ['m1', 't4'], 'm4'), // another permutation
          node('Transpose', ['K'], 't5', [ints('perm', [0, 2, 1])]), node('MatMul', ['Q', 't5'], 'm5'), node('Add', ['t5', 't5'], 't5s'), // t5 read twice
        ],
        initializer: [k('s', 0.35), { name: 'v', dims: [1, 1, 4], dataType: 1, rawData: new Uint8Array(Float32Array.of(0.5, -1, 2, 0.25).buffer) }],
        input: [['Q', [2, 3, 5]], ['K', [2, 4, 5]], ['K3', [6, 4, 2]]].map(([name, d]) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: (d as number[]).map((dimValue) => ({ dimValue })) } } } })),
        output: ['m2', 'm3', 'm4', 'm5', 't5s'].map((name) => ({ name, type: { tensorType: { elemType: 1 } } })),
      },
    } as Parameters<typeof encodeModel>[0]);
    const [plain, lean] = await compare(bytes, () => [tf.randomNormal([2, 3, 5], 0, 1, 'float32', 1), tf.randomNormal([2, 4, 5], 0, 1, 'float32', 2), tf.randomNormal([6, 4, 2], 0, 1, 'float32', 3)]);
    expect(plain - lean).toBe(3); // t1; t2 and u2
  });
  // while no tape records, a Transpose is a view (strides over its input's memory): Reshape / Squeeze / Gather of one
  // index / Mul by one value keep it one where the strides allow, a MatMul reads it in place (and writes the head
  // merge's Transpose order), every other reader gets its values copied once; the same bits as the nodes one by one
  test('views: Transposes read in place by MatMul, copied once for other readers and for outputs', async () => {
    const f = (name: string, v: number[], dims: number[]): TensorProtoOut => ({ name, dims, dataType: 1, rawData: new Uint8Array(Float32Array.from(v).buffer) });
    const i64 = (name: string, v: number[]): TensorProtoOut => ({ name, dims: [v.length], dataType: 7, rawData: new Uint8Array(BigInt64Array.from(v.map(BigInt)).buffer) });
    const bytes = encodeModel({
      irVersion: 8, opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'views', node: [
          // X [N=2, T=5, E=12] → [T, N, E] → [T, N·H, D] (H = 3, D = 4: N·H walks two sub-axes) → [N·H, T, D] → [N, H,
          // T, D] (all views), q scaled (a view), k read as Bᵀ, scores · v written as [N, T, H, D]
          node('Transpose', ['X'], 't0', [ints('perm', [1, 0, 2])]), node('Reshape', ['t0', 's_tnhd'], 'r0'),
          node('Transpose', ['r0'], 't1', [ints('perm', [1, 0, 2])]), node('Reshape', ['t1', 's_nhtd'], 'r1'),
          node('Mul', ['r1', 'half'], 'q'), node('Transpose', ['r1'], 'kt', [ints('perm', [0, 1, 3, 2])]),
          node('MatMul', ['q', 'kt'], 'm1'), node('Softmax', ['m1'], 'p'), node('MatMul', ['p', 'r1'], 'm2'),
          node('Transpose', ['m2'], 't3', [ints('perm', [0, 2, 1, 3])]), node('Reshape', ['t3', 's_nte'], 'o1'),
          // a view's Gather of one index (strides less the axis, an offset) read by a MatMul with a weight
          node('Reshape', ['X', 's_nthd'], 'r2'), node('Transpose', ['r2'], 't4', [ints('perm', [2, 0, 1, 3])]),
          node('Gather', ['t4', 'one'], 'g', [int('axis', 0)]), node('MatMul', ['g', 'W'], 'o2'),
          // a view wanted (copied), a view read by Add (copied), a constant's Transpose
          node('Transpose', ['X'], 'o3', [ints('perm', [2, 0, 1])]), node('Add', ['t0', 't0'], 'o4'),
          node('Transpose', ['C'], 'ct', [ints('perm', [1, 0, 2])]), node('Add', ['Z', 'ct'], 'o5'),
          // a Transpose after a product that moves its last axis: not taken in (a view of the product, copied as output)
          node('MatMul', ['p', 'r1'], 'm3'), node('Transpose', ['m3'], 'o6', [ints('perm', [0, 1, 3, 2])]),
        ],
        initializer: [i64('s_tnhd', [5, 6, 4]), i64('s_nhtd', [2, 3, 5, 4]), i64('s_nte', [2, 5, 12]), i64('s_nthd', [2, 5, 3, 4]),
          { name: 'one', dims: [], dataType: 7, rawData: new Uint8Array(BigInt64Array.of(1n).buffer) },
          f('half', [0.5], []), f('W', Array.from({ length: 12 }, (_, i) => Math.sin(i)), [4, 3]),
          f('C', Array.from({ length: 24 }, (_, i) => Math.cos(i)), [3, 2, 4])],
        input: [['X', [2, 5, 12]], ['Z', [2, 3, 4]]].map(([name, d]) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: (d as number[]).map((dimValue) => ({ dimValue })) } } } })),
        output: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'].map((name) => ({ name, type: { tensorType: { elemType: 1 } } })),
      },
    } as Parameters<typeof encodeModel>[0]);
    const feeds = () => [tf.randomNormal([2, 5, 12], 0, 1, 'float32', 4), tf.randomNormal([2, 3, 4], 0, 1, 'float32', 5)], min = VIEWS.min;
    const before = { ...viewCounts };
    VIEWS.min = 0; // views of every Transpose, however small
    const [plain, lean] = await compare(bytes, feeds).finally(() => { VIEWS.min = min; });
    expect(plain - lean).toBe(2); // kt (Bᵀ) and t3 (written permuted)
    // two fused runs (compare): per run m1, m2, o2's product and m3 read views; t0 (for o4), o3, ct, o6 copied
    expect(viewCounts.products - before.products).toBe(2 * 4);
    expect(viewCounts.copies - before.copies).toBe(2 * 4);
    // against the plain path's values through tfjs-free arithmetic: o1 is the attention of X's heads
    const m = await loadOnnxModel(bytes), [x, z] = feeds();
    VIEWS.min = 0;
    const outs = m.predict([x, z]) as tf.Tensor[], o1 = outs[0];
    VIEWS.min = min;
    const heads = tf.transpose(tf.reshape(tf.transpose(x, [1, 0, 2]), [5, 2, 3, 4]), [1, 2, 0, 3]); // [N, H, T, D]
    const want = tf.reshape(tf.transpose(tf.matMul(tf.softmax(tf.matMul(tf.mul(heads, 0.5), heads, false, true)), heads), [0, 2, 1, 3]), [2, 5, 12]);
    expect(Array.from(o1.dataSync())).toEqual(Array.from(want.dataSync()));
    tf.dispose([x, z, ...outs, heads, want]);
    m.dispose();
    // PyTorch's attention (tlayer-ts17): q, k and v gathered from the packed in-projection as views, split into heads
    // (views); q and k copied by their scaling Mul (they do not fill their block), v read in place by scores·v, which
    // is written in the head merge's order; the input's Transpose (read by the in-projection) and the output's (by the
    // residual Add) copied
    // (at batch 64: views of 5 K elements and more; at batch 1 the Transposes are copied, only the merge is written permuted)
    const t = await loadOnnxModel(await fixture('tlayer-ts17.onnx'));
    for (const [batch, want] of [[64, [1, 4]], [1, [1, 0]]]) {
      const xt = tf.randomNormal([batch, 5, 16], 0, 1, 'float32', 6);
      tf.dispose(t.predict(xt));
      const b2 = { ...viewCounts };
      tf.dispose(t.predict(xt));
      expect([viewCounts.products - b2.products, viewCounts.copies - b2.copies], `batch ${batch}`).toEqual(want);
      xt.dispose();
    }
    t.dispose();
  });
  const shapes: Record<string, number[]> = { mlp: [8], tlayer: [5, 16], lenet: [1, 15, 15], mobile: [3, 12, 12], resnet: [3, 16, 16], mbv2: [3, 16, 16], unet: [3, 8, 8] };
  for (const f of ['mlp-ts17', 'mlp-dynamo18', 'tlayer-ts17', 'tlayer-dynamo18', 'lenet-ts17', 'lenet-dynamo18', 'mobile-ts17', 'mobile-dynamo18',
    'resnet-ts17', 'resnet-dynamo18', 'mbv2-ts17', 'mbv2-dynamo18', 'unet-ts17', 'unet-dynamo18', 'encoder-ts13', 'encoder-ts17', 'encoder-dynamo18']) {
    test(f, async () => {
      const kind = f.split('-')[0];
      const feed = kind === 'encoder' ? () => [tf.tensor(Int32Array.from({ length: 18 }, (_, i) => (i * 7) % 20), [3, 6], 'int32')]
        : () => [tf.randomNormal([3, ...shapes[kind]], 0, 1, 'float32', 3)];
      const [plain, lean] = await compare(await fixture(`${f}.onnx`), feed, kind === 'tlayer' || kind === 'encoder');
      // (the transformers: each Linear exported as MatMul + Add(bias) is one step — four per layer —, and the exact
      // GELU's five nodes one — four more)
      // tlayer-ts17's q·kᵀ also reads k as Bᵀ (its Transpose and scaling Mul taken in: two more); and the head merge's
      // Transpose after scores·v is the product's written order (one more)
      if (kind === 'tlayer' || kind === 'encoder') expect(plain - lean).toBe(f === 'tlayer-ts17' ? 11 : 9); else expect(lean).toBeLessThan(plain);
    });
  }

  // the second run with the same input shapes replays: the shape-only steps' results seeded, the rest run
  for (const f of ['tlayer-ts17', 'tlayer-dynamo18', 'encoder-ts17', 'mbv2-ts17']) {
    test(`${f}: runs at alternating shapes give a fresh model's results`, async () => {
      const bytes = await fixture(`${f}.onnx`);
      const kind = f.split('-')[0], per = { tlayer: [5, 16], encoder: [6], mbv2: [3, 16, 16] }[kind]!;
      const feed = (b: number) => (kind === 'encoder' ? tf.tensor(Int32Array.from({ length: b * 6 }, (_, i) => (i * 7 + b) % 20), [b, 6], 'int32')
        : tf.randomNormal([b, ...per], 0, 1, 'float32', b));
      const fresh = async (b: number) => { const m = await loadOnnxModel(bytes), x = feed(b); const r = all(m.predict(x)); x.dispose(); m.dispose(); return r; };
      const want = new Map([[1, await fresh(1)], [3, await fresh(3)]]);
      const m = await loadOnnxModel(bytes);
      let before = -1;
      for (const b of [1, 3, 1, 1, 3, 3, 1]) {
        const x = feed(b);
        expect(all(m.predict(x)), `batch ${b}`).toEqual(want.get(b));
        x.dispose();
        if (before < 0) before = tf.memory().numTensors;
      }
      expect(tf.memory().numTensors).toBe(before);
      expect((m as unknown as { shapeMemo: Map<string, { replays: Map<unknown, unknown> }> }).shapeMemo.size).toBe(2);
      m.dispose();
    });
  }

  // Node and Chromium give the same bits (a digest of the fused predicts; a kernel change that moves bits updates it:
  // tlayer's exact GELU as tf.gelu's vector kernel did)
  test('the same bits in Node and Chromium (digest of fused predicts: resnet, mbv2, tlayer)', async () => {
    let h = 0x811c9dc5;
    for (const [f, shape] of [['resnet-ts17', [2, 3, 16, 16]], ['mbv2-ts17', [1, 3, 16, 16]], ['tlayer-ts17', [2, 5, 16]]] as const) {
      const m = await loadOnnxModel(await fixture(`${f}.onnx`));
      const x = tf.randomNormal(shape.slice(), 0, 1, 'float32', 5);
      for (let run = 0; run < 2; run++) { // the second run replays
        for (const v of all(m.predict(x))) for (const b of v) h = Math.imul(h ^ b, 0x01000193) >>> 0;
      }
      x.dispose();
      m.dispose();
    }
    expect(h.toString(16).padStart(8, '0')).toBe('17de7cfd');
  });

  test('under a tape the nodes run one by one: gradients reach the Conv weights', async () => {
    const m = await loadOnnxModel(graph());
    const xs = [tf.randomNormal([2, 3, 5, 6], 0, 2, 'float32', 1), tf.randomNormal([2, 2, 7], 0, 2, 'float32', 2)];
    // the model's cached constants and weight layouts are made once, by each path (they count as tensors)
    tf.dispose(m.predict(xs) as tf.Tensor[]);
    FUSE.on = false;
    try { tf.dispose(m.predict(xs) as tf.Tensor[]); } finally { FUSE.on = true; }
    const before = tf.memory().numTensors;
    let taped: number[] = [];
    const { grads, value } = tf.variableGrads(() => tf.tidy(() => {
      const y = (m.predict(xs) as tf.Tensor[])[0];
      taped = Array.from(new Uint32Array((y.dataSync() as Float32Array).slice().buffer));
      return tf.sum(y) as tf.Scalar;
    }), m.trainableWeights);
    // every weight on the path to y has a gradient (the fused ops have none: the tape saw the nodes' own ops)
    for (const w of ['W', 'Wd', 'Wp', 'W5', 'G1', 'G2', 'G3', 'bs6']) expect(grads[w], w).toBeDefined();
    const [y, ...rest] = m.predict(xs) as tf.Tensor[];
    tf.dispose(rest);
    expect(bits(y)).toEqual(taped);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
    tf.dispose(xs);
  });

  test('an error in a fused step names the node and the shapes, and leaves no tensor', async () => {
    const m = await loadOnnxModel(graph());
    const x = tf.zeros([2, 3, 5, 6]), x1 = tf.zeros([2, 3, 7]); // X1 has 3 channels, W1d expects 2
    const ok = tf.zeros([2, 2, 7]);
    tf.dispose(m.predict([x, ok]) as tf.Tensor[]); // (the model's cached weight layouts made once)
    ok.dispose();
    const before = tf.memory().numTensors;
    expect(() => m.predict([x, x1])).toThrow(/node 'e1' \(Conv, inputs \[2,3,7\], \[4,2,3\], \[4\]\): X has 3 channels, W \[4,2,3\] with group 1 expects 2/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, x1]);
    m.dispose();
  });
});
