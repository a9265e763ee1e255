// Cold start of a loaded model, ascent, ONNX: import 'ascent' + 'ascent/onnx', loadOnnxModel(path) (argv[2], the
// MobileNetV2 fixture), the first predict's values read. Prints ms since process start per phase as JSON.
const t = {};
const [tf, onnx] = await Promise.all([import('ascent'), import('ascent/onnx')]);
t.import = performance.now();
// 'overlap' (argv[3]): no tf.ready() first — the loader compiles the kernels while it reads the file
if (process.argv[3] !== 'overlap') await tf.ready();
t.ready = performance.now();
const model = await onnx.loadOnnxModel(process.argv[2]);
t.load = performance.now();
const y = model.predict(tf.zeros([1, 3, 16, 16])).dataSync();
t.predict = performance.now();
if (!y.every(Number.isFinite)) throw new Error('ascent-onnx: wrong result');
console.log(JSON.stringify(t));
