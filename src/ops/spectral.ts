// tf.spectral: the ops of fft.ts (also top-level: tf.fft …) under their namespaced names.
import { op } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import type { Tensor } from '../core/tensor.js';
import { fftDef, irfftDef, rfftDef } from './fft.js';

/** tf.fft: the DFT over the innermost axis of a complex64 tensor. */
export const fft = op('spectral.fft', fftDef('spectral.fft', false));
/** tf.ifft: the inverse DFT over the innermost axis of a complex64 tensor. */
export const ifft = op('spectral.ifft', fftDef('spectral.ifft', true));
/** tf.rfft: the DFT of a real signal, its n/2 + 1 non-redundant bins (fftLength: crop or zero-pad first). */
export const rfft = op('spectral.rfft', rfftDef('spectral.rfft'));
/** tf.irfft: the real signal of 2(n − 1) samples whose rfft is the n bins of the innermost axis. */
export const irfft = op('spectral.irfft', irfftDef('spectral.irfft'));
