// Our own version of tfjs-core's jasmine_util for its specs: one test environment, ascent (float32,
// synchronous data), in Node or a browser. describeWithFlags runs its suite when the constraints hold
// for it: flags are tfjs environment flags, so a suite that asks for any is not applicable; a predicate
// gets the test environment and may look at the platform (Node vs browser).
import { NotApplicable } from './tf.js';

export interface Constraints { flags?: Record<string, unknown>; predicate?: (testEnv: TestEnv) => boolean; backends?: string | string[] }
export interface TestEnv { name: string; backendName: string; flags: Record<string, unknown>; isDataSync: boolean }

const isBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
/** The platform a predicate sees through env().platformName. */
export const platformName = isBrowser ? 'browser' : 'node';
export const TEST_ENV: TestEnv = { name: 'ascent', backendName: 'wasm', flags: {}, isDataSync: true };

export const ALL_ENVS: Constraints = {};
export const NODE_ENVS: Constraints = { predicate: () => platformName === 'node' };
export const BROWSER_ENVS: Constraints = { predicate: () => platformName === 'browser' };
export const CHROME_ENVS: Constraints = { flags: { IS_CHROME: true } };
export const SYNC_BACKEND_ENVS: Constraints = { predicate: (e) => e.isDataSync };
export const HAS_WORKER: Constraints = { predicate: () => typeof Worker !== 'undefined' };
export const HAS_NODE_WORKER: Constraints = { predicate: () => !isBrowser };

/** Whether a suite runs here: true, false (another platform), or a reason it is not applicable. */
export function constraintsHold(c: Constraints | null | undefined): boolean | string {
  if (c == null) return true;
  if (c.flags != null && Object.keys(c.flags).length > 0) return `tfjs flags ${JSON.stringify(c.flags)}`;
  if (c.backends != null) return `tfjs backends ${JSON.stringify(c.backends)}`;
  if (c.predicate != null) {
    try { return c.predicate(TEST_ENV); } catch (e) { if (e instanceof NotApplicable) return e.what; throw e; }
  }
  return true;
}

type Suite = (testEnv: TestEnv) => void;
declare const describe: (name: string, fn: () => void, skip?: string | false) => void;

export function describeWithFlags(name: string, constraints: Constraints, tests: Suite): void {
  const holds = constraintsHold(constraints);
  const skip = holds === true ? false : holds === false ? `runs on another platform than ${platformName}` : holds;
  describe(name, () => { if (!skip) tests(TEST_ENV); }, skip);
}

export function envSatisfiesConstraints(_env: unknown, testEnv: TestEnv, c: Constraints): boolean {
  return constraintsHold(c) === true && testEnv === TEST_ENV;
}

export function runWithLock<T>(spec: () => T): () => T { return spec; }

export function registerTestEnv(): never { throw new NotApplicable('test environment registry'); }
export function setTestEnvs(): never { throw new NotApplicable('test environment registry'); }
export function setupTestFilters(): never { throw new NotApplicable('test filters'); }
export function parseTestEnvFromKarmaFlags(): never { throw new NotApplicable('karma flags'); }
export class TestKernelBackend { constructor() { throw new NotApplicable('KernelBackend'); } }
