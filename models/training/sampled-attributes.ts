/**
 * Built-in attribute vectors from G-sampling + C-labelling: draw many z, let C label
 * G(z), keep confident samples, and take differences of class means *in z itself*.
 * Unlike E's codes of real images (attributes.ts), these directions live exactly where
 * G's samples do, so z + α·v stays on G's manifold and C agrees with the edit.
 *  - class-<name>: mean z of that class − mean z of all kept samples;
 *  - <from>-to-<to>: mean z(to) − mean z(from), e.g. sneaker-to-ankle-boot.
 */
import * as tf from '@tensorflow/tfjs';
import type { Attribute, AttributeFile } from '../metrics/attributes.js';
import { CLASS_NAMES } from './data.js';
import type { Rng } from './rng.js';

/** Edits a photographer would ask for, as (from, to) Fashion-MNIST classes. */
export const TRANSFORMS: [string, string][] = [
  ['Sneaker', 'Ankle boot'],
  ['Ankle boot', 'Sneaker'],
  ['Shirt', 'Dress'],
  ['Sandal', 'Sneaker'],
  ['Sneaker', 'Sandal'],
  ['T-shirt/top', 'Pullover'],
  ['Pullover', 'Coat'],
  ['T-shirt/top', 'Dress'],
];

export const slug = (label: string): string => label.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');

interface Labelled {
  z: Float32Array;
  labels: Int32Array;
  confidence: Float32Array;
  latent: number;
}

/** n samples (in batches of 500) with C's argmax label and its softmax probability. */
export function labelSamples(G: tf.LayersModel, C: tf.LayersModel, rng: Rng, n: number): Labelled {
  const latent = G.inputs[0]!.shape[1]!;
  const z = rng.normals(n * latent);
  const labels = new Int32Array(n);
  const confidence = new Float32Array(n);
  for (let s = 0; s < n; s += 500) {
    const k = Math.min(500, n - s);
    const [cls, conf] = tf.tidy(() => {
      const p = (C.predict(G.predict(tf.tensor2d(z.subarray(s * latent, (s + k) * latent), [k, latent])) as tf.Tensor) as tf.Tensor).softmax();
      return [p.argMax(-1).dataSync() as Int32Array, p.max(-1).dataSync() as Float32Array];
    });
    labels.set(cls, s);
    confidence.set(conf, s);
  }
  return { z, labels, confidence, latent };
}

function meanZ(d: Labelled, keep: (i: number) => boolean): { mean: Float64Array; count: number } {
  const mean = new Float64Array(d.latent);
  let count = 0;
  for (let i = 0; i < d.labels.length; i++) {
    if (!keep(i)) continue;
    count++;
    for (let j = 0; j < d.latent; j++) mean[j]! += d.z[i * d.latent + j]!;
  }
  return { mean: mean.map((v) => v / Math.max(count, 1)), count };
}

const round = (v: ArrayLike<number>): number[] => Array.from(v, (x) => Math.round(x * 1e5) / 1e5);

export function buildSampledAttributes(G: tf.LayersModel, C: tf.LayersModel, rng: Rng, n = 20000, minConfidence = 0.8): AttributeFile {
  const d = labelSamples(G, C, rng, n);
  const confident = (i: number): boolean => d.confidence[i]! >= minConfidence;
  const all = meanZ(d, confident);
  const perClass = CLASS_NAMES.map((_, c) => meanZ(d, (i) => confident(i) && d.labels[i] === c));
  const createdAt = new Date().toISOString();
  const provenance = (positives: number, negatives: number) => ({ method: 'labels' as const, positives, negatives, createdAt });
  const attributes: (Attribute & { provenance: ReturnType<typeof provenance> })[] = [];
  CLASS_NAMES.forEach((label, c) => {
    const cls = perClass[c]!;
    if (cls.count < 10) return; // Too few samples for a stable mean: G rarely makes this class.
    attributes.push({ name: `class-${slug(label)}`, label, kind: 'class-mean-sampled', classIndex: c,
      vector: round(cls.mean.map((v, j) => v - all.mean[j]!)), provenance: provenance(cls.count, all.count) });
  });
  for (const [from, to] of TRANSFORMS) {
    const [a, b] = [CLASS_NAMES.indexOf(from as (typeof CLASS_NAMES)[number]), CLASS_NAMES.indexOf(to as (typeof CLASS_NAMES)[number])];
    const [pa, pb] = [perClass[a]!, perClass[b]!];
    if (pa.count < 10 || pb.count < 10) continue;
    attributes.push({ name: `${slug(from)}-to-${slug(to)}`, label: `${from} → ${to}`, kind: 'class-transform-sampled', classIndex: b,
      vector: round(pb.mean.map((v, j) => v - pa.mean[j]!)), provenance: provenance(pb.count, pa.count) });
  }
  return { version: 1, latentSize: d.latent, method: `G-sampling + C-labelling: ${n} samples, C confidence ≥ ${minConfidence}; see models/training/sampled-attributes.ts`, attributes };
}
