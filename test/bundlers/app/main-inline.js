// The page of the inline app: runs worker.js (worker-inline.js, bundled) and reports what it sends.
import { report } from './report.js';

const worker = new Worker(new URL('./worker.js', import.meta.url));
report(new Promise((resolve, reject) => {
  worker.onmessage = (e) => (e.data.ok ? resolve(e.data.ok) : reject(new Error(e.data.error)));
  worker.onerror = (e) => reject(new Error(e.message));
}));
