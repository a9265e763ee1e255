// Seed 000 (Tensorflow2学习--005 随机梯度下降), § 梯度下降实战: plain gradient descent on Himmelblau's
// function (x² + y − 11)² + (x + y² − 7)² from (−4, 0), 200 steps of point −= 0.01·grad.
// Port: np.arange/np.meshgrid → tf.range/tf.meshgrid, point[0] → point.index('0'), assign_sub →
// assignSub. The seed's matplotlib 3-D surface plot has no counterpart: instead of the picture we print
// one line about the surface (its grid shape and smallest value). The loop prints as the seed does.
// Run: npx tsx examples/seed000-himmelblau-descent.ts  (about 1 s)
import * as tf from '../src/index.js';
await tf.ready();

const zFunc = (x: tf.Tensor, y: tf.Tensor) => x.square().add(y).sub(11).square().add(x.add(y.square()).sub(7).square());

// The surface the seed plots, on the same grid (numpy's arange(-10, 10, 0.01): 2000 points).
tf.tidy(() => {
  const [X, Y] = tf.meshgrid(tf.range(-10, 10, 0.01), tf.range(-10, 10, 0.01));
  const Z = zFunc(X, Y);
  console.log(`surface: Z shape (${Z.shape.join(', ')}), min ${tf.min(Z).toString()}`);
});

// 利用梯度下降 求极小值
const point = tf.variable(tf.tensor([-4, 0], undefined, 'float32'));
for (let step = 0; step < 200; step++) {
  const tape = new tf.GradientTape();
  const z = zFunc(point.index('0'), point.index('1'));
  const grad = tape.gradient(z, point)!;
  console.log('grad:', grad.toString());
  console.log('point:', point.toString());
  console.log('z:', z.toString());
  console.log('\n');
  // 对点进行梯度下降更新
  point.assignSub(grad.mul(0.01));
}
