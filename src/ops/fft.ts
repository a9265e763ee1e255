// The spectral ops, top-level tf.fft … (tf.spectral.fft …, spectral.ts, are the same ops under their
// namespaced names, which their errors carry): DFTs over the innermost axis, in wasm (assembly/c64/fft.ts:
// radix-2 for power-of-two lengths, Bluestein's chirp-z for the others; computed in f64, any length).
// fft/ifft take complex64; rfft takes float32 and keeps the n/2 + 1 non-redundant bins; irfft rebuilds
// the Hermitian spectrum and returns the real signal. No gradients (tfjs has none).
import { H } from '../backend/wasm.js';
import { checkSize, fmtShape, opError } from '../core/convert.js';
import { op } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { complexRaw, fftRaw, partRaw } from './complex_raw.js';
import { copyBox } from './slice.js';
import { stridesOf } from './util.js';

function innermost(name: string, x: Tensor): number {
  if (x.rank === 0) throw opError(name, `input must have rank ≥ 1 (the transform runs over the innermost axis), got shape []`);
  const n = x.shape[x.rank - 1];
  if (n === 0) throw opError(name, `the innermost axis of input ${fmtShape(x.shape)} is empty`);
  return n;
}

const COMPLEX = [{ name: 'input', dtypes: ['complex64'] }] as const;

/**
 * The DFT over the innermost axis of a complex64 tensor: y[k] = Σ x[j]·e^(−2πijk/n), any length n.
 * @example tf.spectral.fft(tf.complex([1, 2], [1, 1]))  // [3+2j, -1+0j]
 */
export const fft = op('fft', fftDef('fft', false));
/** @internal fft and ifft, erroring as `name`. */
export function fftDef(name: string, inverse: boolean) {
  return {
    inputs: COMPLEX, grad: null,
    forward: (input: Tensor): Tensor => {
      innermost(name, input);
      const y = new Tensor(input.shape.slice(), 'complex64');
      fftRaw(input, y, inverse);
      return y;
    },
  };
}

/** The inverse DFT over the innermost axis of a complex64 tensor: x[j] = Σ y[k]·e^(2πijk/n) / n. */
export const ifft = op('ifft', fftDef('ifft', true));

/**
 * The DFT of a real (float32) signal over the innermost axis, its n/2 + 1 non-redundant bins. With
 * `fftLength` the signal is first cropped or zero-padded to that length.
 * @example tf.spectral.rfft(tf.tensor1d([1, 2, 3]))  // [6+0j, -1.5+0.866j]
 */
export const rfft = op('rfft', rfftDef('rfft'));
/** @internal rfft, erroring as `name`. */
export function rfftDef(name: string) {
  return {
    inputs: [{ name: 'input', dtypes: ['float32'] }] as const, grad: null,
    forward: (input: Tensor, fftLength?: number): Tensor => {
      const n = innermost(name, input);
      const L = fftLength === undefined || fftLength === null ? n : checkSize(name, fftLength, 'fftLength');
      const outer = input.shape.slice(0, -1), rows = outer.reduce((a, b) => a * b, 1);
      // the signal cropped or zero-padded to L, as complex64
      let x = input;
      if (L !== n) {
        x = new Tensor([...outer, L], 'float32');
        H().f32.fill(0, x.ptr >>> 2, (x.ptr >>> 2) + x.size);
        const w = Math.min(n, L);
        copyBox('float32', input.ptr, stridesOf(input.shape), x.ptr, stridesOf(x.shape), [...outer, w]);
      }
      const c = complexRaw(x, null);
      fftRaw(c, c, false);
      const half = Math.floor(L / 2) + 1;
      const y = new Tensor([...outer, L === 0 ? 0 : half], 'complex64');
      if (y.size > 0) copyBox('complex64', c.ptr, [L, 1], y.ptr, [half, 1], [rows, half]);
      return y;
    },
  };
}

/**
 * The real signal whose rfft is the innermost axis of a complex64 tensor of n bins: length 2(n − 1)
 * (TensorFlow's default fft_length), from the Hermitian spectrum [x₀ … xₙ₋₁, conj(xₙ₋₂) … conj(x₁)].
 * As tfjs, n ≤ 2 bins give n samples (the inverse DFT of the bins, real part).
 * @example tf.spectral.irfft(tf.complex([6, -1.5], [0, 0.866]))
 */
export const irfft = op('irfft', irfftDef('irfft'));
/** @internal irfft, erroring as `name`. */
export function irfftDef(name: string) {
  return {
    inputs: COMPLEX, grad: null,
    forward: (input: Tensor): Tensor => {
      const n = innermost(name, input);
      const outer = input.shape.slice(0, -1), rows = outer.reduce((a, b) => a * b, 1);
      const L = n <= 2 ? n : 2 * (n - 1);
      const full = new Tensor([...outer, L], 'complex64');
      if (full.size > 0) {
        copyBox('complex64', input.ptr, [n, 1], full.ptr, [L, 1], [rows, Math.min(n, L)]);
        if (L > n) {
          // bins n … L−1: conj(x[L − k]), read backwards from x[n − 2]
          copyBox('complex64', input.ptr + 8 * (n - 2), [n, -1], full.ptr + 8 * n, [L, 1], [rows, L - n]);
          const f = H().f32, o = full.ptr >>> 2;
          for (let r = 0; r < rows; r++) for (let k = n; k < L; k++) f[o + 2 * (r * L + k) + 1] *= -1;
        }
        fftRaw(full, full, true);
      }
      return partRaw(full, 0);
    },
  };
}
