// model.summary() in the format TF 2.x Keras prints (line length 65, columns at 45 % / 85 %).
import type { Layer, Shape } from '../layers/layer.js';
import type { Variable } from '../core/tensor.js';

/** What the table shows of a model: its name, layers (with their output shapes where known) and weights. */
export interface SummaryModel {
  name: string;
  layers: Layer[];
  weights: Variable[];
  /** Each layer's output shape (batch axis included); layers without one show 'multiple'. */
  outputShapes: Map<Layer, Shape>;
}

const fmtShape = (s: Shape | string) => (typeof s === 'string' ? s : `(${s.map((d) => d ?? 'None').join(', ')}${s.length === 1 ? ',' : ''})`);
const thousands = (n: number) => n.toLocaleString('en-US');

export function formatSummary(model: SummaryModel, lineLength = 65, positions = [0.45, 0.85, 1]): string[] {
  const cols = positions.map((p) => (p <= 1 ? Math.floor(lineLength * p) : p));
  const row = (fields: string[]) => {
    let line = '';
    fields.forEach((f, i) => {
      line = (line + f).slice(0, cols[i] - 1);
      line = line.padEnd(cols[i]);
    });
    return line;
  };
  const { layers, outputShapes: shapes } = model;
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
