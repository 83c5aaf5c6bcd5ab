/**
 * Named latent directions (attributes.json) and a check that they work: for
 * random z, does C classify G(z + α·d_class) as that class more often than G(z)?
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../training/rng.js';

export interface Attribute {
  name: string;
  label: string;
  /** How it was made, e.g. 'class-mean' or 'quantile-difference'. */
  kind: string;
  /** Class index for class directions, so benches can score them with C. */
  classIndex?: number;
  vector: number[];
  /** How it was made, as the app lists it (preload/contract/latent.ts AttributeInfo). */
  provenance?: { method: 'optimize' | 'encoder' | 'hybrid' | 'labels'; positives: number; negatives: number; createdAt?: string };
}

export interface AttributeFile { version: 1; latentSize: number; method: string; attributes: Attribute[] }

export interface AttributeScore { name: string; before: number; after: number }

/** Fraction of samples C assigns to each class direction's class, before and after adding it (α = 1). */
export function evaluateAttributes(G: tf.LayersModel, C: tf.LayersModel, file: AttributeFile, rng: Rng, n: number):
  { classDirections: AttributeScore[]; meanBefore: number; meanAfter: number } {
  const latent = file.latentSize;
  const z = rng.normals(n * latent);
  const classify = (shift: number[] | null): Int32Array => {
    const cls = tf.tidy(() => {
      let zt: tf.Tensor = tf.tensor2d(z, [n, latent]);
      if (shift) zt = zt.add(tf.tensor1d(shift));
      return (C.predict(G.predict(zt) as tf.Tensor) as tf.Tensor).argMax(-1);
    });
    const out = cls.dataSync() as Int32Array;
    cls.dispose();
    return out;
  };
  const base = classify(null);
  const scores: AttributeScore[] = [];
  for (const a of file.attributes) {
    if (a.classIndex === undefined) continue;
    const after = classify(a.vector);
    const frac = (arr: Int32Array): number => arr.filter((c) => c === a.classIndex).length / n;
    scores.push({ name: a.name, before: frac(base), after: frac(after) });
  }
  const mean = (k: 'before' | 'after'): number => scores.reduce((s, x) => s + x[k], 0) / Math.max(scores.length, 1);
  return { classDirections: scores, meanBefore: mean('before'), meanAfter: mean('after') };
}
