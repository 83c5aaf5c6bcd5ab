/**
 * The shipped "Sleeves" attribute (models/training/sleeves.ts) on held-out Fashion-MNIST test
 * images (t10k), edited from their hybrid codes as the Edit panel edits them:
 * - T-shirts/tops (short sleeves) + α·v: the share that gets long sleeves (sleeve coverage at
 *   least the long-sleeve threshold) and stays a top by C; what C calls them; how far the
 *   rest moves (the unrelated change, outside the sleeve strips: background and product body);
 * - pullovers (long sleeves) − α·v: the share whose sleeves get short and stay tops.
 * Baseline, measured in the same run: the shipped class transform "T-shirt/top → Pullover" at
 * its own recommended strength on the same T-shirts. Writes bench/out/latent-sleeves.png
 * (rows: reconstructions, +Sleeves, T-shirt → Pullover) to look at. `--quick`: 40 images a class.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Calibrated } from '../models/training/attribute-strength';
import { CLASS_NAMES, DEFAULT_DATA_DIR, loadFashion, toFloat } from '../models/training/data';
import { domainCoverages, longSleeveThreshold, setCoverages, sleeveCoverage, TOP_CLASSES } from '../models/training/sleeves';
import { resolveModelsRoot } from '../models/loader';
import { combineLatents } from '../main/engine/ops/latent/attributes';
import { gridBytes } from '../main/engine/ops/latent/codec';
import { getLatentFamily, type LatentFamily } from '../main/engine/ops/latent/family';
import { invertImages } from '../main/engine/ops/latent/invert';

const T_SHIRT = 0;
const PULLOVER = 2;
const PIXELS = 32 * 32;

interface Edited { images: Float32Array; classes: Int32Array }

function edit(fam: LatentFamily, z: Float32Array, count: number, vector: number[], alpha: number): Edited {
  const moved = combineLatents(z, fam.latentSize, [{ vector, alpha }]);
  return tf.tidy(() => {
    const x = fam.generate(tf.tensor2d(moved, [count, fam.latentSize]));
    return { images: x.dataSync() as Float32Array, classes: (fam.nets.C!.predict(x) as tf.Tensor).argMax(-1).dataSync() as Int32Array };
  });
}

/**
 * What a sleeve edit should leave alone, outside the sleeve strips: the mean absolute change in
 * [0, 1] of the reconstruction's background (dark pixels) and of its product (the body: its
 * brightness and texture).
 */
function unrelatedChange(recon: Float32Array, edited: Float32Array, count: number): { background: number; product: number } {
  const strips = new Uint8Array(PIXELS);
  sleeveCoverage((k) => ((strips[k] = 1), 0));
  const sums = { background: [0, 0], product: [0, 0] };
  for (let i = 0; i < count; i += 1) {
    for (let k = 0; k < PIXELS; k += 1) {
      if (strips[k]) continue;
      const before = recon[i * PIXELS + k]!;
      const part = before > -0.8 ? sums.product : sums.background;
      part[0]! += Math.abs(edited[i * PIXELS + k]! - before) / 2;
      part[1]! += 1;
    }
  }
  return { background: sums.background[0]! / Math.max(sums.background[1]!, 1), product: sums.product[0]! / Math.max(sums.product[1]!, 1) };
}

function score(edited: Edited, count: number, threshold: number, long: boolean) {
  const coverage = domainCoverages(edited.images, count);
  const top = (i: number) => TOP_CLASSES.includes(edited.classes[i]!);
  const success = coverage.filter((c, i) => (long ? c >= threshold : c < threshold) && top(i)).length / count;
  const labelled: Record<string, number> = {};
  for (const c of edited.classes) labelled[CLASS_NAMES[c]!] = (labelled[CLASS_NAMES[c]!] ?? 0) + 1 / count;
  return { success, stillTop: Array.from({ length: count }, (_, i) => i).filter(top).length / count, meanCoverage: coverage.reduce((a, b) => a + b, 0) / count, labelled };
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, unknown>> {
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialise');
  const fam = await getLatentFamily('fashion');
  if (!fam.nets.C || !fam.nets.E) throw new Error('the fashion family needs E and C for this bench');
  const perClass = quick ? 40 : 200;
  const file = JSON.parse(readFileSync(join(resolveModelsRoot(), 'fashion', 'attributes.json'), 'utf8')) as { attributes: Calibrated[] };
  const sleeves = file.attributes.find((a) => a.name === 'sleeves');
  const transform = file.attributes.find((a) => a.name === 't-shirt-top-to-pullover');
  if (!sleeves || !transform) throw new Error('attributes.json lacks sleeves or t-shirt-top-to-pullover');
  // The threshold as the attribute's calibration set it: from the training images it was fitted on.
  const train = loadFashion('train', DEFAULT_DATA_DIR, 20_000);
  const threshold = longSleeveThreshold(setCoverages(train), train.labels);
  const test = loadFashion('t10k', DEFAULT_DATA_DIR);
  const result: Record<string, unknown> = { imagesPerClass: perClass, threshold, strength: sleeves.strength, transformStrength: transform.strength };
  const rows: Float32Array[] = [];
  for (const [label, sign] of [[T_SHIRT, 1], [PULLOVER, -1]] as const) {
    const idx = Array.from({ length: test.count }, (_, i) => i).filter((i) => test.labels[i] === label).slice(0, perClass);
    const images = toFloat(test, idx);
    const { z, recon } = await invertImages(fam, images, idx.length, { method: 'hybrid' });
    const before = domainCoverages(images, idx.length);
    const name = label === T_SHIRT ? 'tShirtsLonger' : 'pulloversShorter';
    const scored: Record<string, unknown> = { photoMeanCoverage: before.reduce((a, b) => a + b, 0) / idx.length, unedited: score(edit(fam, z, idx.length, sleeves.vector, 0), idx.length, threshold, sign > 0) };
    for (const alpha of [1, sleeves.strength, 2]) {
      const edited = edit(fam, z, idx.length, sleeves.vector, sign * alpha);
      scored[`alpha${alpha}`] = { ...score(edited, idx.length, threshold, sign > 0), unrelatedChange: unrelatedChange(recon, edited.images, idx.length) };
      if (label === T_SHIRT && alpha === sleeves.strength) rows.push(recon.slice(0, 8 * PIXELS), edited.images.slice(0, 8 * PIXELS));
    }
    if (label === T_SHIRT) {
      const baseline = edit(fam, z, idx.length, transform.vector, transform.strength);
      scored['baselineTShirtToPullover'] = { ...score(baseline, idx.length, threshold, true), unrelatedChange: unrelatedChange(recon, baseline.images, idx.length) };
      rows.push(baseline.images.slice(0, 8 * PIXELS));
    }
    result[name] = scored;
  }
  const packed = new Float32Array(rows.reduce((n, r) => n + r.length, 0));
  rows.reduce((offset, r) => (packed.set(r, offset), offset + r.length), 0);
  const grid = gridBytes(packed, packed.length / PIXELS, fam.domain, 8);
  const out = join(import.meta.dirname, 'out');
  mkdirSync(out, { recursive: true });
  await sharp(Buffer.from(grid.bytes), { raw: { width: grid.width, height: grid.height, channels: grid.channels } }).resize({ width: grid.width * 4, kernel: 'nearest' }).png().toFile(join(out, 'latent-sleeves.png'));
  return result;
}
