/**
 * Picks, for every class-labelled direction, which estimate of it to ship and at which
 * strength α: an edit vector is only useful at the α where it lands on the target class,
 * and that α differs per vector (shirt → dress needs more push than sneaker → ankle boot).
 * Candidates are the G-sampled estimate (sampled-attributes.ts) and the estimates from E's
 * and hybrid's codes of real labelled images (attributes.ts); all are mean-of-codes differences, as
 * the issue defines attribute vectors. The choice is made on validation images from the
 * training split, so the test set the bench scores stays unseen, edited from the codes the
 * Edit panel will edit: by default hybrid's (its default method), else E's.
 */
import * as tf from '@tensorflow/tfjs';
import type { Attribute } from '../metrics/attributes.js';
import { slug } from './sampled-attributes.js';
import { CLASS_NAMES } from './data.js';

/** The slider's range is [-3, 3]; finer steps near 1 where most vectors work. */
export const STRENGTH_GRID = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3];

export interface CalibrationSet {
  /** Codes of the validation images (E's or hybrid's), count × latent; only calibrationRows are read. */
  codes: Float32Array;
  labels: Uint8Array;
  latent: number;
}

export interface Calibrated extends Attribute {
  /** α that the Edit panel marks as recommended; the bench's chosen α. */
  strength: number;
  calibration: { success: number; images: number; candidates: Record<string, number> };
}

/** The codes of `rows` moved by α·vector, packed (rows.length × latent). */
export function editedCodes(set: CalibrationSet, rows: number[], vector: ArrayLike<number>, alpha: number): Float32Array {
  const L = set.latent;
  const z = new Float32Array(rows.length * L);
  rows.forEach((r, i) => {
    for (let j = 0; j < L; j++) z[i * L + j] = set.codes[r * L + j]! + alpha * vector[j]!;
  });
  return z;
}

/** Share of `rows` whose edited code G decodes into something C labels `target`. */
export function editSuccess(G: tf.LayersModel, C: tf.LayersModel, set: CalibrationSet, rows: number[], vector: ArrayLike<number>, alpha: number, target: number): number {
  if (rows.length === 0) return 0;
  const L = set.latent;
  const z = editedCodes(set, rows, vector, alpha);
  let hits = 0;
  for (let s = 0; s < rows.length; s += 500) {
    const k = Math.min(500, rows.length - s);
    const cls = tf.tidy(() => (C.predict(G.predict(tf.tensor2d(z.subarray(s * L, (s + k) * L), [k, L])) as tf.Tensor) as tf.Tensor).argMax(-1).dataSync());
    for (const c of cls) if (c === target) hits++;
  }
  return hits / rows.length;
}

/** Images an attribute is meant for: its source class for `a-to-b`, every other class for `class-b`. */
export function applicableRows(name: string, target: number, labels: Uint8Array, limit: number): number[] {
  const transform = /^(.*)-to-(.*)$/.exec(name);
  const source = transform ? CLASS_NAMES.findIndex((n) => slug(n) === transform[1]) : -1;
  const rows: number[] = [];
  for (let i = 0; i < labels.length && rows.length < limit; i++) {
    if (transform ? labels[i] === source : labels[i] !== target) rows.push(i);
  }
  return rows;
}

/** Every validation row some candidate's calibration reads (see calibrateAttributes), ascending. */
export function calibrationRows(candidates: Attribute[][], labels: Uint8Array, limit: number): number[] {
  const rows = new Set<number>();
  for (const attr of candidates.flat()) {
    if (attr.classIndex !== undefined) for (const r of applicableRows(attr.name, attr.classIndex, labels, limit)) rows.add(r);
  }
  return [...rows].sort((a, b) => a - b);
}

/**
 * For each name with a classIndex, the (candidate, α) with the highest validation success
 * (ties: the smaller α, which changes less). Names without a class (brightness, …) pass
 * through from the first list that has them.
 */
export function calibrateAttributes(G: tf.LayersModel, C: tf.LayersModel, set: CalibrationSet, candidates: Attribute[][], limit = 400): (Attribute | Calibrated)[] {
  const names = [...new Set(candidates.flatMap((list) => list.map((a) => a.name)))];
  return names.map((name) => {
    const options = candidates.flatMap((list) => list.filter((a) => a.name === name));
    const first = options[0]!;
    if (first.classIndex === undefined) return first;
    const rows = applicableRows(name, first.classIndex, set.labels, limit);
    let best = { attr: first, alpha: 1, success: -1 };
    const perCandidate: Record<string, number> = {};
    for (const attr of options) {
      for (const alpha of STRENGTH_GRID) {
        const success = editSuccess(G, C, set, rows, attr.vector, alpha, first.classIndex);
        perCandidate[attr.kind] = Math.max(perCandidate[attr.kind] ?? 0, success);
        if (success > best.success) best = { attr, alpha, success };
      }
    }
    return { ...best.attr, strength: best.alpha, calibration: { success: round3(best.success), images: rows.length, candidates: mapValues(perCandidate, round3) } };
  });
}

export const round3 = (v: number): number => Math.round(v * 1000) / 1000;

function mapValues(o: Record<string, number>, f: (v: number) => number): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}
