// complex64 tensors and the spectral ops: tfjs-core's own spec cases (complex_ops, the complex cases of
// add/sub/mul/abs/clone/concat/transpose/onesLike/tensor, rfft/irfft/fft/ifft/stft), TensorFlow.js (cpu)
// as the oracle for the transforms of many lengths (radix-2 and Bluestein), the float64 DFT for accuracy,
// the SIMD kernel against its scalar twin, memory and errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfcore from '@tensorflow/tfjs-core';
import { H, K } from '../../src/backend/wasm.js';
import { expectClose, oracle, rand, tf } from '../helpers.js';

let tfc: typeof tfcore;
beforeAll(async () => { tfc = await oracle(); });

const data = (t: tf.Tensor) => Array.from(t.dataSync() as ArrayLike<number>);
const errorOf = (f: () => unknown): string => {
  try { f(); } catch (e) { return (e as Error).message; }
  throw new Error('expected an error');
};
/** The same complex tensor in tfjs. */
const toTfc = (t: tf.Tensor) => tfc.complex(tfc.tensor(data(tf.real(t)), t.shape), tfc.tensor(data(tf.imag(t)), t.shape));
/** A random complex64 tensor. */
const crand = (shape: number[], seed: number) => tf.tidy(() => tf.complex(rand(shape, seed), rand(shape, seed + 1000)));

/** The DFT in float64 (inverse: e^(+…)/n) of every innermost row of interleaved values. */
function dft(vals: number[], n: number, inverse = false): number[] {
  const out: number[] = [];
  for (let r = 0; r < vals.length / (2 * n); r++) {
    for (let k = 0; k < n; k++) {
      let re = 0, im = 0;
      for (let j = 0; j < n; j++) {
        const a = ((inverse ? 2 : -2) * Math.PI * ((j * k) % n)) / n, xr = vals[2 * (r * n + j)], xi = vals[2 * (r * n + j) + 1];
        re += xr * Math.cos(a) - xi * Math.sin(a);
        im += xr * Math.sin(a) + xi * Math.cos(a);
      }
      out.push(inverse ? re / n : re, inverse ? im / n : im);
    }
  }
  return out;
}

describe('complex64 tensors (tfjs specs)', () => {
  it('tf.complex, tf.real, tf.imag', () => {
    const c = tf.complex(tf.tensor1d([3, 30]), tf.tensor1d([4, 40]));
    expect(c.dtype).toBe('complex64');
    expect(c.shape).toEqual([2]);
    expect(data(c)).toEqual([3, 4, 30, 40]);
    expect(tf.real(c).dtype).toBe('float32');
    expect(data(tf.real(tf.complex([3, 30], [4, 40])))).toEqual([3, 30]);
    expect(data(tf.imag(tf.complex([3, 30], [4, 40])))).toEqual([4, 40]);
    expect(errorOf(() => tf.complex(tf.tensor1d([3, 30]), tf.tensor1d([4, 40, 50])))).toMatch(/real and imag shapes, 2 and 3, must match in call to tf.complex\(\)/);
  });
  it('real and imag of a real tensor: the tensor and zeros (TensorFlow)', () => {
    expect(data(tf.real([1, 2]))).toEqual([1, 2]);
    expect(data(tf.imag([1, 2]))).toEqual([0, 0]);
  });
  it('data(), arraySync(), toString()', async () => {
    const a = tf.complex([[1, 2], [3, 4]], [[11, 12], [13, 14]]);
    expect(a.arraySync()).toEqual([[1, 11, 2, 12], [3, 13, 4, 14]]);
    expect(Array.from(await a.data())).toEqual([1, 11, 2, 12, 3, 13, 4, 14]);
    expect(tf.complex(4, 5).arraySync()).toEqual([4, 5]);
    expect(tf.complex(5, 6).toString()).toBe('tf.Tensor((5+6j), shape=(), dtype=complex64)');
    expect(tf.complex([3, 5], [4, -6]).toString()).toBe('tf.Tensor([3.+4.j 5.-6.j], shape=(2,), dtype=complex64)');
    expect(() => tf.complex(1, 2).item()).toThrow(/complex64/);
  });
  it('clone, reshape, squeeze, expandDims keep complex64', () => {
    const a = tf.complex([[1, 3], [5, 7]], [[2, 4], [6, 8]]);
    for (const b of [tf.clone(a), tf.reshape(a, [4]), a.reshape([1, 4]), tf.expandDims(a, 1)]) {
      expect(b.dtype).toBe('complex64');
      expect(data(b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
    const s = tf.complex([[4], [1], [5]], [[2], [3], [6]]).squeeze();
    expect(s.shape).toEqual([3]);
    expect(data(s)).toEqual([4, 2, 1, 3, 5, 6]);
  });
  it('cast: complex → float32/int32/bool takes the real part; real → complex64 has zero imaginary part', () => {
    const a = tf.complex([1.5, 2.0], [3.0, 4.0]);
    expect(data(tf.cast(a, 'float32'))).toEqual([1.5, 2]);
    expect(data(a.cast('int32'))).toEqual([1, 2]);
    expect(data(tf.cast(tf.complex([1.0, 0.0], [1.0, 1.0]), 'bool'))).toEqual([1, 0]);
    expect(data(tf.cast([1, 2], 'complex64'))).toEqual([1, 0, 2, 0]);
    expect(data(tf.cast(tf.tensor([3, -1], [2], 'int32'), 'complex64'))).toEqual([3, 0, -1, 0]);
  });
  it('ones, zeros, onesLike, zerosLike of complex64', () => {
    expect(data(tf.ones([2, 2], 'complex64'))).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
    expect(data(tf.zeros([2], 'complex64'))).toEqual([0, 0, 0, 0]);
    const a = tf.complex([1, 2, 3], [1, 2, 3]);
    expect(tf.onesLike(a).dtype).toBe('complex64');
    expect(data(tf.onesLike(a))).toEqual([1, 0, 1, 0, 1, 0]);
    expect(data(tf.zerosLike(a))).toEqual([0, 0, 0, 0, 0, 0]);
  });
  it('add, sub, mul, with broadcasting and with real operands', () => {
    const c1 = tf.complex([[1, 2], [-3, -4]], [[10, 20], [-30, -40]]), c2 = tf.complex([4], [5]);
    expect(data(tf.add(c1, c2))).toEqual([5, 15, 6, 25, 1, -25, 0, -35]);
    expect(data(tf.sub(c1, c2))).toEqual([-3, 5, -2, 15, -7, -35, -8, -45]);
    expect(data(tf.mul(c1, c2))).toEqual([1 * 4 - 10 * 5, 1 * 5 + 10 * 4, 2 * 4 - 20 * 5, 2 * 5 + 20 * 4,
      -3 * 4 + 30 * 5, -3 * 5 + -30 * 4, -4 * 4 + 40 * 5, -4 * 5 + -40 * 4]);
    expect(tf.complex([2], [3]).mul(tf.complex([4], [5])).dtype).toBe('complex64');
    expect(data(tf.add(tf.complex(4, 7), tf.scalar(1, 'float32')))).toEqual([5, 7]);
    expect(data(tf.sub(tf.complex(4, 7), tf.scalar(1, 'int32')))).toEqual([3, 7]);
    expect(data(tf.mul(tf.complex(4, 7), 2))).toEqual([8, 14]);
    expect(data(tf.complex([1], [2]).reshape([1, 1, 1]).add(tf.complex([3], [4]).reshape([1, 1, 1])))).toEqual([4, 6]);
    expect(errorOf(() => tf.add(tf.complex([1, 2], [1, 2]), tf.complex([1, 2, 3], [1, 2, 3])))).toMatch(/^add: shapes of a \[2\] and b \[3\]/);
  });
  it('abs is the magnitude, underflow-safe', () => {
    const a = tf.complex([-2, -1, 0, 1, 2], [1, 2, 3, 0, -1]);
    expectClose(tf.abs(a), [Math.sqrt(5), Math.sqrt(5), 3, 1, Math.sqrt(5)]);
    expect(tf.abs(a).dtype).toBe('float32');
    const small = 1e-30;
    expectClose(tf.abs(tf.complex([small, 0, small, 0], [small, small, 0, 0])), [Math.hypot(small, small), small, small, 0], 1e-6, 0);
  });
  it('concat, stack, slice, reverse, transpose (with conjugate)', () => {
    const c1 = tf.complex([[1, 2], [3, 4]], [[1, 2], [3, 4]]), c2 = tf.complex([[5, 6], [7, 8]], [[5, 6], [7, 8]]);
    expect(data(tf.concat([c1, c2], 0))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8]);
    expect(data(tf.concat([c1, c2], 1))).toEqual([1, 1, 2, 2, 5, 5, 6, 6, 3, 3, 4, 4, 7, 7, 8, 8]);
    expect(tf.concat([c1, c2], 1).dtype).toBe('complex64');
    expect(data(tf.concat([tf.complex([1], [2]), tf.tensor1d([3])]))).toEqual([1, 2, 3, 0]); // upcast to complex64
    expect(tf.stack([c1, c2], 2).shape).toEqual([2, 2, 2]);
    expect(data(tf.stack([c1, c2], 2))).toEqual([1, 1, 5, 5, 2, 2, 6, 6, 3, 3, 7, 7, 4, 4, 8, 8]);
    expect(data(tf.slice(c2, [0, 1], [2, 1]))).toEqual([6, 6, 8, 8]);
    expect(data(tf.reverse(c1, 1))).toEqual([2, 2, 1, 1, 4, 4, 3, 3]);
    const re = tf.tensor2d([[1, 2], [3, 4]]), im = tf.tensor2d([[-4, 5], [6, 7]]);
    const t = tf.transpose(tf.complex(re, im));
    expect(data(tf.real(t))).toEqual([1, 3, 2, 4]);
    expect(data(tf.imag(t))).toEqual([-4, 6, 5, 7]);
    const h = tf.transpose(tf.complex(re, im), [1, 0], true);
    expect(data(tf.imag(h))).toEqual([4, -6, -5, -7]);
  });
  it('ops without complex support refuse complex64 by name, leaving memory as it was', () => {
    const c = tf.complex([1, 2], [3, 4]), row = c.reshape([1, 2]), col = c.reshape([2, 1]);
    const before = tf.memory();
    for (const [f, name] of [[() => tf.exp(c), 'exp'], [() => tf.sum(c), 'sum'], [() => tf.div(c, c), 'div'],
      [() => tf.matMul(row, col), 'matMul'], [() => tf.greater(c, c), 'greater'],
      [() => tf.tile(c, [2]), 'tile'], [() => tf.gather(c, [0]), 'gather'], [() => tf.neg(c), 'neg']] as const) {
      let m = '';
      try { f(); } catch (e) { m = (e as Error).message; }
      expect(m, name).toMatch(new RegExp(`^${name}: .*complex64`));
    }
    expect(errorOf(() => tf.tensor([1, 2], [2], 'complex64'))).toMatch(/^tensor: dtype 'complex64' is not supported by tensor.*tf\.complex/);
    expect(errorOf(() => tf.fill([2], 1, 'complex64'))).toMatch(/^fill: /);
    expect(errorOf(() => tf.variable(c))).toMatch(/complex64/);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });
  it('memory: one block of 8 bytes per element; reshape shares it; tidy and dispose free it', () => {
    const before = tf.memory();
    const c = tf.tidy(() => tf.complex(tf.ones([1000]), tf.zeros([1000])));
    expect(tf.memory().numTensors).toBe(before.numTensors + 1);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers + 1);
    expect(tf.memory().numBytes - before.numBytes).toBeGreaterThanOrEqual(8000);
    const r = c.reshape([10, 100]);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers + 1);
    c.dispose();
    expect(data(r).slice(0, 4)).toEqual([1, 0, 1, 0]);
    r.dispose();
    tf.tidy(() => { tf.fft(tf.complex(tf.ones([37]), tf.zeros([37]))); tf.irfft(tf.rfft(tf.ones([3, 10]))); });
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });
  it('no gradient flows through complex values (as tfjs)', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.real(tf.complex(v, v))))(x);
    expect(data(g)).toEqual([0, 0, 0]);
  });
});

describe('spectral (tfjs specs)', () => {
  it('rfft', () => {
    expectClose(tf.spectral.rfft(tf.tensor1d([1, 2, 3])), [6, 1.1920929e-07, -1.4999999, 8.6602521e-01], 1e-5, 1e-5);
    expectClose(tf.tensor1d([1, 2, 3]).rfft(), [6, 0, -1.5, 0.8660254], 1e-5, 1e-5); // chained, as tfjs
    expectClose(tf.complex([1, 2], [1, 1]).fft().ifft(), [1, 1, 2, 1], 1e-6, 1e-6);
    expectClose(tf.spectral.rfft(tf.tensor1d([-3, -2, -1, 1, 2, 3]), 3), [-6, 0.0, -1.5000002, 0.866], 1e-4, 1e-4);
    expectClose(tf.spectral.rfft(tf.tensor1d([-3, -2, -1]), 4), [-6, 0, -2, 2, -2, 0], 1e-5, 1e-5);
    expectClose(tf.spectral.rfft(tf.tensor2d([1, 2, 3, 4], [2, 2])), [3, 0, -1, 0, 7, 0, -1, 0], 1e-6, 1e-6);
    expectClose(tf.spectral.rfft(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2])), [3, 0, -1, 0, 7, 0, -1, 0, 11, 0, -1, 0, 15, 0, -1, 0], 1e-6, 1e-6);
    expectClose(tf.spectral.rfft(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), 2), [3, 0, -1, 0, 9, 0, -1, 0], 1e-6, 1e-6);
    expectClose(tf.spectral.rfft(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), 4), [6, 0, -2, -2, 2, 0, 15, 0, -2, -5, 5, 0], 1e-6, 1e-6);
  });
  it('fft and ifft', () => {
    expectClose(tf.spectral.fft(tf.complex([1, 2, 3, 4], [0, 0, 0, 0])), [10, 0, -2, 2, -2, 0, -2, -2], 1e-6, 1e-6);
    expectClose(tf.spectral.ifft(tf.complex([10, -2, -2, -2], [0, 2, 0, -2])), [1, 0, 2, 0, 3, 0, 4, 0], 1e-6, 1e-6);
    expectClose(tf.fft(tf.complex([1, 2], [1, 1])), [3, 2, -1, 0], 1e-6, 1e-6);
  });
  it('irfft', () => {
    expectClose(tf.spectral.irfft(tf.complex([1, 2, 3], [0, 0, 0])), [2, -0.5, 0, -0.5], 1e-6, 1e-6);
    expectClose(tf.spectral.irfft(tf.complex([[1, 2, 3], [4, 5, 6]], [[0, 0, 0], [0, 0, 0]])), [2, -0.5, 0, -0.5, 5, -0.5, 0, -0.5], 1e-6, 1e-6);
    expect(tf.irfft(tf.complex([[[1, 2, 3]], [[4, 5, 6]]], [[[0, 0, 0]], [[0, 0, 0]]])).shape).toEqual([2, 1, 4]);
  });
  it('signal.stft', () => {
    const out = tf.signal.stft(tf.tensor1d([1, 2, 3, 4, 5]), 3, 1);
    expect(out.shape).toEqual([3, 3]);
    expectClose(out, [2, 0, 0, -2, -2, 0, 3, 0, 0, -3, -3, 0, 4, 0, 0, -4, -4, 0], 1e-5, 1e-5);
    expectClose(tf.signal.stft(tf.tensor1d([1, 1, 1, 1, 1, 1]), 5, 1, 3), [1.5, 0.0, -0.749999, 0.433, 1.5, 0.0, -0.749999, 0.433], 1e-4, 1e-4);
    expectClose(tf.signal.stft(tf.tensor1d([1, 2, 3, 4, 5]), 5, 1), [6, 0, -0.70710677, -5.1213202, -3, 1, 0.70710677, 0.87867975, 0, 0], 1e-5, 1e-5);
    const ham = (n: number) => tf.sub(0.54, tf.mul(0.46, tf.cos(tf.mul(tf.range(0, n), (2 * Math.PI) / (n - 1 + (1 - (n % 2)))))));
    expectClose(tf.signal.stft(tf.tensor1d([1, 1, 1, 1, 1]), 3, 1, 3, ham), [1.16, 0, -0.46, -0.79674333, 1.16, 0, -0.46, -0.79674333, 1.16, 0, -0.46, -0.79674333], 1e-5, 1e-5);
  });
});

describe('spectral: every length, against float64 and tfjs', () => {
  const lengths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 31, 32, 33, 64, 100, 127, 128, 255, 256, 1000, 1024];
  it.each(lengths)('fft / ifft of length %i match the float64 DFT and tfjs', (n) => {
    const x = crand([3, n], n);
    const v = data(x);
    const y = tf.fft(x), z = tf.ifft(x);
    const scale = Math.sqrt(n); // rounding of the inputs grows as the transform's norm
    expectClose(y, dft(v, n), 1e-5, 2e-6 * scale * 4);
    expectClose(z, dft(v, n, true), 1e-5, 2e-6 / scale * 4);
    expectClose(tf.ifft(y), v, 1e-5, 1e-5);
    expectClose(y, Array.from(tfc.spectral.fft(toTfc(x)).dataSync()), 1e-4, 5e-5 * scale);
  });
  it.each([1, 2, 3, 4, 5, 8, 9, 16, 33, 100])('rfft / irfft of length %i match tfjs and round-trip', (n) => {
    const x = rand([2, n], n + 7);
    const y = tf.rfft(x);
    expect(y.shape).toEqual([2, Math.floor(n / 2) + 1]);
    const ref = tfc.spectral.rfft(tfc.tensor(data(x), [2, n]));
    expectClose(y, Array.from(ref.dataSync()), 1e-4, 5e-5 * Math.sqrt(n));
    if (n > 2) {
      const back = tf.irfft(y);
      const m = 2 * (Math.floor(n / 2) + 1 - 1);
      expect(back.shape).toEqual([2, m]);
      expectClose(back, Array.from(tfc.spectral.irfft(ref).dataSync()), 1e-4, 1e-5);
      if (n % 2 === 0) expectClose(back, data(x), 1e-4, 1e-5);
    }
  });
  it('an empty batch is an empty result; an empty innermost axis is an error', () => {
    expect(tf.fft(tf.complex(tf.zeros([0, 4]), tf.zeros([0, 4]))).shape).toEqual([0, 4]);
    expect(errorOf(() => tf.fft(tf.complex(tf.zeros([2, 0]), tf.zeros([2, 0]))))).toMatch(/^fft: the innermost axis of input \[2,0\] is empty/);
    expect(errorOf(() => tf.spectral.rfft(tf.scalar(1)))).toMatch(/^spectral\.rfft: input must have rank ≥ 1/);
    expect(errorOf(() => tf.rfft(tf.complex([1], [1])))).toMatch(/^rfft: argument 'input' must be float32/);
    expect(errorOf(() => tf.fft(tf.tensor1d([1, 2])))).toMatch(/^fft: argument 'input' must be complex64/);
  });
});

describe('c64_fft kernel', () => {
  it.each([[8, 8], [5, 16], [12, 32]])('SIMD and scalar twins are bit-identical (n %i, m %i)', (n, m) => {
    // run through the op for the tables, then both twins on the same inputs and tables
    const x = crand([2, n], 3 * n);
    const tw = new Float64Array(m);
    for (let k = 0; k < m / 2; k++) { tw[2 * k] = Math.cos((-2 * Math.PI * k) / m); tw[2 * k + 1] = Math.sin((-2 * Math.PI * k) / m); }
    const ch = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) { const a = (-Math.PI * ((k * k) % (2 * n))) / n; ch[2 * k] = Math.cos(a); ch[2 * k + 1] = Math.sin(a); }
    const h = H(), bytes = 8 * m + 16 * n + 16 * (2 * m + 1);
    const p = h.alloc(bytes), y1 = h.alloc(16 * n), y2 = h.alloc(16 * n);
    try {
      const f64 = new Float64Array(h.u8.buffer, p, m + 2 * n);
      f64.set(tw, 0); f64.set(ch, m);
      for (const inverse of [false, true]) {
        K().c64_fft__wasmsimd(x.ptr, y1, 2, n, inverse, m, p, p + 8 * m, p + 8 * m + 16 * n);
        K().c64_fft__scalar(x.ptr, y2, 2, n, inverse, m, p, p + 8 * m, p + 8 * m + 16 * n);
        const a = h.u8.slice(y1, y1 + 16 * n), b = h.u8.slice(y2, y2 + 16 * n);
        expect(Array.from(a)).toEqual(Array.from(b));
        expectClose(Array.from(new Float32Array(a.buffer)), dft(data(x), n, inverse), 1e-5, 1e-5);
      }
    } finally { h.free(p, bytes); h.free(y1, 16 * n); h.free(y2, 16 * n); }
  });
});
