// Shared by hdf5_write.test.ts and hdf5_write.node.test.ts: a tree with everything writeHdf5 supports.
import * as hdf5 from 'jsfive';
import { h5dataset, h5group, type H5Dataset, type H5Group } from '../../src/keras/hdf5_write.js';

const enc = new TextEncoder();
/** Names in the order HDF5 symbol tables keep them: by UTF-8 bytes. */
export function byBytes(names: string[]): string[] {
  return [...names].sort((a, b) => {
    const x = enc.encode(a), y = enc.encode(b);
    for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  });
}

/** A file with everything Keras writes and more: nested and empty groups, wide groups, every dtype, attributes. */
export function sampleTree(): H5Group {
  const wide = (n: number) => h5group(Object.fromEntries(Array.from({ length: n }, (_, i) =>
    [String(i), h5dataset([2], new Float32Array([i, -i / 7]))])));
  const adam = h5group({
    0: h5dataset([], new BigInt64Array([2n])),
    1: h5dataset([], new Float32Array([0.001])),
    2: h5dataset([4, 3], Float32Array.from({ length: 12 }, (_, i) => Math.sin(i) * 1e-3)),
  }, { name: 'adam' });
  const withDtype: H5Dataset = { ...h5dataset([2, 2], new Float64Array([1e300, -1e-300, Math.PI, -0])), dtype: 'float64', attrs: { unit: 'rad', scale: [0.5, 2] } };
  return h5group({
    layers: h5group({
      dense: h5group({ vars: h5group({ 0: h5dataset([4, 8], Float32Array.from({ length: 32 }, (_, i) => i / 3 - 5)), 1: h5dataset([8], new Float32Array(8).fill(0.25)) }, { name: 'd1' }) }),
      flatten: h5group({ vars: h5group({}, { name: 'flat' }) }),
      lstm: h5group({ cell: h5group({ vars: h5group({ 0: h5dataset([3, 0], new Float32Array(0)) }) }), vars: h5group() }),
    }),
    optimizer: h5group({ vars: adam }),
    vars: h5group({}, { name: 'mlp' }),
    dtypes: h5group({
      f64: withDtype,
      i32: h5dataset([5], new Int32Array([0, -1, 2 ** 31 - 1, -(2 ** 31), 7])),
      i64: h5dataset([4], new BigInt64Array([0n, -1n, 2n ** 52n, -(2n ** 40n) - 3n])),
      bool: h5dataset([2, 3], new Uint8Array([1, 0, 0, 1, 1, 0])),
      scalarBool: h5dataset([], new Uint8Array([1])),
      empty: h5dataset([0], new Int32Array(0)),
      zeros: h5dataset([2, 0, 3], new Float64Array(0)),
    }),
    nine: wide(9), seventy: wide(70), wider: wide(300), // one SNOD holds 8 entries, a B-tree node 32 SNODs
    'ünïcödé 名前 😀': h5group({ 'ключ': h5dataset([1], new Float32Array([42])) }, { 'атрибут': 'значение ✓' }),
  }, { keras_version: '3.15.1', backend: 'tensorflow', list: ['a', 'bcd', ''], n: 3, ns: [1.5, -2, 1e-10], none: [], s: '' });
}

/** A jsfive tree rebuilt with h5group/h5dataset: what ascent's saving will do with its own weights. */
export function rebuild(g: hdf5.Group): H5Group {
  const children: Record<string, H5Group | H5Dataset> = {};
  for (const k of g.keys) {
    const c = g.get(k);
    if (c instanceof hdf5.Group) { children[k] = rebuild(c); continue; }
    const v = c.value as number[];
    const data = c.dtype === '<f4' ? new Float32Array(v) : c.dtype === '<i8' ? BigInt64Array.from(v, (x) => BigInt(x))
      : c.dtype === '<f8' ? new Float64Array(v) : c.dtype === '<i4' ? new Int32Array(v) : null;
    if (!data) throw new Error(`rebuild: ${k}: dtype ${c.dtype}`);
    children[k] = { ...h5dataset(c.shape, data), ...(Object.keys(c.attrs).length ? { attrs: c.attrs } : {}) };
  }
  return h5group(children, Object.keys(g.attrs).length ? g.attrs : undefined);
}
