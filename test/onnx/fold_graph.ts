// The graph of fold.test.ts and fold-ort.node.test.ts: each case of BatchNormalization folding, and those that must not fold.
import { encodeModel, type NodeProtoOut, type TensorProtoOut } from '../../src/onnx/encode.js';

const f32 = (name: string, dims: number[], seed: number, f = (v: number) => v): TensorProtoOut => {
  const n = dims.reduce((a, b) => a * b, 1);
  const v = Float32Array.from({ length: n }, (_, i) => f(Math.sin(i * 1.7 + seed)));
  return { name, dims, dataType: 1, rawData: new Uint8Array(v.buffer) };
};
const ints = (name: string, v: number[]) => ({ name, type: 7, ints: v });
const int = (name: string, v: number) => ({ name, type: 2, i: v });
const flt = (name: string, v: number) => ({ name, type: 1, f: v });
const node = (opType: string, input: string[], output: string, attribute: object[] = []): NodeProtoOut => ({ opType, input, output: [output], name: output, attribute } as NodeProtoOut);
/** BatchNormalization n over C channels with its four initializers (var > 0, scale away from 0). */
const bn = (n: string, x: string, C: number, seed: number): [NodeProtoOut, TensorProtoOut[]] => [
  node('BatchNormalization', [x, `${n}s`, `${n}b`, `${n}m`, `${n}v`], n, [flt('epsilon', 1e-3)]),
  [f32(`${n}s`, [C], seed, (v) => 1 + v / 2), f32(`${n}b`, [C], seed + 1), f32(`${n}m`, [C], seed + 2), f32(`${n}v`, [C], seed + 3, (v) => 0.5 + v * v)],
];

/**
 * Conv + BN + Relu (folded), depthwise Conv without bias + BN (folded), Conv + Relu + BN (after), pointwise Conv + BN
 * (folded, channels-last), Gemm (Bᵀ) + BN + Sigmoid (folded), Gemm (B, no C) + BN (folded); a Conv read twice and a
 * Conv whose output is wanted: not folded.
 */
export function graph(): Uint8Array {
  const parts = [bn('n1', 'c1', 4, 10), bn('n2', 'd2', 4, 20), bn('n3', 'c3r', 6, 30), bn('n4', 'p4', 5, 40), bn('n5', 'g5', 7, 50), bn('n6', 'g6', 3, 60),
    bn('n7', 'c7', 5, 70), bn('n8', 'c8', 5, 80)];
  const [n1, n2, n3, n4, n5, n6, n7, n8] = parts.map((p) => p[0]);
  const nodes: NodeProtoOut[] = [
    node('Conv', ['X', 'W1', 'B1'], 'c1', [ints('pads', [1, 1, 1, 1])]), n1, node('Relu', ['n1'], 'n1r'),
    node('Conv', ['n1r', 'W2'], 'd2', [int('group', 4), ints('pads', [1, 1, 1, 1]), ints('strides', [2, 2])]), n2,
    node('Conv', ['n2', 'W3', 'B3'], 'c3', [ints('pads', [0, 1, 0, 1])]), node('Relu', ['c3'], 'c3r'), n3,
    node('Conv', ['n3', 'W4', 'B4'], 'p4'), n4,
    node('Conv', ['n4', 'W7', 'B4'], 'c7', [ints('pads', [1, 1, 1, 1])]), n7, node('Add', ['c7', 'n7'], 'c7s'), // c7 read twice
    node('Conv', ['c7s', 'W7', 'B4'], 'c8', [ints('pads', [1, 1, 1, 1])]), n8, // c8 wanted
    node('GlobalAveragePool', ['n8'], 'gp'), node('Flatten', ['gp'], 'f'),
    node('Gemm', ['f', 'G5', 'gb5'], 'g5', [int('transB', 1)]), n5, node('Sigmoid', ['n5'], 'n5r'),
    node('Gemm', ['n5r', 'G6'], 'g6'), n6,
  ];
  const inits = [
    f32('W1', [4, 3, 3, 3], 1), f32('B1', [4], 2), f32('W2', [4, 1, 3, 3], 3), f32('W3', [6, 4, 3, 3], 4), f32('B3', [6], 5),
    f32('W4', [5, 6, 1, 1], 6), f32('B4', [5], 7), f32('W7', [5, 5, 3, 3], 8), f32('G5', [7, 5], 9), f32('gb5', [7], 10), f32('G6', [7, 3], 11),
    ...parts.flatMap((p) => p[1]),
  ];
  const tt = { tensorType: { elemType: 1 } };
  return encodeModel({
    irVersion: 8, opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'fold', node: nodes, initializer: inits,
      input: [{ name: 'X', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'n' }, { dimValue: 3 }, { dimValue: 8 }, { dimValue: 7 }] } } } }],
      output: ['n6', 'c8'].map((name) => ({ name, type: tt })),
    },
  } as Parameters<typeof encodeModel>[0]);
}

