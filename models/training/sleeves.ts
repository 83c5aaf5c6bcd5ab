/**
 * "Sleeves": the example of an attribute that is not a class. Fashion-MNIST has no
 * sleeve labels, so the direction is made like brightness or size, from a pixel statistic:
 * among tops (T-shirt/top, pullover, coat, shirt), the mean code of the fifth with the most
 * sleeve coverage minus the fifth with the least, halved. Coverage is where long sleeves hang
 * beside the body and short ones leave background: the lower outer strips of the product.
 */
import * as tf from '@tensorflow/tfjs';
import type { Attribute } from '../metrics/attributes.js';
import { predictRows } from '../metrics/batched.js';
import { editedCodes, round3, STRENGTH_GRID, type CalibrationSet, type Calibrated } from './attribute-strength.js';
import { CLASS_NAMES, type FashionSet, SIDE, toFloat } from './data.js';

/** Classes that are tops: the ones that have sleeves to lengthen or shorten. */
export const TOP_CLASSES: readonly number[] = ['T-shirt/top', 'Pullover', 'Coat', 'Shirt'].map((n) => CLASS_NAMES.indexOf(n as (typeof CLASS_NAMES)[number]));
const T_SHIRT = CLASS_NAMES.indexOf('T-shirt/top');
const PULLOVER = CLASS_NAMES.indexOf('Pullover');

/** The strips, in the 28 × 28 product frame: rows 14–25 (below the shoulders), columns 1–5 and 22–26. */
const ROWS = Array.from({ length: 12 }, (_, i) => 14 + i);
const COLUMNS = [1, 2, 3, 4, 5, 22, 23, 24, 25, 26];
/** Fashion-MNIST's 28 × 28 products sit in the SIDE × SIDE (32 × 32) domain with this border. */
const PAD = 2;

/** The recommended strength is the smallest at which this share of validation T-shirts succeeds (the 80 %). */
export const SUCCESS_TARGET = 0.8;

/** Mean brightness in [0, 1] of the sleeve strips of one 32 × 32 image; `brightness(k)` reads pixel k in [0, 1]. */
export function sleeveCoverage(brightness: (pixel: number) => number): number {
  let sum = 0;
  for (const r of ROWS) for (const c of COLUMNS) sum += brightness((r + PAD) * SIDE + c + PAD);
  return sum / (ROWS.length * COLUMNS.length);
}

/** Coverage of the first `count` images of a Fashion-MNIST set (bytes). */
export function setCoverages(set: FashionSet, count = set.count): number[] {
  return Array.from({ length: count }, (_, i) => sleeveCoverage((k) => set.pixels[i * SIDE * SIDE + k]! / 255));
}

/** Coverage of packed domain images (count × 32 × 32, values in [-1, 1]). */
export function domainCoverages(images: Float32Array, count: number): number[] {
  return Array.from({ length: count }, (_, i) => sleeveCoverage((k) => (images[i * SIDE * SIDE + k]! + 1) / 2));
}

/**
 * Where "long sleeves" starts: the 25th percentile of the coverage of training pullovers (every
 * pullover has long sleeves; three in four cover the strips at least this much).
 */
export function longSleeveThreshold(coverage: readonly number[], labels: ArrayLike<number>): number {
  const pullovers = coverage.filter((_, i) => labels[i] === PULLOVER).sort((a, b) => a - b);
  if (pullovers.length === 0) throw new Error('no pullovers to set the long-sleeve threshold');
  return pullovers[Math.floor(0.25 * (pullovers.length - 1))]!;
}

/** The direction from `codes` (count × dim) of labelled images with their coverages. */
export function sleevesAttribute(codes: Float32Array, dim: number, coverage: readonly number[], labels: ArrayLike<number>, method: NonNullable<Attribute['provenance']>['method']): Attribute {
  const tops = coverage.map((_, i) => i).filter((i) => TOP_CLASSES.includes(labels[i]!));
  const order = [...tops].sort((a, b) => coverage[a]! - coverage[b]!);
  const fifth = Math.floor(order.length / 5);
  const mean = (rows: number[]) => {
    const m = new Float64Array(dim);
    for (const r of rows) for (let j = 0; j < dim; j++) m[j] = m[j]! + codes[r * dim + j]! / rows.length;
    return m;
  };
  const [short, long] = [mean(order.slice(0, fifth)), mean(order.slice(order.length - fifth))];
  return {
    name: 'sleeves',
    label: 'Sleeves',
    kind: 'quantile-difference',
    vector: Array.from(long, (v, j) => Math.round(((v - short[j]!) / 2) * 1e5) / 1e5),
    provenance: { method, positives: fifth, negatives: fifth, createdAt: new Date().toISOString() },
  };
}

/**
 * Share of `rows` (codes in `set`) whose edit G(z + α·v) has long sleeves (coverage ≥
 * `threshold`) and is still a top by C: a sleeve edit that turns a T-shirt into a bag fails.
 */
export function sleeveEditSuccess(G: tf.LayersModel, C: tf.LayersModel, set: CalibrationSet, rows: number[], vector: ArrayLike<number>, alpha: number, threshold: number): number {
  if (rows.length === 0) return 0;
  const z = editedCodes(set, rows, vector, alpha);
  const { images, classes } = tf.tidy(() => {
    const x = G.predict(tf.tensor2d(z, [rows.length, set.latent])) as tf.Tensor;
    return { images: x.dataSync() as Float32Array, classes: (C.predict(x) as tf.Tensor).argMax(-1).dataSync() };
  });
  const coverage = domainCoverages(images, rows.length);
  return coverage.filter((c, i) => c >= threshold && TOP_CLASSES.includes(classes[i]!)).length / rows.length;
}

/**
 * The recommended strength: the smallest α on the slider's grid at which SUCCESS_TARGET of the
 * validation T-shirts (short sleeves) get long ones and stay tops; the best α if none does.
 */
export function calibrateSleeves(G: tf.LayersModel, C: tf.LayersModel, set: CalibrationSet, attr: Attribute, threshold: number, limit: number): Calibrated {
  const rows: number[] = [];
  for (let i = 0; i < set.labels.length && rows.length < limit; i++) if (set.labels[i] === T_SHIRT) rows.push(i);
  let best = { alpha: STRENGTH_GRID[0]!, success: -1 };
  for (const alpha of STRENGTH_GRID) {
    const success = sleeveEditSuccess(G, C, set, rows, attr.vector, alpha, threshold);
    if (success > best.success) best = { alpha, success };
    if (success >= SUCCESS_TARGET) break;
  }
  return { ...attr, strength: best.alpha, calibration: { success: round3(best.success), images: rows.length, candidates: { [attr.kind]: round3(best.success) } } };
}

export interface SleevesSources {
  G: tf.LayersModel;
  C: tf.LayersModel;
  E: tf.LayersModel;
  /** Codes of the validation T-shirts the strength is chosen on (hybrid's, as the Edit panel edits); E's without it. */
  encode?(images: Float32Array, count: number): Promise<Float32Array>;
  method: NonNullable<Attribute['provenance']>['method'];
}

/**
 * The shipped "Sleeves" attribute: the direction from E's codes of the first `fitImages`
 * training images, its strength chosen on up to `limit` T-shirts among the last
 * `validationImages` (disjoint from the fit images and from the test set).
 */
export async function buildSleeves(nets: SleevesSources, train: FashionSet, fitImages: number, validationImages: number, limit: number): Promise<Calibrated> {
  const n = Math.min(fitImages, train.count - validationImages);
  const { rows: codes, dim } = predictRows(nets.E, n, (s, k) => tf.tensor4d(toFloat(train, Array.from({ length: k }, (_, j) => s + j)), [k, SIDE, SIDE, 1]));
  const coverage = setCoverages(train, n);
  const labels = train.labels.subarray(0, n);
  const attr = sleevesAttribute(codes, dim, coverage, labels, 'encoder');
  const threshold = longSleeveThreshold(coverage, labels);
  const rows: number[] = [];
  for (let i = train.count - validationImages; i < train.count && rows.length < limit; i++) if (train.labels[i] === T_SHIRT) rows.push(i);
  const images = toFloat(train, rows);
  const validationCodes = nets.encode
    ? await nets.encode(images, rows.length)
    : predictRows(nets.E, rows.length, (s, k) => tf.tensor4d(images.subarray(s * SIDE * SIDE, (s + k) * SIDE * SIDE), [k, SIDE, SIDE, 1])).rows;
  const set: CalibrationSet = { codes: validationCodes, labels: new Uint8Array(rows.length).fill(T_SHIRT), latent: dim };
  return calibrateSleeves(nets.G, nets.C, set, attr, threshold, limit);
}
