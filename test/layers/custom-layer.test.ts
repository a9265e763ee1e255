// The README's "Custom layers" example, as a user writes it: a class extending tf.layers.Layer (also
// tf.Layer) with build() → addWeight, call(), computeOutputShape(), getConfig(), a static className, registered
// with tf.serialization.registerClass; trained in a Sequential model, saved and reloaded in the Layers format.
import { describe, expect, it } from 'vitest';
import { expectClose, rand, tf } from '../helpers.js';

// ---- the README example (keep the two in step) ----
interface GatedDenseArgs extends tf.LayerArgs { units: number }

/** y = (x·W + b) ⊙ sigmoid(x·G): a dense layer with a learned gate. */
class GatedDense extends tf.layers.Layer {
  static className = 'GatedDense';
  readonly units: number;
  private w: tf.Variable | null = null;
  private b: tf.Variable | null = null;
  private g: tf.Variable | null = null;

  constructor(args: GatedDenseArgs) {
    super(args);
    this.units = args.units;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const d = (inputShape as tf.Shape).at(-1)!;
    this.w = this.addWeight('kernel', [d, this.units], 'glorotUniform');
    this.b = this.addWeight('bias', [this.units], 'zeros');
    this.g = this.addWeight('gate', [d, this.units], 'glorotUniform');
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.mul(tf.add(tf.matMul(x, this.w!), this.b!), tf.sigmoid(tf.matMul(x, this.g!)));
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [...(inputShape as tf.Shape).slice(0, -1), this.units];
  }

  getConfig() {
    return { ...super.getConfig(), units: this.units };
  }
}
tf.serialization.registerClass(GatedDense);
// ---- end of the README example ----

describe('custom layers (README "Custom layers")', () => {
  it('tf.layers.Layer is tf.Layer', () => expect(tf.layers.Layer).toBe(tf.Layer));

  it('builds, names its weights, computes y = (xW + b)·σ(xG), trains in a model, saves and reloads', async () => {
    const layer = new GatedDense({ units: 3, name: 'gated' });
    const x = rand([4, 5], 1);
    const y = layer.apply(x) as tf.Tensor;
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([['gated/kernel', [5, 3]], ['gated/bias', [3]], ['gated/gate', [5, 3]]]);
    const [w, b, g] = layer.getWeights();
    expectClose(y, tf.mul(tf.add(tf.matMul(x, w), b), tf.sigmoid(tf.matMul(x, g))), 1e-6, 1e-6);

    const model = tf.sequential({ layers: [new GatedDense({ units: 8, inputShape: [5] }), tf.layers.dense({ units: 1 })] });
    expect(model.outputShape).toEqual([null, 1]);
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
    const xs = rand([64, 5], 2), ys = tf.sum(tf.square(xs), 1, true);
    const h = await model.fit(xs, ys, { epochs: 30, batchSize: 16, verbose: 0 });
    const loss = h.history.loss as number[];
    expect(loss.at(-1)!).toBeLessThan(loss[0] * 0.5);

    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
    const json = JSON.stringify(saved!.modelTopology);
    expect(json).toContain('"class_name":"GatedDense"');
    expect(json).toContain('"units":8');
    const back = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    expect(back.layers[0]).toBeInstanceOf(GatedDense);
    expectClose(back.predict(xs) as tf.Tensor, model.predict(xs) as tf.Tensor, 1e-6, 1e-6);
  });
});
