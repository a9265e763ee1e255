// Seed 001, § 七、2D函数优化实例: minimise Himmelblau's function (x² + y − 11)² + (x + y² − 7)² with Adam
// (lr 1e-3, 20000 steps) from (0, 0); it ends in the minimum f(3, 2) = 0, one of the four.
// Port of the PyTorch listing: torch.tensor([0., 0.], requires_grad=True) → tf.variable,
// torch.optim.Adam([x], lr=1e-3) → tf.train.adam(1e-3), zero_grad/backward/step → GradientTape +
// applyGradients, x.tolist() → the values in Python's list format, pred.item() → pred.item(). The 3-D
// matplotlib surface plot has no counterpart; instead one line gives the surface grid's shape and smallest value.
// Run: npx tsx examples/seed001-himmelblau-adam.ts  (about 2 s)
import * as tf from '../src/index.js';
await tf.ready();

// Python's repr of a float (what the seed's format() prints): 170.0, 1.1074007488787174e-08.
const py = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(v).replace(/e([+-])(\d)$/, 'e$10$2'));

const himmelblau = (x: tf.Tensor[]) => x[0].square().add(x[1]).sub(11).square().add(x[0].add(x[1].square()).sub(7).square());

// The surface the seed plots: np.arange(-6, 6, 0.1) on both axes.
tf.tidy(() => {
  const [X, Y] = tf.meshgrid(tf.range(-6, 6, 0.1), tf.range(-6, 6, 0.1));
  const Z = himmelblau([X, Y]);
  console.log(`surface: Z shape (${Z.shape.join(', ')}), min ${tf.min(Z).toString()}`);
});

const x = tf.variable(tf.tensor([0., 0.]));
const optimizer = tf.train.adam(1e-3);
for (let step = 0; step < 20000; step++) {
  tf.tidy(() => {
    const tape = new tf.GradientTape();
    const pred = himmelblau(tf.unstack(x));
    const grad = tape.gradient(pred, x)!;
    optimizer.applyGradients([[grad, x]]);
    if (step % 2000 === 0) console.log(`step${step}:x=[${Array.from(x.dataSync(), py).join(', ')}], y=${py(pred.item())}`);
  });
}
