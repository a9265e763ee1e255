// Sums a .cpuprofile's self time by function (name + file:line), top N; and by file.
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8')), N = Number(process.argv[3] ?? 40);
const selfT = new Map(), dt = new Map();
p.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
let total = 0;
const byFile = new Map();
for (const n of p.nodes) {
  const t = dt.get(n.id) ?? 0; total += t;
  const cf = n.callFrame, f = cf.url.replace(/.*\/(src|node_modules)\//, '$1/');
  const k = `${cf.functionName || '(anon)'} ${f}:${cf.lineNumber + 1}`;
  selfT.set(k, (selfT.get(k) ?? 0) + t);
  const fk = cf.url ? f : cf.functionName; byFile.set(fk, (byFile.get(fk) ?? 0) + t);
}
const top = [...selfT].sort((a, b) => b[1] - a[1]).slice(0, N);
for (const [k, t] of top) console.log((100 * t / total).toFixed(1).padStart(5), '%', k);
console.log('--- by file');
for (const [k, t] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((100 * t / total).toFixed(1).padStart(5), '%', k);
