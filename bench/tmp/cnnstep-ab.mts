// The CNN step of bench/cnn.ts alone, for profiles and A/B: ASCENT_THREADS=1 npx tsx bench/tmp/cnnstep-ab.mts [runs]
const tf = await import(process.env.ROOT + '/src/index.ts');
const rnd = (n: number, seed: number) => { let s = seed; return Float32Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1); };
await tf.ready();
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
const runs = Number(process.argv[2] ?? 30);
for (let i = 0; i < 5; i++) step();
const ts: number[] = [];
for (let i = 0; i < runs; i++) { const t0 = performance.now(); step(); ts.push(performance.now() - t0); }
ts.sort((a, b) => a - b);
let h = 0; for (const v of vars) for (const e of new Uint32Array(v.dataSync().buffer)) h = (Math.imul(h, 31) + e) | 0;
console.log(`step median ${ts[ts.length >> 1].toFixed(2)} ms, min ${ts[0].toFixed(2)} ms; loss ${last}; weights hash ${h}`);
