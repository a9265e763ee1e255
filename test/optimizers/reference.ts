// Hand-written update formulas in float64, one per optimizer and flavour, written the way their sources
// write them (Keras' update_step, tfjs's applyGradients) rather than the way the kernels fuse them.
// Hyperparameters are float32 (TF and tfjs cast them to the variable dtype: float32(0.999) is not 0.999,
// which moves 1-β2 by 1e-5 relative), and the state is stored as float32 after each step (the variables
// are float32); everything in between is float64.
const f = Math.fround;

export interface RefOptions {
  lr: number | ((step: number) => number);
  weightDecay?: number;
  clipNorm?: number; clipValue?: number; globalClipnorm?: number;
}

export type Kind =
  | { name: 'sgd'; flavour: 'keras' | 'tfjs'; momentum: number; nesterov: boolean }
  | { name: 'adam'; flavour: 'keras' | 'tfjs'; beta1: number; beta2: number; epsilon: number; amsgrad?: boolean }
  | { name: 'adamax'; flavour: 'keras' | 'tfjs'; beta1: number; beta2: number; epsilon: number; decay?: number }
  | { name: 'rmsprop'; flavour: 'keras' | 'tfjs'; rho: number; momentum: number; epsilon: number; centered: boolean }
  | { name: 'adagrad'; initial: number; epsilon: number }
  | { name: 'adadelta'; flavour: 'keras' | 'tfjs'; rho: number; epsilon: number };

/** A reference optimizer over plain arrays: step(xs, gs) updates every xs[i] (float32-valued numbers) in place. */
export class RefOptimizer {
  private slots = new Map<number[], Record<string, number[]>>();
  private t = 0;
  private acc1: number; private acc2: number; // tfjs's running float32 β powers

  constructor(private kind: Kind, private o: RefOptions) {
    const k = kind as { beta1?: number; beta2?: number };
    this.acc1 = f(k.beta1 ?? 0); this.acc2 = f(k.beta2 ?? 0);
  }

  private lr(): number { return typeof this.o.lr === 'number' ? this.o.lr : this.o.lr(this.t); }

  step(xs: number[][], gsIn: (number[] | null)[]): void {
    const lr = f(this.lr());
    // clipping (Keras): global norm over all gradients, or per gradient, or by value
    let gs = gsIn.map((g) => (g === null ? null : g.slice()));
    if (this.o.globalClipnorm !== undefined) {
      const norm = Math.sqrt(gs.reduce((s, g) => s + (g ? g.reduce((a, v) => a + v * v, 0) : 0), 0));
      const c = this.o.globalClipnorm;
      gs = gs.map((g) => g && g.map((v) => (v * c) / Math.max(norm, c)));
    } else if (this.o.clipNorm !== undefined) {
      const c = this.o.clipNorm;
      gs = gs.map((g) => {
        if (!g) return g;
        const norm = Math.sqrt(g.reduce((a, v) => a + v * v, 0));
        return g.map((v) => (v * c) / Math.max(norm, c));
      });
    } else if (this.o.clipValue !== undefined) {
      const c = this.o.clipValue;
      gs = gs.map((g) => g && g.map((v) => Math.min(Math.max(v, -c), c)));
    }
    const t = this.t + 1;
    const k = this.kind;
    const wd = this.o.weightDecay ?? 0;
    xs.forEach((x, vi) => {
      const g = gs[vi];
      if (g === null) return;
      let s = this.slots.get(x);
      if (!s) {
        const init = k.name === 'adagrad' ? k.initial : 0;
        s = { a: x.map(() => f(init)), b: x.map(() => 0), c: x.map(() => 0) };
        this.slots.set(x, s);
      }
      for (let i = 0; i < x.length; i++) {
        let xi = x[i];
        if (wd) xi = f(xi - xi * wd * lr);
        xi = this.one(k, xi, g[i], s, i, lr, t);
        x[i] = f(xi);
      }
    });
    if (k.name === 'adam' || k.name === 'adamax') {
      this.acc1 = f(this.acc1 * f(k.beta1));
      if (k.name === 'adam') this.acc2 = f(this.acc2 * f(k.beta2));
    }
    this.t++;
  }

  private one(k: Kind, x: number, g: number, s: Record<string, number[]>, i: number, lr: number, t: number): number {
    switch (k.name) {
      case 'sgd': {
        if (k.momentum === 0 && k.flavour === 'keras') return x - g * lr;
        const mu = f(k.momentum);
        if (k.flavour === 'keras') {
          // Keras: m = m·μ - g·lr; x += m (nesterov: x += m·μ - g·lr)
          const m = s.a[i] * mu - g * lr;
          s.a[i] = f(m);
          return k.nesterov ? x + m * mu - g * lr : x + m;
        }
        // tfjs: a = μ·a + g; x = x - lr·a (nesterov: x - lr·(g + a·μ))
        const a = mu * s.a[i] + g;
        s.a[i] = f(a);
        return k.nesterov ? x - lr * (g + a * mu) : x - lr * a;
      }
      case 'adam': {
        const b1 = f(k.beta1), b2 = f(k.beta2);
        const m = b1 * s.a[i] + f(1 - k.beta1) * g;
        let v = b2 * s.b[i] + f(1 - k.beta2) * g * g;
        s.a[i] = f(m); s.b[i] = f(v);
        if (k.amsgrad) { v = Math.max(s.c[i], f(v)); s.c[i] = f(v); }
        if (k.flavour === 'keras') {
          // Keras: alpha = lr·√(1-β2ᵗ)/(1-β1ᵗ); x -= m·alpha/(√v + ε)
          const alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
          return x - (m * alpha) / (Math.sqrt(v) + k.epsilon);
        }
        // tfjs: m̂ = m/(1-accβ1), v̂ = v/(1-accβ2); x -= lr·m̂/(√v̂ + ε)
        const mh = m / f(1 - this.acc1), vh = v / f(1 - this.acc2);
        return x - (lr * mh) / (Math.sqrt(vh) + k.epsilon);
      }
      case 'adamax': {
        const b1 = f(k.beta1), b2 = f(k.beta2);
        const m = b1 * s.a[i] + f(1 - k.beta1) * g;
        const u = Math.max(b2 * s.b[i], Math.abs(g));
        s.a[i] = f(m); s.b[i] = f(u);
        if (k.flavour === 'keras') return x - (lr * m) / ((1 - Math.pow(b1, t)) * (u + k.epsilon));
        const lrT = lr / (1 + (t - 1) * (k.decay ?? 0));
        return x - (lrT / f(1 - this.acc1)) * (m / (u + k.epsilon));
      }
      case 'rmsprop': {
        const rho = f(k.rho);
        const ms = rho * s.a[i] + f(1 - k.rho) * g * g;
        s.a[i] = f(ms);
        let den = ms + k.epsilon;
        if (k.centered) {
          const mg = rho * s.c[i] + f(1 - k.rho) * g;
          s.c[i] = f(mg);
          den = k.flavour === 'keras' ? ms - mg * mg + k.epsilon : ms - (mg * mg + k.epsilon);
        }
        const inc = (lr * g) / Math.sqrt(den);
        if (k.momentum > 0 || k.flavour === 'tfjs') {
          const mom = f(k.momentum) * s.b[i] + inc;
          s.b[i] = f(mom);
          return x - mom;
        }
        return x - inc;
      }
      case 'adagrad': {
        const acc = s.a[i] + g * g;
        s.a[i] = f(acc);
        return x - (lr * g) / Math.sqrt(acc + k.epsilon);
      }
      case 'adadelta': {
        const rho = f(k.rho);
        const ag0 = s.a[i];
        const ag = rho * ag0 + f(1 - k.rho) * g * g;
        s.a[i] = f(ag);
        const den = k.flavour === 'keras' ? ag : ag0;
        const d = (Math.sqrt(s.b[i] + k.epsilon) / Math.sqrt(den + k.epsilon)) * g;
        s.b[i] = f(rho * s.b[i] + f(1 - k.rho) * d * d);
        return x - lr * d;
      }
    }
  }
}
