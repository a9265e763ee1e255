// tfjs-layers 4.22's exports and the public members of its classes, against ascent: every `tf.layers` factory,
// every top-level export of @tensorflow/tfjs-layers, and the public members of LayersModel, Sequential, Layer,
// Tensor, Variable and Optimizer are in ascent, or listed in test/api-absent.json with the reason. A listed name
// that ascent now has fails too, so the table stays honest. Runs in Node and Chromium.
//
// A class's public members are read from tfjs's .d.ts files (as text): every member declared in the class body
// or an ancestor's that is neither `protected` nor `private`, does not start with '_', and is not static. The
// checked classes exclude what a checked ancestor already reports (Sequential reports add and pop; what it
// inherits from LayersModel is reported as LayersModel.x), and ascent's classes are checked to inherit likewise.
import { describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { tf } from './helpers.js';
import ABSENT_JSON from './api-absent.json';

const ABSENT = ABSENT_JSON as Record<string, string>;
const DTS = import.meta.glob([
  '/node_modules/@tensorflow/tfjs-layers/dist/engine/topology.d.ts', '/node_modules/@tensorflow/tfjs-layers/dist/engine/container.d.ts',
  '/node_modules/@tensorflow/tfjs-layers/dist/engine/training.d.ts', '/node_modules/@tensorflow/tfjs-layers/dist/models.d.ts',
  '/node_modules/@tensorflow/tfjs-core/dist/tensor.d.ts', '/node_modules/@tensorflow/tfjs-core/dist/optimizers/optimizer.d.ts',
  '/node_modules/@tensorflow/tfjs-core/dist/serialization.d.ts',
], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

interface Decl { parent: string | null; members: Map<string, boolean /* public */> }

/** The classes declared in the .d.ts texts: each one's parent and its members (name → public). */
function declarations(): Map<string, Decl> {
  const out = new Map<string, Decl>();
  for (const src of Object.values(DTS)) {
    const lines = src.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^export declare (?:abstract )?class (\w+)(?:<.*?>)? (?:extends ([\w.]+))?/.exec(lines[i]);
      if (!m) continue;
      const members = new Map<string, boolean>();
      for (i++; i < lines.length && lines[i] !== '}'; i++) {
        // members are at 4 spaces (continuations of a multi-line type are deeper); comments start with / or *
        const d = /^ {4}(static )?((?:protected|private) )?(?:readonly )?(?:abstract )?(?:(?:get|set) )?(\w+)\??[<(:;]/.exec(lines[i]);
        if (!d || d[1] || d[3] === 'constructor' || d[3].startsWith('_')) continue;
        members.set(d[3], (members.get(d[3]) ?? false) || !d[2]);
      }
      out.set(m[1], { parent: m[2]?.replace(/^.*\./, '') ?? null, members });
    }
  }
  return out;
}

/** The public members of a tfjs class (its body and its ancestors'; public anywhere in the chain = public). */
function publicMembers(decls: Map<string, Decl>, cls: string): Set<string> {
  const seen = new Map<string, boolean>();
  for (let c: string | null = cls; c !== null; c = decls.get(c)?.parent ?? null) {
    const d = decls.get(c);
    if (d === undefined) throw new Error(`tfjs class ${c} (an ancestor of ${cls}) was not found in the .d.ts files read`);
    for (const [n, pub] of d.members) seen.set(n, (seen.get(n) ?? false) || pub);
  }
  return new Set([...seen].filter(([, pub]) => pub).map(([n]) => n));
}

class Plain extends tf.Layer { call(x: tf.Tensor | tf.Tensor[]) { return x; } }

/** The checked classes: tfjs's name, the checked tfjs ancestor whose members it does not report again, an ascent instance. */
function checkedClasses(): { cls: string; parent: string | null; ours: () => object; ascentParent?: Function; ascentClass: Function }[] {
  return [
    { cls: 'Layer', parent: null, ours: () => new Plain({}), ascentClass: tf.Layer },
    { cls: 'LayersModel', parent: 'Layer', ascentClass: tf.LayersModel, ascentParent: tf.Layer,
      ours: () => { const i = tf.input({ shape: [2] }); return tf.model({ inputs: i, outputs: tf.layers.dense({ units: 1 }).apply(i) }); } },
    { cls: 'Sequential', parent: 'LayersModel', ascentClass: tf.Sequential, ascentParent: tf.LayersModel,
      ours: () => tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] }) },
    { cls: 'Tensor', parent: null, ours: () => tf.zeros([1]), ascentClass: tf.Tensor },
    { cls: 'Variable', parent: 'Tensor', ours: () => tf.variable(tf.zeros([1])), ascentClass: tf.Variable, ascentParent: tf.Tensor },
    { cls: 'Optimizer', parent: null, ours: () => tf.train.sgd(0.1), ascentClass: tf.train.Optimizer ?? tf.Optimizer },
  ];
}

/**
 * Every name tfjs has and whether ascent has it: `layers.x`, `tf.x` (tfjs-layers' top level), `tf.ns.x` (its
 * namespaces: initializers, metrics …), `Class.member`.
 */
function tfjsNames(): { key: string; present: boolean }[] {
  const out: { key: string; present: boolean }[] = [];
  const ourLayers = tf.layers as unknown as Record<string, unknown>;
  for (const n of Object.keys(tfl.layers).sort()) out.push({ key: `layers.${n}`, present: ourLayers[n] !== undefined });
  const top = tf as unknown as Record<string, unknown>;
  for (const n of Object.keys(tfl).sort()) if (n !== 'default') out.push({ key: `tf.${n}`, present: top[n] !== undefined });
  // tfjs-layers' namespaces (tf.initializers, tf.metrics, tf.callbacks …): their members too
  for (const [n, v] of Object.entries(tfl)) {
    if (n === 'default' || n === 'layers' || typeof v !== 'object' || v === null) continue;
    const ours = (top[n] ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(v).sort()) out.push({ key: `tf.${n}.${k}`, present: ours[k] !== undefined });
  }
  const decls = declarations();
  for (const { cls, parent, ours } of checkedClasses()) {
    const inherited = parent === null ? new Set<string>() : publicMembers(decls, parent);
    const obj = ours();
    for (const n of [...publicMembers(decls, cls)].sort()) {
      if (!inherited.has(n)) out.push({ key: `${cls}.${n}`, present: n in obj });
    }
    tf.dispose(obj as tf.Tensor);
  }
  return out;
}

describe('tfjs-layers exports and class members', () => {
  it('reads tfjs: its 80 layer factories, its namespaces and the members of its classes', () => {
    expect(tfjsNames().filter((n) => n.key.startsWith('tf.initializers.')).length).toBeGreaterThan(10);
    const decls = declarations();
    expect(Object.keys(tfl.layers).length).toBeGreaterThanOrEqual(80);
    expect([...publicMembers(decls, 'Layer')]).toEqual(expect.arrayContaining(['apply', 'getWeights', 'countParams', 'getInputAt', 'outputShape', 'name']));
    expect(publicMembers(decls, 'Layer').has('addWeight')).toBe(false); // protected in tfjs
    expect([...publicMembers(decls, 'LayersModel')]).toEqual(expect.arrayContaining(['fit', 'getLayer', 'inputs', 'execute', 'predictOnBatch']));
    expect([...publicMembers(decls, 'Tensor')]).toEqual(expect.arrayContaining(['bufferSync', 'bytes', 'strides', 'variable']));
    expect([...publicMembers(decls, 'Optimizer')]).toEqual(expect.arrayContaining(['minimize', 'getWeights', 'iterations', 'getClassName']));
  });

  it('ascent\'s classes inherit as tfjs\'s do (so an inherited member is reported once)', () => {
    for (const { ascentClass, ascentParent } of checkedClasses()) {
      expect(typeof ascentClass).toBe('function');
      if (ascentParent) expect(ascentClass.prototype instanceof ascentParent).toBe(true);
    }
  });

  it('every tfjs name is in ascent or in test/api-absent.json with a reason, and nothing listed is there', () => {
    const names = tfjsNames();
    const known = new Set(names.map((n) => n.key));
    const missing = names.filter((n) => !n.present && !(n.key in ABSENT)).map((n) => n.key);
    const implemented = names.filter((n) => n.present && n.key in ABSENT).map((n) => n.key);
    const unknown = Object.keys(ABSENT).filter((k) => !known.has(k));
    const emptyReasons = Object.entries(ABSENT).filter(([, r]) => typeof r !== 'string' || r.trim() === '').map(([k]) => k);
    const report = [
      missing.length ? `in tfjs, not in ascent: implement or ADD to test/api-absent.json with a reason:\n  ${missing.join('\n  ')}` : '',
      implemented.length ? `in ascent now: REMOVE from test/api-absent.json:\n  ${implemented.join('\n  ')}` : '',
      unknown.length ? `not a tfjs name (misspelt?): REMOVE from test/api-absent.json:\n  ${unknown.join('\n  ')}` : '',
      emptyReasons.length ? `listed without a reason:\n  ${emptyReasons.join('\n  ')}` : '',
    ].filter((s) => s !== '').join('\n');
    expect(report, report).toBe('');
  });
});
