// Channels-last values between layout-aware nodes (src/onnx/ops.ts LAYOUT_AWARE) give what NCHW everywhere gives:
// every node output of the fixtures and of a graph that puts each layout-aware op after a Conv, compared with
// LAYOUT.on = false (each layout-aware result transposed back to NCHW at once, as before).
import { describe, expect, test } from 'vitest';
import * as tf from '../../src/index.js';
import { loadOnnxModel } from '../../src/onnx/index.js';
import { LAYOUT } from '../../src/onnx/ops.js';
import { encodeModel, type NodeProtoOut, type TensorProtoOut } from '../../src/onnx/encode.js';
import { readFixture } from '../fixture_bytes.js';

const fixture = (name: string): Promise<Uint8Array> => readFixture(new URL(`../fixtures/onnx17/${name}`, import.meta.url));

const f32 = (name: string, dims: number[], seed: number): TensorProtoOut => {
  const n = dims.reduce((a, b) => a * b, 1);
  const v = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + seed));
  return { name, dims, dataType: 1, rawData: new Uint8Array(v.buffer) };
};
const i64 = (name: string, v: number[]): TensorProtoOut => ({ name, dims: [v.length], dataType: 7, rawData: new Uint8Array(BigInt64Array.from(v, BigInt).buffer) });
const ints = (name: string, v: number[]) => ({ name, type: 7, ints: v });
const int = (name: string, v: number) => ({ name, type: 2, i: v });
const str = (name: string, v: string) => ({ name, type: 3, s: new TextEncoder().encode(v) });
const node = (opType: string, input: string[], output: string, attribute: object[] = []): NodeProtoOut => ({ opType, input, output: [output], name: output, attribute } as NodeProtoOut);

function graph(): Uint8Array {
  const nodes: NodeProtoOut[] = [
    node('Conv', ['X', 'W', 'B'], 'c1', [ints('pads', [1, 1, 1, 1])]),
    node('Pad', ['c1', 'padsNeg'], 'p1'),
    node('Pad', ['c1', 'pads1'], 'p2', [str('mode', 'edge')]),
    node('Pad', ['c1', 'pads1'], 'p3', [str('mode', 'reflect')]),
    node('ReduceMean', ['c1'], 'r1', [ints('axes', [2]), int('keepdims', 0)]),
    node('ReduceMean', ['c1'], 'r2', [ints('axes', [1]), int('keepdims', 0)]),
    node('ReduceMax', ['c1'], 'r3', [ints('axes', [2, 3]), int('keepdims', 0)]),
    node('ReduceMean', ['c1'], 'r4', [ints('axes', [1, 3]), int('keepdims', 1)]),
    node('ReduceSum', ['c1', 'ax3'], 'r5', [int('keepdims', 0)]),
    node('Concat', ['c1', 'X'], 'k1', [int('axis', 1)]),
    node('Concat', ['c1', 'c1'], 'k2', [int('axis', -2)]),
    node('Add', ['c1', 'perC'], 'a1'),
    node('Mul', ['c1', 'perC4'], 'a2'),
    node('Add', ['c1', 'perW'], 'a3'),
    node('Relu', ['c1'], 'u1'),
    node('Sub', ['c1', 'u1'], 'a4'),
    node('Div', ['u1', 'two'], 'a5'),
    node('Shape', ['c1'], 's1'),
    node('Flatten', ['c1'], 'f1'),
    node('GlobalAveragePool', ['c1'], 'g1'),
    node('Flatten', ['g1'], 'f2'),
    node('Reshape', ['g1', 'shape2'], 'f3'),
    node('MaxPool', ['u1'], 'm1', [ints('kernel_shape', [2, 2]), ints('strides', [2, 2])]),
    node('AveragePool', ['c1'], 'm2', [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1]), int('count_include_pad', 0)]),
    node('Resize', ['c1', '', 'scales'], 'z1', [str('mode', 'nearest'), str('coordinate_transformation_mode', 'asymmetric'), str('nearest_mode', 'floor')]),
    node('ConvTranspose', ['c1', 'Wt'], 't1', [ints('strides', [2, 2])]),
    node('Transpose', ['c1'], 'tr1', [ints('perm', [0, 2, 3, 1])]),
    node('BatchNormalization', ['c1', 'bs', 'bb', 'bm', 'bv'], 'bn1'),
    node('Clip', ['bn1', 'lo', 'hi'], 'cl1'),
    node('Conv', ['cl1', 'Wd'], 'd1', [int('group', 4), ints('pads', [1, 1, 1, 1]), ints('strides', [2, 1])]),
    node('Conv', ['d1', 'Wp', 'Bp'], 'pw1'),
    node('HardSwish', ['pw1'], 'h1'),
  ];
  const inits = [
    f32('W', [4, 3, 3, 3], 1), f32('B', [4], 2), i64('padsNeg', [0, 0, 1, -1, 0, 0, -1, 2]), i64('pads1', [0, 0, 1, 1, 0, 0, 1, 1]),
    i64('ax3', [3]), f32('perC', [4, 1, 1], 3), f32('perC4', [1, 4, 1, 1], 4), f32('perW', [6], 5), { ...f32('two', [], 0), rawData: new Uint8Array(Float32Array.of(2).buffer) },
    i64('shape2', [2, 4]), { ...f32('scales', [4], 0), rawData: new Uint8Array(Float32Array.of(1, 1, 2, 2).buffer) }, f32('Wt', [4, 2, 2, 2], 6),
    f32('bs', [4], 7), f32('bb', [4], 8), f32('bm', [4], 9), { ...f32('bv', [4], 0), rawData: new Uint8Array(Float32Array.of(1, 0.5, 2, 0.25).buffer) },
    { ...f32('lo', [], 0), rawData: new Uint8Array(Float32Array.of(-0.5).buffer) }, { ...f32('hi', [], 0), rawData: new Uint8Array(Float32Array.of(0.7).buffer) },
    f32('Wd', [4, 1, 3, 3], 10), f32('Wp', [5, 4, 1, 1], 11), f32('Bp', [5], 12),
  ];
  const tt = { tensorType: { elemType: 1 } };
  return encodeModel({
    irVersion: 8, opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'layout', node: nodes, initializer: inits,
      input: [{ name: 'X', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 2 }, { dimValue: 3 }, { dimValue: 5 }, { dimValue: 6 }] } } } }],
      output: nodes.map((n) => ({ name: n.output![0], type: tt })),
    },
  } as Parameters<typeof encodeModel>[0]);
}

async function compare(bytes: Uint8Array, feed: () => tf.Tensor): Promise<void> {
  const before = tf.memory().numTensors;
  const m = await loadOnnxModel(bytes);
  const names = [...new Set((m as unknown as { steps: { outputs: string[] }[] }).steps.flatMap((s) => s.outputs.filter(Boolean)))];
  const x = feed();
  const run = (on: boolean) => {
    LAYOUT.on = on;
    try { return m.execute(x, names).map((t) => { const r = { shape: t.shape, v: Array.from(t.dataSync() as ArrayLike<number>) }; t.dispose(); return r; }); } finally { LAYOUT.on = true; }
  };
  const a = run(true), b = run(false);
  names.forEach((n, i) => {
    expect(a[i].shape, n).toEqual(b[i].shape);
    a[i].v.forEach((v, k) => expect(Math.abs(v - b[i].v[k]), `${n}[${k}]: ${v} vs ${b[i].v[k]}`).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(b[i].v[k]))));
  });
  m.dispose();
  x.dispose();
  expect(tf.memory().numTensors).toBe(before);
}

describe('channels-last values give what NCHW gives', () => {
  test('every layout-aware op after a Conv', async () => {
    await compare(graph(), () => tf.randomNormal([2, 3, 5, 6], 0, 1, 'float32', 1));
  });
  const shapes: Record<string, number[]> = { lenet: [1, 15, 15], mobile: [3, 12, 12], resnet: [3, 16, 16], mbv2: [3, 16, 16], unet: [3, 8, 8], cnntrain: [] };
  for (const f of ['lenet-ts17', 'lenet-dynamo18', 'mobile-ts17', 'mobile-dynamo18', 'resnet-ts17', 'resnet-dynamo18', 'mbv2-ts17', 'mbv2-dynamo18', 'unet-ts17', 'unet-dynamo18']) {
    test(f, async () => {
      await compare(await fixture(`${f}.onnx`), () => tf.randomNormal([2, ...shapes[f.split('-')[0]]], 0, 1, 'float32', 2));
    });
  }
});
