// A minimal protobuf encoder: the few wire types TensorBoard's Event/Summary/TensorProto messages use
// (varint, 64-bit, length-delimited). Proto3 rules: scalar fields equal to their default are left
// out; a sub-message is always written when given (its presence can matter, e.g. a scalar's empty
// TensorShapeProto). See https://protobuf.dev/programming-guides/encoding/.

const utf8 = new TextEncoder();

export class ProtoWriter {
  private buf = new Uint8Array(64);
  private n = 0;

  private reserve(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }

  private varint(v: number): void {
    // Negative int64s take ten bytes of two's complement: BigInt keeps all 64 bits exact.
    if (v < 0 || v > 0xffffffff) {
      let b = BigInt.asUintN(64, BigInt(v));
      this.reserve(10);
      while (b >= 0x80n) { this.buf[this.n++] = Number(b & 0x7fn) | 0x80; b >>= 7n; }
      this.buf[this.n++] = Number(b);
      return;
    }
    this.reserve(5);
    while (v >= 0x80) { this.buf[this.n++] = (v & 0x7f) | 0x80; v >>>= 7; }
    this.buf[this.n++] = v;
  }

  private key(field: number, wire: 0 | 1 | 2): void { this.varint(field * 8 + wire); }

  /** int32 / int64 / enum / bool field (wire type 0); `v` must be an integer. */
  int(field: number, v: number): this {
    if (v !== 0) { this.key(field, 0); this.varint(v); }
    return this;
  }

  /** double field (wire type 1, little-endian). */
  double(field: number, v: number): this {
    if (v !== 0 || Object.is(v, -0)) {
      this.key(field, 1);
      this.reserve(8);
      new DataView(this.buf.buffer).setFloat64(this.n, v, true);
      this.n += 8;
    }
    return this;
  }

  /** bytes field, or a sub-message given as its encoding; `always` writes it even when empty. */
  bytes(field: number, b: Uint8Array, always = false): this {
    if (b.length === 0 && !always) return this;
    this.key(field, 2);
    this.varint(b.length);
    this.reserve(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
    return this;
  }

  string(field: number, s: string): this { return this.bytes(field, utf8.encode(s)); }

  /** A sub-message: always present, even when all its fields are defaults. */
  message(field: number, m: ProtoWriter | Uint8Array): this {
    return this.bytes(field, m instanceof ProtoWriter ? m.finish() : m, true);
  }

  finish(): Uint8Array { return this.buf.slice(0, this.n); }
}
