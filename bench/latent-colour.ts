/**
 * The RGB family `fashion-colour` on held-out t10k images, tinted as it was trained (each
 * product's luminance times a colour; colours from a seeded draw, a fifth left grey):
 * - inversion: PSNR/SSIM of encoder, hybrid (50 steps) and, on a subset, optimize (500 steps),
 *   with a random z's PSNR measured in the same run as the baseline;
 * - colour kept: the share of saturated images whose reconstruction has the target's dominant
 *   channel (R, G or B, over the product's pixels);
 * - C's accuracy on tinted images;
 * - hue attributes (`colour-red` … at their strength, from hybrid codes): the share of images
 *   that move toward the hue (its channel mix rises by > 0.1 in domain units over the product)
 *   and the share C still gives the same class;
 * - class transforms at their strength (from E's codes of t10k images of the source class):
 *   the share C assigns the target.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_DATA_DIR, loadFashion, productColour, toTintedFloat } from '../models/training/data';
import { Rng } from '../models/training/rng';
import { attributeTerms, combineLatents, loadAttributes } from '../main/engine/ops/latent/attributes';
import { disposeLatentFamilies, getLatentFamily, type LatentFamily } from '../main/engine/ops/latent/family';
import { generateValues, invertImages } from '../main/engine/ops/latent/invert';
import { domainQuality } from '../main/engine/ops/latent/invert-job';
import { classify, encode, seededLatents } from '../main/engine/ops/latent/sample';
import { mean } from './stats';

const PX = 32 * 32 * 3;
type Rgb = readonly [number, number, number];
/** How much of a hue a pixel shows: its channel's value minus the mean of the others (complements negated). */
const HUE_MIX: Record<string, Rgb> = { red: [1, -0.5, -0.5], yellow: [0.5, 0.5, -1], green: [-0.5, 1, -0.5], cyan: [-1, 0.5, 0.5], blue: [-0.5, -0.5, 1], magenta: [0.5, -1, 0.5] };

/** Seeded tints as in training: hue uniform, four fifths saturated (0.35–1), value 0.6–1. */
function tints(count: number, seed: number): Rgb[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const [h, grey, s0, v0] = [rng.uniform(), rng.uniform(), rng.uniform(), rng.uniform()];
    const s = grey < 0.2 ? 0 : 0.35 + 0.65 * s0;
    return hsvToRgb(h, s, 0.6 + 0.4 * v0);
  });
}

function hsvToRgb(h: number, s: number, v: number): Rgb {
  const i = Math.floor(h * 6) % 6;
  const f = h * 6 - Math.floor(h * 6);
  const [p, q, t] = [v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)];
  return ([[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]] as const)[i]!;
}

const argMax = (v: Rgb): number => v.indexOf(Math.max(...v));
const slice = (values: Float32Array, i: number, size: number): Float32Array => values.subarray(i * size, (i + 1) * size);

function quality(fam: LatentFamily, recon: Float32Array, target: Float32Array, count: number): { psnr: number; ssim: number } {
  const q = Array.from({ length: count }, (_, i) => domainQuality(fam, slice(recon, i, PX), slice(target, i, PX)));
  return { psnr: mean(q.map((x) => Math.min(60, x.psnr))), ssim: mean(q.map((x) => x.ssim)) };
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, unknown>> {
  await tf.setBackend('wasm');
  const fam = await getLatentFamily('fashion-colour');
  const test = loadFashion('t10k', DEFAULT_DATA_DIR);
  const n = quick ? 24 : 100;
  const nOptimize = quick ? 4 : 20;
  const colours = tints(n, 7);
  const rows = Array.from({ length: n }, (_, i) => i);
  const target = toTintedFloat(test, rows, colours);

  const random = quality(fam, generateValues(fam, seededLatents(64, n, 3), n), target, n);
  let t0 = performance.now();
  const zE = encode(fam, target, n);
  const encoderMs = (performance.now() - t0) / n;
  const encoder = quality(fam, generateValues(fam, zE, n), target, n);
  t0 = performance.now();
  const hybridRun = await invertImages(fam, target, n, { method: 'hybrid' });
  const hybridS = (performance.now() - t0) / 1000 / n;
  const hybrid = quality(fam, hybridRun.recon, target, n);
  t0 = performance.now();
  const optimizeRun = await invertImages(fam, target.subarray(0, nOptimize * PX), nOptimize, { method: 'optimize' });
  const optimizeS = (performance.now() - t0) / 1000 / nOptimize;
  const optimize = quality(fam, optimizeRun.recon, target.subarray(0, nOptimize * PX), nOptimize);
  const hybridOnSubset = quality(fam, hybridRun.recon.subarray(0, nOptimize * PX), target.subarray(0, nOptimize * PX), nOptimize);

  const saturated = rows.filter((i) => Math.max(...colours[i]!) - Math.min(...colours[i]!) > 0.3);
  const colourKept = mean(saturated.map((i) => (argMax(productColour(slice(hybridRun.recon, i, PX), slice(target, i, PX))) === argMax(colours[i]!) ? 1 : 0)));

  const accRows = Array.from({ length: quick ? 300 : 2000 }, (_, i) => i);
  const accLabels = classify(fam, toTintedFloat(test, accRows, tints(accRows.length, 11)), accRows.length, 1);
  const accuracy = mean(accLabels.map((l, i) => (l[0]!.index === test.labels[i] ? 1 : 0)));

  const attrs = await loadAttributes(fam);
  const before = hybridRun.recon;
  const classesBefore = classify(fam, before, n, 1);
  const hues = Object.entries(HUE_MIX).map(([hue, mix]) => {
    const attribute = attrs.find((a) => a.name === `colour-${hue}`);
    if (!attribute) throw new Error(`fashion-colour has no colour-${hue} attribute`);
    const alpha = attribute.strength ?? 1.5;
    const after = generateValues(fam, combineLatents(hybridRun.z, fam.latentSize, attributeTerms(attrs, { [attribute.name]: alpha })), n);
    const score = (img: Float32Array, i: number) => productColour(slice(img, i, PX), slice(target, i, PX)).reduce((s, v, c) => s + v * mix[c]!, 0);
    const moved = mean(rows.map((i) => (score(after, i) > score(before, i) + 0.1 ? 1 : 0)));
    const classesAfter = classify(fam, after, n, 1);
    const classKept = mean(rows.map((i) => (classesAfter[i]![0]!.index === classesBefore[i]![0]!.index ? 1 : 0)));
    return { name: attribute.name, alpha, moved, classKept };
  });

  const transforms = attrs.filter((a) => a.kind?.startsWith('class-transform')).map((a) => {
    const source = fam.labels.indexOf(a.label!.split(' → ')[0]!);
    const sourceRows = Array.from({ length: test.count }, (_, i) => i).filter((i) => test.labels[i] === source).slice(0, quick ? 30 : 100);
    const images = toTintedFloat(test, sourceRows, tints(sourceRows.length, 13));
    const z = encode(fam, images, sourceRows.length);
    const after = generateValues(fam, combineLatents(z, fam.latentSize, attributeTerms(attrs, { [a.name]: a.strength ?? 1.5 })), sourceRows.length);
    const success = mean(classify(fam, after, sourceRows.length, 1).map((l) => (l[0]!.index === a.classIndex ? 1 : 0)));
    return { name: a.name, alpha: a.strength, images: sourceRows.length, success };
  });

  await disposeLatentFamilies(); // not fam.dispose(): the family stays cached by id, and a disposed one must not be found there
  return {
    images: n,
    baseline: { randomZ: random },
    inversion: {
      encoder: { ...encoder, msPerImage: encoderMs },
      hybrid50: { ...hybrid, secondsPerImage: hybridS },
      optimize500: { ...optimize, images: nOptimize, secondsPerImage: optimizeS, hybrid50OnTheseImages: hybridOnSubset },
    },
    colourKept: { saturatedImages: saturated.length, share: colourKept },
    classifierAccuracy: { images: accRows.length, accuracy },
    hueAttributes: hues,
    hueMovedMean: mean(hues.map((h) => h.moved)),
    classTransforms: transforms,
    transformSuccessMean: mean(transforms.map((t) => t.success)),
  };
}
