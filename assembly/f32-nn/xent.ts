// Fused cross-entropies with logits, one pass per row, stable for any logits (tf.nn's
// softmax_cross_entropy_with_logits and sigmoid_cross_entropy_with_logits). Gradients are ops
// (src/ops/nn.ts).

/**
 * loss[r] = Σⱼ labels[r, j] · (log Σₖ exp(x[r, k] - m) - (x[r, j] - m)), m = maxₖ x[r, k], for rows of n
 * logits. Terms with a zero label are skipped, so a -Infinity logit with label 0 gives a finite loss.
 */
export function f32_softmax_xent(labels: usize, logits: usize, loss: usize, rows: i32, n: i32): void {
  for (let r = 0; r < rows; r++) {
    const x = logits + (<usize>(r * n) << 2), z = labels + (<usize>(r * n) << 2);
    let m: f32 = -Infinity;
    for (let j = 0; j < n; j++) {
      const v = load<f32>(x + (<usize>j << 2));
      m = v > m || v != v ? v : m;
    }
    // an all -inf (or +inf) row: shift by 0 instead, as TensorFlow's logSoftmax
    const shift: f32 = m - m == 0 ? m : <f32>0;
    let s: f32 = 0;
    for (let j = 0; j < n; j++) s += Mathf.exp(load<f32>(x + (<usize>j << 2)) - shift);
    const ls = Mathf.log(s);
    let acc: f32 = 0;
    for (let j = 0; j < n; j++) {
      const zj = load<f32>(z + (<usize>j << 2));
      if (zj != 0) acc += zj * (ls - (load<f32>(x + (<usize>j << 2)) - shift));
    }
    store<f32>(loss + (<usize>r << 2), acc);
  }
}

/** loss[i] = max(x, 0) - x·z + log1p(exp(-|x|)) for logits x and labels z (never overflows). */
export function f32_sigmoid_xent(labels: usize, logits: usize, loss: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const p = <usize>i << 2;
    const x = load<f32>(logits + p), z = load<f32>(labels + p);
    store<f32>(loss + p, Mathf.max(x, 0) - x * z + Mathf.log1p(Mathf.exp(-Mathf.abs(x))));
  }
}
