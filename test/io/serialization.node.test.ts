// The user's path in Node: model.save('file://dir') and tf.loadLayersModel('file://dir/model.json') through
// real files, training resumed from disk, saveWeights / loadWeights, and a corrupted weights file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rand, tf } from '../helpers.js';

let root: string;
beforeAll(async () => { root = await mkdtemp(join(tmpdir(), 'ascent-ser-')); });
afterAll(() => rm(root, { recursive: true, force: true }));

const L = tf.layers;
const bits = (m: tf.Model) => m.weights.map((w) => Array.from(w.dataSync()));
const make = () => tf.sequential({ layers: [
  L.dense({ units: 6, activation: 'relu', inputShape: [3], kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
  L.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) })] });

describe('file://', () => {
  it('save → files → loadLayersModel resumes training bit for bit', async () => {
    const x = rand([10, 3], 1), y = rand([10, 1], 2);
    const straight = make();
    straight.compile({ optimizer: 'adam', loss: 'mse' });
    for (let i = 0; i < 4; i++) await straight.trainOnBatch(x, y);
    const m = make();
    m.compile({ optimizer: 'adam', loss: 'mse' });
    for (let i = 0; i < 2; i++) await m.trainOnBatch(x, y);
    await m.save(`file://${join(root, 'm')}`, { includeOptimizer: true });
    const json = JSON.parse(await readFile(join(root, 'm', 'model.json'), 'utf8'));
    expect(json).toMatchObject({ format: 'layers-model', modelTopology: { class_name: 'Sequential' }, trainingConfig: { loss: 'mse' },
      weightsManifest: [{ paths: ['weights.bin'] }] });
    const m2 = await tf.loadLayersModel(`file://${join(root, 'm', 'model.json')}`);
    for (let i = 0; i < 2; i++) await m2.trainOnBatch(x, y);
    expect(bits(m2)).toEqual(bits(straight));
  });

  it('saveWeights / loadWeights, and a truncated weights.bin leaves the model unchanged', async () => {
    const m = make();
    await m.saveWeights(`file://${join(root, 'w')}`);
    const other = make();
    tf.tidy(() => other.weights[0].assign(tf.zerosLike(other.weights[0])));
    await other.loadWeights(`file://${join(root, 'w', 'model.json')}`);
    expect(bits(other)).toEqual(bits(m));
    const bin = join(root, 'w', 'weights.bin');
    await writeFile(bin, (await readFile(bin)).subarray(0, 40));
    const before = bits(other);
    await expect(other.loadWeights(`file://${join(root, 'w', 'model.json')}`)).rejects.toThrow(/weights\.bin|40 bytes/);
    expect(bits(other)).toEqual(before);
  });
});
