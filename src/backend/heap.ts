// The heap: TypeScript owns all of the wasm linear memory above the kernels' static data.
// Blocks are 64-byte aligned (SIMD loads, cache lines) and rounded to size classes (64-byte steps up to
// 1 KiB, then 8 classes per power of two: at most 12.5 % slack), so a training loop, which frees and
// allocates the same sizes every step, reuses blocks of its exact sizes with no search and no growth.
// Free blocks are kept by size. A request with no free block of its size takes fresh space from the top
// while the memory has room; before the memory would grow, the free blocks are coalesced (neighbours
// merged, the free end returned to the top) and the smallest one that fits is split: freed space serves
// any later size, and a steady loop (exact sizes) never pays for the search.
// Views over memory.buffer are re-derived whenever memory.grow has replaced the buffer: never keep a
// view across a call that may allocate.

export function sizeClass(bytes: number): number {
  if (bytes <= 1024) return Math.max(64, (bytes + 63) & ~63);
  const step = 2 ** (Math.floor(Math.log2(bytes - 1)) - 3);
  return Math.ceil(bytes / step) * step;
}

export class Heap {
  private top: number;
  /** Free blocks by exact size (every size is a multiple of 64). */
  private readonly free_ = new Map<number, number[]>();
  /** Bytes in free blocks. */
  private freeBytes = 0;
  /** A block was freed since the last coalesce. */
  private dirty = false;
  private buf: ArrayBuffer | SharedArrayBuffer;
  private _f32: Float32Array;
  private _i32: Int32Array;
  private _u8: Uint8Array;
  /** Bytes in live blocks (by size class). */
  usedBytes = 0;
  /** Bytes ever handed out from the top and not returned to it (free blocks included). */
  get reservedBytes(): number { return this.top - this.base; }

  constructor(public memory: WebAssembly.Memory, private readonly base: number) {
    this.base = (base + 63) & ~63;
    this.top = this.base;
    this.buf = memory.buffer;
    this._f32 = new Float32Array(this.buf);
    this._i32 = new Int32Array(this.buf);
    this._u8 = new Uint8Array(this.buf);
  }

  /** A 64-byte aligned block of at least `bytes` bytes (its content is undefined). Throws, changing nothing, when memory is exhausted. */
  alloc(bytes: number): number {
    if (!(bytes >= 0) || !Number.isFinite(bytes)) throw new Error(`ascent: cannot allocate ${bytes} bytes`);
    const size = sizeClass(bytes);
    const list = this.free_.get(size);
    if (list !== undefined && list.length > 0) {
      this.freeBytes -= size;
      this.usedBytes += size;
      return list.pop()!;
    }
    let ptr = this.top, end = ptr + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      // Before the memory grows, the free blocks are coalesced and the smallest that fits is split.
      if (this.freeBytes >= size) {
        const p = this.fromFree(size);
        if (p >= 0) { this.usedBytes += size; return p; }
        ptr = this.top; end = ptr + size; // coalescing may have given the free end back to the top
      }
      if (end > have) {
        // Grow by at least 1/8 of the current size to keep the number of grow calls logarithmic.
        const need = Math.ceil((end - have) / 65536);
        const pages = Math.max(need, Math.ceil(have / 65536 / 8));
        if (!this.grow(pages) && !this.grow(need)) {
          throw new Error(`the wasm memory cannot grow by ${need} pages (${have / 65536} pages in use, ` +
            `${(this.usedBytes / 2 ** 20).toFixed(1)} MiB in live tensors); dispose tensors you no longer need`);
        }
      }
    }
    this.top = end;
    this.usedBytes += size;
    return ptr;
  }

  free(ptr: number, bytes: number): void {
    const size = sizeClass(bytes);
    this.usedBytes -= size;
    this.addFree(ptr, size);
    this.dirty = true;
  }

  private grow(pages: number): boolean {
    try { this.memory.grow(pages); return true; } catch { return false; }
  }

  private addFree(ptr: number, size: number): void {
    let list = this.free_.get(size);
    if (list === undefined) this.free_.set(size, (list = []));
    list.push(ptr);
    this.freeBytes += size;
  }

  /** A block of `size` carved from the free blocks after coalescing them, or -1 when none is large enough. */
  private fromFree(size: number): number {
    if (this.dirty) this.coalesce();
    let best = -1, bestSize = Infinity;
    for (const [s, list] of this.free_) if (s >= size && s < bestSize && list.length > 0) { best = s; bestSize = s; }
    if (best < 0) return -1;
    const ptr = this.free_.get(best)!.pop()!;
    this.freeBytes -= best;
    if (best > size) this.addFree(ptr + size, best - size);
    return ptr;
  }

  /** Merges adjacent free blocks and gives a free block that ends at the top back to the top. */
  private coalesce(): void {
    this.dirty = false;
    const blocks: [number, number][] = [];
    for (const [s, list] of this.free_) for (const p of list) blocks.push([p, s]);
    blocks.sort((a, b) => a[0] - b[0]);
    this.free_.clear();
    this.freeBytes = 0;
    const merged: [number, number][] = [];
    for (const [p, s] of blocks) {
      const last = merged[merged.length - 1];
      if (last !== undefined && last[0] + last[1] === p) last[1] += s;
      else merged.push([p, s]);
    }
    const tail = merged[merged.length - 1];
    if (tail !== undefined && tail[0] + tail[1] === this.top) { this.top = tail[0]; merged.pop(); }
    for (const [p, s] of merged) this.addFree(p, s);
  }

  /**
   * Moves the heap onto `memory`, a copy of the current one (the switch to shared memory for threads, see
   * toSharedMemory in wasm.ts): every block keeps its address, so live tensors stay valid.
   */
  adopt(memory: WebAssembly.Memory): void {
    this.memory = memory;
    this.refresh();
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
