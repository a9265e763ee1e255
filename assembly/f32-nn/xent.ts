// Fused cross-entropies with logits, one pass per row, stable for any logits (tf.nn's
// softmax_cross_entropy_with_logits and sigmoid_cross_entropy_with_logits), and the training loss head's
// gradient (src/losses.ts's fused path). exp is util/vmath.ts's vexp, the function of tf.exp and softmax.
// The op's gradients are ops (src/ops/nn.ts); the loss head's is f32_softmax_xent_grad.
import { at4, loadTail } from "../util/ptr";
import { vexp } from "../util/vmath";

// maxₖ x[k] as the shift (0 for an all −inf or +inf row, as TensorFlow's logSoftmax)
@inline function rowShift(x: usize, n: i32): f32 {
  let m: f32 = -Infinity;
  for (let j = 0; j < n; j++) {
    const v = load<f32>(at4(x, j));
    m = v > m || v != v ? v : m;
  }
  return m - m == 0 ? m : <f32>0;
}

// log Σₖ exp(x[k] − shift), the sum in k order
@inline function rowLse(x: usize, n: i32, shift: f32): f32 {
  const vs = f32x4.splat(shift);
  let s: f32 = 0;
  for (let j = 0; j < n; j += 4) {
    const e = vexp(f32x4.sub(loadTail(at4(x, j), n - j), vs));
    s += f32x4.extract_lane(e, 0);
    if (j + 1 < n) s += f32x4.extract_lane(e, 1);
    if (j + 2 < n) s += f32x4.extract_lane(e, 2);
    if (j + 3 < n) s += f32x4.extract_lane(e, 3);
  }
  return Mathf.log(s);
}

/**
 * loss[r] = Σⱼ labels[r, j] · (log Σₖ exp(x[r, k] - m) - (x[r, j] - m)), m = maxₖ x[r, k], for rows of n
 * logits. Terms with a zero label are skipped, so a -Infinity logit with label 0 gives a finite loss.
 * sparse ≠ 0: labels are int32 class indices, one per row (the term of that class alone).
 */
export function f32_softmax_xent(labels: usize, logits: usize, loss: usize, rows: i32, n: i32, sparse: i32): void {
  for (let r = 0; r < rows; r++) {
    const x = logits + (<usize>(r * n) << 2);
    const shift = rowShift(x, n), ls = rowLse(x, n, shift);
    let acc: f32 = 0;
    if (sparse != 0) {
      acc = ls - (load<f32>(at4(x, load<i32>(at4(labels, r)))) - shift);
    } else {
      const z = labels + (<usize>(r * n) << 2);
      for (let j = 0; j < n; j++) {
        const zj = load<f32>(at4(z, j));
        if (zj != 0) acc += zj * (ls - (load<f32>(at4(x, j)) - shift));
      }
    }
    store<f32>(at4(loss, r), acc);
  }
}

/**
 * The loss head's gradient: dx[r, j] = (p[r, j]·Σₖ labels[r, k] − labels[r, j])·dy[r] for probabilities p =
 * softmax(x) (the exact derivative of f32_softmax_xent's loss; p − labels for a distribution); sparse ≠ 0: int32
 * class indices, (p − [j = label])·dy[r].
 */
export function f32_softmax_xent_grad(labels: usize, probs: usize, dy: usize, dx: usize, rows: i32, n: i32, sparse: i32): void {
  for (let r = 0; r < rows; r++) {
    const p = probs + (<usize>(r * n) << 2), d = dx + (<usize>(r * n) << 2), g = load<f32>(at4(dy, r));
    if (sparse != 0) {
      const c = load<i32>(at4(labels, r));
      for (let j = 0; j < n; j++) store<f32>(at4(d, j), (load<f32>(at4(p, j)) - (j == c ? <f32>1 : <f32>0)) * g);
    } else {
      const z = labels + (<usize>(r * n) << 2);
      let s: f32 = 0;
      for (let j = 0; j < n; j++) s += load<f32>(at4(z, j));
      for (let j = 0; j < n; j++) store<f32>(at4(d, j), (load<f32>(at4(p, j)) * s - load<f32>(at4(z, j))) * g);
    }
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
