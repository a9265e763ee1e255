// Without `import 'ascent/keras'`, the core does not carry the Keras loader: loadLayersModel says how to get it.
import { expect, test } from 'vitest';
import * as tf from '../../src/index.js';

test("loadLayersModel('….keras') without ascent/keras names the import to add", async () => {
  await expect(tf.loadLayersModel('file://./model.keras')).rejects.toThrow(
    /^loadLayersModel: 'file:\/\/\.\/model\.keras' is a Keras file; import 'ascent\/keras' once/);
  await expect(tf.loadLayersModel('https://example.com/m.h5?v=2')).rejects.toThrow(/is a Keras file; import 'ascent\/keras' once/);
});

test("model.save('….keras') without ascent/keras names the import to add, and writes nothing", async () => {
  const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
  await expect(m.save('file://./never.keras')).rejects.toThrow(
    new RegExp(`^${m.name}\\.save: 'file://\\./never\\.keras' is a Keras file; import 'ascent/keras' once`));
  m.dispose();
});

test('tf.io.fromKeras without ascent/keras names the import to add', async () => {
  await expect(tf.loadLayersModel(tf.io.fromKeras(new Uint8Array(8)))).rejects.toThrow(/tf\.io\.fromKeras: import 'ascent\/keras' once/);
});
