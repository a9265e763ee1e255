// The opt-in relaxed-SIMD build (tf.setWasmBuild('relaxed-simd'): fused multiply-adds in the GEMM) gives
// the default build's results to float32 rounding, and a clear error on engines without relaxed SIMD.
// Node 20 needs --experimental-wasm-relaxed-simd, so each build runs in its own child process.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
type Out = { build?: string; error?: string; matMul: number[]; matMulTT: number[]; conv: number[]; loss: number[]; directSame: boolean };
function run(build: string, flags: string[]): Out {
  const out = execFileSync(process.execPath, [...flags, '--import', 'tsx', 'test/relaxed-simd.run.ts', build], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Out;
}
const nodeMajor = Number(process.versions.node.split('.')[0]);
const flag = nodeMajor < 22 ? ['--experimental-wasm-relaxed-simd'] : [];

describe("tf.setWasmBuild('relaxed-simd')", () => {
  it('matches the default build to float32 rounding (GEMM, transposed GEMM, conv2d, 20 epochs of Adam)', () => {
    const simd = run('simd', []), fma = run('relaxed-simd', flag);
    expect([simd.build, fma.build]).toEqual(['simd', 'relaxed-simd']);
    for (const k of ['matMul', 'matMulTT', 'conv'] as const) {
      const scale = Math.max(...simd[k].map(Math.abs));
      simd[k].forEach((v, i) => expect(Math.abs(fma[k][i] - v)).toBeLessThanOrEqual(1e-5 * scale));
    }
    // fused rounding changes the last bits, so the results are not all identical
    expect(simd.matMul.some((v, i) => v !== fma.matMul[i])).toBe(true);
    fma.loss.forEach((l, i) => expect(Math.abs(l - simd.loss[i])).toBeLessThanOrEqual(1e-3 * simd.loss[i] + 1e-6));
    expect(fma.loss[19]).toBeLessThan(fma.loss[0] / 4);
    // in each build the direct conv kernels give the bits of im2col + GEMM (forward and filter gradient)
    expect([simd.directSame, fma.directSame]).toEqual([true, true]);
  }, 60_000);

  it.runIf(nodeMajor < 22)('without relaxed SIMD in the engine: a clear error naming the fix', () => {
    expect(run('relaxed-simd', []).error).toMatch(/cannot run the relaxed-SIMD build .*use tf\.setWasmBuild\('simd'\)/);
  }, 60_000);

  it('bad arguments and calls after ready() are clear errors', async () => {
    const tf = await import('../src/index.js');
    expect(() => tf.setWasmBuild('avx' as never)).toThrow(/setWasmBuild: expected 'simd' or 'relaxed-simd', got 'avx'/);
    await tf.ready();
    expect(() => tf.setWasmBuild('simd')).toThrow(/setWasmBuild: the kernels are already loaded; call it before tf.ready\(\)/);
  });
});
