// TensorBoard's message definitions, the subset an event file of scalars, histograms, images and text
// uses, parsed with protobufjs as an independent decoder of what src/summary writes. Field names and
// numbers are those of TensorFlow's protos as TensorBoard vendors them:
//   tensorboard/compat/proto/event.proto        (tensorflow/core/util/event.proto)
//   tensorboard/compat/proto/summary.proto      (tensorflow/core/framework/summary.proto)
//   tensorboard/compat/proto/tensor.proto       (tensorflow/core/framework/tensor.proto)
//   tensorboard/compat/proto/tensor_shape.proto (tensorflow/core/framework/tensor_shape.proto)
//   tensorboard/compat/proto/types.proto        (tensorflow/core/framework/types.proto)
// Left out: messages and fields for graphs, run metadata, audio and the legacy histogram.
import protobuf from 'protobufjs';

export const TENSORBOARD_PROTO = `
syntax = "proto3";
package tensorboard;

// event.proto
message Event {
  double wall_time = 1;
  int64 step = 2;
  oneof what {
    string file_version = 3;
    bytes graph_def = 4;
    Summary summary = 5;
    bytes meta_graph_def = 9;
  }
  SourceMetadata source_metadata = 10;
}
message SourceMetadata {
  string writer = 1;
}

// summary.proto
message SummaryMetadata {
  message PluginData {
    string plugin_name = 1;
    bytes content = 2;
  }
  PluginData plugin_data = 1;
  string display_name = 2;
  string summary_description = 3;
  DataClass data_class = 4;
}
enum DataClass {
  DATA_CLASS_UNKNOWN = 0;
  DATA_CLASS_SCALAR = 1;
  DATA_CLASS_TENSOR = 2;
  DATA_CLASS_BLOB_SEQUENCE = 3;
}
message Summary {
  message Image {
    int32 height = 1;
    int32 width = 2;
    int32 colorspace = 3;
    bytes encoded_image_string = 4;
  }
  message Value {
    string node_name = 7;
    string tag = 1;
    SummaryMetadata metadata = 9;
    oneof value {
      float simple_value = 2;
      bytes obsolete_old_style_histogram = 3;
      Image image = 4;
      TensorProto tensor = 8;
    }
  }
  repeated Value value = 1;
}

// tensor.proto
message TensorProto {
  DataType dtype = 1;
  TensorShapeProto tensor_shape = 2;
  int32 version_number = 3;
  bytes tensor_content = 4;
  repeated int32 half_val = 13 [packed = true];
  repeated float float_val = 5 [packed = true];
  repeated double double_val = 6 [packed = true];
  repeated int32 int_val = 7 [packed = true];
  repeated bytes string_val = 8;
  repeated int64 int64_val = 10 [packed = true];
  repeated bool bool_val = 11 [packed = true];
}

// tensor_shape.proto
message TensorShapeProto {
  message Dim {
    int64 size = 1;
    string name = 2;
  }
  repeated Dim dim = 2;
  bool unknown_rank = 3;
}

// types.proto (the first values of DataType)
enum DataType {
  DT_INVALID = 0;
  DT_FLOAT = 1;
  DT_DOUBLE = 2;
  DT_INT32 = 3;
  DT_UINT8 = 4;
  DT_INT16 = 5;
  DT_INT8 = 6;
  DT_STRING = 7;
  DT_COMPLEX64 = 8;
  DT_INT64 = 9;
  DT_BOOL = 10;
}
`;

const root = protobuf.parse(TENSORBOARD_PROTO, { keepCase: true }).root;
export const EventType = root.lookupType('tensorboard.Event');

export interface DecodedValue {
  tag: string;
  metadata?: { plugin_data?: { plugin_name: string; content?: Uint8Array }; summary_description?: string };
  tensor?: {
    dtype: number;
    tensor_shape?: { dim?: { size: number }[] };
    tensor_content?: Uint8Array;
    string_val?: Uint8Array[];
  };
}
export interface DecodedEvent {
  wall_time: number;
  step: number;
  file_version?: string;
  source_metadata?: { writer: string };
  summary?: { value: DecodedValue[] };
}

/** Decodes one Event with protobufjs (int64 as numbers, defaults filled in). */
export function decodeEvent(bytes: Uint8Array): DecodedEvent {
  const m = EventType.decode(bytes);
  return EventType.toObject(m, { longs: Number, defaults: true, oneofs: false }) as DecodedEvent;
}

// An independent bitwise CRC-32C (no table, unlike src/summary/checksums.ts).
function crc32cBitwise(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0x82f63b78 & -(c & 1));
  }
  return ~c >>> 0;
}
const masked = (b: Uint8Array) => ((((crc32cBitwise(b) >>> 15) | (crc32cBitwise(b) << 17)) >>> 0) + 0xa282ead8) >>> 0;

/** Splits a TFRecord file into its records, checking both masked CRCs of each. */
export function readRecords(file: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let o = 0;
  while (o < file.length) {
    if (o + 12 > file.length) throw new Error(`truncated record header at byte ${o}`);
    const len = dv.getUint32(o, true) + dv.getUint32(o + 4, true) * 2 ** 32;
    if (dv.getUint32(o + 8, true) !== masked(file.subarray(o, o + 8))) throw new Error(`bad length CRC at byte ${o}`);
    const data = file.subarray(o + 12, o + 12 + len);
    if (data.length !== len || o + 16 + len > file.length) throw new Error(`truncated record at byte ${o}`);
    if (dv.getUint32(o + 12 + len, true) !== masked(data)) throw new Error(`bad data CRC at byte ${o}`);
    out.push(data);
    o += 16 + len;
  }
  return out;
}

/** Every event of an event file, decoded. */
export const readEvents = (file: Uint8Array): DecodedEvent[] => readRecords(file).map(decodeEvent);

/** The numbers in a numeric TensorProto's tensor_content (float32 for DT_FLOAT, float64 for DT_DOUBLE). */
export function tensorNumbers(t: NonNullable<DecodedValue['tensor']>): number[] {
  const c = t.tensor_content ?? new Uint8Array(0);
  const copy = c.slice().buffer;
  return Array.from(t.dtype === 1 ? new Float32Array(copy) : new Float64Array(copy));
}

export const shapeOf = (t: NonNullable<DecodedValue['tensor']>) => (t.tensor_shape?.dim ?? []).map((d) => Number(d.size));
