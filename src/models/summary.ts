// model.summary() in the format TF 2.x Keras prints (line length 65, columns at 45 % / 85 %).
import type { Layer, Shape } from '../layers/layer.js';
import type { Model } from './model.js';

const fmtShape = (s: Shape | string) => (typeof s === 'string' ? s : `(${s.map((d) => d ?? 'None').join(', ')}${s.length === 1 ? ',' : ''})`);
const thousands = (n: number) => n.toLocaleString('en-US');

export function formatSummary(model: Model, lineLength = 65, positions = [0.45, 0.85, 1]): string[] {
  const cols = positions.map((p) => (p <= 1 ? Math.floor(lineLength * p) : p));
  const row = (fields: string[]) => {
    let line = '';
    fields.forEach((f, i) => {
      line = (line + f).slice(0, cols[i] - 1);
      line = line.padEnd(cols[i]);
    });
    return line;
  };
  const layers = model.layers;
  // Output shapes: propagated from the input shape for a stack; 'multiple' when unknown (subclassed).
  const shapes = new Map<Layer, Shape | string>();
  const graph = (model as unknown as { graph: { order: { sourceLayer: Layer | null; shape: Shape }[] } | null }).graph;
  if (graph) {
    for (const t of graph.order) if (t.sourceLayer) shapes.set(t.sourceLayer, t.shape);
  } else if (model.getClassName() === 'Sequential' && model.batchInputShape) {
    let s = model.batchInputShape;
    for (const l of layers) { s = l.computeOutputShape(s); shapes.set(l, s); }
  }
  const lines = [`Model: "${model.name}"`, '_'.repeat(lineLength), row([' Layer (type)', 'Output Shape', 'Param #']), '='.repeat(lineLength)];
  layers.forEach((l, i) => {
    lines.push(row([` ${l.name} (${l.getClassName()})`, fmtShape(shapes.get(l) ?? 'multiple'), String(l.countParams())]));
    if (i < layers.length - 1) lines.push(' '.repeat(lineLength));
  });
  const weights = model.weights;
  const total = weights.reduce((n, w) => n + w.size, 0);
  const trainable = weights.filter((w) => w.trainable).reduce((n, w) => n + w.size, 0);
  lines.push('='.repeat(lineLength), `Total params: ${thousands(total)}`, `Trainable params: ${thousands(trainable)}`,
    `Non-trainable params: ${thousands(total - trainable)}`, '_'.repeat(lineLength));
  return lines.map((l) => l.replace(/\s+$/, '') || l);
}
