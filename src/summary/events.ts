// What goes into an event file, byte for byte as TF2 writes it: TFRecord framing around serialized
// `Event` protos (tensorflow/core/util/event.proto), each summary value a `TensorProto`
// (tensorflow/core/framework/tensor.proto) tagged with its TensorBoard plugin
// (tensorflow/python/summary/tb_summary.py, tensorflow/core/summary/summary_file_writer.cc).
import { maskedCrc32c } from './checksums.js';
import { ProtoWriter } from './proto.js';

/** TensorFlow's DataType enum values (tensorflow/core/framework/types.proto). */
export const DT_FLOAT = 1, DT_DOUBLE = 2, DT_STRING = 7;

const utf8 = new TextEncoder();

function shapeProto(shape: readonly number[]): ProtoWriter {
  const p = new ProtoWriter();
  for (const d of shape) p.message(2, new ProtoWriter().int(1, d)); // TensorShapeProto.dim { size }
  return p;
}

/** A numeric TensorProto the way TF's C++ writer stores it: raw little-endian bytes in tensor_content. */
export function numericTensor(dtype: typeof DT_FLOAT | typeof DT_DOUBLE, shape: readonly number[], values: ArrayLike<number>): Uint8Array {
  const content = dtype === DT_FLOAT ? Float32Array.from(values) : Float64Array.from(values);
  const bytes = new Uint8Array(content.buffer);
  // TypedArrays use the platform's byte order; the format is little-endian (every current JS engine is).
  return new ProtoWriter().int(1, dtype).message(2, shapeProto(shape)).bytes(4, bytes).finish();
}

/** A DT_STRING TensorProto: strings go in string_val (TF's writer special-cases them so Python can read them). */
export function stringTensor(shape: readonly number[], values: (string | Uint8Array)[]): Uint8Array {
  const p = new ProtoWriter().int(1, DT_STRING).message(2, shapeProto(shape));
  for (const v of values) p.bytes(8, typeof v === 'string' ? utf8.encode(v) : v, true);
  return p.finish();
}

/** Summary{value: [Value{tag, metadata{plugin_data{plugin_name}, summary_description}, tensor}]}. */
export function summaryValue(tag: string, plugin: string, tensor: Uint8Array, description?: string): Uint8Array {
  const metadata = new ProtoWriter().message(1, new ProtoWriter().string(1, plugin)).string(3, description ?? '');
  const value = new ProtoWriter().string(1, tag).message(9, metadata).message(8, tensor);
  return new ProtoWriter().message(1, value).finish();
}

/** Event{wall_time, step, summary}. */
export function summaryEvent(wallTime: number, step: number, summary: Uint8Array): Uint8Array {
  return new ProtoWriter().double(1, wallTime).int(2, step).message(5, summary).finish();
}

/** The first event of every file: file_version "brain.Event:2" and who wrote it. */
export function fileVersionEvent(wallTime: number): Uint8Array {
  return new ProtoWriter().double(1, wallTime).string(3, 'brain.Event:2')
    .message(10, new ProtoWriter().string(1, 'ascent')).finish();
}

/**
 * One TFRecord: uint64 length, masked CRC-32C of those 8 bytes, the data, masked CRC-32C of the data
 * (all little-endian; tensorflow/core/lib/io/record_writer.cc).
 */
export function tfrecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 16), dv = new DataView(out.buffer);
  dv.setUint32(0, data.length % 2 ** 32, true);
  dv.setUint32(4, Math.floor(data.length / 2 ** 32), true);
  dv.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  dv.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

/**
 * TF2's histogram buckets (tb_summary.py `_buckets`): `bucketCount` equal-width buckets from min to
 * max as rows [left, right, count], the last bucket closed on the right. Empty data → bucketCount rows
 * of zeros; a single distinct value v → every edge v, all the count in the last bucket; bucketCount
 * 0 → no rows. Arithmetic in float64 like TF's. Non-finite values are left out (TF's result for
 * them is meaningless edges).
 * @example histogramBuckets([0, 1, 1, 2, 5], 5) // [[0,1,1],[1,2,2],[2,3,1],[3,4,0],[4,5,1]]
 */
export function histogramBuckets(data: ArrayLike<number>, bucketCount = 30): number[][] {
  const k = Math.max(0, bucketCount);
  let min = Infinity, max = -Infinity, n = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    n++;
  }
  if (n === 0 || k === 0) return Array.from({ length: k }, () => [0, 0, 0]);
  if (max === min) return Array.from({ length: k }, (_, i) => [max, max, i === k - 1 ? n : 0]);
  const width = (max - min) / k;
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (Number.isFinite(v)) counts[Math.min(Math.floor((v - min) / width), k - 1)]++;
  }
  // tf.linspace's edges are min + i·width; the last one is set to max exactly (as TF does).
  const edge = (i: number) => (i === 0 ? min : i === k ? max : min + i * width);
  return counts.map((c, i) => [edge(i), edge(i + 1), c]);
}

/**
 * tf.image.convert_image_dtype(x, uint8, saturate=True) for floats: x·255.5 in float32, clamped to
 * [0, 255] and truncated (so 1.0 → 255, 0.5 → 127). NaN becomes 0.
 */
export function floatToUint8(x: number): number {
  const s = Math.fround(x * 255.5);
  return s > 0 ? Math.min(255, Math.trunc(s)) : 0;
}
