// The Keras progress bar fit() prints with verbose 1 (live on a terminal) or 2 (one line per epoch).
import type { Logs } from './callback_list.js';

const fmtValue = (v: number) => (v === 0 || Math.abs(v) >= 1e-3 ? v.toFixed(4) : v.toExponential(4));
const fmtLogs = (logs: Logs) => Object.entries(logs).map(([k, v]) => ` - ${k}: ${fmtValue(v)}`).join('');
const fmtTime = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms)}ms`);
// Keras' ETA: whole seconds, m:ss above a minute, h:mm:ss above an hour.
function fmtEta(ms: number): string {
  const s = Math.floor(ms / 1000), pad = (n: number) => String(n).padStart(2, '0');
  if (s >= 3600) return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  if (s >= 60) return `${Math.floor(s / 60)}:${pad(s % 60)}`;
  return `${s}s`;
}

type Out = { isTTY?: boolean; write(s: string): void };
function stdout(): Out | null {
  const p = (globalThis as { process?: { stdout?: Out } }).process;
  return p?.stdout && typeof p.stdout.write === 'function' ? p.stdout : null;
}

/** Keras' per-epoch progress bar: live on a terminal, one summary line per epoch elsewhere. */
export class ProgressBar {
  private readonly t0 = performance.now();
  private readonly out = stdout();
  private readonly live: boolean;
  private lastDraw = 0;

  constructor(epoch: number, epochs: number, private readonly steps: number | null, private readonly verbose: number) {
    this.live = verbose === 1 && this.out?.isTTY === true;
    this.print(`Epoch ${epoch + 1}/${epochs}`);
  }

  private print(line: string): void {
    if (this.out) this.out.write(line + '\n'); else console.log(line);
  }

  // As Keras' Progbar: '=' * (w·done/steps - 1), then '>' (or '=' when done), then dots.
  private bar(done: number): string {
    if (this.steps === null) return `${done}/Unknown`;
    const w = 30, filled = Math.floor((w * done) / this.steps);
    let bar = '';
    if (filled > 0) bar = '='.repeat(filled - 1) + (done < this.steps ? '>' : '=');
    bar += '.'.repeat(w - filled);
    return `${String(done).padStart(String(this.steps).length)}/${this.steps} [${bar}]`;
  }

  update(done: number, logs: Logs): void {
    if (!this.live) return;
    const now = performance.now();
    if (now - this.lastDraw < 100 && (this.steps === null || done < this.steps)) return;
    this.lastDraw = now;
    const elapsed = now - this.t0;
    const eta = this.steps === null ? '' : ` - ETA: ${fmtEta((elapsed / done) * (this.steps - done))}`;
    this.out!.write(`\r${this.bar(done)}${eta}${fmtLogs(logs)}\x1b[K`);
  }

  finish(logs: Logs): void {
    const elapsed = performance.now() - this.t0;
    const steps = this.steps ?? 1;
    const line = this.verbose === 2
      ? `${this.steps ?? '?'}/${this.steps ?? '?'} - ${fmtTime(elapsed)}${fmtLogs(logs)}`
      : `${this.bar(this.steps ?? steps)} - ${fmtTime(elapsed)} ${fmtTime(elapsed / steps)}/step${fmtLogs(logs)}`;
    if (this.live) this.out!.write(`\r${line}\x1b[K\n`); else this.print(line);
  }
}
