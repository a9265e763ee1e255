// The heap: TypeScript owns all of the wasm linear memory above the kernels' static data.
// Blocks are 64-byte aligned (SIMD loads, cache lines) and rounded to size classes (64-byte steps up to
// 1 KiB, then 8 classes per power of two: at most 12.5 % slack) so that a training loop, which frees
// and allocates the same sizes every step, reaches a steady state with no growth.
// Views over memory.buffer are re-derived whenever memory.grow has replaced the buffer: never keep a
// view across a call that may allocate.

export function sizeClass(bytes: number): number {
  if (bytes <= 1024) return Math.max(64, (bytes + 63) & ~63);
  const step = 2 ** (Math.floor(Math.log2(bytes - 1)) - 3);
  return Math.ceil(bytes / step) * step;
}

export class Heap {
  private top: number;
  private readonly freeLists = new Map<number, number[]>();
  private buf: ArrayBuffer | SharedArrayBuffer;
  private _f32: Float32Array;
  private _i32: Int32Array;
  private _u8: Uint8Array;
  /** Bytes in live blocks (by size class). */
  usedBytes = 0;
  /** Bytes ever handed out from the top (free blocks included). */
  get reservedBytes(): number { return this.top - this.base; }

  constructor(readonly memory: WebAssembly.Memory, private readonly base: number) {
    this.base = (base + 63) & ~63;
    this.top = this.base;
    this.buf = memory.buffer;
    this._f32 = new Float32Array(this.buf);
    this._i32 = new Int32Array(this.buf);
    this._u8 = new Uint8Array(this.buf);
  }

  /** A 64-byte aligned block of at least `bytes` bytes (its content is undefined). */
  alloc(bytes: number): number {
    const size = sizeClass(bytes);
    this.usedBytes += size;
    const list = this.freeLists.get(size);
    if (list !== undefined && list.length > 0) return list.pop()!;
    const ptr = this.top;
    const end = ptr + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      // Grow by at least 1/8 of the current size to keep the number of grow calls logarithmic.
      const pages = Math.max(Math.ceil((end - have) / 65536), Math.ceil(have / 65536 / 8));
      try {
        this.memory.grow(pages);
      } catch {
        this.usedBytes -= size;
        throw new Error(`ascent: out of memory: cannot grow the wasm memory by ${pages} pages ` +
          `(${have / 65536} pages in use) to allocate ${bytes} bytes; dispose tensors you no longer need`);
      }
    }
    this.top = end;
    return ptr;
  }

  free(ptr: number, bytes: number): void {
    const size = sizeClass(bytes);
    this.usedBytes -= size;
    let list = this.freeLists.get(size);
    if (list === undefined) this.freeLists.set(size, (list = []));
    list.push(ptr);
  }

  private refresh(): void {
    this.buf = this.memory.buffer;
    this._f32 = new Float32Array(this.buf);
    this._i32 = new Int32Array(this.buf);
    this._u8 = new Uint8Array(this.buf);
  }
  get f32(): Float32Array { if (this.buf !== this.memory.buffer) this.refresh(); return this._f32; }
  get i32(): Int32Array { if (this.buf !== this.memory.buffer) this.refresh(); return this._i32; }
  get u8(): Uint8Array { if (this.buf !== this.memory.buffer) this.refresh(); return this._u8; }
  get pages(): number { return this.memory.buffer.byteLength / 65536; }
}
