// Lists the MatMul / Gemm / elementwise / shape nodes of a fixture and who reads their outputs (finding fusible pairs).
// Run: npx tsx bench/tmp/readers.mts tlayer-ts17
import { readFileSync } from 'node:fs';
import { decodeModel } from '../../src/onnx/proto.js';
const m = decodeModel(new Uint8Array(readFileSync(new URL(`../../test/fixtures/onnx17/${process.argv[2]}.onnx`, import.meta.url))));
const readers = new Map<string, string[]>();
for (const n of m.graph!.node) for (const i of n.input) readers.set(i, [...(readers.get(i) ?? []), `${n.opType}(${n.input.join(',')})`]);
const inits = new Set(m.graph!.initializer.map((t) => t.name));
for (const n of m.graph!.node) if (['MatMul', 'Gemm', 'Add', 'Mul', 'Div', 'Transpose', 'Reshape', 'Softmax', 'Erf'].includes(n.opType))
  console.log(n.opType, n.input.map((i) => (inits.has(i) ? `${i}*` : i)).join(','), '->', n.output[0], '=>', (readers.get(n.output[0]) ?? []).join(' | '));
