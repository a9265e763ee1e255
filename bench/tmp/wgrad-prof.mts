// Profile driver: conv2d's input gradient on one shape, path from argv (winograd | col2im), ~3 s.
//   ASCENT_THREADS=1 node --cpu-prof --import tsx bench/tmp/wgrad-prof.mts winograd 64,13,13,32 64 valid
const tf = await import(process.cwd() + '/src/index.ts');
const { convForce } = await import(process.cwd() + '/src/ops/conv.ts');
const { geometry } = await import(process.cwd() + '/src/ops/conv_geometry.ts');
await tf.ready();
const [path, xsA, ocA, p] = process.argv.slice(2);
const xs = xsA.split(',').map(Number), oc = Number(ocA);
const g = geometry('conv2d', xs, 3, 3, 1, p);
const w = tf.randomUniform([3, 3, xs[3], oc], -1, 1, 'float32', 2), dy = tf.randomUniform([g.N, g.OH, g.OW, oc], -1, 1, 'float32', 3);
convForce.input = path;
const t0 = performance.now(); let n = 0;
while (performance.now() - t0 < 3000) { tf.conv2dTranspose(dy, w, xs, 1, p).dispose(); n++; }
console.log(`${path}: ${((performance.now() - t0) / n * 1000).toFixed(0)} µs per call`);
