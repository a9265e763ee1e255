// Self time by function within a time window of a .cpuprofile (ms since the profile's start): profwin.mjs FILE FROM TO [N]
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8')), from = Number(process.argv[3]) * 1000, to = Number(process.argv[4]) * 1000, N = Number(process.argv[5] ?? 30);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const acc = new Map(); let t = 0, total = 0;
p.samples.forEach((id, i) => {
  t += p.timeDeltas[i];
  if (t < from || t > to) return;
  const cf = byId.get(id).callFrame, k = `${cf.functionName || '(anon)'} ${cf.url.replace(/.*\//, '')}:${cf.lineNumber + 1}`;
  acc.set(k, (acc.get(k) ?? 0) + p.timeDeltas[i]); total += p.timeDeltas[i];
});
console.log(`window ${from / 1000}–${to / 1000} ms: ${(total / 1000).toFixed(1)} ms sampled`);
for (const [k, v] of [...acc].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log((v / 1000).toFixed(2).padStart(7), 'ms', k);
