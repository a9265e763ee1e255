// The page: controls, live curves, and a drawing pad. All the training happens in worker.ts; this file
// only sends it commands and draws what it reports. `?limit=N` trains on the first N images (quick runs).
import type { DatasetName, ModelName, ToPage, ToWorker } from './worker.ts';

const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  form: $<HTMLFormElement>('controls'), dataset: $<HTMLSelectElement>('dataset'), model: $<HTMLSelectElement>('model'),
  epochs: $<HTMLInputElement>('epochs'), batchSize: $<HTMLInputElement>('batch-size'),
  train: $<HTMLButtonElement>('train'), stop: $<HTMLButtonElement>('stop'), progress: $('progress'), status: $('status'),
  lossChart: $<HTMLCanvasElement>('loss-chart'), accChart: $<HTMLCanvasElement>('acc-chart'), epochLog: $('epoch-log'),
  pad: $<HTMLCanvasElement>('pad'), seen: $<HTMLCanvasElement>('seen'), clear: $<HTMLButtonElement>('clear'),
  drawTitle: $('draw-title'), top: $('top'), bars: $('bars'),
};

type Point = Extract<ToPage, { type: 'point' }>;
/** Everything the page shows; also `window.demoState`, which the Playwright test reads instead of sleeping. */
const state = {
  phase: 'idle' as 'idle' | 'loading' | 'training' | 'done' | 'error',
  dataset: 'mnist' as DatasetName, totalSteps: 0, epochs: 0,
  points: [] as Point[], testAcc: [] as { step: number; epoch: number; acc: number }[],
  hasModel: false, prediction: null as { label: string; probs: number[] } | null, error: null as string | null,
  /** The threads the worker trains on (tf.getThreads() when training starts). */
  threads: 0,
};
(window as unknown as { demoState: typeof state }).demoState = state;
const limit = Number(new URLSearchParams(location.search).get('limit')) || undefined;

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const send = (m: ToWorker) => worker.postMessage(m);

function setPhase(phase: typeof state.phase): void {
  state.phase = phase;
  document.body.dataset.phase = phase;
  const busy = phase === 'loading' || phase === 'training';
  ui.train.disabled = busy;
  ui.stop.disabled = !busy;
}

// ---- training ---------------------------------------------------------------------------------

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  const epochs = Math.max(1, Math.round(Number(ui.epochs.value) || 1));
  const batchSize = Math.max(1, Math.round(Number(ui.batchSize.value) || 64));
  Object.assign(state, { dataset: ui.dataset.value as DatasetName, epochs, totalSteps: 0, points: [], testAcc: [], hasModel: false, error: null });
  ui.epochLog.textContent = '';
  setPhase('loading');
  drawCharts();
  send({ type: 'train', dataset: state.dataset, model: ui.model.value as ModelName, epochs, batchSize, limit, dataUrl: new URL('data/', document.baseURI).href });
});
ui.stop.addEventListener('click', () => send({ type: 'stop' }));

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

worker.onmessage = (e: MessageEvent<ToPage>) => {
  const m = e.data;
  switch (m.type) {
    case 'status': ui.status.textContent = m.text; break;
    case 'start':
      state.totalSteps = m.steps;
      state.hasModel = true;
      setPhase('training');
      ui.drawTitle.textContent = state.dataset === 'mnist' ? 'Draw a digit' : 'Draw a piece of clothing';
      state.threads = m.threads;
      ui.status.textContent = `Training on ${m.trainCount.toLocaleString()} images, testing on ${m.testCount.toLocaleString()} ` +
        `(${m.threads} thread${m.threads > 1 ? 's' : ''})…`;
      if (m.threadsOff) console.info(`ascent runs on one thread: ${m.threadsOff}`);
      break;
    case 'point':
      state.points.push(m);
      ui.progress.style.width = `${(100 * m.step) / state.totalSteps}%`;
      ui.status.textContent = `epoch ${m.epoch + 1}/${state.epochs} · step ${m.step}/${state.totalSteps} · ` +
        `loss ${m.loss.toFixed(4)} · acc ${pct(m.acc)} · ${Math.round(m.examplesPerSec).toLocaleString()} examples/s`;
      drawCharts();
      break;
    case 'epoch': {
      const step = state.points.at(-1)?.step ?? 0;
      state.testAcc.push({ step, epoch: m.epoch, acc: m.testAcc });
      const li = document.createElement('li');
      li.innerHTML = `test accuracy <b>${pct(m.testAcc)}</b> · test loss ${m.testLoss.toFixed(4)}`;
      ui.epochLog.append(li);
      drawCharts();
      if (hasInk) predict(); // the same drawing, judged by the better model
      break;
    }
    case 'done': {
      setPhase('done');
      const test = state.testAcc.at(-1), speed = state.points.at(-1)?.examplesPerSec;
      ui.status.textContent = `${m.stopped ? 'Stopped' : 'Done'}${test ? `: test accuracy ${pct(test.acc)}` : ''}` +
        `${speed ? ` · ${Math.round(speed).toLocaleString()} examples/s` : ''}. Draw on the pad to try the model.`;
      break;
    }
    case 'prediction': showPrediction(m.probs); break;
    case 'error':
      state.error = m.message;
      setPhase('error');
      ui.status.textContent = `Error: ${m.message}`;
      break;
  }
};
worker.onerror = (e) => {
  state.error = e.message || 'the worker failed to start';
  setPhase('error');
  ui.status.textContent = `Error: ${state.error}`;
};

// ---- charts (plain canvas) ------------------------------------------------------------------------

type Series = { points: [number, number][]; color: string; dots?: boolean };

/** Line (or dot) series over steps 0..totalSteps; the y axis has `ticks` gridlines `tick` apart. */
function plot(canvas: HTMLCanvasElement, tick: number, ticks: number, fmt: (v: number) => string, series: Series[]): void {
  const dpr = devicePixelRatio || 1, w = canvas.clientWidth, h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
  }
  const g = canvas.getContext('2d')!;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const xMax = Math.max(state.totalSteps, 1), yMax = tick * ticks, left = 44, right = 10, top = 8, bottom = 22;
  const X = (x: number) => left + (x / xMax) * (w - left - right);
  const Y = (y: number) => h - bottom - (Math.min(y, yMax) / yMax) * (h - top - bottom);
  g.font = '11px system-ui, sans-serif';
  g.lineWidth = 1;
  for (let i = 0; i <= ticks; i++) {
    const y = Math.round(Y(tick * i)) + 0.5;
    g.strokeStyle = '#2a3145'; g.beginPath(); g.moveTo(left, y); g.lineTo(w - right, y); g.stroke();
    g.fillStyle = '#8d96ab'; g.textAlign = 'right'; g.fillText(fmt(tick * i), left - 6, y + 4);
  }
  g.textAlign = 'left'; g.fillText('0', left, h - 6);
  g.textAlign = 'right'; g.fillText(state.totalSteps ? `${xMax.toLocaleString()} steps` : 'steps', w - right, h - 6);
  for (const s of series) {
    g.strokeStyle = g.fillStyle = s.color;
    g.lineWidth = 2;
    g.beginPath();
    for (const [i, [x, y]] of s.points.entries()) {
      if (s.dots) { g.moveTo(X(x) + 4, Y(y)); g.arc(X(x), Y(y), 4, 0, 2 * Math.PI); }
      else if (i === 0) g.moveTo(X(x), Y(y)); else g.lineTo(X(x), Y(y));
    }
    if (s.dots) g.fill(); else g.stroke();
  }
}

function drawCharts(): void {
  const css = getComputedStyle(document.documentElement), color = (v: string) => css.getPropertyValue(v).trim();
  const maxLoss = Math.max(0.5, ...state.points.map((p) => p.loss).filter(Number.isFinite));
  const tick = maxLoss > 5 ? Math.ceil(maxLoss / 5) : maxLoss > 1 ? 0.5 : 0.1;
  plot(ui.lossChart, tick, Math.ceil(maxLoss / tick - 1e-9), (v) => v.toFixed(1),
    [{ points: state.points.map((p) => [p.step, p.loss]), color: color('--loss') }]);
  plot(ui.accChart, 0.25, 4, (v) => `${v * 100}%`, [
    { points: state.points.map((p) => [p.step, p.acc]), color: color('--train') },
    { points: state.testAcc.map((p) => [p.step, p.acc]), color: color('--test'), dots: true },
  ]);
}
addEventListener('resize', drawCharts);
drawCharts();

// ---- drawing pad ----------------------------------------------------------------------------------

const pad = ui.pad.getContext('2d', { willReadFrequently: true })!;
const seen = ui.seen.getContext('2d', { willReadFrequently: true })!;
let hasInk = false, drawing = false, lastPredict = 0;

function clearPad(): void {
  pad.fillStyle = '#000';
  pad.fillRect(0, 0, ui.pad.width, ui.pad.height);
  seen.clearRect(0, 0, 28, 28);
  hasInk = false;
  state.prediction = null;
  ui.top.textContent = '–';
  ui.bars.textContent = '';
}
clearPad();
ui.clear.addEventListener('click', clearPad);
pad.strokeStyle = '#fff';
pad.lineWidth = 24; // ≈ 2.5 px once scaled to MNIST's 20×20 box
pad.lineCap = pad.lineJoin = 'round';

const at = (e: PointerEvent): [number, number] => {
  const r = ui.pad.getBoundingClientRect();
  return [((e.clientX - r.left) * ui.pad.width) / r.width, ((e.clientY - r.top) * ui.pad.height) / r.height];
};
// Pointer events cover mouse, touch and pen alike.
ui.pad.addEventListener('pointerdown', (e) => {
  drawing = true;
  ui.pad.setPointerCapture(e.pointerId);
  pad.beginPath();
  pad.moveTo(...at(e));
  pad.lineTo(...at(e)); // a dot for a click
  pad.stroke();
  hasInk = true;
});
ui.pad.addEventListener('pointermove', (e) => {
  if (!drawing) return;
  pad.lineTo(...at(e));
  pad.stroke();
  if (performance.now() - lastPredict > 150) predict(); // live while drawing, a few times a second
});
const end = () => { if (drawing) { drawing = false; predict(); } };
ui.pad.addEventListener('pointerup', end);
ui.pad.addEventListener('pointercancel', end);

/**
 * MNIST's own preprocessing of the drawing: the ink's bounding box is scaled to fit 20×20 (keeping its aspect
 * ratio), and its centre of mass is put at the centre of the 28×28 image. Fashion-MNIST objects fill the frame.
 */
function toMnist(): Float32Array | null {
  const { width: W, height: H } = ui.pad;
  const px = pad.getImageData(0, 0, W, H).data;
  let x0 = W, y0 = H, x1 = -1, y1 = -1, mass = 0, mx = 0, my = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const v = px[(y * W + x) * 4];
      if (v === 0) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      mass += v; mx += v * x; my += v * y;
    }
  }
  if (mass === 0) return null;
  const w = x1 - x0 + 1, h = y1 - y0 + 1, s = (state.dataset === 'mnist' ? 20 : 26) / Math.max(w, h);
  seen.fillStyle = '#000';
  seen.fillRect(0, 0, 28, 28);
  seen.imageSmoothingQuality = 'high';
  seen.drawImage(ui.pad, x0, y0, w, h, 14 - (mx / mass - x0) * s, 14 - (my / mass - y0) * s, w * s, h * s);
  const small = seen.getImageData(0, 0, 28, 28).data;
  return Float32Array.from({ length: 784 }, (_, i) => small[i * 4] / 255);
}

function predict(): void {
  lastPredict = performance.now();
  const pixels = toMnist();
  if (!pixels) return;
  if (!state.hasModel) { ui.top.innerHTML = '<small>Train a model first.</small>'; return; }
  send({ type: 'predict', pixels });
}

function showPrediction(probs: number[]): void {
  if (!hasInk) return; // cleared while the worker was answering
  const names = state.dataset === 'mnist' ? DIGITS : FASHION;
  const best = probs.indexOf(Math.max(...probs));
  state.prediction = { label: names[best], probs };
  ui.top.innerHTML = `${names[best]} <small>${pct(probs[best])}</small>`;
  ui.bars.innerHTML = probs.map((p, i) => {
    const cls = i === best ? ' best' : '';
    return `<span class="${cls}">${names[i]}</span><div class="bar${cls}"><div style="width:${(p * 100).toFixed(1)}%"></div></div>` +
      `<span class="pct${cls}">${(p * 100).toFixed(0)}%</span>`;
  }).join('');
}
