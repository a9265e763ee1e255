// A .cpuprofile restricted to samples whose stack holds a frame named ROOT (default 'fit'): self time by function
// (wasm functions named from the .wasm's exports), and inclusive time of each function seen under ROOT.
// profin.mjs FILE [ROOT] [N] [WASM]
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
const [file, root = 'fit', N = '45', wasm = 'build/ascent.wasm'] = process.argv.slice(2);
const names = JSON.parse(execFileSync('node', [new URL('./wasmnames.mjs', import.meta.url).pathname, wasm], { encoding: 'utf8' }));
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n])), parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (cf) => { const m = /^wasm-function\[(\d+)\]$/.exec(cf.functionName); if (m) return `wasm ${names[m[1]] ?? '#' + m[1]}`;
  return `${cf.functionName || '(anon)'} ${cf.url.replace(/.*\/(src|bench)\//, '$1/')}`; };
const self = new Map(), incl = new Map(); let total = 0;
p.samples.forEach((id, i) => {
  const dt = p.timeDeltas[i + 1] ?? 0; // a sample's time runs to the next sample
  const stack = []; for (let n = id; n !== undefined; n = parent.get(n)) stack.push(byId.get(n).callFrame);
  if (!stack.some((cf) => cf.functionName === root)) return;
  total += dt;
  const k = label(stack[0]); self.set(k, (self.get(k) ?? 0) + dt);
  for (const l of new Set(stack.map(label))) incl.set(l, (incl.get(l) ?? 0) + dt);
});
console.log(`under ${root}: ${(total / 1000).toFixed(1)} ms`);
const pr = (m) => { for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(N))) console.log((100 * t / total).toFixed(1).padStart(5), '%', (t / 1000).toFixed(1).padStart(7), 'ms', k); };
console.log('--- self'); pr(self); console.log('--- inclusive'); pr(incl);
