// Keras 3 itself loads the .keras files ascent writes (issue 16), in one python3 process
// (scripts/keras16-check.py): the Keras fixtures loaded and saved again, models built in ascent, every layer
// of the Layers-format round trip (test/layers/roundtrip/*.ts), and the optimizer state (includeOptimizer) with
// which Keras's next training step matches ascent's. Skipped, saying why, when python3 cannot import keras.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as tf from '../../src/index.js';
import { fromKeras, toKeras } from '../../src/keras/index.js';
import { fixture, flat, refs, mlp, type Ref } from './fixtures.js';
import { built, inputsFor as builtInputs } from './models.js';
import { inputsFor, randomizeWeights, type RoundTripCase } from '../layers/roundtrip/case.js';
import differences from './keras-save-differences.json';

const probe = spawnSync('python3', ['-c', 'import keras, h5py'], { encoding: 'utf8' });
const noKeras = probe.status !== 0 ? `python3 cannot import keras (${(probe.stderr || String(probe.error)).trim().split('\n').pop()})` : null;
if (noKeras) console.warn(`save.node.test.ts skipped: ${noKeras}`);

type Out = [number[], number[]];
interface Entry { name: string; file: string; inputs: Out[]; outputs?: Out[]; step?: { x: Out; y: Out } }
interface Result { outputs?: Out[]; loss?: number; weights?: number[][]; error?: string }
const pair = (t: tf.Tensor): Out => [Array.from(t.dataSync()), t.shape.slice()];
const dir = mkdtempSync(join(tmpdir(), 'ascent-keras-save-'));
const entries: Entry[] = [];
const refused = new Map<string, string>();
let results = new Map<string, Result>();

function expectClose(got: Out, want: Out, what: string): void {
  expect(got[1], `${what}: shape`).toEqual(want[1]);
  const tol = 1e-4 + 1e-3 * Math.max(0, ...want[0].map(Math.abs));
  let worst = 0;
  for (let i = 0; i < want[0].length; i++) worst = Math.max(worst, Math.abs(got[0][i] - want[0][i]));
  expect(worst, `${what}: max |Keras − ascent|`).toBeLessThanOrEqual(tol);
}

/** Saves the model for Keras with its inputs and ascent's own outputs (or records why toKeras refused it). */
async function add(name: string, m: tf.LayersModel, xs: tf.Tensor[], extra: Partial<Entry> = {}, includeOptimizer = false): Promise<void> {
  const ys = [m.predict(xs.length === 1 ? xs[0] : xs)].flat() as tf.Tensor[];
  const file = join(dir, `${entries.length}.keras`);
  try {
    await m.save(`file://${file}`, { includeOptimizer });
    entries.push({ name, file, inputs: xs.map(pair), outputs: ys.map(pair), ...extra });
  } catch (e) {
    refused.set(name, (e as Error).message);
  }
  tf.dispose([...xs, ...ys]);
}

const roundTripFiles = ['attn15', 'base', 'conv15', 'misc15', 'rnn15'];

beforeAll(async () => {
  if (noKeras) return;
  await tf.ready();
  // the Keras fixtures, through ascent (refs hold Keras's own prediction)
  for (const name of Object.keys(refs)) {
    const m = fromKeras(await fixture(`${name}.keras`));
    const r = refs[name] as Ref;
    const xs = r.inputs ? r.inputs.map((a, i) => tf.tensor(flat(a), r.inputShapes![i])) : [tf.tensor(flat(r.input), r.inputShape!)];
    await add(`fixture ${name}`, m, xs, { outputs: [[flat(r.output), r.outputShape]] }, true);
    m.dispose();
  }
  // mlp.keras with Keras's Adam state, saved again by ascent: Keras's next step must still be the fixture's
  const ref = mlp as unknown as { trainX: number[][]; trainY: number[][]; input: number[][] };
  const step = { x: [flat(ref.trainX), [6, 4]] as Out, y: [flat(ref.trainY), [6, 3]] as Out };
  const m0 = fromKeras(await fixture('mlp.keras'));
  await add('mlp step', m0, [tf.tensor(flat(ref.input), [2, 4])], { step }, true);
  m0.dispose();
  // trained in ascent (tf.train.momentum: tfjs's accumulator form; tf.optimizers.Adam), then one more step in both
  for (const [label, opt] of [['momentum', () => tf.train.momentum(0.05, 0.9)], ['adam', () => new tf.optimizers.Adam({ learningRate: 0.02 })]] as const) {
    const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 5, activation: 'tanh' }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
    m.compile({ optimizer: opt(), loss: 'categoricalCrossentropy' });
    const x = tf.tensor(step.x[0], step.x[1]), y = tf.tensor(step.y[0], step.y[1]);
    for (let i = 0; i < 3; i++) await m.trainOnBatch(x, y);
    const file = join(dir, `${label}.keras`);
    await m.save(`file://${file}`, { includeOptimizer: true });
    const loss = await m.trainOnBatch(x, y) as number;
    entries.push({ name: `ascent ${label} step`, file, inputs: [pair(x)], step, outputs: [[[loss], []], ...m.getWeights().map(pair)] });
    tf.dispose([x, y]); m.dispose();
  }
  for (const b of built) { const m = b.make(); await add(`built ${b.name}`, m, builtInputs(b)); m.dispose(); }
  for (const f of roundTripFiles) {
    const { cases } = await import(`../layers/roundtrip/${f}.ts`) as { cases: RoundTripCase[] };
    for (const c of cases) {
      const inputs = c.inputShapes.map((s) => tf.input({ shape: s }));
      const out = c.make().apply(inputs.length === 1 ? inputs[0] : inputs) as tf.SymbolicTensor | tf.SymbolicTensor[];
      const m = tf.model({ inputs, outputs: out });
      randomizeWeights(m);
      await add(`${f}: ${c.name}`, m, inputsFor(c, 7));
      m.dispose();
    }
  }
  const manifest = join(dir, 'manifest.json');
  writeFileSync(manifest, JSON.stringify(entries));
  const stdout = execFileSync('python3', ['scripts/keras16-check.py', manifest], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
  const list = JSON.parse(stdout) as Result[];
  results = new Map(entries.map((e, i) => [e.name, list[i]]));
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(noKeras !== null)('Keras 3 loads the .keras files ascent writes and predicts the same', () => {
  test('every Keras fixture, loaded and saved again by ascent, predicts what Keras predicted', () => {
    for (const name of Object.keys(refs)) {
      const e = entries.find((x) => x.name === `fixture ${name}`)!, r = results.get(e.name)!;
      expect(r.error, name).toBeUndefined();
      expectClose(r.outputs![0], e.outputs![0], name);
    }
  });
  test("mlp.keras's Adam state survives ascent: Keras's next step is the step Keras took from its own file", () => {
    const r = results.get('mlp step')!;
    const ref = mlp as unknown as { stepLoss: number; weightsAfterStep: unknown[]; weightShapesAfterStep: number[][] };
    expect(r.error).toBeUndefined();
    expect(Math.abs(r.loss! - ref.stepLoss)).toBeLessThanOrEqual(1e-5 + 1e-4 * Math.abs(ref.stepLoss));
    r.weights!.forEach((w, i) => expectClose([w, ref.weightShapesAfterStep[i]], [flat(ref.weightsAfterStep[i]), ref.weightShapesAfterStep[i]], `weight ${i}`));
  });
  for (const label of ['momentum', 'adam']) {
    test(`trained in ascent with ${label}: Keras's next step matches ascent's (loss and weights)`, () => {
      const e = entries.find((x) => x.name === `ascent ${label} step`)!, r = results.get(e.name)!;
      expect(r.error).toBeUndefined();
      const [loss, ...weights] = e.outputs!;
      expect(Math.abs(r.loss! - loss[0][0])).toBeLessThanOrEqual(1e-5 + 1e-4 * Math.abs(loss[0][0]));
      weights.forEach((w, i) => expectClose([r.weights![i], w[1]], w, `${label} weight ${i}`));
    });
  }
  test('models built in ascent (each layer family) predict the same in Keras', () => {
    for (const b of built) {
      const name = `built ${b.name}`, r = results.get(name);
      expect(refused.get(name), name).toBeUndefined();
      expect(r?.error, name).toBeUndefined();
      r!.outputs!.forEach((o, i) => expectClose(o, entries.find((x) => x.name === name)!.outputs![i], name));
    }
  });
  test('every layer of the Layers-format round trip: Keras predicts the same, or ascent refuses it for a listed reason', () => {
    const listed = differences as Record<string, string>;
    const problems: string[] = [];
    let seen = 0;
    for (const e of entries) {
      if (!roundTripFiles.some((f) => e.name.startsWith(`${f}: `))) continue;
      const r = results.get(e.name)!;
      if (r.error) { problems.push(`${e.name}: Keras cannot load ascent's file: ${r.error.split('\n').pop()}`); continue; }
      if (listed[e.name]) problems.push(`${e.name}: loads in Keras now; remove it from keras-save-differences.json`);
      if (r.outputs!.length !== e.outputs!.length) { problems.push(`${e.name}: ${r.outputs!.length} outputs in Keras, ${e.outputs!.length} in ascent`); continue; }
      r.outputs!.forEach((o, i) => {
        const want = e.outputs![i], tol = 1e-4 + 1e-3 * Math.max(0, ...want[0].map(Math.abs));
        const worst = Math.max(0, ...want[0].map((w, j) => Math.abs(o[0][j] - w)));
        if (JSON.stringify(o[1]) !== JSON.stringify(want[1]) || !(worst <= tol)) problems.push(`${e.name}: output ${i} [${o[1]}] vs [${want[1]}], max err ${worst}`);
      });
      seen++;
    }
    for (const [name, message] of refused) {
      if (!roundTripFiles.some((f) => name.startsWith(`${f}: `))) continue;
      if (!listed[name] || !message.includes(listed[name])) problems.push(`${name}: refused, and keras-save-differences.json does not list it: ${message}`);
    }
    for (const name of Object.keys(listed)) if (!refused.has(name) && !entries.some((e) => e.name === name)) problems.push(`${name}: listed, but no such case`);
    expect(problems).toEqual([]);
    expect(seen).toBeGreaterThan(80);
  });
});

test('toKeras refuses what Keras 3 computes differently, naming the layer', () => {
  const lstm = tf.sequential({ layers: [tf.layers.lstm({ inputShape: [3, 2], units: 2 })] });
  expect(() => toKeras(lstm)).toThrow(/^toKeras: layer 'lstm\w*' \(LSTM\) uses recurrent_activation 'hard_sigmoid', which is relu6\(x \+ 3\) \/ 6 in Keras 3/);
  lstm.dispose();
});
