// src/keras/hdf5_write.ts read by libhdf5 (h5wasm here; h5py and Keras 3 itself when python3 has them): the Keras
// fixtures' model.weights.h5 rebuilt with h5group/h5dataset and written by writeHdf5 load in keras.saving.load_model
// and predict what Keras predicted; h5py sees the same tree, dtypes, values and attributes as in Keras's own file.
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import * as hdf5 from 'jsfive';
import h5wasm from 'h5wasm/node';
import { h5dataset, h5group, writeHdf5, type H5Dataset, type H5Group, type H5Attr } from '../../src/keras/hdf5_write.js';
import { byBytes, rebuild, sampleTree } from './hdf5_sample.js';

const FIXTURES = new URL('../fixtures/keras16/', import.meta.url).pathname;
const NAMES = ['mlp', 'cnn', 'functional', 'lstm', 'transformer', 'nested'];

let n = 0;
/** Opens bytes with libhdf5 (h5wasm's in-memory file system). */
async function libhdf5(bytes: Uint8Array): Promise<{ f: any; close: () => void }> {
  const { FS } = await h5wasm.ready;
  const path = `/w${n++}.h5`;
  FS.writeFile(path, bytes);
  const f = new h5wasm.File(path, 'r');
  return { f, close: () => { f.close(); FS.unlink(path); } };
}

const h5wasmDtype = { float32: '<f', float64: '<d', int32: '<i', int64: '<q', bool: '<b' } as const;
const strip = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\0+$/, '') : Array.isArray(v) ? v.map(strip) : v);
function expectAttrs(obj: any, want: Record<string, H5Attr> | undefined, path: string): void {
  expect(Object.keys(obj.attrs).sort(), path).toEqual(Object.keys(want ?? {}).sort());
  for (const [k, v] of Object.entries(want ?? {})) {
    const got = obj.attrs[k].value;
    const plain = ArrayBuffer.isView(got) ? Array.from(got as Float64Array) : got;
    expect(strip(plain), `${path} @${k}`).toEqual(v);
  }
}

/** The tree as libhdf5 sees it: children listed by name (its B-tree order), looked up by name, values equal. */
function expectSameLibhdf5(g: any, want: H5Group, path: string): number {
  expect(g.keys(), path).toEqual(byBytes([...want.children.keys()]));
  expectAttrs(g, want.attrs, path);
  let count = 0;
  for (const [name, w] of want.children) {
    const p = `${path === '/' ? '' : path}/${name}`, c = g.get(name);
    if (w.kind === 'group') { expect(c, p).toBeInstanceOf(h5wasm.Group); count += expectSameLibhdf5(c, w, p); continue; }
    expect(c, p).toBeInstanceOf(h5wasm.Dataset);
    expect(c.shape, p).toEqual(w.shape);
    const dt = w.dtype ?? (w.data instanceof Float32Array ? 'float32' : w.data instanceof Float64Array ? 'float64'
      : w.data instanceof Int32Array ? 'int32' : w.data instanceof BigInt64Array ? 'int64' : 'bool');
    if (dt !== 'bool') expect(c.dtype, p).toBe(h5wasmDtype[dt]);
    const v = c.value;
    const got = typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? [v] : Array.from(v as ArrayLike<unknown>);
    expect(got.map(Number), p).toEqual(Array.from(w.data as ArrayLike<number | bigint>, Number));
    expectAttrs(c, w.attrs, p);
    count++;
  }
  return count;
}

describe('writeHdf5: libhdf5 (h5wasm) reads back what it wrote', () => {
  test('the sample tree: same structure, names looked up through the B-trees, values and attributes', async () => {
    const tree = sampleTree();
    const { f, close } = await libhdf5(writeHdf5(tree));
    try { expect(expectSameLibhdf5(f, tree, '/')).toBe(393); } finally { close(); }
  });

  test('9000 children: a B-tree of three levels over 1125 symbol table nodes, every name found by libhdf5', async () => {
    const names = Array.from({ length: 9000 }, (_, i) => `w${(i * 7919) % 9000}`);
    const tree = h5group(Object.fromEntries(names.map((k) => [k, h5dataset([], new Int32Array([Number(k.slice(1))]))])));
    const { f, close } = await libhdf5(writeHdf5(h5group({ g: tree })));
    try {
      const g = f.get('g');
      expect(g.keys()).toEqual(byBytes(names));
      for (const k of names.filter((_, i) => i % 97 === 0 || i > 8990)) expect(Number(g.get(k).value), k).toBe(Number(k.slice(1)));
    } finally { close(); }
  });

  test('a 256 MB dataset is written (one buffer, no copies beyond the data) and read back by libhdf5', async () => {
    const big = new Float32Array(64 * 2 ** 20);
    for (let i = 0; i < big.length; i += 4099) big[i] = i;
    big[big.length - 1] = -1;
    const bytes = writeHdf5(h5group({ layers: h5group({ big: h5group({ vars: h5group({ 0: h5dataset([8192, 8192], big) }) }) }) }));
    expect(bytes.length).toBeGreaterThan(big.byteLength);
    expect(bytes.length).toBeLessThan(big.byteLength + 8192);
    const { f, close } = await libhdf5(bytes);
    try {
      const d = f.get('layers/big/vars/0');
      expect(d.shape).toEqual([8192, 8192]);
      expect(Array.from(d.slice([[0, 1], [0, 4100]]) as Float32Array).filter((x) => x !== 0)).toEqual([4099]);
      expect(Array.from(d.slice([[8191, 8192], [8190, 8192]]) as Float32Array)).toEqual([big[big.length - 2], -1]);
    } finally { close(); }
  }, 120_000);
});


const keras = spawnSync('python3', ['-c', 'import keras, h5py'], { encoding: 'utf8' });
const noKeras = keras.status !== 0 ? `python3 with keras and h5py is not available (${(keras.error?.message ?? keras.stderr ?? '').trim().split('\n').pop()})` : '';
if (noKeras) console.warn(`hdf5_write.node.test: Keras round trip skipped: ${noKeras}`);

// For each fixture: h5py compares our model.weights.h5 with Keras's (same paths, shapes, dtypes, values, attribute
// values), then Keras loads our .keras (compiled: the optimizer state is read too) and predicts the fixture's input.
const PY = String.raw`
import sys, json, os, numpy as np, h5py
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import keras
d, fixtures = sys.argv[1], sys.argv[2]
def tree(path):
    out = {}
    with h5py.File(path, 'r') as f:
        def visit(name, o):
            attrs = {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in o.attrs.items()}
            if isinstance(o, h5py.Dataset):
                out[name] = ('D', o.shape, str(o.dtype), o[()].tolist(), attrs)
            else:
                out[name] = ('G', sorted(o.keys()), attrs)
        f.visititems(visit)
        out['/'] = ('G', sorted(f.keys()), dict(f.attrs))
    return out
res = {}
for name in sys.argv[3:]:
    ours, theirs = tree(os.path.join(d, name + '.h5')), tree(os.path.join(d, name + '.orig.h5'))
    same = ours == theirs
    diff = [k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k)][:5]
    ref = json.load(open(os.path.join(fixtures, name + '.json')))
    m = keras.saving.load_model(os.path.join(d, name + '.keras'))
    if 'inputs' in ref:
        x = [np.array(a, dtype='float32').reshape(s) for a, s in zip(ref['inputs'], ref['inputShapes'])]
    else:
        x = np.array(ref['input'], dtype='float32').reshape(ref['inputShape'])
    y = np.asarray(m.predict(x, verbose=0))
    want = np.array(ref['output'], dtype='float32').reshape(ref['outputShape'])
    opt, optErr = getattr(m, 'optimizer', None), 0.0
    opt = list(opt.variables) if opt is not None and opt.built else []
    if opt:
        with h5py.File(os.path.join(d, name + '.orig.h5'), 'r') as f:
            optErr = max(float(np.max(np.abs(np.asarray(v.numpy(), dtype='float64') - f['optimizer/vars/' + str(i)][()]))) for i, v in enumerate(opt))
    res[name] = {'sameTree': same, 'diff': diff, 'entries': len(ours), 'shape': list(y.shape), 'maxErr': float(np.max(np.abs(y - want))),
                 'maxRef': float(np.max(np.abs(want))), 'optimizerVars': len(opt), 'optErr': optErr}
print('RESULT ' + json.dumps(res))
`;

describe('writeHdf5: Keras 3 loads .keras files whose weights it wrote', () => {
  test.skipIf(!!noKeras)(`6 fixtures rebuilt → writeHdf5 → keras.saving.load_model predicts the reference${noKeras ? ` (SKIPPED: ${noKeras})` : ''}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'h5w-'));
    try {
      for (const name of NAMES) {
        const files = unzipSync(new Uint8Array(readFileSync(join(FIXTURES, `${name}.keras`))));
        const orig = files['model.weights.h5'];
        const f = new hdf5.File(orig.buffer.slice(orig.byteOffset, orig.byteOffset + orig.byteLength) as ArrayBuffer, name);
        const ours = writeHdf5(rebuild(f));
        writeFileSync(join(dir, `${name}.h5`), ours);
        writeFileSync(join(dir, `${name}.orig.h5`), orig);
        writeFileSync(join(dir, `${name}.keras`), zipSync({ 'metadata.json': files['metadata.json'], 'config.json': files['config.json'], 'model.weights.h5': ours }));
      }
      const r = spawnSync('python3', ['-c', PY, dir, FIXTURES, ...NAMES], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
      const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) throw new Error(`python3 failed (${r.status}): ${r.stderr.slice(-3000)}`);
      const res = JSON.parse(line.slice(7));
      for (const name of NAMES) {
        const x = res[name];
        expect(x.diff, name).toEqual([]);
        expect(x.sameTree, name).toBe(true);
        expect(x.maxErr, name).toBeLessThanOrEqual(1e-4 + 1e-3 * x.maxRef);
      }
      expect(res.mlp.optimizerVars).toBe(10); // Adam's iterations, learning_rate and 8 slots came back, exactly
      expect(res.mlp.optErr).toBe(0);
      console.log('hdf5_write Keras round trip:', NAMES.map((k) => `${k} maxErr ${res[k].maxErr.toExponential(1)} (${res[k].entries} entries)`).join(', '));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 300_000);
});
