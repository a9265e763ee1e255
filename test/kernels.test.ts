// Every SIMD kernel against its scalar twin, for sizes 0 … 3×tile+1 (tails and edge tiles), driven by
// the op lists in src/backend/abi.ts (generated from the enums in assembly/). Both twins run the same
// wasm math, so results are bit-equal except where the SIMD kernel sums in a different order
// (reductions, GEMM with K > KC).
import { describe, expect, it } from 'vitest';
import { H, K } from '../src/backend/wasm.js';
import { Binary, BINARY, REDUCE, Unary, UNARY } from '../src/backend/abi.js';

function alloc(values: number[] | Float32Array): number {
  const p = H().alloc(Math.max(4, values.length * 4));
  H().f32.set(values, p >> 2);
  return p;
}
function read(p: number, n: number): Float32Array { return H().f32.slice(p >> 2, (p >> 2) + n); }
function data(n: number, seed: number, lo = -3, hi = 3): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + (hi - lo) * (s / 2 ** 32);
  });
}
const same = (a: Float32Array, b: Float32Array) => expect(Array.from(a)).toEqual(Array.from(b));

describe('kernels vs scalar twins', () => {
  it.each(UNARY.map((n, i) => [n, i] as const))('f32_unary %s', (_name, op) => {
    for (let n = 0; n <= 3 * 4 + 1; n++) {
      const x = alloc(data(n, n + 1)), y1 = alloc(new Float32Array(n)), y2 = alloc(new Float32Array(n));
      K().f32_unary__wasmsimd(op, x, y1, n);
      K().f32_unary__scalar(op, x, y2, n);
      same(read(y1, n), read(y2, n));
      [x, y1, y2].forEach((p) => H().free(p, Math.max(4, n * 4)));
    }
  });

  it.each(BINARY.map((n, i) => [n, i] as const))('f32_binary %s (same shape, scalar, row broadcast)', (_name, op) => {
    for (let n = 0; n <= 13; n++) {
      const a = alloc(data(n * 3, 5 + n)), b = alloc(data(n * 3, 9 + n, 0.5, 2));
      const y1 = alloc(new Float32Array(n * 3)), y2 = alloc(new Float32Array(n * 3));
      // [3, n] with b as [3, n], [1, n] (stride 0 on rows) and [3, 1] (stride 0 inside rows)
      for (const [sb0, sb1] of [[n, 1], [0, 1], [1, 0]]) {
        const dims = H().alloc(64);
        H().i32.set([3, n, n, 1, sb0, sb1, 0, 0], dims >> 2);
        K().f32_binary__wasmsimd(op, a, b, y1, 2, dims);
        H().i32.set([3, n, n, 1, sb0, sb1, 0, 0], dims >> 2);
        K().f32_binary__scalar(op, a, b, y2, 2, dims);
        same(read(y1, 3 * n), read(y2, 3 * n));
        H().free(dims, 64);
      }
    }
  });

  it.each(REDUCE.map((n, i) => [n, i] as const))('f32_reduce %s over rows and columns', (_name, op) => {
    for (let r = 0; r <= 3 * 16 + 1; r += 1) {
      for (const inner of [1, 3, 8]) {
        const outer = 2, n = outer * r * inner;
        const x = alloc(data(n, r * 7 + inner, 0.5, 1.5));
        const y1 = alloc(new Float32Array(outer * inner)), y2 = alloc(new Float32Array(outer * inner));
        K().f32_reduce__wasmsimd(op, x, y1, outer, r, inner);
        K().f32_reduce__scalar(op, x, y2, outer, r, inner);
        const a = read(y1, outer * inner), b = read(y2, outer * inner);
        // max/min are order-independent; sum/prod may round differently (SIMD sums in 4 lanes)
        if (op === 1 || op === 2 || inner > 1) same(a, b);
        else for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-5 * Math.abs(b[i]) + 1e-6);
      }
    }
  });

  it('f32_gemm 4x8 for every edge-tile shape and all transposes', () => {
    const pack = H().alloc(K().f32_gemm_scratch_floats() * 4);
    for (let M = 0; M <= 13; M++) {
      for (let N = 0; N <= 25; N += (N < 9 ? 1 : 4)) {
        for (const Kd of [0, 1, 5, 17]) {
          const a = alloc(data(M * Kd, M * 31 + Kd)), b = alloc(data(Kd * N, N * 17 + Kd));
          const c1 = alloc(data(M * N, 3)), c2 = alloc(data(M * N, 3));
          for (const [ta, tb] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
            for (const acc of [0, 1]) {
              const [ars, acs] = ta ? [1, M] : [Kd, 1];
              const [brs, bcs] = tb ? [1, Kd] : [N, 1];
              K().f32_gemm__wasmsimd_4x8(M, N, Kd, a, ars, acs, b, brs, bcs, c1, pack, acc);
              K().f32_gemm__scalar(M, N, Kd, a, ars, acs, b, brs, bcs, c2, pack, acc);
              same(read(c1, M * N), read(c2, M * N));
            }
          }
          [a, b, c1, c2].forEach((p, i) => H().free(p, Math.max(4, [M * Kd, Kd * N, M * N, M * N][i] * 4)));
        }
      }
    }
    H().free(pack, K().f32_gemm_scratch_floats() * 4);
  });

  it('f32_gemm with K > KC (blocked accumulation) stays within rounding of the scalar order', () => {
    const M = 9, N = 11, Kd = 600;
    const pack = H().alloc(K().f32_gemm_scratch_floats() * 4);
    const a = alloc(data(M * Kd, 1)), b = alloc(data(Kd * N, 2));
    const c1 = alloc(new Float32Array(M * N)), c2 = alloc(new Float32Array(M * N));
    K().f32_gemm__wasmsimd_4x8(M, N, Kd, a, Kd, 1, b, N, 1, c1, pack, 0);
    K().f32_gemm__scalar(M, N, Kd, a, Kd, 1, b, N, 1, c2, pack, 0);
    const x = read(c1, M * N), y = read(c2, M * N);
    for (let i = 0; i < x.length; i++) expect(Math.abs(x[i] - y[i])).toBeLessThan(1e-3);
  });

  // The order each element is summed in is part of the contract (threads split the product and must give the
  // same bits; results may not depend on tile or panel layout): K in equal blocks of at most 256, each summed
  // from 0 in k order (a multiply, then an add), then added to C. Emulated here in float32 and compared exactly.
  it('f32_gemm sums in fixed K blocks, each in k order, for every form, edge and skinny shape', () => {
    const pack = H().alloc(K().f32_gemm_scratch_floats() * 4);
    const f = Math.fround;
    for (const [M, N, Kd] of [[9, 37, 600], [1, 40, 513], [3, 264, 300], [6, 16, 256], [2, 45, 300], [4, 300, 17]]) {
      const A = Float32Array.from(data(M * Kd, M + Kd)), B = Float32Array.from(data(Kd * N, N + Kd));
      const C0 = Float32Array.from(data(M * N, 7));
      const a = alloc(A), b = alloc(B), c = alloc(C0);
      const kb = Math.ceil(Kd / 256), kstep = Math.ceil(Kd / kb);
      for (const [ta, tb] of [[0, 0], [1, 0], [0, 1]]) {
        for (const acc of [0, 1]) {
          const [ars, acs] = ta ? [1, M] : [Kd, 1];
          const [brs, bcs] = tb ? [1, Kd] : [N, 1];
          H().f32.set(C0, c >> 2);
          K().f32_gemm__wasmsimd_4x8(M, N, Kd, a, ars, acs, b, brs, bcs, c, pack, acc);
          const want = new Float32Array(M * N);
          for (let i = 0; i < M; i++) {
            for (let j = 0; j < N; j++) {
              let out = C0[i * N + j];
              for (let p = 0; p < Kd; p += kstep) {
                let s = 0;
                for (let k = p; k < Math.min(Kd, p + kstep); k++) s = f(s + f(A[i * ars + k * acs] * B[k * brs + j * bcs]));
                out = p === 0 && !acc ? s : f(s + out);
              }
              want[i * N + j] = out;
            }
          }
          same(read(c, M * N), want);
        }
      }
      [a, b, c].forEach((q, i) => H().free(q, [M * Kd, Kd * N, M * N][i] * 4));
    }
    H().free(pack, K().f32_gemm_scratch_floats() * 4);
  });
  // Tiny products (K ≤ 64 and N ≤ 8, or N ≤ 16 with an epilogue, M ≥ 4) read A and B in place (gemm.ts `tiny`):
  // they must give the packed path's bits, i.e. the contract's order (each element summed from 0 in k order, a
  // multiply then an add, then added to C, then + bias, then the activation), emulated here in float32, for every
  // form, pre-packed or not, with and without accumulate, bias and relu/relu6, on both sides of the shape rule.
  it('f32_gemm tiny products (in place, no packing) give the exact bits of the k-order sums and the epilogue', () => {
    const pack = H().alloc(K().f32_gemm_scratch_floats() * 4);
    const f = Math.fround;
    const actf = (act: number, x: number) =>
      act === Unary.relu ? (x > 0 ? x : x !== x ? x : 0) : act === Unary.relu6 ? Math.min(Math.max(x, 0), 6) : x;
    // the vector activations (sigmoid, tanh, elu, hardSwish) are f32_unary's: the expected pre-activations through it
    const unary = (act: number, v: Float32Array) => {
      const p = alloc(v);
      K().f32_unary__wasmsimd(act, p, p, v.length);
      const out = read(p, v.length);
      H().free(p, Math.max(4, v.length * 4));
      return out;
    };
    const acts = [-1, Unary.relu, Unary.relu6, Unary.sigmoid, Unary.tanh, Unary.elu, Unary.hardSwish, Unary.gelu];
    let checked = 0;
    for (const M of [4, 6, 13, 64, 3]) {
      for (const Kd of [1, 5, 16, 33, 64, 65]) {
        for (const N of [1, 3, 4, 5, 8, 9, 16, 17]) {
          const A = Float32Array.from(data(M * Kd, M + Kd)), B = Float32Array.from(data(Kd * N, N + Kd));
          const C0 = Float32Array.from(data(M * N, 7 + N)), bias = Float32Array.from(data(N, N, -2, 2));
          const a = alloc(A), b = alloc(B), c = alloc(C0), pbias = alloc(bias);
          const pbytes = K().f32_gemm_pack_b_floats(Kd, N) * 4, pb = H().alloc(pbytes);
          for (const [ta, tb] of [[0, 0], [1, 0], [0, 1]]) {
            const [ars, acs] = ta ? [1, M] : [Kd, 1];
            const [brs, bcs] = tb ? [1, Kd] : [N, 1];
            const sums = new Float32Array(M * N);
            for (let i = 0; i < M; i++) {
              for (let j = 0; j < N; j++) {
                let s = 0;
                for (let k = 0; k < Kd; k++) s = f(s + f(A[i * ars + k * acs] * B[k * brs + j * bcs]));
                sums[i * N + j] = s;
              }
            }
            K().f32_gemm_pack_b(Kd, N, b, brs, bcs, pb);
            for (const acc of [0, 1]) {
              for (const act of acts) {
                for (const withBias of [false, true]) {
                  const pre = sums.map((s, e) => (withBias ? f((acc ? f(C0[e] + s) : s) + bias[e % N]) : acc ? f(C0[e] + s) : s));
                  const want = act !== -1 && act !== Unary.relu && act !== Unary.relu6 ? unary(act, pre) : pre.map((x) => actf(act, x));
                  for (const packed of [false, true]) {
                    H().f32.set(C0, c >> 2);
                    K().f32_gemm_ldc__wasmsimd_4x8(M, N, Kd, a, ars, acs, packed ? pb : b, packed ? 0 : brs, packed ? Kd : bcs,
                      c, N, pack, acc, withBias ? pbias : 0, act);
                    same(read(c, M * N), want);
                    checked++;
                  }
                }
              }
            }
          }
          H().free(pb, pbytes);
          [a, b, c, pbias].forEach((q, i) => H().free(q, Math.max(4, [M * Kd, Kd * N, M * N, N][i] * 4)));
        }
      }
    }
    expect(checked).toBe(5 * 6 * 8 * 3 * 2 * 8 * 2 * 2);
    H().free(pack, K().f32_gemm_scratch_floats() * 4);
  });
  // Inference packs a weight matrix once (f32_gemm_pack_b) and fuses bias + activation into the GEMM: both must
  // give exactly the bits of the plain product followed by f32_binary's add and f32_unary's activation (the
  // unfused path), for every form, edge tile, K block count, the skinny path and K = 0.
  it('f32_gemm with B pre-packed and a fused bias + activation gives the unfused bits', () => {
    const pack = H().alloc(K().f32_gemm_scratch_floats() * 4);
    const bits = (p: number, n: number) => Array.from(new Uint32Array(read(p, n).buffer));
    const acts = [-1, Unary.relu, Unary.relu6, Unary.sigmoid, Unary.tanh, Unary.elu, Unary.hardSwish, Unary.gelu];
    let checked = 0;
    for (const [M, N, Kd] of [[1, 40, 513], [3, 264, 300], [4, 17, 9], [5, 25, 17], [9, 37, 600], [13, 8, 1], [2, 7, 0],
      [6, 300, 260], [1, 3, 31], [8, 520, 40]]) {
      const a = alloc(data(M * Kd, M + Kd)), b = alloc(data(Kd * N, N + Kd)), bias = alloc(data(N, N, -2, 2));
      const C0 = Float32Array.from(data(M * N, 7));
      const c1 = alloc(C0), c2 = alloc(C0), dims = H().alloc(64);
      const pbytes = Math.max(4, K().f32_gemm_pack_b_floats(Kd, N) * 4), pb = H().alloc(pbytes);
      for (const [ta, tb] of [[0, 0], [1, 0], [0, 1]]) {
        const [ars, acs] = ta ? [1, M] : [Kd, 1];
        const [brs, bcs] = tb ? [1, Kd] : [N, 1];
        K().f32_gemm_pack_b(Kd, N, b, brs, bcs, pb);
        for (const acc of [0, 1]) {
          for (const act of acts) {
            for (const withBias of [false, true]) {
              for (const packed of [false, true]) {
                H().f32.set(C0, c1 >> 2); H().f32.set(C0, c2 >> 2);
                K().f32_gemm_ldc__wasmsimd_4x8(M, N, Kd, a, ars, acs, packed ? pb : b, packed ? 0 : brs, packed ? Kd : bcs,
                  c1, N, pack, acc, withBias ? bias : 0, act);
                K().f32_gemm__wasmsimd_4x8(M, N, Kd, a, ars, acs, b, brs, bcs, c2, pack, acc);
                if (withBias && M * N > 0) {
                  H().i32.set([M, N, N, 1, 0, 1, 0, 0], dims >> 2);
                  K().f32_binary__wasmsimd(Binary.add, c2, bias, c2, 2, dims);
                }
                if (act >= 0) K().f32_unary__wasmsimd(act, c2, c2, M * N);
                expect(bits(c1, M * N)).toEqual(bits(c2, M * N));
                checked++;
              }
            }
          }
        }
      }
      H().free(pb, pbytes); H().free(dims, 64);
      [a, b, bias, c1, c2].forEach((q, i) => H().free(q, Math.max(4, [M * Kd, Kd * N, N, M * N, M * N][i] * 4)));
    }
    expect(checked).toBe(10 * 3 * 2 * 8 * 2 * 2);
    H().free(pack, K().f32_gemm_scratch_floats() * 4);
  });
});

// The broadcast walks keep their loop counters in the `rank` i32 after the arrays at `dims` (the
// caller reserves them: Scratch.dims); they must not touch the arrays or anything beyond.
describe('broadcast walks write only their counters after dims', () => {
  const shape = [2, 3, 4], rank = 3, n = 24;
  const strides = [12, 4, 1];
  const cases: [string, number, (dims: number, x: number, y: number, c: number) => void][] = [
    ['f32_binary__wasmsimd', 3, (d, x, y) => K().f32_binary__wasmsimd(0, x, x, y, rank, d)],
    ['i32_compare__scalar', 3, (d, x, y) => K().i32_compare__scalar(0, x, x, y, rank, d)],
    ['select_32', 4, (d, x, y, c) => K().select_32(c, x, x, y, rank, d)],
    ['x32_transpose', 2, (d, x, y) => K().x32_transpose(x, y, rank, d)],
    ['x8_transpose', 2, (d, x, y) => K().x8_transpose(x, y, rank, d)],
    ['x32_strided_copy__wasmsimd', 3, (d, x, y) => K().x32_strided_copy__wasmsimd(x, y, rank, d)],
    ['f32_strided_add__scalar', 3, (d, x, y) => K().f32_strided_add__scalar(x, y, rank, d)],
  ];
  it.each(cases)('%s', (_name, arrays, run) => {
    const words = (arrays + 1) * rank + 8, SENTINEL = 0x5eadbeef;
    const d = H().alloc(words * 4), x = alloc(data(n, 1)), y = alloc(new Float32Array(n)), c = alloc(new Float32Array(n));
    const values = [...shape, ...Array.from({ length: arrays - 1 }, () => strides)].flat();
    H().i32.fill(SENTINEL, d >> 2, (d >> 2) + words);
    H().i32.set(values, d >> 2);
    run(d, x, y, c);
    const after = Array.from(H().i32.subarray(d >> 2, (d >> 2) + words));
    expect(after.slice(0, values.length)).toEqual(values);
    expect(after.slice(values.length + rank)).toEqual(new Array(8).fill(SENTINEL));
    [d, x, y, c].forEach((p, i) => H().free(p, i === 0 ? words * 4 : n * 4));
  });
});
