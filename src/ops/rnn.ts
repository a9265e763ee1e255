// The fused LSTM sequence (the recurrent layers' fast path, src/layers/recurrent.ts): for every timestep
// ONE GEMM h₍t−1₎ · recurrentKernel for the four gates and ONE elementwise kernel (assembly/rnn.ts); the
// input projection x · kernel + bias of all timesteps is one matMul done by the caller. The backward pass
// is the same shape in reverse: one elementwise kernel and two GEMMs per step (the carried dh and the
// recurrent kernel's gradient), with the gate activations kept by the forward pass.
import { K } from '../backend/wasm.js';
import { scratch } from '../backend/scratch.js';
import { fmtShape, opError } from '../core/convert.js';
import { op, type Grads } from '../core/op.js';
import { Tensor } from '../core/tensor.js';

/** Recurrent activations of the fused kernel (assembly/rnn.ts). */
export const LSTM_RECURRENT_ACTIVATIONS = { sigmoid: 0, hardSigmoid: 1 } as const;

const F32 = { dtypes: ['float32'] as const };

function gemm(M: number, N: number, Kd: number, a: number, ars: number, acs: number, b: number, brs: number, bcs: number,
              c: number, accumulate: boolean): void {
  K().f32_gemm__wasmsimd_4x8(M, N, Kd, a, ars, acs, b, brs, bcs, c, scratch.gemmPanel(), accumulate ? 1 : 0);
}

/**
 * @internal An LSTM over a whole sequence. xProj [B, T, 4u]: x · kernel + bias per step (gates i, f, c, o);
 * h0, c0 [B, u]; recurrentKernel [u, 4u]; mask [B, T] (1 keep, 0 skip: the step keeps the previous state)
 * or null. goBackwards processes input step T−1−s at step s. recAct: 0 sigmoid, 1 hard sigmoid; the cell
 * activation is tanh. Returns the sequence buffer [B, T, 6u]: per step the gates (after activation), c,
 * h — h of step s is y[:, s, 5u:6u], c is y[:, s, 4u:5u]. The gate slots are intermediates: a gradient
 * flowing into them is ignored.
 */
export const lstmSequence = op('lstmSequence', {
  inputs: [{ name: 'xProj', ...F32 }, { name: 'h0', ...F32 }, { name: 'c0', ...F32 }, { name: 'recurrentKernel', ...F32 },
    { name: 'mask', ...F32, optional: true }],
  save: 'both',
  forward: (xp: Tensor, h0: Tensor, c0: Tensor, rk: Tensor, mask: Tensor | null, goBackwards = false, recAct = 0): Tensor => {
    const [B, T, G] = xp.shape, u = G / 4;
    if (xp.rank !== 3 || G % 4 !== 0 || h0.shape.join() !== `${B},${u}` || c0.shape.join() !== `${B},${u}` ||
        rk.shape.join() !== `${u},${G}` || (mask !== null && mask.shape.join() !== `${B},${T}`)) {
      throw opError('lstmSequence', `shapes do not fit: xProj ${fmtShape(xp.shape)}, h0 ${fmtShape(h0.shape)}, c0 ${fmtShape(c0.shape)}, ` +
        `recurrentKernel ${fmtShape(rk.shape)}${mask ? `, mask ${fmtShape(mask.shape)}` : ''}`);
    }
    const y = new Tensor([B, T, 6 * u], 'float32');
    const pre = new Tensor([B, G], 'float32');
    const k = K(), ys = T * 6 * u;
    for (let s = 0; s < T; s++) {
      const t = goBackwards ? T - 1 - s : s;
      const hp = s === 0 ? h0.ptr : y.ptr + 4 * ((s - 1) * 6 * u + 5 * u), hs = s === 0 ? u : ys;
      const cp = s === 0 ? c0.ptr : y.ptr + 4 * ((s - 1) * 6 * u + 4 * u), cs = s === 0 ? u : ys;
      if (B > 0 && u > 0) gemm(B, G, u, hp, hs, 1, rk.ptr, G, 1, pre.ptr, false);
      k.f32_lstm_fwd_step(B, u, pre.ptr, xp.ptr + 4 * t * G, T * G, hp, hs, cp, cs, y.ptr + 4 * s * 6 * u, ys,
        mask ? mask.ptr + 4 * t : 0, T, recAct);
    }
    pre.dispose();
    return y;
  },
  grad: (dy, y, [xp, h0, c0, rk, mask, goBackwards = false, recAct = 0], needed): Grads => {
    const [B, T, G] = xp.shape, u = G / 4, ys = T * 6 * u;
    const k = K();
    const dxp = new Tensor([B, T, G], 'float32');
    const dh = new Tensor([B, u], 'float32'), dc = new Tensor([B, u], 'float32'), drk = new Tensor([u, G], 'float32');
    k.f32_rnn_zero(dh.ptr, dh.size); k.f32_rnn_zero(dc.ptr, dc.size); k.f32_rnn_zero(drk.ptr, drk.size);
    for (let s = T - 1; s >= 0; s--) {
      const t = goBackwards ? T - 1 - s : s;
      const hp = s === 0 ? h0.ptr : y.ptr + 4 * ((s - 1) * 6 * u + 5 * u), hs = s === 0 ? u : ys;
      const cp = s === 0 ? c0.ptr : y.ptr + 4 * ((s - 1) * 6 * u + 4 * u), cs = s === 0 ? u : ys;
      const dp = dxp.ptr + 4 * t * G;
      k.f32_lstm_bwd_step(B, u, y.ptr + 4 * s * 6 * u, dy.ptr + 4 * s * 6 * u, ys, cp, cs, dh.ptr, dc.ptr, dp, T * G,
        mask ? mask.ptr + 4 * t : 0, T, recAct);
      if (B === 0 || u === 0) continue;
      // dh₍t−1₎ += dpre · recurrentKernelᵀ; d recurrentKernel += h₍t−1₎ᵀ · dpre
      gemm(B, u, G, dp, T * G, 1, rk.ptr, 1, G, dh.ptr, true);
      if (needed[3]) gemm(u, G, B, hp, 1, hs, dp, T * G, 1, drk.ptr, true);
    }
    return mask === null ? [dxp, dh, dc, drk] : [dxp, dh, dc, drk, null];
  },
});
