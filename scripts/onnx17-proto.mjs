// Generates src/onnx/proto.ts: decoders for the ONNX messages a model file holds, from onnx.proto itself
// (the schema the onnx Python package ships), over protobufjs/minimal's Reader.
// Run: node scripts/onnx17-proto.mjs [path/to/onnx.proto]   (default: the installed onnx package's).
//
// Why generated static code over protobufjs/minimal rather than reflection (protobufjs/light +
// Root.fromJSON(descriptor)): measured with esbuild --minify (browser, `long` left out as the loader does):
// minimal 32 KB / 8.9 KB gzip, light + onnx.proto descriptor 106 KB / 27.8 KB gzip; and reflection compiles its
// decoders with `new Function`, which a Content-Security-Policy without 'unsafe-eval' forbids. pbjs
// (protobufjs-cli), which would generate this, is not installed, so this small generator does the same for the
// subset we read: field numbers, types and wire formats come from the schema, never typed by hand.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const protoPath = process.argv[2]
  ?? join(execFileSync('python3', ['-c', 'import onnx,os;print(os.path.dirname(onnx.__file__))'], { encoding: 'utf8' }).trim(), 'onnx.proto');
const root = protobuf.loadSync(protoPath).resolveAll();

// Fields not read by the loader: skipped on the wire (training/sharding metadata, functions, docs).
const SKIP = new Set([
  'ModelProto.training_info', 'ModelProto.functions', 'ModelProto.configuration', 'ModelProto.metadata_props',
  'GraphProto.sparse_initializer', 'GraphProto.quantization_annotation', 'GraphProto.metadata_props',
  'NodeProto.device_configurations', 'NodeProto.metadata_props', 'AttributeProto.sparse_tensor',
  'AttributeProto.sparse_tensors', 'AttributeProto.type_protos', 'AttributeProto.tp', 'TensorProto.metadata_props',
  'ValueInfoProto.metadata_props', 'TypeProto.sparse_tensor_type', 'TypeProto.opaque_type', 'TypeProto.map_type',
  'TensorProto.segment',
]);
const INT64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const NUM = { int32: 'int32', uint32: 'uint32', sint32: 'sint32', float: 'float', double: 'double', bool: 'bool', fixed32: 'fixed32', sfixed32: 'sfixed32' };

const snake = (s) => s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
const name = (t) => t.fullName.replace(/^\.onnx\./, '').replace(/\./g, '_');
const todo = [root.lookupType('onnx.ModelProto')], seen = new Set();
const out = [];
while (todo.length) {
  const t = todo.shift();
  if (seen.has(t.fullName)) continue;
  seen.add(t.fullName);
  const n = name(t), iface = [], init = [], cases = [];
  for (const f of t.fieldsArray) {
    const key = `${t.name}.${f.name}`;
    if (SKIP.has(`${t.name}.${snake(f.name)}`)) continue;
    const msg = f.resolvedType instanceof protobuf.Type ? f.resolvedType : null;
    if (msg) todo.push(msg);
    let ts, read;
    if (msg) { ts = name(msg); read = `decode_${ts}(r, sub(r, end), depth + 1)`; }
    else if (f.resolvedType instanceof protobuf.Enum || NUM[f.type]) { ts = f.type === 'bool' ? 'boolean' : 'number'; read = `r.${NUM[f.type] ?? 'int32'}()`; }
    else if (INT64.has(f.type)) { ts = 'number'; read = `i64(r.${f.type}())`; }
    else if (f.type === 'string') { ts = 'string'; read = 'r.string()'; }
    else if (f.type === 'bytes') { ts = 'Uint8Array'; read = 'r.bytes()'; }
    else throw new Error(`unhandled type ${f.type} of ${key}`);
    const prop = f.name;
    if (f.repeated) {
      iface.push(`  ${prop}: ${ts}[];`);
      init.push(`${prop}: []`);
      const scalar = !msg && ts !== 'string' && ts !== 'Uint8Array';
      // proto3/proto2 parsers must accept both packed and unpacked encodings of repeated scalars
      cases.push(scalar
        ? `      case ${f.id}: if ((tag & 7) === 2) { const e = sub(r, end); while (r.pos < e) m.${prop}.push(${read}); } else m.${prop}.push(${read}); break;`
        : `      case ${f.id}: m.${prop}.push(${read}); break;`);
    } else {
      const dflt = msg ? 'undefined' : ts === 'string' ? "''" : ts === 'Uint8Array' ? 'EMPTY' : ts === 'boolean' ? 'false' : '0';
      iface.push(`  ${prop}${msg ? '?' : ''}: ${ts};`);
      if (!msg) init.push(`${prop}: ${dflt}`);
      cases.push(`      case ${f.id}: m.${prop} = ${read}; break;`);
    }
  }
  out.push(`export interface ${n} {\n${iface.join('\n')}\n}\n`
    + `function decode_${n}(r: Reader, end: number, depth: number): ${n} {\n`
    + `  if (depth > MAX_DEPTH) throw new Error('messages nested more than ' + MAX_DEPTH + ' deep');\n`
    + `  const m: ${n} = { ${init.join(', ')} };\n`
    + `  while (r.pos < end) {\n    const tag = r.uint32();\n    switch (tag >>> 3) {\n${cases.join('\n')}\n`
    + `      default: r.skipType(tag & 7);\n    }\n  }\n  if (r.pos !== end) throw new Error('a field runs past the end of its message');\n  return m;\n}\n`);
}

const src = `// GENERATED by scripts/onnx17-proto.mjs from onnx.proto (onnx ${execFileSync('python3', ['-c', 'import onnx;print(onnx.__version__)'], { encoding: 'utf8' }).trim()}) — do not edit; run the script.
// Decoders for the messages of an ONNX model over protobufjs/minimal's Reader (see the script for why not
// reflection). Unknown and skipped fields are skipped by wire type; every length is checked against the
// enclosing message before it is used (protobufjs checks reads against the buffer); \`bytes\` are views into the
// file's buffer (Reader.bytes is a subarray), never copies.
import protobufMinimal from 'protobufjs/minimal.js';

type Reader = protobufMinimal.Reader;
const EMPTY = new Uint8Array(0);
const MAX_DEPTH = 64;

/**
 * An int64 as a JS number, from a Long (when the 'long' package is present) or a number. Values beyond ±2^53 are
 * clamped: the only such values in real models are sentinels (int64 max/min as Slice's "to the end"); a dimension
 * that large is refused later by the size checks anyway.
 */
function i64(v: number | { low: number; high: number }): number {
  const n = typeof v === 'number' ? v : v.high * 4294967296 + (v.low >>> 0);
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, n));
}

/** The end of a length-delimited field at r.pos, checked to lie within its enclosing message. */
function sub(r: Reader, end: number): number {
  const n = r.uint32(), e = r.pos + n;
  if (e > end) throw new Error(\`a field declares \${n} bytes but its message has \${end - r.pos} left\`);
  return e;
}

${out.join('\n')}
/** Decodes a serialized onnx.ModelProto; throws (protobufjs's RangeError or an Error) on malformed bytes. */
export function decodeModel(bytes: Uint8Array): ModelProto {
  const r = protobufMinimal.Reader.create(bytes);
  return decode_ModelProto(r, r.len, 0);
}
`;
writeFileSync(join(ROOT, 'src/onnx/proto.ts'), src);
console.log(`wrote src/onnx/proto.ts: ${seen.size} messages, ${src.length} characters`);
