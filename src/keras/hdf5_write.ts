// A minimal HDF5 writer for what Keras 3 reads in a `.keras` file's model.weights.h5 (issue 16): nested groups,
// contiguous little-endian datasets (float32, float64, int32, int64, bool; scalars and zero-size dims), and
// attributes (strings, string arrays, numbers, number arrays) on groups and datasets.
//
// Format choice: the same "earliest" format h5py — and so Keras itself — writes by default: superblock version 0,
// version 1 object headers, symbol-table groups (v1 B-tree + local heap + symbol table nodes), contiguous layout.
// It has no checksums, every HDF5 reader accepts it (libhdf5 / h5py / h5wasm, jsfive, which reads exactly this
// in the .keras files Keras writes), and its few structures are fixed-size. Addresses and lengths are 8 bytes.
// Layout: superblock, then each object in depth-first insertion order (a group: object header, local heap, B-tree
// nodes, symbol table nodes; a dataset: object header, then its raw data). Sizes are computed first (plain numbers,
// so files over 4 GB are addressed right), then one Uint8Array is allocated and filled: no copying but the data.
//
// Subtle points (HDF5 File Format Specification 3.0, sections II–IV):
//   - A symbol table is indexed by name: entries in a symbol table node (SNOD) must be sorted by their UTF-8 bytes
//     (libhdf5 binary-searches them, as C strcmp), so readers list children by name, as in Keras's own files.
//   - An SNOD holds at most 2·(group leaf K) = 8 entries, a B-tree node at most 2·(group internal K) = 32 children;
//     both are read at their full size whatever they hold. Larger groups get several SNODs and a B-tree of several
//     levels. A B-tree key is a heap offset: key i+1 is the largest name under child i, key 0 is "" (offset 0).
//   - Strings are fixed-length, null-padded, UTF-8 (no global heap needed). A string array's elements are padded
//     to the longest: libhdf5 strips the padding, jsfive returns it as trailing "\0". Numbers are float64.
//     Keras writes variable-length strings (its `name` attributes on `vars` groups, which it never reads back);
//     h5py reads ours as bytes. An attribute must fit a v1 header message: at most 64 KB, as in h5py's own files.

export type H5Data = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;
export type H5Attr = string | string[] | number | number[];
export interface H5Dataset { kind: 'dataset'; shape: number[]; data: H5Data; dtype?: 'float32' | 'float64' | 'int32' | 'int64' | 'bool'; attrs?: Record<string, H5Attr> }
export interface H5Group { kind: 'group'; children: Map<string, H5Group | H5Dataset>; attrs?: Record<string, H5Attr> }

export function h5group(children: Record<string, H5Group | H5Dataset> = {}, attrs?: Record<string, H5Attr>): H5Group {
  return { kind: 'group', children: new Map(Object.entries(children)), ...(attrs ? { attrs } : {}) };
}

export function h5dataset(shape: number[], data: H5Data): H5Dataset {
  return { kind: 'dataset', shape, data };
}

const UNDEF = -1; // the undefined address: all bytes 0xff
const LEAF_K = 4, INTERNAL_K = 16; // the superblock's group leaf / internal node K (libhdf5's defaults)
const SNOD_SIZE = 8 + 2 * LEAF_K * 40; // header + 2K symbol table entries of 40 bytes
const TREE_SIZE = 24 + 2 * INTERNAL_K * 8 + (2 * INTERNAL_K + 1) * 8; // header + 2K children + 2K+1 keys
const pad8 = (n: number): number => Math.ceil(n / 8) * 8;
const utf8 = new TextEncoder();

/** Little-endian bytes of small metadata structures. */
class Bytes {
  a: number[] = [];
  u8(...v: number[]): this { this.a.push(...v); return this; }
  u16(v: number): this { return this.u8(v & 0xff, v >>> 8); }
  u32(v: number): this { return this.u16(v & 0xffff).u16(v >>> 16); }
  u64(v: number): this { return v === UNDEF ? this.u8(...Array(8).fill(0xff)) : this.u32(v % 2 ** 32).u32(Math.floor(v / 2 ** 32)); }
  bytes(b: ArrayLike<number>): this { for (let i = 0; i < b.length; i++) this.a.push(b[i]); return this; }
  pad(): this { while (this.a.length % 8) this.a.push(0); return this; }
}

// Datatype messages (IV.A.2.d): class and version 1 in the first byte, 3 bytes of class bits, size, properties.
const float = (size: number, sign: number, expLoc: number, expSize: number, mant: number, bias: number): Bytes =>
  new Bytes().u8(0x11, 0x20, sign, 0).u32(size).u16(0).u16(size * 8).u8(expLoc, expSize, 0, mant).u32(bias);
const int = (size: number): Bytes => new Bytes().u8(0x10, 0x08, 0, 0).u32(size).u16(0).u16(size * 8); // signed
const DTYPES = {
  float32: { array: Float32Array, type: () => float(4, 31, 23, 8, 23, 127) },
  float64: { array: Float64Array, type: () => float(8, 63, 52, 11, 52, 1023) },
  int32: { array: Int32Array, type: () => int(4) },
  int64: { array: BigInt64Array, type: () => int(8) },
  // as h5py stores numpy bool: an enum of int8 with members FALSE = 0, TRUE = 1 (names padded to 8 bytes)
  bool: { array: Uint8Array, type: () => new Bytes().u8(0x18, 2, 0, 0).u32(1).bytes(int(1).a)
    .bytes(new Bytes().bytes(utf8.encode('FALSE')).pad().bytes(utf8.encode('TRUE')).u8(0).pad().a).u8(0, 1) },
} as const;
type DType = keyof typeof DTYPES;

/** A version 1 dataspace message (IV.A.2.b); rank 0 is a scalar. */
const dataspace = (shape: number[]): Bytes => {
  const b = new Bytes().u8(1, shape.length, 0, 0).u32(0);
  for (const d of shape) b.u64(d);
  return b;
};

/** A header message: type, size (a multiple of 8), flags, then the body. */
interface Msg { type: number; body: number[]; flags?: number }
const msgSize = (msgs: Msg[]): number => msgs.reduce((n, m) => n + 8 + pad8(m.body.length), 0);

/** A version 1 attribute message (IV.A.2.m): name, datatype and dataspace each padded to 8 bytes, then the value. */
function attribute(name: string, value: H5Attr, path: string): Msg {
  const list = Array.isArray(value), items: (string | number)[] = list ? value : [value];
  const strings = items.length > 0 && items.every((v) => typeof v === 'string'); // [] is an empty number[]
  let type: Bytes, data: Bytes;
  if (strings) {
    const enc = items.map((s) => utf8.encode(s as string)), size = Math.max(1, ...enc.map((e) => e.length));
    type = new Bytes().u8(0x13, 0x11, 0, 0).u32(size); // string class, null-padded, UTF-8
    data = new Bytes();
    for (const e of enc) data.bytes(e).bytes(new Uint8Array(size - e.length));
  } else if (items.every((v) => typeof v === 'number')) {
    type = DTYPES.float64.type();
    const f = new Float64Array(items as number[]);
    data = new Bytes().bytes(new Uint8Array(f.buffer));
  } else throw new Error(`writeHdf5: attribute "${name}" of ${path} must be a string, number, string[] or number[]`);
  const nm = utf8.encode(name), space = dataspace(list ? [items.length] : []);
  const body = new Bytes().u8(1, 0).u16(nm.length + 1).u16(type.a.length).u16(space.a.length)
    .bytes(nm).u8(0).pad().bytes(type.a).pad().bytes(space.a).pad().bytes(data.a);
  if (pad8(body.a.length) > 0xffff) throw new Error(`writeHdf5: attribute "${name}" of ${path} is too large for an HDF5 object header (${body.a.length} bytes > 65535)`);
  return { type: 0x0c, body: body.a };
}

function attributes(attrs: Record<string, H5Attr> | undefined, path: string): Msg[] {
  return Object.entries(attrs ?? {}).map(([k, v]) => {
    if (k === '' || k.includes('\0')) throw new Error(`writeHdf5: attribute name ${JSON.stringify(k)} of ${path} is empty or holds "\\0"`);
    return attribute(k, v, path);
  });
}

/** Compares UTF-8 bytes as C strcmp does. */
function cmpBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The bytes of an HDF5 file with this root group. Children are written in insertion order. */
export function writeHdf5(root: H5Group): Uint8Array {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('writeHdf5: needs a little-endian platform');
  let end = 96; // after the superblock
  const alloc = (n: number): number => { const at = end; end += pad8(n); return at; };
  const jobs: ((u8: Uint8Array) => void)[] = [];
  const put = (at: number, b: Bytes | number[]) => jobs.push((u8) => u8.set(Array.isArray(b) ? b : b.a, at));
  /** Allocates a version 1 object header holding msgs (IV.A.1.a); its bodies may be filled in later. */
  const header = (msgs: Msg[]): number => {
    const at = alloc(16 + msgSize(msgs));
    jobs.push((u8) => {
      const b = new Bytes().u8(1, 0).u16(msgs.length).u32(1).u32(msgSize(msgs)).u32(0);
      for (const m of msgs) b.u16(m.type).u16(pad8(m.body.length)).u8(m.flags ?? 0, 0, 0, 0).bytes(m.body).pad();
      u8.set(b.a, at);
    });
    return at;
  };
  /** A symbol table entry (III.C): name's heap offset, object header, and for groups their B-tree and heap. */
  const entry = (b: Bytes, nameAt: number, obj: Planned) =>
    obj.stab ? b.u64(nameAt).u64(obj.at).u32(1).u32(0).u64(obj.stab[0]).u64(obj.stab[1]) : b.u64(nameAt).u64(obj.at).u32(0).u32(0).u64(0).u64(0);

  interface Planned { at: number; stab?: [number, number] }
  const open = new Set<H5Group>(); // the groups being planned: a cycle would recurse forever
  function plan(node: H5Group | H5Dataset, path: string): Planned {
    if (node.kind === 'dataset') return planDataset(node, path);
    if (node.kind !== 'group' || !(node.children instanceof Map)) throw new Error(`writeHdf5: ${path} is neither an h5group nor an h5dataset`);
    if (open.has(node)) throw new Error(`writeHdf5: ${path}: a group cannot contain itself`);
    open.add(node);
    const prefix = path === '/' ? '/' : `${path}/`;
    const kids = [...node.children].map(([name, child]) => {
      const enc = utf8.encode(name);
      if (name === '' || name === '.' || name.includes('/') || name.includes('\0') || new TextDecoder().decode(enc) !== name) {
        throw new Error(`writeHdf5: ${prefix}${JSON.stringify(name)}: a name must be non-empty valid Unicode without "/" or "\\0", and not "."`);
      }
      return { name, enc, child, nameAt: 0, obj: undefined as Planned | undefined };
    });
    const sorted = [...kids].sort((a, b) => cmpBytes(a.enc, b.enc));
    for (let i = 1; i < sorted.length; i++) {
      if (cmpBytes(sorted[i - 1].enc, sorted[i].enc) === 0) throw new Error(`writeHdf5: ${prefix}${sorted[i].name} appears twice`);
    }
    const stab: Msg = { type: 0x11, body: Array(16).fill(0) }; // B-tree and heap addresses, set below
    const at = header([stab, ...attributes(node.attrs, path)]);
    // Local heap (III.D): offset 0 is "" (B-tree key 0), then each name NUL-terminated, padded to 8 bytes.
    let heapSize = 8;
    for (const k of sorted) { k.nameAt = heapSize; heapSize += pad8(k.enc.length + 1); }
    const heap = alloc(32 + heapSize);
    // 1 is libhdf5's "no free block"
    put(heap, new Bytes().bytes(utf8.encode('HEAP')).u8(0, 0, 0, 0).u64(heapSize).u64(1).u64(heap + 32));
    for (const k of sorted) put(heap + 32 + k.nameAt, [...k.enc]);
    // Symbol table nodes (III.B), 2·LEAF_K sorted entries each, then the B-tree (III.A.1) over them, level by level.
    const snods: { at: number; max: number; kids: typeof sorted }[] = [];
    for (let i = 0; i < sorted.length; i += 2 * LEAF_K) {
      const part = sorted.slice(i, i + 2 * LEAF_K);
      snods.push({ at: alloc(SNOD_SIZE), max: part[part.length - 1].nameAt, kids: part });
    }
    let items: { at: number; max: number }[] = snods, level = 0;
    do {
      const nodes: { at: number; max: number; kids: { at: number; max: number }[] }[] = [];
      for (let i = 0; i < Math.max(1, items.length); i += 2 * INTERNAL_K) {
        const part = items.slice(i, i + 2 * INTERNAL_K);
        nodes.push({ at: alloc(TREE_SIZE), max: part.length ? part[part.length - 1].max : 0, kids: part });
      }
      const lvl = level;
      nodes.forEach((n, i) => {
        const b = new Bytes().bytes(utf8.encode('TREE')).u8(0, lvl).u16(n.kids.length)
          .u64(i > 0 ? nodes[i - 1].at : UNDEF).u64(i + 1 < nodes.length ? nodes[i + 1].at : UNDEF).u64(0);
        for (const c of n.kids) b.u64(c.at).u64(c.max);
        put(n.at, b);
      });
      items = nodes; level++;
    } while (items.length > 1);
    const btree = items[0].at;
    stab.body = new Bytes().u64(btree).u64(heap).a;
    for (const k of kids) k.obj = plan(k.child, prefix + k.name); // children in insertion order
    open.delete(node);
    for (const s of snods) {
      const b = new Bytes().bytes(utf8.encode('SNOD')).u8(1, 0).u16(s.kids.length);
      for (const k of s.kids) entry(b, k.nameAt, k.obj!);
      put(s.at, b);
    }
    return { at, stab: [btree, heap] };
  }

  function planDataset(d: H5Dataset, path: string): Planned {
    const dtype = d.dtype ?? (Object.keys(DTYPES) as DType[]).find((k) => d.data instanceof DTYPES[k].array);
    if (!dtype || !(dtype in DTYPES) || !(d.data instanceof DTYPES[dtype].array)) {
      throw new Error(`writeHdf5: ${path}: dtype ${dtype ?? '?'} does not match its data (${(d.data as object)?.constructor?.name})`);
    }
    if (!Array.isArray(d.shape) || !d.shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
      throw new Error(`writeHdf5: ${path}: shape ${JSON.stringify(d.shape)} must be non-negative integers`);
    }
    const count = d.shape.reduce((a, b) => a * b, 1);
    if (count !== d.data.length) throw new Error(`writeHdf5: ${path}: shape [${d.shape}] holds ${count} values, the data ${d.data.length}`);
    const layout: Msg = { type: 0x08, body: Array(18).fill(0) }; // version 3, contiguous, address, size: set below
    const at = header([
      { type: 0x01, body: dataspace(d.shape).a },
      { type: 0x03, body: DTYPES[dtype].type().a, flags: 1 },
      { type: 0x05, body: [2, 2, 2, 1, 0, 0, 0, 0], flags: 1 }, // fill value v2: late, if set, default (0)
      layout, ...attributes(d.attrs, path),
    ]);
    const bytes = d.data.byteLength, data = bytes > 0 ? alloc(bytes) : UNDEF;
    layout.body = new Bytes().u8(3, 1).u64(data).u64(bytes).a;
    if (bytes > 0) jobs.push((u8) => u8.set(new Uint8Array(d.data.buffer, d.data.byteOffset, bytes), data));
    return { at };
  }

  if (!root || root.kind !== 'group') throw new Error('writeHdf5: the root must be an h5group');
  const top = plan(root, '/');
  const out = new Uint8Array(end);
  // Superblock version 0 (II.A): versions, 8-byte offsets and lengths, K values, addresses, the root's entry.
  const sb = new Bytes().u8(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0, 8, 8, 0)
    .u16(LEAF_K).u16(INTERNAL_K).u32(0).u64(0).u64(UNDEF).u64(end).u64(UNDEF);
  out.set(entry(sb, 0, top).a, 0);
  for (const job of jobs) job(out);
  return out;
}
