/**
 * Builds attributes.json: named latent directions as differences of latent
 * means, using E's codes of real labelled training images.
 *  - class-<name>: mean code of that class − mean code of all images
 *    (z + v moves a product towards that class).
 *  - <from>-to-<to>: mean code of `to` − mean code of `from` (the same edits as the
 *    G-sampled set; attribute-strength.ts keeps whichever works better).
 *  - brightness / size / texture: (mean code of the top quintile − mean code of
 *    the bottom quintile) / 2 for a simple pixel statistic.
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attribute, AttributeFile } from '../metrics/attributes.js';
import { predictRows } from '../metrics/batched.js';
import { CLASS_NAMES, type FashionSet, SIDE, toFloat } from './data.js';
import { slug, TRANSFORMS } from './sampled-attributes.js';

/** Which codes an estimate averages, as its provenance names them. */
export type CodeMethod = NonNullable<Attribute['provenance']>['method'];

function meanOf(codes: Float32Array, dim: number, rows: number[]): Float64Array {
  const m = new Float64Array(dim);
  for (const r of rows) for (let j = 0; j < dim; j++) m[j] = m[j]! + codes[r * dim + j]!;
  return m.map((v) => v / Math.max(rows.length, 1));
}

const round = (v: Float64Array): number[] => Array.from(v, (x) => Math.round(x * 1e5) / 1e5);

/** Per-image pixel statistics in [0,1]: mean intensity of the item, covered area, intensity spread. */
function stats(set: FashionSet, i: number): { brightness: number; size: number; texture: number } {
  const px = set.pixels.subarray(i * SIDE * SIDE, (i + 1) * SIDE * SIDE);
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (const p of px) if (p > 25) { n++; sum += p / 255; sq += (p / 255) ** 2; }
  const mean = n ? sum / n : 0;
  return { brightness: mean, size: n / px.length, texture: n ? Math.sqrt(Math.max(sq / n - mean * mean, 0)) : 0 };
}

export function buildAttributes(E: tf.LayersModel, set: FashionSet, count = 20000): AttributeFile {
  const n = Math.min(count, set.count);
  const { rows: codes, dim } = predictRows(E, n, (s, k) =>
    tf.tensor4d(toFloat(set, Array.from({ length: k }, (_, j) => s + j)), [k, SIDE, SIDE, 1]));
  const all = Array.from({ length: n }, (_, i) => i);
  const attributes = classAttributes(codes, dim, set.labels.subarray(0, n), { method: 'encoder', kindSuffix: '' });
  // Provenance as the app shows it (AttributeInfo): made by the encoder from labelled images.
  const createdAt = new Date().toISOString();
  const st = all.map((i) => stats(set, i));
  for (const key of ['brightness', 'size', 'texture'] as const) {
    const order = [...all].sort((a, b) => st[a]![key] - st[b]![key]);
    const q = Math.floor(n / 5);
    const lo = meanOf(codes, dim, order.slice(0, q));
    const hi = meanOf(codes, dim, order.slice(n - q));
    attributes.push({ name: key, label: key[0]!.toUpperCase() + key.slice(1), kind: 'quantile-difference',
      vector: round(hi.map((v, j) => (v - lo[j]!) / 2)), provenance: { method: 'encoder', positives: q, negatives: q, createdAt } });
  }
  return { version: 1, latentSize: dim, method: `E codes of ${n} training images; see models/training/attributes.ts`, attributes };
}

/**
 * class-<name> and <from>-to-<to> directions from `codes` (one row per labelled image, in
 * `labels` order): mean code of a class − mean of all, and mean of `to` − mean of `from`.
 * `method` names the codes in the provenance; `kindSuffix` tells estimates apart (e.g. '-hybrid').
 */
export function classAttributes(codes: Float32Array, dim: number, labels: ArrayLike<number>, source: { method: CodeMethod; kindSuffix: string }): Attribute[] {
  const all = Array.from({ length: labels.length }, (_, i) => i);
  const global = meanOf(codes, dim, all);
  const createdAt = new Date().toISOString();
  const attributes: Attribute[] = CLASS_NAMES.map((label, c) => {
    const rows = all.filter((i) => labels[i] === c);
    return { name: `class-${slug(label)}`, label, kind: `class-mean${source.kindSuffix}`, classIndex: c,
      vector: round(meanOf(codes, dim, rows).map((v, j) => v - global[j]!)),
      provenance: { method: source.method, positives: rows.length, negatives: labels.length, createdAt } };
  });
  for (const [from, to] of TRANSFORMS) {
    const [a, b] = [CLASS_NAMES.indexOf(from as (typeof CLASS_NAMES)[number]), CLASS_NAMES.indexOf(to as (typeof CLASS_NAMES)[number])];
    const [ra, rb] = [all.filter((i) => labels[i] === a), all.filter((i) => labels[i] === b)];
    const [ma, mb] = [meanOf(codes, dim, ra), meanOf(codes, dim, rb)];
    attributes.push({ name: `${slug(from)}-to-${slug(to)}`, label: `${from} → ${to}`, kind: `class-transform${source.kindSuffix}`, classIndex: b,
      vector: round(mb.map((v, j) => v - ma[j]!)), provenance: { method: source.method, positives: rb.length, negatives: ra.length, createdAt } });
  }
  return attributes;
}

export function writeAttributes(outDir: string, file: AttributeFile): void {
  writeFileSync(join(outDir, 'attributes.json'), `${JSON.stringify(file)}\n`);
}
