// `npm run bench:threads`: ascent at 1 and 2 threads in one process (issue 18). Cases: GEMM 1024³ in its three
// forms (A·B, Aᵀ·B, A·Bᵀ), one Adam step of the MLP 784-256-128-64-32-10 at batch 256 (trainOnBatch, as bench/mlp.ts)
// and one training step of bench/cnn.ts's CNN ([64,28,28,1], two 3×3 convs, tape + Adam). Rounds alternate 1 and 2
// threads (the first 1-thread round runs on the default build, later ones on the threaded build's shared memory);
// each figure is the best of the rounds' medians, because this machine is shared with other work. Also checks that
// every case gives the same bytes at both counts. `-- --rounds 5` for more rounds.
import * as os from 'node:os';
import * as tf from '../src/index.js';
import { fmt, measure, printTable, randomData } from './util.js';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;

interface Case { name: string; goal?: number; setup(): { step(): void; result(): Float32Array; dispose(): void } }

function gemm(ta: boolean, tb: boolean): Case {
  return {
    name: `GEMM 1024 ${ta ? 'Aᵀ·B' : tb ? 'A·Bᵀ' : 'A·B'}`, goal: 1.8,
    setup() {
      const a = tf.tensor(randomData(1024 * 1024, 1), [1024, 1024]), b = tf.tensor(randomData(1024 * 1024, 2), [1024, 1024]);
      let last: tf.Tensor | null = null;
      return {
        step() { last?.dispose(); last = tf.matMul(a, b, ta, tb); last.dataSync(); },
        result: () => last!.dataSync() as Float32Array,
        dispose() { tf.dispose([a, b]); last?.dispose(); },
      };
    },
  };
}

const mlp: Case = {
  name: 'MLP 784-256-128-64-32-10 Adam step, batch 256', goal: 1.5,
  setup() {
    tf.setSeed(1);
    const sizes = [784, 256, 128, 64, 32, 10];
    const m = tf.sequential({ layers: sizes.slice(1).map((u, i) => tf.layers.dense({ units: u, activation: i === sizes.length - 2 ? 'softmax' : 'relu', ...(i === 0 ? { inputShape: [784] } : {}) })) });
    m.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
    const x = tf.tensor(randomData(256 * 784, 1), [256, 784]), y = tf.tensor(Int32Array.from({ length: 256 }, (_, i) => i % 10), [256], 'int32');
    return {
      step() { void m.trainOnBatch(x, y); },
      result: () => Float32Array.from(m.getWeights().flatMap((w) => Array.from(w.dataSync() as Float32Array))),
      dispose() { tf.dispose([x, y]); m.dispose(); },
    };
  },
};

const cnn: Case = {
  name: 'CNN step [64,28,28,1] conv32-pool-conv64-pool-dense10, Adam', goal: 1.6,
  setup() {
    const rnd = (n: number, seed: number) => randomData(n, seed);
    const x = tf.tensor(rnd(64 * 28 * 28, 1), [64, 28, 28, 1]);
    const labels = tf.oneHot(tf.tensor(Int32Array.from({ length: 64 }, (_, i) => i % 10), [64], 'int32'), 10, 1, 0, 'float32');
    const vars = [tf.variable(tf.mul(tf.tensor(rnd(9 * 32, 2), [3, 3, 1, 32]), 0.3)), tf.variable(tf.zeros([32])),
      tf.variable(tf.mul(tf.tensor(rnd(9 * 32 * 64, 3), [3, 3, 32, 64]), 0.08)), tf.variable(tf.zeros([64])),
      tf.variable(tf.mul(tf.tensor(rnd(1600 * 10, 4), [1600, 10]), 0.03)), tf.variable(tf.zeros([10]))];
    const opt = tf.train.adam(1e-3);
    return {
      step() {
        tf.tidy(() => {
          const tape = new tf.GradientTape();
          let h = tf.maxPool(tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, vars[0] as tf.Tensor4D, 1, 'valid'), vars[1])), 2, 2, 'valid');
          h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, vars[2] as tf.Tensor4D, 1, 'valid'), vars[3])), 2, 2, 'valid');
          const logits = tf.add(tf.matMul(tf.reshape(h, [64, -1]), vars[4]), vars[5]);
          const loss = tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), -1)));
          const grads = tape.gradient(loss, vars) as tf.Tensor[];
          opt.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] })));
          loss.dataSync();
        });
      },
      result: () => Float32Array.from(vars.flatMap((v) => Array.from(v.dataSync() as Float32Array))),
      dispose() { tf.dispose([x, labels, ...vars]); opt.dispose(); },
    };
  },
};

const CASES = [gemm(false, false), gemm(true, false), gemm(false, true), mlp, cnn];

/** Median ms of one case's step, and its result after a fixed number of steps from a fresh setup. */
function time(c: Case): { ms: number; bytes: Float32Array } {
  const s = c.setup();
  for (let i = 0; i < 3; i++) s.step();
  const bytes = s.result().slice();
  const ms = measure(() => s.step(), { budgetMs: 1500, minRuns: 5, warmupMs: 200 });
  s.dispose();
  return { ms, bytes };
}

await tf.ready();
console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} ` +
  `(the machine is shared: best of ${ROUNDS} rounds)`);
const best: Record<string, [number, number]> = {};
const same: Record<string, boolean> = {};
const first: Record<string, Float32Array> = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const n of [1, 2]) {
    if (round > 0 || n > 1) await tf.setThreads(n);
    for (const c of CASES) {
      const { ms, bytes } = time(c);
      const b = (best[c.name] ??= [Infinity, Infinity]);
      b[n - 1] = Math.min(b[n - 1], ms);
      first[c.name] ??= bytes;
      const f = first[c.name];
      same[c.name] = (same[c.name] ?? true) && f.length === bytes.length &&
        Buffer.compare(Buffer.from(f.buffer, f.byteOffset, f.byteLength), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) === 0;
    }
    console.log(`round ${round + 1}, ${n} thread${n > 1 ? 's' : ''}: done (load ${os.loadavg()[0].toFixed(2)})`);
  }
}
printTable(`ascent, 1 vs 2 threads: ms per call (best of ${ROUNDS} medians); ratio = 1-thread time ÷ 2-thread time`,
  ['case', '1 thread', '2 threads', 'ratio', 'goal', 'same bytes'],
  CASES.map((c) => {
    const [t1, t2] = best[c.name];
    return [c.name, fmt(t1), fmt(t2), `${fmt(t1 / t2)}×`, c.goal ? `≥ ${c.goal}×` : '', same[c.name] ? 'yes' : 'NO'];
  }));
await tf.setThreads(1);
