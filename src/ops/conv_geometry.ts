// Output sizes and padding of 2-D windows (conv and pooling), with TensorFlow's rules:
// 'valid' = no padding; 'same' = output ceil(in / stride), padding split with the extra at the end;
// a number = that padding on every side; explicit [[0,0],[top,bottom],[left,right],[0,0]] (NHWC).
import { fmtShape, opError } from '../core/convert.js';

export type Padding = 'valid' | 'same' | number | number[][];

export interface Geometry {
  N: number; H: number; W: number; C: number;
  KH: number; KW: number; OH: number; OW: number;
  sh: number; sw: number; pt: number; pl: number; dh: number; dw: number;
}

export function pair(op: string, name: string, v: number | number[] | undefined, dflt: number): [number, number] {
  const p: unknown = v === undefined || v === null ? [dflt, dflt] : typeof v === 'number' ? [v, v] : v;
  if (!Array.isArray(p) || p.length !== 2 || !p.every((d) => Number.isInteger(d) && d > 0)) {
    throw opError(op, `${name} must be a positive integer or a pair of them, got ${JSON.stringify(v)}`);
  }
  return [p[0], p[1]];
}

/** Geometry of a window of KH×KW (dilated) sliding over x [N,H,W,C]; `stridedDilation` allows strides and dilations > 1 together (dilation2d). */
export function geometry(op: string, xShape: number[], KH: number, KW: number, strides: number | number[] | undefined,
                         pad: Padding, dilations: number | number[] | undefined = 1,
                         roundingMode?: 'floor' | 'round' | 'ceil', stridedDilation = false): Geometry {
  const [N, H, W, C] = xShape;
  if (roundingMode !== undefined && roundingMode !== null && roundingMode !== 'floor' && roundingMode !== 'round' && roundingMode !== 'ceil') {
    throw opError(op, `dimRoundingMode must be 'floor', 'round' or 'ceil', got ${JSON.stringify(roundingMode)}`);
  }
  // tfjs: the rounding applies to a numeric or explicit pad, not to 'same' or 'valid'
  if (roundingMode !== undefined && roundingMode !== null && typeof pad === 'string') {
    throw opError(op, `dimRoundingMode '${roundingMode}' needs a numeric or explicit pad, got ${JSON.stringify(pad)}`);
  }
  const [sh, sw] = pair(op, 'strides', strides, 1);
  const [dh, dw] = pair(op, 'dilations', dilations, 1);
  if (!stridedDilation && (sh > 1 || sw > 1) && (dh > 1 || dw > 1)) throw opError(op, `strides ${sh},${sw} and dilations ${dh},${dw} cannot both be > 1`);
  const ekh = (KH - 1) * dh + 1, ekw = (KW - 1) * dw + 1;
  let OH: number, OW: number, pt: number, pl: number;
  if (pad === 'same') {
    OH = Math.ceil(H / sh); OW = Math.ceil(W / sw);
    pt = Math.floor(Math.max((OH - 1) * sh + ekh - H, 0) / 2);
    pl = Math.floor(Math.max((OW - 1) * sw + ekw - W, 0) / 2);
  } else if (pad === 'valid' || typeof pad === 'number') {
    const p = pad === 'valid' ? 0 : pad;
    if (!Number.isInteger(p) || p < 0) throw opError(op, `pad must be 'valid', 'same', a non-negative integer or explicit paddings, got ${pad}`);
    const round = roundingMode === 'ceil' ? Math.ceil : roundingMode === 'round' ? Math.round : Math.floor;
    OH = round((H + 2 * p - ekh) / sh) + 1; OW = round((W + 2 * p - ekw) / sw) + 1;
    pt = p; pl = p;
  } else if (Array.isArray(pad) && pad.length === 4 && pad.every((q) => Array.isArray(q) && q.length === 2)) {
    const [[, ], [t, b], [l, r]] = pad as number[][];
    if (![t, b, l, r].every((q) => Number.isInteger(q) && q >= 0)) throw opError(op, `explicit paddings must be non-negative integers, got ${JSON.stringify(pad)}`);
    const round = roundingMode === 'ceil' ? Math.ceil : roundingMode === 'round' ? Math.round : Math.floor;
    OH = round((H + t + b - ekh) / sh) + 1; OW = round((W + l + r - ekw) / sw) + 1;
    pt = t; pl = l;
  } else {
    throw opError(op, `pad must be 'valid', 'same', a number or [[0,0],[top,bottom],[left,right],[0,0]], got ${JSON.stringify(pad)}`);
  }
  // An output size of 0 (an empty input, or a window one step too large) is an empty result, as in
  // TensorFlow; only a negative one is an error.
  if (OH < 0 || OW < 0) {
    throw opError(op, `the ${KH}×${KW} window (dilated ${ekh}×${ekw}) is larger than the padded input ${fmtShape(xShape)}`);
  }
  return { N, H, W, C, KH, KW, OH, OW, sh, sw, pt, pl, dh, dw };
}

export function geomArray(g: Geometry): number[] {
  return [g.N, g.H, g.W, g.C, g.KH, g.KW, g.OH, g.OW, g.sh, g.sw, g.pt, g.pl, g.dh, g.dw];
}
