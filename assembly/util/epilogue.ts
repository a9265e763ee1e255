// The activations a GEMM or direct-convolution tile store applies (its fused epilogue): f32-unary's op codes
// (relu, relu6, sigmoid, tanh, elu, hardSwish, gelu), each computed as f32_unary__wasmsimd computes it — the same vector
// function, whose scalar form is its lane 0 (util/vmath.ts) — so fused and unfused results are the same bits.
// relu and relu6 are inlined by the callers; the others are calls of `epAct`, one per four values (about 40
// instructions each: the call costs little, and the tile stores stay small).
import { Unary } from "../f32-unary/unary";
import { vexpm1Elu, vhardSwish, vsigmoid, vtanh } from "./vmath";
import { vgelu } from "./erf";

/** The epilogue's "no activation". */
export const NO_ACT = -1;

/** act(v) for sigmoid, tanh, elu, hardSwish and gelu (others: v). Not inlined (see above). */
function epAct(v: v128, act: i32): v128 {
  if (act == Unary.Sigmoid) return vsigmoid(v);
  if (act == Unary.Tanh) return vtanh(v);
  if (act == Unary.Elu) return vexpm1Elu(v);
  if (act == Unary.HardSwish) return vhardSwish(v);
  if (act == Unary.Gelu) return vgelu(v);
  return v;
}

/** The epilogue's activation on four values: relu and relu6 inline (f32_unary's vector forms), the others by epAct. */
@inline export function epVec(v: v128, act: i32): v128 {
  if (act == Unary.Relu || act == Unary.Relu6) {
    v = f32x4.max(v, f32x4.splat(0));
    if (act == Unary.Relu6) v = f32x4.min(v, f32x4.splat(6));
    return v;
  }
  return act == NO_ACT ? v : epAct(v, act);
}

/** The epilogue's activation on one value: the vector form's lane 0 (the bits of f32_unary's tail). */
@inline export function epScalar(x: f32, act: i32): f32 {
  if (act == Unary.Relu) return x > 0 ? x : (x != x ? x : <f32>0);
  if (act == Unary.Relu6) return Mathf.min(Mathf.max(x, 0), 6);
  return act == NO_ACT ? x : f32x4.extract_lane(epAct(f32x4.splat(x), act), 0);
}
