// tf.signal.stft: frames of the signal, times a window, through rfft. (The public window and framing
// ops, signal.hannWindow and signal.frame, are in signal.ts; stft needs only these few lines of each.)
import { checkSize, fmtShape, opError } from '../core/convert.js';
import { op } from '../core/op.js';
import type { TensorLike } from '../core/convert.js'; // (named in the declarations of the ops)
import { Tensor } from '../core/tensor.js';
import { tensor } from './create.js';
import { mul } from './binary.js';
import { gather } from './gather.js';
import { rfft } from './fft.js';

/** The periodic Hann window for even lengths, symmetric for odd ones (tfjs's and TF's hann_window). */
function hann(n: number): Tensor {
  if (n === 1) return tensor([1]);
  const even = 1 - (n % 2);
  return tensor(Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n + even - 1))));
}

/**
 * The short-time Fourier transform of a 1-D float32 signal: frames of `frameLength` samples every
 * `frameStep` samples, each multiplied by `windowFn(frameLength)` (default: the Hann window) and
 * transformed by rfft of `fftLength` (default: the smallest power of two ≥ frameLength), giving
 * complex64 [numFrames, fftLength / 2 + 1].
 * @example tf.signal.stft(tf.tensor1d([1, 2, 3, 4, 5]), 3, 1)
 */
export const stft = op('signal.stft', {
  // a primitive without gradient (rfft has none): nothing on the way is recorded on a tape
  inputs: [{ name: 'signal', dtypes: ['float32', 'int32'], cast: { int32: 'float32' } }], grad: null,
  forward: (signal: Tensor, frameLength: number, frameStep: number, fftLength?: number,
            windowFn: (length: number) => Tensor = hann): Tensor => {
    const name = 'signal.stft';
    if (signal.rank !== 1) throw opError(name, `signal must be 1-D, got shape ${fmtShape(signal.shape)}`);
    checkSize(name, frameLength, 'frameLength', true);
    checkSize(name, frameStep, 'frameStep', true);
    let L = 1;
    if (fftLength === undefined || fftLength === null) while (L < frameLength) L *= 2;
    else L = checkSize(name, fftLength, 'fftLength', true);
    if (typeof windowFn !== 'function') throw opError(name, `windowFn must be a function of the frame length, got ${typeof windowFn}`);
    const n = signal.size;
    const frames = n >= frameLength ? Math.floor((n - frameLength) / frameStep) + 1 : 0;
    const idx = new Int32Array(frames * frameLength);
    for (let f = 0; f < frames; f++) for (let j = 0; j < frameLength; j++) idx[f * frameLength + j] = f * frameStep + j;
    const framed = gather(signal, tensor(idx, [frames, frameLength], 'int32'));
    const win = windowFn(frameLength);
    if (!(win instanceof Tensor)) throw opError(name, 'windowFn must return a Tensor');
    return rfft(mul(framed, win), L);
  },
});
