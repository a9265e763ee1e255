// The CNN step of bench/cnn.ts with conv2's input gradient by Winograd and by dY·Wᵀ + col2im (convForce.input),
// or with `filter` its filter gradient by Winograd and by im2col + GEMM (convForce.filter; 'col2im' then names
// im2col), alternated in one process: ASCENT_THREADS=1 npx tsx bench/tmp/wgrad-step.mts [rounds] [steps] [filter]
const root = process.env.ROOT ?? process.cwd();
const tf = await import(root + '/src/index.ts');
const { convForce, convPaths } = await import(root + '/src/ops/conv.ts');
const os = await import('node:os');
const rnd = (n: number, seed: number) => { let s = seed; return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1); };
await tf.ready();
if (process.env.THREADS) await tf.setThreads(Number(process.env.THREADS)); // (THREADS=2: the threaded build)
const x = tf.tensor(rnd(64 * 28 * 28, 1), [64, 28, 28, 1]);
const labels = tf.oneHot(tf.tensor(Int32Array.from({ length: 64 }, (_, i) => i % 10)), 10, 1, 0, 'float32');
const vars = [tf.variable(tf.tensor(rnd(9 * 32, 2), [3, 3, 1, 32]).mul(0.3)), tf.variable(tf.zeros([32])),
  tf.variable(tf.tensor(rnd(9 * 32 * 64, 3), [3, 3, 32, 64]).mul(0.08)), tf.variable(tf.zeros([64])),
  tf.variable(tf.tensor(rnd(1600 * 10, 4), [1600, 10]).mul(0.03)), tf.variable(tf.zeros([10]))];
const m = vars.map((v) => tf.variable(tf.zerosLike(v))), s = vars.map((v) => tf.variable(tf.zerosLike(v)));
let t = 0, last = 0;
const step = () => tf.tidy(() => {
  const tape = new tf.GradientTape();
  let h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x, vars[0], 1, 'valid'), vars[1])), 2, 2, 'valid');
  h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, vars[2], 1, 'valid'), vars[3])), 2, 2, 'valid');
  const logits = tf.add(tf.matMul(tf.reshape(h, [64, -1]), vars[4]), vars[5]);
  const loss = tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), -1)));
  const grads = tape.gradient(loss, vars) as tf.Tensor[];
  t++;
  const lr = 1e-3 * Math.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t);
  vars.forEach((v, i) => {
    m[i].assign(m[i].mul(0.9).add(grads[i].mul(0.1)));
    s[i].assign(s[i].mul(0.999).add(grads[i].square().mul(0.001)));
    v.assignSub(m[i].div(s[i].sqrt().add(1e-7)).mul(lr));
  });
  last = loss.dataSync()[0];
});
const rounds = Number(process.argv[2] ?? 10), steps = Number(process.argv[3] ?? 10), filter = process.argv[4] === 'filter';
console.log(`threads ${tf.getThreads()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (let i = 0; i < 5; i++) step();
const ts: Record<string, number[]> = { col2im: [], winograd: [] };
for (let r = 0; r < rounds; r++) for (const path of (r % 2 ? ['winograd', 'col2im'] : ['col2im', 'winograd'])) {
  if (filter) convForce.filter = path === 'col2im' ? 'im2col' : 'winograd';
  else convForce.input = path === 'col2im' ? 'col2im' : 'winograd';
  const key = filter ? 'winogradFilter' : 'winogradInput', before = convPaths[key];
  step();
  if ((convPaths[key] > before) !== (path === 'winograd')) throw new Error('path not taken');
  for (let i = 0; i < steps; i++) { const t0 = performance.now(); step(); ts[path].push(performance.now() - t0); }
}
const med = (a: number[]) => { const s = a.slice().sort((x, y) => x - y); return s[s.length >> 1]; };
const q = (a: number[], f: number) => { const s = a.slice().sort((x, y) => x - y); return s[Math.floor(f * (s.length - 1))]; };
for (const k of ['col2im', 'winograd']) console.log(`${k}: median ${med(ts[k]).toFixed(2)} ms, q10 ${q(ts[k], 0.1).toFixed(2)}, q90 ${q(ts[k], 0.9).toFixed(2)}`);
console.log(`col2im ÷ winograd (medians) ${(med(ts.col2im) / med(ts.winograd)).toFixed(3)}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
