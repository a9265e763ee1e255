// The package as users get it, shared by test/package/ and test/bundlers/: `npm run build:dist`, `npm pack`,
// then the tarball installed into a fresh project with `npm install <tarball> --offline` (ascent has no
// dependencies, so nothing else is fetched). Made once per content of its inputs (sources, wasm, package
// files), in the system's temp folder: test files run in separate workers, so a lock folder lets one of
// them build while the others wait, and a later run with the same inputs reuses it.
// `npm pack` runs with --ignore-scripts: its `prepare` would rebuild build/*.wasm, which the rest of the
// suite is reading at the time; dist/ is rebuilt here instead (no other test reads dist/).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Packed {
  /** The tarball made by `npm pack`. */
  tarball: string;
  /** The project the tarball is installed in (its node_modules/ascent). */
  app: string;
  /** The files in the tarball, as `npm pack --json` lists them. */
  files: string[];
  /** Seconds spent: build:dist, npm pack, npm install (0 when reused). */
  seconds: { build: number; pack: number; install: number };
  reused: boolean;
}

/** The environment for child processes, without the `npm_*` variables of an enclosing `npm test`. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

export interface Run { code: number; stdout: string; stderr: string; ms: number }

/** Runs a program and resolves with its output (rejects only when it cannot start). */
export function run(cmd: string, args: string[], cwd: string, timeout = 120_000): Promise<Run> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, env: cleanEnv(), timeout, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') { reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stderr}`)); return; }
      resolve({ code: err ? (err.code as number) : 0, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** Like run, but rejects with the output when the program fails. */
export async function runOk(cmd: string, args: string[], cwd: string, timeout?: number): Promise<Run> {
  const r = await run(cmd, args, cwd, timeout);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** A hash of everything the tarball is made from. */
function inputsKey(): string {
  const h = createHash('sha256');
  const add = (path: string) => {
    const full = join(root, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) add(join(path, name));
      return;
    }
    h.update(path).update('\0').update(readFileSync(full)).update('\0');
  };
  for (const p of ['package.json', 'package-lock.json', 'tsconfig.build.json', 'scripts/build-dist.mjs', 'scripts/bundle-options.mjs', 'README.md',
    'LICENSE', 'CHANGELOG.md', 'src', 'assembly', 'build/ascent.wasm', 'build/ascent-fma.wasm', 'build/ascent-mt.wasm']) add(p);
  return h.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function make(dir: string): Promise<Packed> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // tsc + five esbuild runs: ~20 s of CPU, several minutes on a loaded 2-core machine
  const build = await runOk(process.execPath, [join(root, 'scripts/build-dist.mjs')], root, 600_000);
  const pack = await runOk('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
  const info = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  const tarball = join(dir, info[0].filename);
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'ascent-package-test-app', private: true, type: 'module' }, null, 2));
  const install = await runOk('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--no-update-notifier'], app);
  const packed: Packed = {
    tarball, app, files: info[0].files.map((f) => f.path).sort(), reused: false,
    seconds: { build: build.ms / 1000, pack: pack.ms / 1000, install: install.ms / 1000 },
  };
  writeFileSync(join(dir, 'ready.json'), JSON.stringify(packed, null, 2));
  return packed;
}

let mine: Promise<Packed> | null = null;

/** The packed and installed package (made by the first caller of this run, reused by the others). */
export function packed(): Promise<Packed> {
  mine ??= (async () => {
    const base = join(tmpdir(), 'ascent-package-test');
    mkdirSync(base, { recursive: true });
    const key = inputsKey();
    const dir = join(base, key), lock = `${dir}.lock`, ready = join(dir, 'ready.json');
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (existsSync(ready)) return { ...(JSON.parse(readFileSync(ready, 'utf8')) as Packed), reused: true };
      let locked = false;
      try { mkdirSync(lock); locked = true; } catch { /* another worker builds */ }
      if (locked) {
        try {
          // other keys' folders unused for a day are earlier versions (a recent one may be another checkout's)
          for (const name of readdirSync(base)) {
            const other = join(base, name);
            if (name.startsWith(key) || name.endsWith('.lock')) continue;
            const used = Math.max(...[other, join(other, 'app')].map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
            if (Date.now() - used > 86_400_000) rmSync(other, { recursive: true, force: true });
          }
          return await make(dir);
        } finally { rmSync(lock, { recursive: true, force: true }); }
      }
      try { if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true }); } catch { /* gone */ }
      if (Date.now() > deadline) throw new Error(`packed: timed out waiting for ${lock}`);
      await sleep(250);
    }
  })();
  return mine;
}

/** A fresh folder inside the installed project (so `ascent` resolves from it), for one test file's work. */
export function workDir(p: Packed, prefix: string): string {
  return mkdtempSync(join(p.app, `${prefix}-`));
}

/** The app's shared training code (test/bundlers/app/), copied into `dir`. */
export function appSource(name: string): string {
  return readFileSync(join(root, 'test/bundlers/app', name), 'utf8');
}
