// A PNG encoder in plain TypeScript, so that Node and browsers write the same bytes (no canvas, no
// node:zlib). 8-bit gray / gray+alpha / RGB / RGBA, no interlace, filter 0 on every row. The zlib
// stream holds one fixed-Huffman deflate block with greedy LZ77 matches (RFC 1951 §3.2.6), or stored
// blocks when those come out smaller (noise). See https://www.w3.org/TR/png/ and RFC 1950/1951.
import { concatBytes } from '../bytes.js';
import { adler32, crc32 } from './checksums.js';

// ---- deflate ------------------------------------------------------------------------------------

class BitWriter {
  private buf: Uint8Array;
  private n = 0;
  private bits = 0;
  private count = 0;
  constructor(capacity: number) { this.buf = new Uint8Array(Math.max(capacity, 64)); }
  /** Appends the low `len` bits of `v`, least significant first (deflate's bit order). */
  write(v: number, len: number): void {
    this.bits |= v << this.count;
    this.count += len;
    while (this.count >= 8) {
      if (this.n === this.buf.length) { const b = new Uint8Array(this.n * 2); b.set(this.buf); this.buf = b; }
      this.buf[this.n++] = this.bits & 0xff;
      this.bits >>>= 8;
      this.count -= 8;
    }
  }
  finish(): Uint8Array {
    if (this.count > 0) this.write(0, 8 - this.count);
    return this.buf.slice(0, this.n);
  }
}

const reverse = (code: number, len: number) => {
  let r = 0;
  for (let i = 0; i < len; i++) { r = (r << 1) | (code & 1); code >>>= 1; }
  return r;
};

// The fixed literal/length code (RFC 1951 §3.2.6); Huffman codes go out most significant bit first,
// so they are stored bit-reversed for the LSB-first writer.
const LIT = (() => {
  const code = new Uint16Array(288), len = new Uint8Array(288);
  for (let s = 0; s < 288; s++) {
    const [base, first, n] = s < 144 ? [0x30, 0, 8] : s < 256 ? [0x190, 144, 9] : s < 280 ? [0, 256, 7] : [0xc0, 280, 8];
    len[s] = n;
    code[s] = reverse(base + s - first, n);
  }
  return { code, len };
})();
const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/** Index of the last table entry ≤ v (tables are ascending and short). */
function bucket(table: number[], v: number): number {
  let i = table.length - 1;
  while (table[i] > v) i--;
  return i;
}

const WINDOW = 32768, MAX_MATCH = 258, HASH_BITS = 15;

/** One final fixed-Huffman block; greedy matching with one candidate per 3-byte hash. */
function deflateFixed(data: Uint8Array): Uint8Array {
  const out = new BitWriter(data.length / 2);
  out.write(0b011, 3); // BFINAL = 1, BTYPE = 01 (fixed Huffman)
  const lit = (s: number) => out.write(LIT.code[s], LIT.len[s]);
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const hash = (i: number) => Math.imul((data[i] << 16) | (data[i + 1] << 8) | data[i + 2], 0x9e3779b1) >>> (32 - HASH_BITS);
  const n = data.length;
  let i = 0;
  while (i < n) {
    let len = 0, dist = 0;
    if (i + 2 < n) {
      const h = hash(i), cand = head[h];
      head[h] = i;
      if (cand >= 0 && i - cand <= WINDOW) {
        const max = Math.min(MAX_MATCH, n - i);
        while (len < max && data[cand + len] === data[i + len]) len++;
        dist = i - cand;
      }
    }
    if (len < 3) { lit(data[i++]); continue; }
    const lc = bucket(LEN_BASE, len);
    lit(257 + lc);
    out.write(len - LEN_BASE[lc], LEN_EXTRA[lc]);
    const dc = bucket(DIST_BASE, dist);
    out.write(reverse(dc, 5), 5);
    out.write(dist - DIST_BASE[dc], DIST_EXTRA[dc]);
    // Index the positions inside the match too, so later repeats find it.
    for (const end = i + len; ++i < end;) if (i + 2 < n) head[hash(i)] = i;
  }
  lit(256); // end of block
  return out.finish();
}

/** Stored (uncompressed) blocks of at most 65535 bytes each. */
function deflateStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(data.length + blocks * 5);
  let o = 0;
  for (let b = 0; b < blocks; b++) {
    const chunk = data.subarray(b * 65535, (b + 1) * 65535), len = chunk.length;
    out[o++] = b === blocks - 1 ? 1 : 0; // BFINAL, BTYPE = 00
    out[o++] = len & 0xff; out[o++] = len >>> 8;
    out[o++] = ~len & 0xff; out[o++] = (~len >>> 8) & 0xff;
    out.set(chunk, o);
    o += len;
  }
  return out;
}

/** A zlib stream (RFC 1950): header, deflate data, Adler-32 of the uncompressed bytes. */
export function zlibCompress(data: Uint8Array): Uint8Array {
  const fixed = deflateFixed(data), stored = deflateStored(data);
  const body = fixed.length < stored.length ? fixed : stored;
  const out = new Uint8Array(body.length + 6);
  out[0] = 0x78; out[1] = 0x01; // deflate, 32 KiB window, FCHECK so that 0x7801 % 31 === 0
  out.set(body, 2);
  new DataView(out.buffer).setUint32(out.length - 4, adler32(data));
  return out;
}

// ---- PNG ----------------------------------------------------------------------------------------

const COLOR_TYPE: Record<number, number> = { 1: 0, 2: 4, 3: 2, 4: 6 }; // channels → gray, gray+α, RGB, RGBA
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length), dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes 8-bit pixels (row-major, `channels` interleaved bytes per pixel: 1 gray, 2 gray+alpha,
 * 3 RGB, 4 RGBA) as a PNG file.
 * @example encodePng(new Uint8Array([0, 255, 255, 0]), 2, 2, 1) // a 2×2 checkerboard
 */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  if (!(channels in COLOR_TYPE)) throw new Error(`encodePng: channels must be 1, 2, 3 or 4, got ${channels}`);
  const stride = width * channels;
  if (pixels.length !== stride * height) {
    throw new Error(`encodePng: ${pixels.length} bytes do not make a ${width}×${height} image with ${channels} channels`);
  }
  const raw = new Uint8Array((stride + 1) * height); // each row: filter type 0 (None), then its bytes
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const ihdr = new Uint8Array(13), dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr[8] = 8; // bit depth; then colour type, compression 0, filter method 0, no interlace
  ihdr[9] = COLOR_TYPE[channels];
  return concatBytes([Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), chunk('IHDR', ihdr),
    chunk('IDAT', zlibCompress(raw)), chunk('IEND', new Uint8Array(0))]);
}
