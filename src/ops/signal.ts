// tf.signal: the short-time Fourier transform (the windows and framing join this namespace too).
export { stft } from './stft.js';
