// pngjs (its self-contained browser bundle, so Node and Chromium run the same decoder) as an
// independent PNG reader: it inflates with its own zlib port and checks every chunk's CRC.
import pngjs from 'pngjs/browser.js';

interface Decoded { width: number; height: number; data: Uint8Array }
const { PNG } = pngjs as unknown as {
  PNG: { new(o: { width: number; height: number }): unknown; sync: { read(b: unknown): Decoded; write(p: unknown): { constructor: { from(u: Uint8Array): unknown } } } };
};
// The bundle's parser wants its own Buffer class; borrow it from an encoded 1×1 image.
const BundledBuffer = PNG.sync.write(new PNG({ width: 1, height: 1 })).constructor;

/** Decodes a PNG to RGBA bytes (gray is expanded to r = g = b, missing alpha to 255). */
export function decodePng(bytes: Uint8Array): Decoded {
  const r = PNG.sync.read(BundledBuffer.from(bytes));
  return { width: r.width, height: r.height, data: new Uint8Array(r.data) };
}

/** The RGBA bytes pngjs gives for 8-bit pixels with `channels` channels. */
export function toRgba(px: Uint8Array, channels: number): Uint8Array {
  const n = px.length / channels, out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const p = px.subarray(i * channels, (i + 1) * channels);
    const [r, g, b, a] = channels === 1 ? [p[0], p[0], p[0], 255] : channels === 2 ? [p[0], p[0], p[0], p[1]]
      : channels === 3 ? [p[0], p[1], p[2], 255] : [p[0], p[1], p[2], p[3]];
    out.set([r, g, b, a], i * 4);
  }
  return out;
}

/** Index of the first differing byte, or -1 when a and b are equal (fast, unlike toEqual on big arrays). */
export function firstDiff(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
