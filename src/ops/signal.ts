// tf.signal: the Hann and Hamming windows and framing a signal (stft, which needs the FFT, lives with
// the complex ops).
import { checkNumber, fmtShape, opError } from '../core/convert.js';
import { composite, op } from '../core/op.js';
import { Tensor } from '../core/tensor.js';
import { range, tensor1d } from './create.js';
import { gather } from './gather.js';
import { add } from './binary.js';
import { pad } from './join.js';
import { reshape } from './shape.js';

/** a − b·cos(2πi/(n−1)) for odd n, a − b·cos(2πi/n) for even n (periodic, as TF's default); n = 1 gives [1]. */
function cosineWindow(name: string, n: unknown, a: number, b: number): Tensor {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw opError(name, `windowLength must be a non-negative integer, got ${String(n)}`);
  if (n === 1) return tensor1d([1]);
  const even = 1 - (n % 2);
  return tensor1d(Array.from({ length: n }, (_, i) => a - b * Math.cos((2 * Math.PI * i) / (n + even - 1))));
}

/** The Hann window of a length (periodic for even lengths, as TF's default). @example tf.signal.hannWindow(10) */
export const hannWindow = op('signal.hannWindow', {
  inputs: [], grad: null,
  forward: (windowLength: number): Tensor => cosineWindow('signal.hannWindow', windowLength, 0.5, 0.5),
});

/** The Hamming window of a length (periodic for even lengths). @example tf.signal.hammingWindow(10) */
export const hammingWindow = op('signal.hammingWindow', {
  inputs: [], grad: null,
  forward: (windowLength: number): Tensor => cosineWindow('signal.hammingWindow', windowLength, 0.54, 0.46),
});

/**
 * Frames of `frameLength` samples of a 1-D signal, every `frameStep` samples: [numFrames, frameLength].
 * With padEnd, frames start every frameStep samples up to the end of the signal (⌈n / frameStep⌉
 * frames), the samples past its end being padValue.
 * @example tf.signal.frame([1, 2, 3], 2, 1)  // [[1, 2], [2, 3]]
 */
export const frame = composite('signal.frame', {
  inputs: [{ name: 'signal', dtypes: ['float32', 'int32', 'bool'] }],
  forward: (signal: Tensor, frameLength: number, frameStep: number, padEnd = false, padValue = 0): Tensor => {
    const name = 'signal.frame';
    if (signal.rank !== 1) throw opError(name, `signal must be 1-D, got ${fmtShape(signal.shape)}`);
    if (typeof frameLength !== 'number' || !Number.isInteger(frameLength) || frameLength < 1) {
      throw opError(name, `frameLength must be a positive integer, got ${String(frameLength)}`);
    }
    if (typeof frameStep !== 'number' || !Number.isInteger(frameStep) || frameStep < 0) {
      throw opError(name, `frameStep must be a positive integer, got ${String(frameStep)}`);
    }
    if (typeof padEnd !== 'boolean') throw opError(name, `padEnd must be true or false, got ${String(padEnd)}`);
    const pv = checkNumber(name, padValue ?? 0, 'padValue', false);
    const n = signal.size;
    const frames = padEnd ? (frameStep > 0 ? Math.ceil(n / frameStep) : n > 0 ? Infinity : 0)
      : n >= frameLength ? (frameStep > 0 ? Math.floor((n - frameLength) / frameStep) + 1 : Infinity) : 0;
    if (frames === Infinity) throw opError(name, `frameStep must be a positive integer, got ${frameStep}`);
    if (frames === 0) return reshape(tensor1d([], signal.dtype), [0, frameLength]);
    const need = (frames - 1) * frameStep + frameLength;
    const x = need > n ? pad(signal, [[0, need - n]], pv) : signal;
    const idx = add(reshape(range(0, frames * frameStep, frameStep, 'int32'), [frames, 1]), reshape(range(0, frameLength, 1, 'int32'), [1, frameLength]));
    return gather(x, idx);
  },
});

export { stft } from './stft.js';
