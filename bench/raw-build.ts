// Raw builds for the A/B kernel benches (gemm-ab.ts, gemm-tiny.ts): a build's .wasm instantiated on its own memory,
// with a bump allocator, seeded fills and an FNV-1a hash of outputs (equal hashes: every bit equal).
import { readFileSync } from 'node:fs';

export type Fn = (...args: number[]) => number;
export interface Build { k: Record<string, Fn>; mem: WebAssembly.Memory; next: number }

export function load(path: string): Build {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), {});
  const k = inst.exports as unknown as Record<string, Fn>;
  return { k, mem: inst.exports.memory as WebAssembly.Memory, next: (k.heap_base() + 63) & ~63 };
}
/** A 64-byte aligned block of `floats` floats at the end of the build's memory (grown as needed; never freed). */
export function alloc(b: Build, floats: number): number {
  const p = b.next, end = p + ((floats * 4 + 63) & ~63);
  const need = Math.ceil(end / 65536) - b.mem.buffer.byteLength / 65536;
  if (need > 0) b.mem.grow(need);
  b.next = end;
  return p;
}
export function fill(b: Build, p: number, n: number, seed: number): void {
  const f = new Float32Array(b.mem.buffer, p, n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) f[i] = ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}
export function hash(b: Build, p: number, n: number): number {
  const u = new Uint32Array(b.mem.buffer, p, n);
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ u[i], 0x01000193) >>> 0;
  return h;
}
