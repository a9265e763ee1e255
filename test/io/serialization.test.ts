// model.save / tf.loadLayersModel / saveWeights / loadWeights in TensorFlow.js' layers-model format:
// round trips of Sequential and functional models with every layer type (predictions equal bit for bit),
// the JSON's shape, subclassed and custom classes, and corrupt or mismatched artifacts (clear errors, the
// target model unchanged, nothing leaked).
import { describe, expect, it } from 'vitest';
import { expectClose, rand, tf } from '../helpers.js';
import type { ModelArtifacts } from '../../src/io/types.js';

const L = tf.layers;
const vals = (t: tf.Tensor | tf.Tensor[]) => (Array.isArray(t) ? t : [t]).map((x) => Array.from(x.dataSync()));
const flat = (t: tf.Tensor) => Array.from(t.dataSync());

/** model.save into memory, the topology through JSON text as on disk. */
async function saved(m: tf.Model, config?: { includeOptimizer?: boolean }): Promise<ModelArtifacts> {
  let art: ModelArtifacts | undefined;
  await m.save(tf.io.withSaveHandler(async (a) => { art = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }), config);
  return { ...art!, modelTopology: JSON.parse(JSON.stringify(art!.modelTopology)) };
}

async function weightsOnly(m: tf.Model): Promise<ModelArtifacts> {
  let art: ModelArtifacts | undefined;
  await m.saveWeights(tf.io.withSaveHandler(async (a) => { art = a; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
  return art!;
}

/** Every weight set to distinct values in [0.5, 1.5) (positive, so moving variances stay valid). */
function randomize(m: tf.Model, seed = 1): void {
  for (const w of m.weights) tf.tidy(() => w.assign(tf.randomUniform(w.shape, 0.5, 1.5, 'float32', seed++)));
}

const load = (a: ModelArtifacts, o?: { strict?: boolean; compile?: boolean }) => tf.loadLayersModel(tf.io.fromMemory(a), o);

function imageModel(): tf.Sequential {
  return tf.sequential({ layers: [
    L.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', kernelRegularizer: tf.regularizers.l2({ l2: 0.01 }), inputShape: [8, 8, 2] }),
    L.batchNormalization(),
    L.maxPooling2d({ poolSize: 2 }),
    L.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }),
    L.leakyReLU({ alpha: 0.1 }),
    L.flatten(),
    L.dense({ units: 6, activation: 'tanh', kernelInitializer: 'heNormal' }),
    L.dropout({ rate: 0.3 }),
    L.reshape({ targetShape: [2, 3] }),
    L.softmax({ axis: -1 }),
    L.flatten(),
    L.elu({ alpha: 0.5 }),
    L.reLU({ maxValue: 6 }),
    L.activation({ activation: 'sigmoid' }),
    L.dense({ units: 2, useBias: false }),
  ] });
}

describe('save → loadLayersModel round trips', () => {
  it('a Sequential model with every layer type predicts the same bits', async () => {
    const m = imageModel();
    randomize(m);
    const x = rand([3, 8, 8, 2], 5);
    const a = await saved(m);
    const before = tf.memory().numTensors;
    const m2 = await load(a);
    expect(tf.memory().numTensors - before, 'only the weights stay allocated').toBe(m2.weights.length);
    expect(m2).toBeInstanceOf(tf.Sequential);
    expect(m2.layers.map((l) => l.getClassName())).toEqual(m.layers.map((l) => l.getClassName()));
    expect(m2.layers.map((l) => l.name)).toEqual(m.layers.map((l) => l.name));
    expect(m2.weights.map((w) => w.name)).toEqual(m.weights.map((w) => w.name));
    expect(vals(m2.predict(x))).toEqual(vals(m.predict(x)));
    // configs survive (regularizer, initializer, trainable flags of the moving statistics)
    expect(m2.layers[0].getConfig()).toEqual(m.layers[0].getConfig());
    expect(m2.layers[6].getConfig()).toEqual(m.layers[6].getConfig());
    expect(m2.nonTrainableWeights.map((w) => w.name)).toEqual(m.nonTrainableWeights.map((w) => w.name));
    // and the loaded model saves to the same artifacts
    const b = await saved(m2);
    expect(b.modelTopology).toEqual(a.modelTopology);
    expect(b.weightSpecs).toEqual(a.weightSpecs);
    expect(new Uint8Array(b.weightData!)).toEqual(new Uint8Array(a.weightData!));
  });

  it('embedding and an explicit InputLayer; a model built later gets its input shape saved', async () => {
    const m = tf.sequential({ layers: [L.inputLayer({ inputShape: [3] }), L.embedding({ inputDim: 10, outputDim: 4 }), L.flatten(), L.dense({ units: 2 })] });
    randomize(m, 10);
    const ids = tf.tensor2d([[1, 2, 9], [0, 0, 3]], [2, 3], 'int32');
    const m2 = await load(await saved(m));
    expect(vals(m2.predict(ids))).toEqual(vals(m.predict(ids)));

    const late = tf.sequential({ layers: [L.dense({ units: 3 }), L.dense({ units: 1 })] });
    late.build([null, 5]);
    randomize(late, 20);
    const a = await saved(late);
    expect(((a.modelTopology as any).config.layers[0].config.batch_input_shape)).toEqual([null, 5]);
    const x = rand([2, 5], 3);
    expect(vals((await load(a)).predict(x))).toEqual(vals(late.predict(x)));
  });

  it('a functional model: two inputs, three outputs, a shared layer called twice, a nested Sequential', async () => {
    const img = tf.input({ shape: [6, 6, 1] }), vec = tf.input({ shape: [3] });
    const c = L.conv2d({ filters: 2, kernelSize: 3 }).apply(img);
    const g = L.globalAveragePooling2d().apply(c);
    const d1 = L.dense({ units: 4, activation: 'relu' }).apply(g);
    const shared = L.dense({ units: 4, activation: 'tanh' });
    const a1 = shared.apply(d1);
    const a2 = shared.apply(a1);
    const inner = tf.sequential({ layers: [L.dense({ units: 3, inputShape: [4] }), L.dense({ units: 2 })] });
    const out1 = inner.apply(a2) as tf.SymbolicTensor;
    const out2 = L.activation({ activation: 'softmax' }).apply(a1);
    const out3 = L.dense({ units: 1 }).apply(vec);
    const m = tf.model({ inputs: [img, vec], outputs: [out1, out2, out3] });
    randomize(m, 30);
    const a = await saved(m);
    const topo = a.modelTopology as any;
    expect(topo.class_name).toBe('Model');
    expect(topo.config.input_layers).toEqual([[img.name, 0, 0], [vec.name, 0, 0]]);
    const sharedEntry = topo.config.layers.find((l: any) => l.name === shared.name);
    expect(sharedEntry.inbound_nodes).toEqual([[[d1.sourceLayer!.name, 0, 0, {}]], [[shared.name, 0, 0, {}]]]);
    expect(topo.config.output_layers).toEqual([[inner.name, 0, 0], [out2.sourceLayer!.name, 0, 0], [out3.sourceLayer!.name, 0, 0]]);

    const m2 = await load(a);
    const xs = [rand([2, 6, 6, 1], 7), rand([2, 3], 8)];
    expect(vals(m2.predict(xs))).toEqual(vals(m.predict(xs)));
    expect(m2.weights.map((w) => w.name).sort()).toEqual(m.weights.map((w) => w.name).sort());
    expect((await saved(m2)).modelTopology).toEqual(topo);
  });

  it('the JSON is the tfjs layers format: snake_case keys and values, names kept, keras_version, backend', async () => {
    const m = tf.sequential({ name: 'myModel', layers: [L.conv2d({ name: 'convA', filters: 2, kernelSize: 2, inputShape: [4, 4, 1], dataFormat: 'channelsLast' }),
      L.flatten(), L.dense({ units: 1, kernelInitializer: 'glorotUniform' })] });
    const a = await saved(m);
    expect(a.format).toBe('layers-model');
    expect(a.generatedBy).toBe(`ascent ${tf.version}`);
    expect(a.convertedBy).toBeNull();
    const t = a.modelTopology as any;
    expect(t).toMatchObject({ class_name: 'Sequential', backend: 'tensor_flow.js', config: { name: 'myModel' } });
    expect(t.keras_version).toMatch(/^ascent /);
    expect(t.config.layers[0]).toMatchObject({ class_name: 'Conv2D', config: { name: 'convA', kernel_size: [2, 2], data_format: 'channels_last',
      use_bias: true, batch_input_shape: [null, 4, 4, 1], dtype: 'float32', kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } } } });
    expect(a.weightSpecs).toEqual([
      { name: 'convA/kernel', shape: [2, 2, 1, 2], dtype: 'float32' }, { name: 'convA/bias', shape: [2], dtype: 'float32' },
      { name: m.layers[2].name + '/kernel', shape: [18, 1], dtype: 'float32' }, { name: m.layers[2].name + '/bias', shape: [1], dtype: 'float32' }]);
    expect(a.weightData!.byteLength).toBe((8 + 2 + 18 + 1) * 4);
    expect(JSON.parse(m.toJSON() as string)).toEqual(t);
    expect(m.toJSON(null, false)).toEqual(t);
    const fresh = await tf.models.modelFromJSON(t);
    expect(fresh.weights.map((w) => w.shape)).toEqual(m.weights.map((w) => w.shape));
  });

  it('trainableOnly saves the trainable weights; frozen layers stay frozen', async () => {
    const m = tf.sequential({ layers: [L.dense({ units: 2, inputShape: [2], trainable: false }), L.batchNormalization(), L.dense({ units: 1 })] });
    const a = await saved(m);
    const m2 = await load(a);
    expect(m2.layers[0].trainable).toBe(false);
    expect(m2.trainableWeights.map((w) => w.name)).toEqual(m.trainableWeights.map((w) => w.name));
    let only: ModelArtifacts | undefined;
    await m.save(tf.io.withSaveHandler(async (x) => { only = x; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }), { trainableOnly: true });
    expect(only!.weightSpecs!.map((s) => s.name)).toEqual(m.trainableWeights.map((w) => w.name));
  });
});

describe('saveWeights / loadWeights', () => {
  it('round trips into another instance of the architecture (by position) and by name', async () => {
    const make = () => tf.sequential({ layers: [L.dense({ units: 3, inputShape: [4], activation: 'relu' }), L.batchNormalization(), L.dense({ units: 2 })] });
    const m = make();
    randomize(m, 40);
    const a = await weightsOnly(m);
    expect(a.modelTopology).toBeUndefined();
    const other = make();
    expect(other.weights[0].name).not.toBe(m.weights[0].name);
    await other.loadWeights(tf.io.fromMemory(a));
    const x = rand([5, 4], 2);
    expect(vals(other.predict(x))).toEqual(vals(m.predict(x)));
    // the same model, by name
    const before = vals(m.predict(x));
    randomize(m, 99);
    await m.loadWeights(tf.io.fromMemory(a));
    expect(vals(m.predict(x))).toEqual(before);
    // tfjs' form: a {name: tensor} map, synchronously
    const map = Object.fromEntries(other.weights.map((w) => [w.name, tf.zerosLike(w)]));
    other.loadWeights(map);
    expect(vals(other.weights[0])[0].every((v) => v === 0)).toBe(true);
  });

  it('subclassed models save their weights; model.save explains why the topology cannot be saved', async () => {
    class Net extends tf.Model {
      d1 = L.dense({ units: 3, activation: 'relu' });
      d2 = L.dense({ units: 1 });
      call(x: tf.Tensor | tf.Tensor[]) { return this.d2.apply(this.d1.apply(x) as tf.Tensor) as tf.Tensor; }
    }
    const m = new Net();
    const x = rand([2, 5], 1);
    m.predict(x);
    const a = await weightsOnly(m);
    expect(a.weightSpecs!.length).toBe(4);
    const m2 = new Net();
    m2.predict(x);
    await m2.loadWeights(tf.io.fromMemory(a));
    expect(vals(m2.predict(x))).toEqual(vals(m.predict(x)));
    await expect(saved(m)).rejects.toThrow(/subclassed model \(Net\) cannot be serialised.*saveWeights.*registerClass/);
  });

  it('a registered subclassed model and a registered custom layer save and load', async () => {
    class Scale extends tf.Layer {
      static className = 'Scale';
      factor: number;
      constructor(args: { factor?: number; name?: string } = {}) { super(args); this.factor = args.factor ?? 2; }
      call(x: tf.Tensor | tf.Tensor[]) { return tf.mul(x as tf.Tensor, this.factor); }
      getConfig() { return { ...super.getConfig(), factor: this.factor }; }
    }
    class Net2 extends tf.Model {
      static className = 'Net2';
      units: number;
      d: tf.Layer;
      constructor(args: { units?: number; name?: string } = {}) { super(args); this.units = args.units ?? 2; this.d = L.dense({ units: this.units }); }
      call(x: tf.Tensor | tf.Tensor[]) { return this.d.apply(x) as tf.Tensor; }
      getConfig() { return { ...super.getConfig(), units: this.units }; }
    }
    const seq = tf.sequential({ layers: [L.dense({ units: 2, inputShape: [3] }), new Scale({ factor: 3 })] });
    const a = await saved(seq);
    await expect(load(a)).rejects.toThrow(/loadLayersModel: unknown layer class 'Scale' \(known: .*Dense.*\); register custom classes/);
    tf.serialization.registerClass(Scale);
    tf.serialization.registerClass(Net2);
    const x = rand([4, 3], 6);
    expect(vals((await load(a)).predict(x))).toEqual(vals(seq.predict(x)));

    const n = new Net2({ units: 5 });
    n.predict(x);
    const n2 = await load(await saved(n));
    expect(n2).toBeInstanceOf(Net2);
    expect((n2 as Net2).units).toBe(5);
    expect(vals(n2.predict(rand([7, 3], 2)))).toEqual(vals(n.predict(rand([7, 3], 2))));
  });
});

describe('corrupt, truncated and mismatched artifacts', () => {
  const make = () => tf.sequential({ layers: [L.dense({ units: 4, inputShape: [3] }), L.dense({ units: 2 })] });
  const clone = (a: ModelArtifacts): ModelArtifacts => ({ ...a, modelTopology: JSON.parse(JSON.stringify(a.modelTopology)),
    weightSpecs: JSON.parse(JSON.stringify(a.weightSpecs)), weightData: a.weightData!.slice(0) });

  /** The error of loading `a`, with a check that no tensor leaked. */
  async function loadError(a: ModelArtifacts, o?: { strict?: boolean }): Promise<string> {
    const before = tf.memory().numTensors;
    const e = await load(a, o).then(() => null, (err: Error) => err);
    expect(e, 'load should fail').not.toBeNull();
    expect(tf.memory().numTensors).toBe(before);
    return e!.message;
  }

  it('a weight of the wrong shape', async () => {
    const a = clone(await saved(make()));
    (a.modelTopology as any).config.layers[0].config.units = 5; // the model now wants [3, 5]
    expect(await loadError(a)).toMatch(/loadLayersModel: weight '.*\/kernel' is \[3,5\] float32 in the model but \[3,4\] float32 in the file/);
  });

  it('a missing weight, and an extra one (strict), both accepted with strict: false', async () => {
    const m = make();
    const a = clone(await saved(m));
    const noBias: ModelArtifacts = { ...a, weightSpecs: a.weightSpecs!.slice(0, 3), weightData: a.weightData!.slice(0, (12 + 4 + 8) * 4) };
    expect(await loadError(noBias)).toMatch(/1 of the model's 4 weights are missing from the file: '.*\/bias'/);
    const lenient = await load(noBias, { strict: false });
    expect(vals(lenient.weights[0])).toEqual(vals(m.weights[0]));
    const extra: ModelArtifacts = { ...a, weightSpecs: [...a.weightSpecs!, { name: 'ghost/kernel', shape: [1], dtype: 'float32' }],
      weightData: new Uint8Array([...new Uint8Array(a.weightData!), 0, 0, 0, 0]).buffer };
    expect(await loadError(extra)).toMatch(/the file has 1 weight\(s\) the model does not: 'ghost\/kernel'/);
    await expect(load(extra, { strict: false })).resolves.toBeInstanceOf(tf.Sequential);
  });

  it('truncated or oversized weight data', async () => {
    const a = clone(await saved(make()));
    const cut = { ...a, weightData: a.weightData!.slice(0, a.weightData!.byteLength - 6) };
    expect(await loadError(cut)).toMatch(/weight data holds 98 bytes but the 4 weight specs need 104 \(weight '.*\/bias' \[2\] at byte 96 is cut off\)/);
    const long = { ...a, weightData: new Uint8Array(a.weightData!.byteLength + 4).buffer };
    expect(await loadError(long)).toMatch(/holds 108 bytes but the 4 weight specs need 104/);
  });

  it('bad JSON, a malformed topology, an unknown class, a graph model, weights without topology', async () => {
    const a = clone(await saved(make()));
    expect(await loadError({ ...a, modelTopology: '{"class_name": "Sequential", "config": ' as any })).toMatch(/loadLayersModel: the model topology is not valid JSON/);
    expect(await loadError({ ...a, modelTopology: { config: {} } })).toMatch(/the model topology must be \{class_name, config/);
    const unknown = clone(a);
    (unknown.modelTopology as any).config.layers[1].class_name = 'Foo';
    expect(await loadError(unknown)).toMatch(/loadLayersModel: unknown layer class 'Foo' \(known: Dense, Conv2D/);
    expect(await loadError({ ...a, format: 'graph-model' })).toMatch(/format is 'graph-model'; ascent loads 'layers-model'/);
    expect(await loadError({ weightSpecs: a.weightSpecs, weightData: a.weightData })).toMatch(/no modelTopology.*model.loadWeights/);
    expect(await loadError({ ...a, weightSpecs: undefined })).toMatch(/weight data but no weight specs/);
    const badDtype = clone(a);
    badDtype.weightSpecs![0].dtype = 'string';
    expect(await loadError(badDtype)).toMatch(/weight '.*\/kernel' has dtype 'string'/);
  });

  it('loadWeights checks everything first: a bad file leaves the model unchanged', async () => {
    const m = make();
    randomize(m, 3);
    const before = m.weights.map((w) => vals(w)[0]);
    const other = tf.sequential({ layers: [L.dense({ units: 4, inputShape: [3] }), L.dense({ units: 3 })] }); // last layer differs
    const a = await weightsOnly(other);
    await expect(m.loadWeights(tf.io.fromMemory(a))).rejects.toThrow(/loadWeights: weight '.*\/kernel' is \[4,2\] float32 in the model but \[4,3\] float32 in the file \(matched by position/);
    const cut = { ...(await weightsOnly(make())) };
    cut.weightData = cut.weightData!.slice(0, 20);
    await expect(m.loadWeights(tf.io.fromMemory(cut))).rejects.toThrow(/holds 20 bytes but the 4 weight specs need 104/);
    expect(m.weights.map((w) => vals(w)[0])).toEqual(before);
  });

  it('save refuses what cannot be written faithfully', async () => {
    const dup = tf.sequential({ layers: [L.dense({ name: 'same', units: 2, inputShape: [2] }), L.dense({ name: 'same', units: 2 })] });
    await expect(saved(dup)).rejects.toThrow(/two weights of the model are named 'same\/kernel'/);
    const custom = tf.sequential({ layers: [L.dense({ units: 2, inputShape: [2], activation: (x: tf.Tensor) => tf.mul(x, 2) })] });
    await expect(saved(custom)).rejects.toThrow(/custom activation function/);
    await expect(dup.save('nope://x')).rejects.toThrow(/no save handler for "nope:\/\/x"/);
  });
});

describe('tf.io.encodeWeights / decodeWeights', () => {
  it('round trips float32, int32 and bool, with groups', () => {
    const ts = { a: tf.tensor([1.5, -2, 3e-8], [3]), b: tf.tensor([[7, -8]], [1, 2], 'int32'), c: tf.tensor([true, false, true], [3], 'bool') };
    const { data, specs } = tf.io.encodeWeights(ts, 'optimizer');
    expect(specs).toEqual([{ name: 'a', shape: [3], dtype: 'float32', group: 'optimizer' }, { name: 'b', shape: [1, 2], dtype: 'int32', group: 'optimizer' },
      { name: 'c', shape: [3], dtype: 'bool', group: 'optimizer' }]);
    expect(data.byteLength).toBe(12 + 8 + 3);
    const out = tf.io.decodeWeights(data, specs);
    for (const k of ['a', 'b', 'c'] as const) {
      expect(out[k].dtype).toBe(ts[k].dtype);
      expect(out[k].shape).toEqual(ts[k].shape);
      expect(flat(out[k])).toEqual(flat(ts[k]));
    }
  });

  it('dequantizes uint8, uint16 and float16 weights', () => {
    const u8 = new Uint8Array([0, 1, 255]), u16 = new Uint16Array([0, 2, 65535]);
    // float16: 1, -2, 65504 (max), 2^-24 (smallest subnormal), 2^-14·(1023/1024) (largest subnormal), -0, Inf, NaN
    const f16 = new Uint16Array([0x3c00, 0xc000, 0x7bff, 0x0001, 0x03ff, 0x8000, 0x7c00, 0x7e00]);
    const data = new Uint8Array([...u8, 0, ...new Uint8Array(u16.buffer), ...new Uint8Array(f16.buffer)]);
    const specs = [
      { name: 'q8', shape: [3], dtype: 'float32' as const, quantization: { dtype: 'uint8' as const, scale: 0.5, min: -1 } },
      { name: 'pad', shape: [1], dtype: 'bool' as const },
      { name: 'q16', shape: [3], dtype: 'int32' as const, quantization: { dtype: 'uint16' as const, scale: 0.3, min: 1 } },
      { name: 'h', shape: [8], dtype: 'float32' as const, quantization: { dtype: 'float16' as const } },
    ];
    const out = tf.io.decodeWeights(data.buffer, specs);
    expect(flat(out.q8)).toEqual([-1, -0.5, 126.5]);
    expect(flat(out.q16)).toEqual([1, 2, Math.round(65535 * 0.3 + 1)]);
    expect(flat(out.h)).toEqual([1, -2, 65504, 2 ** -24, 2 ** -14 * (1023 / 1024), -0, Infinity, NaN]);
    expect(() => tf.io.decodeWeights(new ArrayBuffer(3), [{ name: 'q', shape: [3], dtype: 'float32', quantization: { dtype: 'uint8' } }]))
      .toThrow(/weight 'q' is quantized as uint8 but lacks its 'scale' and 'min'/);
  });
});

describe('Keras models converted by tensorflowjs_converter (tf.keras 2 configs)', () => {
  const init = (c: string) => ({ class_name: c, config: c === 'GlorotUniform' ? { seed: null } : {} });
  const dense = (name: string, units: number, activation: string) => ({ class_name: 'Dense', config: { name, trainable: true, dtype: 'float32', units,
    activation, use_bias: true, kernel_initializer: init('GlorotUniform'), bias_initializer: init('Zeros'), kernel_regularizer: null,
    bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null } });
  const bn = (name: string, axis: number[]) => ({ class_name: 'BatchNormalization', config: { name, trainable: true, dtype: 'float32', axis, momentum: 0.99,
    epsilon: 0.001, center: true, scale: true, beta_initializer: init('Zeros'), gamma_initializer: init('Ones'), moving_mean_initializer: init('Zeros'),
    moving_variance_initializer: init('Ones'), beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null } });

  it('a Sequential with an InputLayer and BatchNormalization(axis=[1]) computes relu(xW+b) → BN → dense', async () => {
    const topology = { class_name: 'Sequential', keras_version: '2.15.0', backend: 'tensorflow', config: { name: 'sequential', layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 4], dtype: 'float32', sparse: false, ragged: false, name: 'dense_input' } },
      dense('dense', 3, 'relu'), bn('batch_normalization', [1]), dense('dense_1', 2, 'linear')] } };
    const shapes: [string, number[]][] = [['dense/kernel', [4, 3]], ['dense/bias', [3]], ['batch_normalization/gamma', [3]], ['batch_normalization/beta', [3]],
      ['batch_normalization/moving_mean', [3]], ['batch_normalization/moving_variance', [3]], ['dense_1/kernel', [3, 2]], ['dense_1/bias', [2]]];
    const w = Object.fromEntries(shapes.map(([n, s], i) => [n, tf.randomUniform(s, 0.5, 1.5, 'float32', 60 + i)]));
    const { data, specs } = tf.io.encodeWeights(w);
    const m = await load({ modelTopology: topology, weightSpecs: specs, weightData: data, format: 'layers-model' });
    const x = rand([5, 4], 9);
    const h = tf.relu(tf.add(tf.matMul(x, w['dense/kernel']), w['dense/bias']));
    const n = tf.add(tf.mul(tf.div(tf.sub(h, w['batch_normalization/moving_mean']), tf.sqrt(tf.add(w['batch_normalization/moving_variance'], 0.001))),
      w['batch_normalization/gamma']), w['batch_normalization/beta']);
    expectClose(m.predict(x) as tf.Tensor, tf.add(tf.matMul(n, w['dense_1/kernel']), w['dense_1/bias']), 1e-6, 1e-6);
  });

  it("a 'Functional' model with single-input triples and a Conv2D with groups 1", async () => {
    const conv = { class_name: 'Conv2D', name: 'conv2d', inbound_nodes: [[['input_1', 0, 0, {}]]], config: { name: 'conv2d', trainable: true, dtype: 'float32',
      filters: 2, kernel_size: [2, 2], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1,
      activation: 'linear', use_bias: false, kernel_initializer: init('GlorotUniform'), bias_initializer: init('Zeros'), kernel_regularizer: null,
      bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null } };
    const topology = { class_name: 'Functional', config: { name: 'model', layers: [
      { class_name: 'InputLayer', name: 'input_1', inbound_nodes: [], config: { batch_input_shape: [null, 3, 3, 1], dtype: 'float32', sparse: false, ragged: false, name: 'input_1' } },
      conv, { class_name: 'Flatten', name: 'flatten', inbound_nodes: [[['conv2d', 0, 0, {}]]], config: { name: 'flatten', trainable: true, dtype: 'float32', data_format: 'channels_last' } }],
    input_layers: ['input_1', 0, 0], output_layers: ['flatten', 0, 0] } };
    const k = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 1, 2]);
    const { data, specs } = tf.io.encodeWeights({ 'conv2d/kernel': k });
    const m = await load({ modelTopology: topology, weightSpecs: specs, weightData: data });
    const x = tf.tensor4d([1, 0, 0, 0, 1, 0, 0, 0, 1], [1, 3, 3, 1]);
    expect(flat(m.predict(x) as tf.Tensor)).toEqual(flat(tf.reshape(tf.conv2d(x, k, 1, 'valid'), [1, 8])));
    (topology.config.layers[1].config as Record<string, unknown>).groups = 2;
    await expect(load({ modelTopology: topology, weightSpecs: specs, weightData: data })).rejects.toThrow(/conv2d: groups must be 1/);
  });
});
