// Prints a fixture's nodes (op, inputs, outputs, attributes) and initializer shapes. Run: npx tsx bench/tmp/graph-of.mts lenet-ts17
import { readFileSync } from 'node:fs';
import { decodeModel } from '../../src/onnx/proto.js';
const m = decodeModel(new Uint8Array(readFileSync(new URL(`../../test/fixtures/onnx17/${process.argv[2]}.onnx`, import.meta.url))));
const g = m.graph!;
for (const t of g.initializer) console.log('init', t.name, `[${t.dims}]`);
for (const v of g.input) console.log('input', v.name, JSON.stringify(v.type?.tensorType?.shape?.dim.map((d) => d.dimParam || d.dimValue)));
for (const n of g.node) {
  if (process.argv[3] !== 'all' && n.opType === 'Constant') continue;
  const at = n.attribute.map((a) => `${a.name}=${a.ints?.length ? `[${a.ints}]` : a.i || a.f || (a.s?.length ? new TextDecoder().decode(a.s) : '')}`).join(' ');
  console.log(n.opType.padEnd(18), n.input.join(',').padEnd(60), '->', n.output.join(','), at);
}
for (const v of g.output) console.log('output', v.name);
