// src/keras/hdf5_write.ts (issue 16, saving .keras): files it writes read back with jsfive (what ascent reads with),
// every structure and value equal, in Node and Chromium. libhdf5 (h5wasm, h5py) and Keras itself read them in
// hdf5_write.node.test.ts.
import { describe, expect, test } from 'vitest';
import * as hdf5 from 'jsfive';
import { h5dataset, h5group, writeHdf5, type H5Attr, type H5Dataset, type H5Group } from '../../src/keras/hdf5_write.js';
import { rebuild, sampleTree } from './hdf5_sample.js';
import { fixture } from './fixtures.js';
import { unzipSync, zipSync } from 'fflate';
import * as tf from '../../src/index.js';
import { fromKeras } from '../../src/keras/index.js';

type Node = H5Group | H5Dataset;
const values = (d: H5Dataset): number[] => Array.from(d.data as ArrayLike<number | bigint>, Number);
const jsfiveDtype = { float32: '<f4', float64: '<f8', int32: '<i4', int64: '<i8', bool: '<i1' } as const;
const dtypeOf = (d: H5Dataset) => d.dtype ?? (d.data instanceof Float32Array ? 'float32' : d.data instanceof Float64Array ? 'float64'
  : d.data instanceof Int32Array ? 'int32' : d.data instanceof BigInt64Array ? 'int64' : 'bool');

/** An attribute as jsfive returns it: fixed-length strings padded to the longest with "\0", which we strip. */
function jsfiveAttr(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/\0+$/, '');
  if (Array.isArray(v)) return v.map(jsfiveAttr);
  return v;
}

function expectAttrs(got: Record<string, unknown>, want: Record<string, H5Attr> | undefined, path: string): void {
  const w = want ?? {};
  expect(Object.keys(got).sort(), path).toEqual(Object.keys(w).sort());
  for (const [k, v] of Object.entries(w)) expect(jsfiveAttr(got[k]), `${path} @${k}`).toEqual(v);
}

/** Walks the tree we wrote and the file jsfive reads side by side; returns how many datasets matched. */
function expectSameJsfive(got: hdf5.Group, want: H5Group, path = '/'): number {
  expect([...got.keys].sort(), path).toEqual([...want.children.keys()].sort()); // jsfive lists integer-like names first
  expectAttrs(got.attrs, want.attrs, path);
  let n = 0;
  for (const [name, w] of want.children as Map<string, Node>) {
    const g = got.get(name), p = `${path === '/' ? '' : path}/${name}`;
    if (w.kind === 'group') { expect(g, p).toBeInstanceOf(hdf5.Group); n += expectSameJsfive(g, w, p); continue; }
    expect(g, p).toBeInstanceOf(hdf5.Dataset);
    expect(g.shape, p).toEqual(w.shape);
    expect(g.dtype, p).toBe(jsfiveDtype[dtypeOf(w)]);
    const v = g.value;
    expect(w.shape.length === 0 ? [v].flat() : Array.from(v as ArrayLike<number>, Number), p).toEqual(values(w));
    expectAttrs(g.attrs, w.attrs, p);
    n++;
  }
  return n;
}

const open = (bytes: Uint8Array) => new hdf5.File(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 'w.h5');

describe('writeHdf5: jsfive reads back what it wrote', () => {
  test('nested and empty groups, >8, >64 and >256 children, every dtype, scalars, zero-size dims, attributes', () => {
    const tree = sampleTree(), bytes = writeHdf5(tree);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length % 8).toBe(0);
    const f = open(bytes);
    expect(expectSameJsfive(f, tree)).toBe(9 + 70 + 300 + 3 + 3 + 7 + 1);
    expect(f.get('wider/299').value).toEqual([299, -299 / 7].map(Math.fround));
    expect(f.get('optimizer/vars/0').value).toEqual([2]); // Keras's iterations: an int64 scalar (jsfive: one value)
  });

  test('the same tree gives the same bytes; children go into the file in insertion order', () => {
    const a = writeHdf5(sampleTree()), b = writeHdf5(sampleTree());
    expect(a.length).toBe(b.length);
    expect(a.every((x, i) => x === b[i])).toBe(true);
    const f = writeHdf5(h5group({ b: h5dataset([1], new Float32Array([1])), a: h5dataset([1], new Float32Array([2])) }));
    const view = new DataView(f.buffer), at = (v: number) => { for (let i = 0; i < f.length; i += 4) if (view.getFloat32(i, true) === v) return i; return -1; };
    expect(at(1)).toBeGreaterThan(0);
    expect(at(1)).toBeLessThan(at(2)); // b's data is written before a's, though readers list a first
    expect(open(f).keys).toEqual(['a', 'b']);
  });

  test('a root with nothing in it', () => {
    const f = open(writeHdf5(h5group()));
    expect(f.keys).toEqual([]);
    expect(f.attrs).toEqual({});
  });

  test('bad names, shapes, dtypes and attributes are refused with an error naming the path', () => {
    const bad = (root: H5Group, msg: RegExp) => expect(() => writeHdf5(root)).toThrow(msg);
    const d = () => h5dataset([1], new Float32Array(1));
    bad(h5group({ layers: h5group({ '': d() }) }), /^writeHdf5: \/layers\/"": a name must be non-empty/);
    bad(h5group({ layers: h5group({ 'a/b': d() }) }), /^writeHdf5: \/layers\/"a\/b"/);
    bad(h5group({ '.': d() }), /^writeHdf5: \/"\."/);
    bad(h5group({ 'x\0y': d() }), /writeHdf5: \/"x\\u0000y"/);
    bad(h5group({ 'a\uD800': d() }), /valid Unicode/); // a lone surrogate would collide with 'a\uDC00' in UTF-8
    bad(h5group({ g: h5group({ w: h5dataset([2, 3], new Float32Array(5)) }) }), /^writeHdf5: \/g\/w: shape \[2,3\] holds 6 values, the data 5$/);
    bad(h5group({ w: h5dataset([-1], new Float32Array(0)) }), /^writeHdf5: \/w: shape \[-1\]/);
    bad(h5group({ w: h5dataset([1.5], new Float32Array(1)) }), /^writeHdf5: \/w: shape/);
    bad(h5group({ w: { ...h5dataset([1], new Float32Array(1)), dtype: 'int64' } }), /^writeHdf5: \/w: dtype int64 does not match its data \(Float32Array\)/);
    bad(h5group({ w: h5dataset([1], new Uint16Array(1) as unknown as Float32Array) }), /^writeHdf5: \/w: dtype \? does not match/);
    bad(h5group({ g: h5group({}, { x: [1, 'a'] as unknown as number[] }) }), /^writeHdf5: attribute "x" of \/g must be/);
    bad(h5group({}, { big: 'x'.repeat(70000) }), /^writeHdf5: attribute "big" of \/ is too large/);
    bad(h5group({ g: h5group({}, { '': 1 }) }), /^writeHdf5: attribute name "" of \/g/);
    bad({ kind: 'dataset' } as unknown as H5Group, /^writeHdf5: the root must be an h5group/);
    const loop = h5group({ a: h5group() });
    (loop.children.get('a') as H5Group).children.set('b', loop);
    bad(loop, /^writeHdf5: \/a\/b: a group cannot contain itself/);
    const shared = h5group({ w: d() }); // the same group at two paths is two copies, not a cycle
    expect(open(writeHdf5(h5group({ x: shared, y: shared }))).get('y/w').value).toEqual([0]);
  });
});


describe('ascent reads .keras files whose weights writeHdf5 wrote', () => {
  for (const name of ['mlp', 'cnn', 'functional', 'lstm', 'transformer', 'nested']) {
    test(`${name}: fromKeras gives the same weights as from Keras's own file`, async () => {
      const files = unzipSync(await fixture(`${name}.keras`)), before = tf.memory().numTensors;
      const ours = writeHdf5(rebuild(open(files['model.weights.h5'])));
      const a = fromKeras(zipSync({ ...files, 'model.weights.h5': ours })), b = fromKeras(await fixture(`${name}.keras`));
      const wa = a.getWeights(), wb = b.getWeights();
      expect(wa.length).toBe(wb.length);
      for (let i = 0; i < wa.length; i++) expect(Array.from(wa[i].dataSync())).toEqual(Array.from(wb[i].dataSync()));
      tf.dispose([...wa, ...wb]); a.dispose(); b.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
