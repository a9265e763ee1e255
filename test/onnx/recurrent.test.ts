// LSTM / GRU / RNN nodes (issue 17): what the importer does not support is refused by name when the node runs,
// leaving no tensor behind; a refusal never happens at the supported variants next to it. Graphs are written
// here with the package's own ONNX encoder (src/onnx/encode.ts). Values against onnxruntime: ops.json, rnn-*.onnx.
import { describe, expect, test } from 'vitest';
import * as tf from '../../src/index.js';
import { loadOnnxModel } from '../../src/onnx/index.js';
import { AttributeType, DataType, encodeModel, type AttributeProtoOut } from '../../src/onnx/encode.js';

const T = 4, B = 2, I = 3, H = 5;
const enc = new TextEncoder();

/** One recurrent node over x [T, B, I] with seeded weights; extra inputs (named) are initializers too. */
function graph(op: 'LSTM' | 'GRU' | 'RNN', attrs: AttributeProtoOut[], extra: { name: string; dims: number[]; data?: number[]; int?: boolean }[] = [], inputs?: string[]): Uint8Array {
  const G = op === 'LSTM' ? 4 : op === 'GRU' ? 3 : 1;
  let s = 7;
  const rnd = (n: number) => Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5));
  const f32 = (name: string, dims: number[], v = rnd(dims.reduce((a, b) => a * b, 1))) => ({ name, dims, dataType: DataType.FLOAT, rawData: new Uint8Array(v.buffer) });
  const inits = [f32('W', [1, G * H, I]), f32('R', [1, G * H, H]), f32('B', [1, 2 * G * H]),
    ...extra.map((e) => (e.int ? { name: e.name, dims: e.dims, dataType: DataType.INT32, rawData: new Uint8Array(Int32Array.from(e.data!).buffer) } : f32(e.name, e.dims)))];
  const vi = (name: string, dims?: number[]) => ({ name, type: { tensorType: { elemType: DataType.FLOAT, ...(dims ? { shape: { dim: dims.map((d) => ({ dimValue: d })) } } : {}) } } });
  return encodeModel({
    irVersion: 8, opsetImport: [{ domain: '', version: 14 }], producerName: 'test',
    graph: {
      name: 'rnn', initializer: inits, input: [vi('x', [T, B, I])], output: [vi('y')],
      node: [{ name: 'the_rnn', opType: op, input: inputs ?? ['x', 'W', 'R', 'B'], output: ['y'], attribute: [{ name: 'hidden_size', type: AttributeType.INT, i: H }, ...attrs] }],
    },
  });
}
const str = (name: string, v: string): AttributeProtoOut => ({ name, type: AttributeType.STRING, s: enc.encode(v) });
const strs = (name: string, v: string[]): AttributeProtoOut => ({ name, type: AttributeType.STRINGS, strings: v.map((x) => enc.encode(x)) });

async function run(bytes: Uint8Array): Promise<number[]> {
  const m = await loadOnnxModel(bytes);
  const x = tf.tensor(Float32Array.from({ length: T * B * I }, (_, i) => Math.sin(i)), [T, B, I]);
  try {
    const [y] = m.execute({ x });
    const v = Array.from(y.dataSync());
    y.dispose();
    return v;
  } finally {
    x.dispose();
    m.dispose();
  }
}

async function refused(bytes: Uint8Array, pattern: RegExp): Promise<void> {
  const before = tf.memory().numTensors;
  await expect(run(bytes)).rejects.toThrow(pattern);
  expect(tf.memory().numTensors).toBe(before);
}

describe('LSTM / GRU / RNN: unsupported variants are refused by name', () => {
  test('the supported neighbours run (shape [T, 1, B, H])', async () => {
    for (const g of [graph('LSTM', []), graph('GRU', [{ name: 'linear_before_reset', type: AttributeType.INT, i: 1 }]), graph('RNN', [strs('activations', ['Relu'])]),
      graph('LSTM', [], [{ name: 'lens', dims: [B], data: [T, T], int: true }], ['x', 'W', 'R', 'B', 'lens'])]) {
      const before = tf.memory().numTensors;
      expect((await run(g)).length).toBe(T * B * H);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  test('clip, input_forget, peepholes, shorter sequence_lens, other activations, a bad direction', async () => {
    await refused(graph('LSTM', [{ name: 'clip', type: AttributeType.FLOAT, f: 3 }]), /node 'the_rnn' \(LSTM, .*\): the clip attribute is not supported/);
    await refused(graph('LSTM', [{ name: 'input_forget', type: AttributeType.INT, i: 1 }]), /input_forget = 1 is not supported/);
    await refused(graph('LSTM', [], [{ name: 'P', dims: [1, 3 * H] }], ['x', 'W', 'R', 'B', '', '', '', 'P']), /peephole weights \(input P\) are not supported/);
    await refused(graph('GRU', [], [{ name: 'lens', dims: [B], data: [T, T - 1], int: true }], ['x', 'W', 'R', 'B', 'lens']), /sequence_lens other than the full sequence length are not supported/);
    await refused(graph('RNN', [strs('activations', ['Softsign'])]), /activation 'Softsign' is not supported/);
    await refused(graph('GRU', [strs('activations', ['Sigmoid'])]), /1 activations \[Sigmoid\] for 1 direction\(s\); expected 2/);
    await refused(graph('LSTM', [str('direction', 'sideways')]), /direction 'sideways' is not one of forward, reverse, bidirectional/);
  });
});
