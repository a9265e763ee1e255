// A model.json that declares huge layers fails before it takes the memory, and leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { tf } from '../helpers.js';

describe('hostile model.json', () => {
  it('a Dense of 10⁹ units with a tiny manifest is refused before anything big is allocated', async () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    let artifacts: tf.io.ModelArtifacts | null = null;
    await m.save(tf.io.withSaveHandler(async (a) => { artifacts = a; return { modelArtifactsInfo: {} as never }; }));
    const topo = JSON.parse(JSON.stringify(artifacts!.modelTopology));
    topo.config.layers[0].config.units = 1e9; // 3·10⁹ weights: 12 GB
    const before = tf.memory();
    await expect(tf.loadLayersModel(tf.io.fromMemory({ ...artifacts!, modelTopology: topo })))
      .rejects.toThrow(/^loadLayersModel: the model's topology needs more memory than its weights hold \(0\.0 MiB of weights in the manifest\)/);
    const after = tf.memory();
    expect([after.numTensors, after.numBytes]).toEqual([before.numTensors, before.numBytes]);
    expect(after.wasmPages - before.wasmPages).toBeLessThan(1); // nothing big was even tried
    m.dispose();
  });
});
