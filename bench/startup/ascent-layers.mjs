// Cold start of a loaded model, ascent, Layers JSON: import 'ascent', loadLayersModel(file://…/model.json) (a LeNet
// with BatchNorm that bench/startup.ts saves first), the first predict's values read. Prints the ms since process
// start at each phase as JSON: {import, ready, load, predict}. Run by bench/startup.ts (argv[2]: the model.json path).
const t = {};
const tf = await import('ascent');
t.import = performance.now();
// 'overlap' (argv[3]): no tf.ready() first — the loader compiles the kernels while it reads the file
if (process.argv[3] !== 'overlap') await tf.ready();
t.ready = performance.now();
const model = await tf.loadLayersModel(`file://${process.argv[2]}`);
t.load = performance.now();
const y = model.predict(tf.zeros([1, 28, 28, 1])).dataSync();
t.predict = performance.now();
if (y.length !== 10 || !y.every(Number.isFinite)) throw new Error('ascent-layers: wrong result');
console.log(JSON.stringify(t));
