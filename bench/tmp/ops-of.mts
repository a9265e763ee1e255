// Node count per op type of a fixture. Run: npx tsx bench/tmp/ops-of.mts mbv2-ts17 tlayer-ts17
import { readFileSync } from 'node:fs';
import { decodeModel } from '../../src/onnx/proto.js';
for (const f of process.argv.slice(2)) {
  const m = decodeModel(new Uint8Array(readFileSync(new URL(`../../test/fixtures/onnx17/${f}.onnx`, import.meta.url))));
  const c = new Map<string, number>();
  for (const n of m.graph!.node) c.set(n.opType, (c.get(n.opType) ?? 0) + 1);
  console.log(f, m.graph!.node.length, [...c].map(([k, v]) => `${k}:${v}`).join(' '));
}
