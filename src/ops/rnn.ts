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
import { concat } from './join.js';

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

/**
 * @internal A GRU over a whole sequence. xProj [B, T, 3u]: x · kernel + input bias per step (gates z, r, h);
 * h0 [B, u]; recurrentKernel [u, 3u]; recBias [3u] (resetAfter's recurrent bias) or null; mask [B, T] or
 * null; recAct as lstmSequence's. resetAfter (Keras 3): hh = tanh(x_h + r·(h·U_h + b_h)), one GEMM per step;
 * else (tfjs): hh = tanh(x_h + (r·h)·U_h), two GEMMs per step. Returns the sequence buffer [B, T, 5u]: per
 * step z, r, hh, aux, h (h of step s is y[:, s, 4u:5u]); as lstmSequence's, gradients flowing into the
 * slots other than h are ignored.
 */
export const gruSequence = op('gruSequence', {
  inputs: [{ name: 'xProj', ...F32 }, { name: 'h0', ...F32 }, { name: 'recurrentKernel', ...F32 },
    { name: 'recBias', ...F32, optional: true }, { name: 'mask', ...F32, optional: true }],
  save: 'both',
  forward: (xp: Tensor, h0: Tensor, rk: Tensor, rb: Tensor | null, mask: Tensor | null, goBackwards = false, recAct = 0,
            resetAfter = false): Tensor => {
    const [B, T, G] = xp.shape, u = G / 3;
    if (xp.rank !== 3 || G % 3 !== 0 || h0.shape.join() !== `${B},${u}` || rk.shape.join() !== `${u},${G}` ||
        (rb !== null && rb.shape.join() !== `${G}`) || (mask !== null && mask.shape.join() !== `${B},${T}`)) {
      throw opError('gruSequence', `shapes do not fit: xProj ${fmtShape(xp.shape)}, h0 ${fmtShape(h0.shape)}, ` +
        `recurrentKernel ${fmtShape(rk.shape)}${rb ? `, recBias ${fmtShape(rb.shape)}` : ''}${mask ? `, mask ${fmtShape(mask.shape)}` : ''}`);
    }
    const y = new Tensor([B, T, 5 * u], 'float32');
    const pre = new Tensor([B, resetAfter ? G : 2 * u], 'float32'), preh = new Tensor([B, u], 'float32');
    const k = K(), ys = T * 5 * u, run = B > 0 && u > 0;
    for (let s = 0; s < T; s++) {
      const t = goBackwards ? T - 1 - s : s;
      const hp = s === 0 ? h0.ptr : y.ptr + 4 * ((s - 1) * 5 * u + 4 * u), hs = s === 0 ? u : ys;
      const yr = y.ptr + 4 * s * 5 * u, xr = xp.ptr + 4 * t * G, mr = mask ? mask.ptr + 4 * t : 0;
      if (resetAfter) {
        if (run) gemm(B, G, u, hp, hs, 1, rk.ptr, G, 1, pre.ptr, false);
        k.f32_gru_fwd_after(B, u, pre.ptr, rb ? rb.ptr : 0, xr, T * G, hp, hs, yr, ys, mr, T, recAct);
      } else {
        if (run) gemm(B, 2 * u, u, hp, hs, 1, rk.ptr, G, 1, pre.ptr, false);
        k.f32_gru_fwd_gates(B, u, pre.ptr, xr, T * G, hp, hs, yr, ys, recAct);
        if (run) gemm(B, u, u, yr + 4 * 3 * u, ys, 1, rk.ptr + 4 * 2 * u, G, 1, preh.ptr, false);
        k.f32_gru_fwd_out(B, u, preh.ptr, xr, T * G, hp, hs, yr, ys, mr, T);
      }
    }
    pre.dispose(); preh.dispose();
    return y;
  },
  grad: (dy, y, [xp, h0, rk, rb, mask, goBackwards = false, recAct = 0, resetAfter = false], needed): Grads => {
    const [B, T, G] = xp.shape, u = G / 3, ys = T * 5 * u, run = B > 0 && u > 0;
    const k = K();
    const zeros = (shape: number[]) => { const z = new Tensor(shape, 'float32'); k.f32_rnn_zero(z.ptr, z.size); return z; };
    const dxp = new Tensor([B, T, G], 'float32'), dh = zeros([B, u]);
    const drb = rb ? zeros([G]) : null;
    let drk: Tensor;
    if (resetAfter) {
      drk = zeros([u, G]);
      const dinner = new Tensor([B, G], 'float32');
      for (let s = T - 1; s >= 0; s--) {
        const t = goBackwards ? T - 1 - s : s;
        const hp = s === 0 ? h0.ptr : y.ptr + 4 * ((s - 1) * 5 * u + 4 * u), hs = s === 0 ? u : ys;
        k.f32_gru_bwd_after(B, u, y.ptr + 4 * s * 5 * u, dy.ptr + 4 * s * 5 * u, ys, hp, hs, dh.ptr, dxp.ptr + 4 * t * G, T * G,
          dinner.ptr, drb ? drb.ptr : 0, mask ? mask.ptr + 4 * t : 0, T, recAct);
        if (!run) continue;
        gemm(B, u, G, dinner.ptr, G, 1, rk.ptr, 1, G, dh.ptr, true);
        if (needed[2]) gemm(u, G, B, hp, 1, hs, dinner.ptr, G, 1, drk.ptr, true);
      }
      dinner.dispose();
    } else {
      const dUzr = zeros([u, 2 * u]), dUh = zeros([u, u]), dq = new Tensor([B, u], 'float32');
      for (let s = T - 1; s >= 0; s--) {
        const t = goBackwards ? T - 1 - s : s;
        const hp = s === 0 ? h0.ptr : y.ptr + 4 * ((s - 1) * 5 * u + 4 * u), hs = s === 0 ? u : ys;
        const yr = y.ptr + 4 * s * 5 * u, dxr = dxp.ptr + 4 * t * G, mr = mask ? mask.ptr + 4 * t : 0;
        k.f32_gru_bwd_out(B, u, yr, dy.ptr + 4 * s * 5 * u, ys, hp, hs, dh.ptr, dxr, T * G, mr, T, recAct);
        if (run) {
          // dq = da_h·U_hᵀ; dU_h += (r·h)ᵀ·da_h
          gemm(B, u, u, dxr + 4 * 2 * u, T * G, 1, rk.ptr + 4 * 2 * u, 1, G, dq.ptr, false);
          if (needed[2]) gemm(u, u, B, yr + 4 * 3 * u, 1, ys, dxr + 4 * 2 * u, T * G, 1, dUh.ptr, true);
        } else k.f32_rnn_zero(dq.ptr, dq.size);
        k.f32_gru_bwd_gates(B, u, yr, ys, hp, hs, dq.ptr, dh.ptr, dxr, T * G, mr, T, recAct);
        if (!run) continue;
        // dh += [da_z da_r]·[U_z U_r]ᵀ; dU_zr += hᵀ·[da_z da_r]
        gemm(B, u, 2 * u, dxr, T * G, 1, rk.ptr, 1, G, dh.ptr, true);
        if (needed[2]) gemm(u, 2 * u, B, hp, 1, hs, dxr, T * G, 1, dUzr.ptr, true);
      }
      drk = concat([dUzr, dUh], 1);
      dq.dispose(); dUzr.dispose(); dUh.dispose();
    }
    const out: Grads = [dxp, dh, drk];
    if (rb) out.push(drb);
    if (mask) out.push(null);
    return out;
  },
});
