// Function index → export name of a .wasm (for cpuprofile's wasm-function[i]); imports counted first.
import { readFileSync } from 'node:fs';
const b = readFileSync(process.argv[2]); let p = 8; const out = {};
const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return r >>> 0; };
let nImportFn = 0;
while (p < b.length) {
  const id = b[p++], len = leb(), end = p + len;
  if (id === 2) { const n = leb(); for (let i = 0; i < n; i++) { let l = leb(); p += l; l = leb(); p += l; const k = b[p++];
    if (k === 0) { leb(); nImportFn++; } else if (k === 1) { p++; const f = b[p++]; leb(); if (f & 1) leb(); } else if (k === 2) { const f = b[p++]; leb(); if (f & 1) leb(); } else if (k === 3) { p += 2; } } }
  if (id === 7) { const n = leb(); for (let i = 0; i < n; i++) { const l = leb(); const name = b.subarray(p, p + l).toString(); p += l; const k = b[p++]; const idx = leb(); if (k === 0) out[idx] = name; } }
  p = end;
}
console.log(JSON.stringify(out));
