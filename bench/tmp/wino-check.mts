// Winograd F(2×2, 3×3) and im2col vs a float64 reference (max error ÷ Σ|products|): ASCENT_THREADS=1 npx tsx bench/tmp/wino-check.mts
import * as tf from '../../src/index.js';
import { convForce } from '../../src/ops/conv.js';
import { randomData } from '../util.js';
await tf.ready();
function ref(x: Float32Array, xs: number[], w: Float32Array, OC: number, pad: 'same' | 'valid') {
  const [N, H, W, C] = xs; const pt = pad === 'same' ? 1 : 0, OH = pad === 'same' ? H : H - 2, OW = pad === 'same' ? W : W - 2;
  const y = new Float64Array(N * OH * OW * OC), s = new Float64Array(N * OH * OW * OC);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) for (let o = 0; o < OC; o++) {
    let a = 0, b = 0;
    for (let kh = 0; kh < 3; kh++) for (let kw = 0; kw < 3; kw++) {
      const ih = oh + kh - pt, iw = ow + kw - pt; if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
      for (let c = 0; c < C; c++) { const p = x[((n * H + ih) * W + iw) * C + c] * w[((kh * 3 + kw) * C + c) * OC + o]; a += p; b += Math.abs(p); }
    }
    const i = ((n * OH + oh) * OW + ow) * OC + o; y[i] = a; s[i] = b;
  }
  return [y, s];
}
for (const [xs, OC, pad] of [[[1, 5, 5, 1], 1, 'same'], [[2, 7, 6, 5], 9, 'same'], [[1, 8, 8, 16], 16, 'valid'], [[3, 9, 11, 33], 20, 'same'], [[1, 4, 4, 300], 12, 'same'], [[2, 13, 13, 32], 64, 'valid'], [[1, 14, 14, 256], 256, 'same']] as [number[], number, 'same' | 'valid'][]) {
  const xd = randomData(xs.reduce((a, b) => a * b), 1), wd = randomData(9 * xs[3] * OC, 2);
  const x = tf.tensor4d(xd, xs as any), w = tf.tensor4d(wd, [3, 3, xs[3], OC]);
  convForce.path = 'winograd'; const yw = tf.conv2d(x, w, 1, pad).dataSync();
  convForce.path = 'im2col'; const yi = tf.conv2d(x, w, 1, pad).dataSync();
  convForce.path = null;
  const [yr, sr] = ref(xd, xs, wd, OC, pad);
  let ew = 0, ei = 0;
  for (let i = 0; i < yr.length; i++) { ew = Math.max(ew, Math.abs(yw[i] - yr[i]) / sr[i]); ei = Math.max(ei, Math.abs(yi[i] - yr[i]) / sr[i]); }
  console.log(xs, OC, pad, 'winograd rel', ew.toExponential(2), 'im2col rel', ei.toExponential(2), yw.length === yr.length);
}
