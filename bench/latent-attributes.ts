/**
 * Attribute edits on inverted test images: success = C(G(z + α·v)) is the target class;
 * unrelated change = how much C's probabilities of classes other than source and target
 * move, and how much G changes pixels that are background before and after the edit.
 */
import * as tf from '@tensorflow/tfjs';
import { loadAttributes, type StoredAttribute } from '../main/engine/ops/latent/attributes';
import type { LatentFamily } from '../main/engine/ops/latent/family';
import { slug } from '../models/training/sampled-attributes';

const ALPHAS = [0.5, 1, 1.5, 2, 3];

interface EditScore {
  success: number;
  nonTargetProbabilityChange: number;
  backgroundPixelChange: number;
  edits: number;
}

/** C's softmax and G's pixels for packed z rows. */
function look(fam: LatentFamily, z: Float32Array, n: number): { probs: Float32Array; pixels: Float32Array } {
  return tf.tidy(() => {
    const x = fam.generate(tf.tensor2d(z, [n, fam.latentSize]));
    const p = (fam.nets.C!.apply(x, { training: false }) as tf.Tensor).softmax();
    return { probs: p.dataSync() as Float32Array, pixels: x.dataSync() as Float32Array };
  });
}

function score(fam: LatentFamily, z: Float32Array, rows: number[], attr: StoredAttribute, source: number | undefined, alpha: number): EditScore {
  const L = fam.latentSize;
  const px = fam.domain.width * fam.domain.height;
  const k = fam.labels.length;
  const base = new Float32Array(rows.length * L);
  rows.forEach((r, i) => base.set(z.subarray(r * L, (r + 1) * L), i * L));
  const edited = base.map((v, i) => v + alpha * (attr.vector[i % L] ?? 0));
  const [before, after] = [look(fam, base, rows.length), look(fam, edited, rows.length)];
  let [hits, other, bg, bgCount] = [0, 0, 0, 0];
  for (let i = 0; i < rows.length; i += 1) {
    const pa = after.probs.subarray(i * k, (i + 1) * k);
    if (pa.indexOf(Math.max(...pa)) === attr.classIndex) hits += 1;
    let moved = 0;
    for (let c = 0; c < k; c += 1) if (c !== attr.classIndex && c !== source) moved += Math.abs((pa[c] ?? 0) - (before.probs[i * k + c] ?? 0));
    other += moved;
    for (let p = i * px; p < (i + 1) * px; p += 1) {
      const [a, b] = [before.pixels[p] ?? 0, after.pixels[p] ?? 0];
      if (a < -0.8 && b < -0.8) (bg += Math.abs(b - a) / 2), (bgCount += 1);
    }
  }
  return { success: hits / rows.length, nonTargetProbabilityChange: other / rows.length, backgroundPixelChange: bg / Math.max(1, bgCount), edits: rows.length };
}

/** Which images an attribute applies to: its source class for transforms, every other class for class-*. */
function applicable(attr: StoredAttribute, labels: Uint8Array, count: number, names: string[]): { rows: number[]; source?: number } {
  const all = Array.from({ length: count }, (_, i) => i);
  const match = /^(.*)-to-(.*)$/.exec(attr.name);
  if (!match) return { rows: all.filter((i) => labels[i] !== attr.classIndex) };
  const source = names.findIndex((n) => slug(n) === match[1]);
  return { rows: all.filter((i) => labels[i] === source), source };
}

export async function benchAttributes(fam: LatentFamily, labels: Uint8Array, z: Float32Array, count: number) {
  if (!fam.nets.C) return { skipped: 'no classifier', chosen: { alpha: 0, success: 0 } };
  const attrs = (await loadAttributes(fam)).filter((a) => a.classIndex !== undefined);
  const perAlpha = ALPHAS.map((alpha) => {
    const rows = attrs.flatMap((attr) => {
      const { rows: r, source } = applicable(attr, labels, count, fam.labels);
      return r.length === 0 ? [] : [{ name: attr.name, transform: attr.name.includes('-to-'), ...score(fam, z, r, attr, source, alpha) }];
    });
    const transforms = rows.filter((r) => r.transform);
    const mean = (list: typeof rows, key: 'success' | 'nonTargetProbabilityChange' | 'backgroundPixelChange') =>
      list.reduce((s, r) => s + r[key] * r.edits, 0) / Math.max(1, list.reduce((s, r) => s + r.edits, 0));
    return { alpha, success: mean(transforms, 'success'), classDirectionSuccess: mean(rows.filter((r) => !r.transform), 'success'), nonTargetProbabilityChange: mean(transforms, 'nonTargetProbabilityChange'), backgroundPixelChange: mean(transforms, 'backgroundPixelChange'), rows };
  });
  // The smallest α that meets the goal (fewer side effects), else the most successful one.
  const chosen = perAlpha.find((a) => a.success >= 0.8) ?? perAlpha.reduce((b, a) => (a.success > b.success ? a : b));
  return {
    attributes: attrs.length,
    chosen: { alpha: chosen.alpha, success: chosen.success, classDirectionSuccess: chosen.classDirectionSuccess, nonTargetProbabilityChange: chosen.nonTargetProbabilityChange, backgroundPixelChange: chosen.backgroundPixelChange },
    perTransformAtChosen: Object.fromEntries(chosen.rows.filter((r) => r.transform).map((r) => [r.name, { success: r.success, edits: r.edits }])),
    successByAlpha: Object.fromEntries(perAlpha.map((a) => [a.alpha, { transforms: a.success, classDirections: a.classDirectionSuccess }])),
  };
}
