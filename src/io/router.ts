// URL → IOHandler (tfjs' IORouterRegistry): routers are functions that return a handler for the URLs
// they know and null otherwise. The built-in ones are registered here; a scheme whose storage this
// environment lacks (indexeddb:// in Node, file:// in a browser) finds no handler, and resolveSaveHandler
// / resolveLoadHandler turn that into an error that says why and lists the schemes.
import { isNode } from '../backend/node.js';
import { fileSystem } from './handlers/file.js';
import { browserIndexedDB, indexedDBFactory } from './handlers/indexeddb.js';
import { browserLocalStorage, localStorageOrNull } from './handlers/local_storage.js';
import { browserDownloads } from './handlers/browser_files.js';
import { http, isHTTPScheme } from './handlers/http.js';
import type { IOHandler, LoadOptions } from './types.js';

export type IORouter = (url: string | string[], loadOptions?: LoadOptions) => IOHandler | null;

const saveRouters: IORouter[] = [];
const loadRouters: IORouter[] = [];

/** Adds a router consulted by model.save(url) (and copyModel/moveModel). */
export function registerSaveRouter(router: IORouter): void { saveRouters.push(router); }
/** Adds a router consulted by tf.loadLayersModel(url) (and copyModel/moveModel). */
export function registerLoadRouter(router: IORouter): void { loadRouters.push(router); }

/** Every save handler the registered routers give for `url` (usually one; none for an unknown scheme). */
export function getSaveHandlers(url: string | string[]): IOHandler[] {
  addBuiltIns();
  return saveRouters.map((r) => r(url)).filter((h): h is IOHandler => h != null);
}
/** Every load handler the registered routers give for `url`. */
export function getLoadHandlers(url: string | string[], loadOptions?: LoadOptions): IOHandler[] {
  addBuiltIns();
  return loadRouters.map((r) => r(url, loadOptions)).filter((h): h is IOHandler => h != null);
}

/** The built-in schemes, where each works, and whether this environment has what it needs. */
const SCHEMES: { scheme: string; env: string; saveOnly?: boolean; available: () => boolean }[] = [
  { scheme: 'file://', env: 'Node', available: isNode },
  { scheme: 'indexeddb://', env: 'browsers', available: () => indexedDBFactory() != null },
  { scheme: 'localstorage://', env: 'browsers', available: () => localStorageOrNull() != null },
  { scheme: 'downloads://', env: 'browsers', saveOnly: true, available: () => typeof document !== 'undefined' },
  { scheme: 'http://', env: 'environments with fetch', available: () => typeof fetch === 'function' },
  { scheme: 'https://', env: 'environments with fetch', available: () => typeof fetch === 'function' },
];

/** A router for one scheme: the handler for the URL without its scheme, when the environment has it. */
function schemeRouter(scheme: string, make: (path: string, options?: LoadOptions) => IOHandler): IORouter {
  const entry = SCHEMES.find((s) => s.scheme === scheme)!;
  return (url, options) => (typeof url === 'string' && url.startsWith(scheme) && entry.available() ? make(url.slice(scheme.length), options) : null);
}

const fileRouter = schemeRouter('file://', (p, o) => fileSystem(p, { allowPathsOutsideModel: o?.allowPathsOutsideModel }));
const indexedDBRouter = schemeRouter('indexeddb://', (p) => browserIndexedDB(p));
const localStorageRouter = schemeRouter('localstorage://', (p) => browserLocalStorage(p));
const httpRouter: IORouter = (url, options) => {
  const urls = Array.isArray(url) ? url : [url];
  const fetchable = typeof fetch === 'function' || options?.fetchFunc != null;
  return fetchable && urls.length === 1 && isHTTPScheme(urls[0]) ? http(urls[0], options) : null;
};
const downloadsRouter = schemeRouter('downloads://', (p) => browserDownloads(p));
// The built-in routers join on first use (ahead of any registered before), not at import: an app that never
// saves or loads by URL does not carry the handlers.
let builtIns = false;
function addBuiltIns(): void {
  if (builtIns) return;
  builtIns = true;
  saveRouters.unshift(fileRouter, indexedDBRouter, localStorageRouter, httpRouter, downloadsRouter);
  loadRouters.unshift(fileRouter, indexedDBRouter, localStorageRouter, httpRouter);
}

function schemeList(saving: boolean): string {
  return SCHEMES.filter((s) => saving || !s.saveOnly).map((s) => `${s.scheme} (${s.env}${s.saveOnly ? ', save only' : ''})`).join(', ');
}

function resolve(target: unknown, kind: 'save' | 'load', fn: string, options?: LoadOptions): IOHandler {
  if (target != null && typeof target === 'object' && !Array.isArray(target)) {
    const h = target as IOHandler;
    if (typeof h[kind] !== 'function') throw new Error(`${fn}: the IOHandler given has no ${kind}() method`);
    return h;
  }
  if (typeof target !== 'string' && !(Array.isArray(target) && target.every((t) => typeof t === 'string'))) {
    throw new Error(`${fn}: expected a URL string or an IOHandler, got ${target === null ? 'null' : typeof target}`);
  }
  const url = target as string | string[];
  const handlers = kind === 'save' ? getSaveHandlers(url) : getLoadHandlers(url, options);
  if (handlers.length === 1) return handlers[0];
  const shown = JSON.stringify(url);
  if (handlers.length > 1) throw new Error(`${fn}: ${handlers.length} ${kind} handlers match ${shown}; pass one IOHandler instead of the URL`);
  // tfjs: in a browser, a URL without a scheme ('model/model.json') is fetched relative to the page.
  if (kind === 'load' && typeof url === 'string' && !url.includes('://') && typeof document !== 'undefined') return http(url, options);
  if (kind === 'load' && typeof url === 'string' && url.startsWith('downloads://')) {
    throw new Error(`${fn}: downloads:// can only save; load the downloaded files with tf.io.browserFiles([jsonFile, weightsFile])`);
  }
  const known = SCHEMES.find((s) => typeof url === 'string' && url.startsWith(s.scheme));
  if (known != null && !known.available()) {
    throw new Error(`${fn}: ${known.scheme} works in ${known.env} only; this environment cannot use ${shown}`);
  }
  const hint = typeof url === 'string' && !url.includes('://') && isNode() ? ` (a file path? write 'file://${url}')` : '';
  throw new Error(`${fn}: no ${kind} handler for ${shown}${hint}; known URL schemes: ${schemeList(kind === 'save')}; ` +
    `or pass an IOHandler such as ${kind === 'save' ? 'tf.io.withSaveHandler(fn)' : 'tf.io.fromMemory(artifacts)'}`);
}

/**
 * The one save handler for a URL or handler, or an error naming `fn` that explains why there is none
 * (unknown scheme, wrong environment, several matches). model.save() and copyModel use it.
 */
export function resolveSaveHandler(target: string | IOHandler, fn = 'save'): IOHandler {
  return resolve(target, 'save', fn);
}

/** The one load handler for a URL (with fetch options) or handler; errors as resolveSaveHandler. */
export function resolveLoadHandler(target: string | string[] | IOHandler, options?: LoadOptions, fn = 'loadLayersModel'): IOHandler {
  return resolve(target, 'load', fn, options);
}
