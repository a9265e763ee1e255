// conv2d's filter and input gradients by Winograd against a float64 reference: max |dw − exact| / Σ|x·dy| per
// element (and likewise for dx), for Winograd and the other path. ASCENT_THREADS=1 npx tsx bench/tmp/wgrad-dw-check.mts
const tf = await import(process.cwd() + '/src/index.ts');
const { convForce } = await import(process.cwd() + '/src/ops/conv.ts');
const { geometry } = await import(process.cwd() + '/src/ops/conv_geometry.ts');
await tf.ready();
const cases: [number[], number, any][] = [[[1, 8, 8, 16], 16, 'same'], [[2, 7, 9, 5], 9, 'same'], [[3, 9, 10, 33], 20, [[0, 0], [2, 0], [1, 3], [0, 0]]],
  [[8, 13, 13, 32], 64, 'valid'], [[64, 13, 13, 32], 64, 'valid'], [[4, 28, 28, 64], 64, 'same']];
for (const [xs, oc, p] of cases) {
  const g = geometry('conv2d', xs, 3, 3, 1, p);
  const x = tf.randomUniform(xs, -1, 1, 'float32', 1), dy = tf.randomUniform([g.N, g.OH, g.OW, oc], -1, 1, 'float32', 2);
  const xv = x.dataSync(), dv = dy.dataSync(), { N, H, W, C, OH, OW, pt, pl } = g;
  const ref = new Float64Array(9 * C * oc), mag = new Float64Array(ref.length);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) for (let kh = 0; kh < 3; kh++) for (let kw = 0; kw < 3; kw++) {
    const ih = oh + kh - pt, iw = ow + kw - pl;
    if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
    const xo = ((n * H + ih) * W + iw) * C, yo = ((n * OH + oh) * OW + ow) * oc, wo = (kh * 3 + kw) * C * oc;
    for (let c = 0; c < C; c++) { const a = xv[xo + c]; for (let o = 0; o < oc; o++) { const q = a * dv[yo + o]; ref[wo + c * oc + o] += q; mag[wo + c * oc + o] += Math.abs(q); } }
  }
  const err: Record<string, number> = {};
  for (const path of ['winograd', 'im2col'] as const) {
    convForce.filter = path;
    const dw = tf.conv2dBackpropFilter(x, dy, [3, 3, C, oc], 1, p), v = dw.dataSync();
    let e = 0; for (let i = 0; i < v.length; i++) e = Math.max(e, Math.abs(v[i] - ref[i]) / (mag[i] || 1));
    err[path] = e; dw.dispose();
  }
  convForce.filter = null;
  console.log(`x ${xs} oc ${oc} ${JSON.stringify(p)}: winograd ${err.winograd.toExponential(2)}, im2col ${err.im2col.toExponential(2)}`);
  tf.dispose([x, dy]);
}

// the input gradient: dx[n, h, w, c] = Σ dy[n, h + pt − kh, w + pl − kw, o] · w[kh, kw, c, o]
for (const [xs, oc, p] of cases) {
  const g = geometry('conv2d', xs, 3, 3, 1, p), { N, H, W, C, OH, OW, pt, pl } = g;
  const w = tf.randomUniform([3, 3, C, oc], -1, 1, 'float32', 1), dy = tf.randomUniform([N, OH, OW, oc], -1, 1, 'float32', 2);
  const wv = w.dataSync(), dv = dy.dataSync();
  const ref = new Float64Array(N * H * W * C), mag = new Float64Array(ref.length);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) for (let kh = 0; kh < 3; kh++) for (let kw = 0; kw < 3; kw++) {
    const ih = oh + kh - pt, iw = ow + kw - pl;
    if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
    const xo = ((n * H + ih) * W + iw) * C, yo = ((n * OH + oh) * OW + ow) * oc, wo = (kh * 3 + kw) * C * oc;
    for (let c = 0; c < C; c++) for (let o = 0; o < oc; o++) { const q = dv[yo + o] * wv[wo + c * oc + o]; ref[xo + c] += q; mag[xo + c] += Math.abs(q); }
  }
  const err: Record<string, number> = {};
  for (const path of ['winograd', 'col2im'] as const) {
    convForce.input = path;
    const dx = tf.conv2dTranspose(dy, w, xs, 1, p), v = dx.dataSync();
    let e = 0; for (let i = 0; i < v.length; i++) e = Math.max(e, Math.abs(v[i] - ref[i]) / (mag[i] || 1));
    err[path] = e; dx.dispose();
  }
  convForce.input = null;
  console.log(`dx: x ${xs} oc ${oc} ${JSON.stringify(p)}: winograd ${err.winograd.toExponential(2)}, col2im ${err.col2im.toExponential(2)}`);
  tf.dispose([w, dy]);
}
