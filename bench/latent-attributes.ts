/**
 * Attribute edits on inverted test images: success = C(G(z + α·v)) is the target class;
 * unrelated change = how much C's probabilities of classes other than source and target
 * move, and how much G changes pixels that are background before and after the edit.
 * Scored per image (scoreImages), so shards of the bench can score their own images and
 * the merge sums them (summarizeAttributes) in image order, as an unsharded run does.
 */
import * as tf from '@tensorflow/tfjs';
import { loadAttributes, type StoredAttribute } from '../main/engine/ops/latent/attributes';
import type { LatentFamily } from '../main/engine/ops/latent/family';
import { slug } from '../models/training/sampled-attributes';

/**
 * Global strengths, then 'recommended': each attribute at its own calibrated α
 * (attributes.json `strength`, chosen on training images by attribute-strength.ts), which
 * is what the Edit panel marks and what the goal is scored at.
 */
const SETTINGS: (number | 'recommended')[] = [0.5, 1, 1.5, 2, 3, 'recommended'];

const alphaFor = (attr: StoredAttribute, setting: number | 'recommended'): number => (setting === 'recommended' ? (attr.strength ?? 1) : setting);

/** One edit of one image: [attribute index, hit 0/1, non-target probability moved, background change sum, background pixels]. */
export type ImageEdit = [number, number, number, number, number];
/** Per setting (SETTINGS order), the image's edits by every attribute that applies to it. */
export type ImageEdits = ImageEdit[][];

/** The attributes the bench scores: those with a target class. */
export async function scoredAttributes(fam: LatentFamily): Promise<StoredAttribute[]> {
  return fam.nets.C ? (await loadAttributes(fam)).filter((a) => a.classIndex !== undefined) : [];
}

/** C's softmax and G's pixels for packed z rows. */
function look(fam: LatentFamily, z: Float32Array, n: number): { probs: Float32Array; pixels: Float32Array } {
  return tf.tidy(() => {
    const x = fam.generate(tf.tensor2d(z, [n, fam.latentSize]));
    const p = (fam.nets.C!.apply(x, { training: false }) as tf.Tensor).softmax();
    return { probs: p.dataSync() as Float32Array, pixels: x.dataSync() as Float32Array };
  });
}

/** The source class of a transform (`<source>-to-<target>`); undefined for class directions. */
function sourceOf(attr: StoredAttribute, names: string[]): number | undefined {
  const match = /^(.*)-to-(.*)$/.exec(attr.name);
  return match ? names.findIndex((n) => slug(n) === match[1]) : undefined;
}

/** Whether an attribute applies to an image: its source class for transforms, every other class for class-*. */
function applies(attr: StoredAttribute, source: number | undefined, label: number): boolean {
  return attr.name.includes('-to-') ? label === source : label !== attr.classIndex;
}

/** Every image's edits (z: count × latentSize, packed), batched per α and attribute. */
export function scoreImages(fam: LatentFamily, attrs: StoredAttribute[], labels: ArrayLike<number>, z: Float32Array, count: number): ImageEdits[] {
  const L = fam.latentSize;
  const px = fam.domain.width * fam.domain.height;
  const k = fam.labels.length;
  const out: ImageEdits[] = Array.from({ length: count }, () => SETTINGS.map(() => []));
  if (count === 0 || attrs.length === 0) return out;
  const before = look(fam, z, count);
  SETTINGS.forEach((setting, ai) => {
    attrs.forEach((attr, index) => {
      const alpha = alphaFor(attr, setting);
      const source = sourceOf(attr, fam.labels);
      const rows = Array.from({ length: count }, (_, i) => i).filter((i) => applies(attr, source, labels[i]!));
      if (rows.length === 0) return;
      const edited = new Float32Array(rows.length * L);
      rows.forEach((r, j) => {
        for (let d = 0; d < L; d += 1) edited[j * L + d] = z[r * L + d]! + alpha * (attr.vector[d] ?? 0);
      });
      const after = look(fam, edited, rows.length);
      rows.forEach((r, j) => {
        const pa = after.probs.subarray(j * k, (j + 1) * k);
        const hit = pa.indexOf(Math.max(...pa)) === attr.classIndex ? 1 : 0;
        let moved = 0;
        for (let c = 0; c < k; c += 1) if (c !== attr.classIndex && c !== source) moved += Math.abs((pa[c] ?? 0) - (before.probs[r * k + c] ?? 0));
        let [bg, bgCount] = [0, 0];
        for (let p = 0; p < px; p += 1) {
          const [a, b] = [before.pixels[r * px + p] ?? 0, after.pixels[j * px + p] ?? 0];
          if (a < -0.8 && b < -0.8) (bg += Math.abs(b - a) / 2), (bgCount += 1);
        }
        out[r]![ai]!.push([index, hit, moved, bg, bgCount]);
      });
    });
  });
  return out;
}

/** The bench's attribute summary from every image's edits, summed in the order given. */
export function summarizeAttributes(attrs: StoredAttribute[], edits: ImageEdits[], hasClassifier = true) {
  if (!hasClassifier) return { skipped: 'no classifier', chosen: { alpha: 0, success: 0 } };
  const perAlpha = SETTINGS.map((alpha, ai) => {
    const rows = attrs.flatMap((attr, index) => {
      let [hits, other, bg, bgCount, n] = [0, 0, 0, 0, 0];
      for (const image of edits) {
        const e = image[ai]!.find((x) => x[0] === index);
        if (!e) continue;
        (hits += e[1]), (other += e[2]), (bg += e[3]), (bgCount += e[4]), (n += 1);
      }
      if (n === 0) return [];
      return [{ name: attr.name, alpha: alphaFor(attr, alpha), transform: attr.name.includes('-to-'), success: hits / n, nonTargetProbabilityChange: other / n, backgroundPixelChange: bg / Math.max(1, bgCount), edits: n }];
    });
    const transforms = rows.filter((r) => r.transform);
    const mean = (list: typeof rows, key: 'success' | 'nonTargetProbabilityChange' | 'backgroundPixelChange') =>
      list.reduce((s, r) => s + r[key] * r.edits, 0) / Math.max(1, list.reduce((s, r) => s + r.edits, 0));
    return { alpha, success: mean(transforms, 'success'), classDirectionSuccess: mean(rows.filter((r) => !r.transform), 'success'), nonTargetProbabilityChange: mean(transforms, 'nonTargetProbabilityChange'), backgroundPixelChange: mean(transforms, 'backgroundPixelChange'), rows };
  });
  // Calibrated files are scored at each attribute's recommended α; older ones at the one
  // global α that does best (the smallest that meets the goal, for fewer side effects).
  const global = perAlpha.filter((a) => a.alpha !== 'recommended');
  const calibrated = attrs.some((a) => a.strength !== undefined);
  const chosen = calibrated ? perAlpha.find((a) => a.alpha === 'recommended')! : (global.find((a) => a.success >= 0.8) ?? global.reduce((b, a) => (a.success > b.success ? a : b)));
  return {
    attributes: attrs.length,
    chosen: { alpha: chosen.alpha, success: chosen.success, classDirectionSuccess: chosen.classDirectionSuccess, nonTargetProbabilityChange: chosen.nonTargetProbabilityChange, backgroundPixelChange: chosen.backgroundPixelChange },
    perTransformAtChosen: Object.fromEntries(chosen.rows.filter((r) => r.transform).map((r) => [r.name, { alpha: r.alpha, success: r.success, edits: r.edits }])),
    classDirectionsAtChosen: Object.fromEntries(chosen.rows.filter((r) => !r.transform).map((r) => [r.name, { alpha: r.alpha, success: r.success, edits: r.edits }])),
    successByAlpha: Object.fromEntries(perAlpha.map((a) => [a.alpha, { transforms: a.success, classDirections: a.classDirectionSuccess }])),
  };
}

export async function benchAttributes(fam: LatentFamily, labels: Uint8Array, z: Float32Array, count: number) {
  const attrs = await scoredAttributes(fam);
  return summarizeAttributes(attrs, scoreImages(fam, attrs, labels, z, count), fam.nets.C !== undefined);
}
