// http(s)://: load a model.json and its weight files with fetch (relative to model.json's URL, keeping
// its query string, as tfjs), or save by POSTing a multipart form with the parts 'model.json' and
// 'model.weights.bin' (tfjs' format, which its server-side examples read).
import { concatenateArrayBuffers, getModelArtifactsForJSON, getModelArtifactsInfoForJSON, getModelJSONForModelArtifacts, parseModelJSON } from '../artifacts.js';
import { loadManifestWeights } from '../shards.js';
import type { IOHandler, LoadOptions, ModelArtifacts, ModelArtifactsLike, SaveResult } from '../types.js';

const FN = 'tf.io.http';
type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** True for http:// and https:// URLs. */
export function isHTTPScheme(url: string): boolean { return /^https?:\/\//.test(url); }

/** [folder of `url` with its trailing '/', the query string of the last part or ''] ('a/b.json?x=1' → ['a/', '?x=1']). */
function splitUrl(url: string): [string, string] {
  const slash = url.lastIndexOf('/'), query = url.lastIndexOf('?');
  return [url.slice(0, slash + 1), query > slash ? url.slice(query) : ''];
}

/**
 * Refuses a weight path of model.json that leads outside the model's URL prefix `base` ('../x.bin',
 * '/x.bin', another host): a model file is untrusted input. URLs from a weightUrlConverter are the
 * user's own and are not checked.
 */
function confine(p: string, url: string, base: string): void {
  const origin = typeof location !== 'undefined' ? location.href : undefined;
  let resolved: URL, prefix: URL;
  try {
    prefix = new URL(base, origin);
    resolved = new URL(url, origin);
  } catch {
    return; // not resolvable here: fetch reports it
  }
  const inside = resolved.origin === prefix.origin && resolved.pathname.startsWith(prefix.pathname) &&
    !/(^|\/)\.\.(\/|$)/.test(safeDecode(p)) && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(p);
  if (!inside) {
    throw new Error(`${FN}: weight path '${p}' in model.json leads outside the model's URL prefix ${prefix.href}; ` +
      'refused (pass {allowPathsOutsideModel: true} to loadLayersModel if you trust this model)');
  }
}

function safeDecode(p: string): string {
  try { return decodeURIComponent(p); } catch { return p; }
}

export class HTTPRequest implements IOHandler {
  static readonly URL_SCHEME_REGEX = /^https?:\/\//;
  readonly path: string;
  private readonly fetch: Fetch;
  private readonly requestInit: RequestInit;

  constructor(path: string, private readonly options: LoadOptions = {}) {
    if (typeof path !== 'string' || path.length === 0) throw new Error(`${FN}: path must be a non-empty URL string, got ${JSON.stringify(path)}`);
    if (options.fetchFunc != null && typeof options.fetchFunc !== 'function') {
      throw new Error(`${FN}: fetchFunc must be a function like fetch(url, init), got ${typeof options.fetchFunc}`);
    }
    if (options.requestInit?.body != null) throw new Error(`${FN}: requestInit must have no body (the handler sets it), got one`);
    this.path = path;
    this.requestInit = options.requestInit ?? {};
    // Looked up at call time, so a fetch installed later (or mocked) is the one used.
    this.fetch = options.fetchFunc ?? ((url, init) => {
      if (typeof fetch !== 'function') throw new Error(`${FN}: there is no global fetch here; pass {fetchFunc}`);
      return fetch(url, init);
    });
  }

  async save(a: ModelArtifactsLike): Promise<SaveResult> {
    if (a.modelTopology instanceof ArrayBuffer) throw new Error(`${FN}: saving a binary (GraphDef) model topology is not supported`);
    const body = new FormData();
    const json = getModelJSONForModelArtifacts(a, [{ paths: ['./model.weights.bin'], weights: a.weightSpecs ?? [] }]);
    body.append('model.json', new Blob([JSON.stringify(json)], { type: 'application/json' }), 'model.json');
    if (a.weightData != null) {
      body.append('model.weights.bin', new Blob([concatenateArrayBuffers(a.weightData)], { type: 'application/octet-stream' }), 'model.weights.bin');
    }
    const response = await this.fetch(this.path, { method: 'POST', ...this.requestInit, body });
    if (!response.ok) throw new Error(`${FN}: saving to ${this.path} failed: HTTP ${response.status} ${response.statusText}`);
    return { modelArtifactsInfo: getModelArtifactsInfoForJSON(a), responses: [response] };
  }

  async load(): Promise<ModelArtifacts> {
    const res = await this.get(this.path, this.path);
    const json = parseModelJSON(await res.text(), this.path, FN);
    const [prefix, query] = splitUrl(this.path);
    const base = this.options.weightPathPrefix ?? prefix;
    const convert = this.options.weightUrlConverter;
    return getModelArtifactsForJSON(json, (manifest) => loadManifestWeights(manifest, async (p) => {
      const url = convert != null ? await convert(p) : base + p + query;
      if (convert == null && !this.options.allowPathsOutsideModel) confine(p, url, base);
      return (await this.get(url, `weight file '${p}' (${url}) of ${this.path}`)).arrayBuffer();
    }, FN, this.path, this.options.onProgress));
  }

  /** fetch with errors that say what was fetched (`what`) and why it failed. */
  private async get(url: string, what: string): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetch(url, this.requestInit);
    } catch (e) {
      throw new Error(`${FN}: fetching ${what} failed: ${(e as Error)?.message ?? e}`);
    }
    if (!res.ok) throw new Error(`${FN}: fetching ${what} failed: HTTP ${res.status} ${res.statusText}`.trimEnd());
    return res;
  }
}

/**
 * The http(s):// handler (tfjs tf.io.http). Loading fetches model.json, then its weight files from the
 * same folder (or `weightPathPrefix`); saving POSTs a multipart form to `path`.
 * ```ts
 * const m = await tf.loadLayersModel(tf.io.http('https://host/m/model.json', {requestInit: {credentials: 'include'}}));
 * await m.save(tf.io.http('https://host/upload', {requestInit: {method: 'PUT'}}));
 * ```
 */
export function http(path: string, options?: LoadOptions): HTTPRequest { return new HTTPRequest(path, options); }

/** tfjs' older name of http(). */
export const browserHTTPRequest = http;
