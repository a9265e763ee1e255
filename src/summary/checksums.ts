// The three checksums the event files need: CRC-32C (TFRecord framing), CRC-32 (PNG chunks) and
// Adler-32 (the zlib stream inside a PNG). Table-driven, one byte per step: the files are small.

function crcTable(poly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
}

// Reflected polynomials: Castagnoli (iSCSI, RFC 3720) and IEEE 802.3 (PNG, zlib's crc32).
const CRC32C = crcTable(0x82f63b78);
const CRC32 = crcTable(0xedb88320);

function crc(table: Uint32Array, bytes: Uint8Array, init: number): number {
  let c = ~init;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** CRC-32C of `bytes`; `init` continues a previous checksum. crc32c("123456789") = 0xe3069283. */
export const crc32c = (bytes: Uint8Array, init = 0): number => crc(CRC32C, bytes, init);

/** CRC-32 (PNG, zlib) of `bytes`; `init` continues a previous checksum. crc32("123456789") = 0xcbf43926. */
export const crc32 = (bytes: Uint8Array, init = 0): number => crc(CRC32, bytes, init);

/**
 * TFRecord's masked CRC-32C (tensorflow/core/lib/hash/crc32c.h `Mask`): rotate right by 15 and add a
 * constant, so that a CRC computed over data that itself holds CRCs does not degenerate.
 */
export function maskedCrc32c(bytes: Uint8Array): number {
  const c = crc32c(bytes);
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** Adler-32 (RFC 1950), the checksum that ends a zlib stream. adler32("Wikipedia") = 0x11e60398. */
export function adler32(bytes: Uint8Array): number {
  let a = 1, b = 0;
  // 5552 is the largest run for which b cannot overflow 2^32 before the modulo (zlib's NMAX).
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) { a += bytes[i]; b += a; }
    a %= 65521; b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
