// complex64 as the other ops see it: one block of interleaved float32 pairs (re, im). These helpers move
// the parts in and out with the strided-copy kernel; they record nothing (the ops in complex.ts do).
import { H, K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { Tensor } from '../core/tensor.js';

/** @internal The real (part 0) or imaginary (part 1) part of complex64 x, as float32. */
export function partRaw(x: Tensor, part: 0 | 1): Tensor {
  const y = new Tensor(x.shape.slice(), 'float32');
  if (y.size > 0) K().x32_strided_copy__wasmsimd(x.ptr + 4 * part, y.ptr, 1, scratch.dims([y.size], [2], [1]));
  return y;
}

/** @internal complex64 from float32 parts of one shape (im null: zeros). */
export function complexRaw(re: Tensor, im: Tensor | null): Tensor {
  const y = new Tensor(re.shape.slice(), 'complex64');
  if (y.size === 0) return y;
  const k = K();
  if (im === null) k.x32_fill(y.ptr, 2 * y.size, 0);
  k.x32_strided_copy__wasmsimd(re.ptr, y.ptr, 1, scratch.dims([y.size], [1], [2]));
  if (im !== null) k.x32_strided_copy__wasmsimd(im.ptr, y.ptr + 4, 1, scratch.dims([y.size], [1], [2]));
  return y;
}

/** @internal A float32 tensor on the same block as complex64 x, read as [...x.shape, 2] (no copy). */
export function asPairs(x: Tensor): Tensor {
  return new Tensor([...x.shape, 2], 'float32', x.block!);
}

/** @internal The complex64 tensor on the same block as float32 pairs p of shape [..., 2] (no copy). */
export function fromPairs(p: Tensor): Tensor {
  return new Tensor(p.shape.slice(0, -1), 'complex64', p.block!);
}

/** @internal Writes JS values into complex64 y (re, im interleaved). */
export function writeComplex(y: Tensor, vals: ArrayLike<number>): void {
  H().f32.set(vals, y.ptr >>> 2);
}

// e^(−2πik/m), k < m/2, as f64 pairs, by m (the last few sizes used)
const twiddleCache = new Map<number, Float64Array>();
function twiddles(m: number): Float64Array {
  let t = twiddleCache.get(m);
  if (t !== undefined) return t;
  t = new Float64Array(Math.max(m, 2));
  for (let k = 0; k < m / 2; k++) {
    const a = (-2 * Math.PI * k) / m;
    t[2 * k] = Math.cos(a); t[2 * k + 1] = Math.sin(a);
  }
  if (twiddleCache.size >= 8) twiddleCache.delete(twiddleCache.keys().next().value!);
  twiddleCache.set(m, t);
  return t;
}
// Bluestein's chirp e^(−πik²/n), k < n (k² reduced mod 2n, so the angle stays exact for large k)
function chirp(n: number): Float64Array {
  const c = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const a = (-Math.PI * Number((BigInt(k) * BigInt(k)) % BigInt(2 * n))) / n;
    c[2 * k] = Math.cos(a); c[2 * k + 1] = Math.sin(a);
  }
  return c;
}

/** @internal The DFT (or inverse DFT) of every innermost row of complex64 x, into y (may be x). */
export function fftRaw(x: Tensor, y: Tensor, inverse: boolean): void {
  const n = x.shape[x.rank - 1];
  if (x.size === 0) return;
  const batch = x.size / n;
  const pow2 = (n & (n - 1)) === 0;
  let m = 1;
  while (m < (pow2 ? n : 2 * n - 1)) m *= 2;
  const tw = twiddles(m), ch = pow2 ? null : chirp(n);
  const twBytes = 8 * tw.length, chBytes = ch === null ? 0 : 16 * n, workBytes = 16 * ((pow2 ? 1 : 2) * m + 1);
  const bytes = twBytes + chBytes + workBytes;
  const h = H(), p = h.alloc(bytes); // freed below; 64-byte aligned
  try {
    const f64 = new Float64Array(h.u8.buffer, p, (twBytes + chBytes) / 8);
    f64.set(tw, 0);
    if (ch !== null) f64.set(ch, tw.length);
    K().c64_fft__wasmsimd(x.ptr, y.ptr, batch, n, inverse, m, p, p + twBytes, p + twBytes + chBytes);
  } finally {
    h.free(p, bytes);
  }
}

