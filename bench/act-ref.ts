// Float64 references of the activation kernels (bench/act-accuracy.ts's full sweep, test/activations-vector.test.ts's
// sparse one) and the float32 ulp their errors are measured in.

/**
 * erfc in float64 (reference only): the series of erf below 2.5 (relative error ≲ 1e-9 for erfc there), the
 * continued fraction above, erfc(−x) = 2 − erfc(x).
 */
export function erfc64(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc64(-x);
  if (x < 2.5) {
    let term = x, sum = x;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  if (x > 27) return 0;
  let k = x;
  for (let n = 80; n >= 1; n--) k = x + n / 2 / k;
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * k);
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/** exp and each vector activation in float64. */
export const REF = {
  exp: Math.exp,
  tanh: Math.tanh,
  sigmoid,
  elu: (x: number) => (x > 0 ? x : Math.expm1(x)),
  selu: (x: number) => 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * Math.expm1(x)),
  swish: (x: number) => x * sigmoid(x),
  gelu: (x: number) => 0.5 * x * erfc64(-x / Math.SQRT2),
  geluTanh: (x: number) => x * sigmoid(1.5957691216057308 * (x + 0.044715 * x * x * x)),
  mish: (x: number) => x * Math.tanh(softplus(x)),
};

/** The float32 ulp at y's binade (2^-149 below the normal range). */
export function ulpOf(y: number): number {
  const a = Math.abs(y);
  if (a < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}
