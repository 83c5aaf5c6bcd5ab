import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveModelsRoot } from '../../../../models/loader';
import { DEFAULT_DATA_DIR, loadFashion, productColour, toTintedFloat } from '../../../../models/training/data';
import { attributeTerms, combineLatent, combineLatents, loadAttributes } from './attributes';
import { constrainLatent } from './constrain';
import type { RasterImage } from '../../io/raster';
import { psnr } from '../../metrics/image-metrics';
import { quietContext } from '../context';
import { boxMask, sameOutside } from '../inpaint/fill/test-images';
import { ganInpaint } from '../inpaint/gan';
import { maxAbsDiff } from '../sr/fixture.test-util';
import { blendDifference } from './blend';
import { domainBytes } from './codec';
import { domainDeltaToRegion, mappingFor, photoToDomain } from './domain';
import { disposeLatentFamilies, domainTensor, getLatentFamily, type LatentFamily } from './family';
import { generateValues, invertImages } from './invert';
import { domainQuality } from './invert-job';
import { classify, encode, seededLatents } from './sample';
import { flipPixel } from './polarity';
import { rasteriseStrokes } from './strokes';

/**
 * The shipped RGB family (`fashion-colour`, tinted Fashion-MNIST) on held-out test images,
 * tinted as it was trained. Runs where the weights and the data set are installed.
 */
const root = resolveModelsRoot();
const FAMILY = 'fashion-colour';
const ready = ['generator', 'discriminator', 'encoder', 'classifier'].every((n) => existsSync(join(root, FAMILY, n, 'model.json'))) && existsSync(join(DEFAULT_DATA_DIR, 't10k-images-idx3-ubyte.gz'));
const PX = 32 * 32 * 3;
const RED = [0.9, 0.15, 0.1] as const;
const BLUE = [0.15, 0.3, 0.95] as const;
let fam: LatentFamily;

/** Mean red minus blue (domain units) over the pixels where the target product is. */
function redMinusBlue(image: Float32Array, product: Float32Array): number {
  const [red, , blue] = productColour(image, product);
  return red - blue;
}

describe.skipIf(!ready)('shipped fashion-colour family on held-out test images', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    fam = await getLatentFamily(FAMILY, root);
  });
  afterAll(() => disposeLatentFamilies());
  const test = () => loadFashion('t10k', undefined, 200);

  it('computes in tfjs what PyTorch trained (the exported weights and layouts are right)', () => {
    const p = JSON.parse(readFileSync(new URL('../../../../models/training/torch/fixtures/colour-parity.json', import.meta.url), 'utf8')) as Record<string, number[]>;
    const x = domainTensor(fam, Float32Array.from(p['images']!), 2);
    expect(fam.domain.channels).toBe(3);
    expect(maxAbsDiff(generateValues(fam, Float32Array.from(p['z']!), 2), p['generated']!)).toBeLessThan(1e-4);
    expect(maxAbsDiff(fam.discriminate(x).dataSync(), p['discriminator']!)).toBeLessThan(1e-4);
    expect(maxAbsDiff(encode(fam, Float32Array.from(p['images']!), 2), p['encoder']!)).toBeLessThan(1e-4);
    expect(maxAbsDiff((fam.nets.C!.predict(x) as tf.Tensor).dataSync(), p['classifier']!)).toBeLessThan(1e-4);
    x.dispose();
  });

  it('encoder and hybrid beat a random z by a wide margin, and keep each product\'s colour', async () => {
    const n = 8;
    const colours = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? RED : BLUE));
    const target = toTintedFloat(test(), Array.from({ length: n }, (_, i) => i), colours);
    const psnr = (recon: Float32Array) => Array.from({ length: n }, (_, i) => domainQuality(fam, recon.subarray(i * PX, (i + 1) * PX), target.subarray(i * PX, (i + 1) * PX)).psnr).reduce((a, b) => a + b) / n;
    const random = psnr(generateValues(fam, seededLatents(64, n, 3), n));
    const encoded = psnr(generateValues(fam, encode(fam, target, n), n));
    const hybrid = await invertImages(fam, target, n, { method: 'hybrid', iterations: 30 });
    expect(encoded).toBeGreaterThan(random + 2);
    expect(psnr(hybrid.recon)).toBeGreaterThan(Math.max(encoded, random + 4));
    for (let i = 0; i < n; i += 1) {
      const [recon, product] = [hybrid.recon.subarray(i * PX, (i + 1) * PX), target.subarray(i * PX, (i + 1) * PX)];
      // Red products come back red, blue ones blue.
      expect(Math.sign(redMinusBlue(recon, product))).toBe(i % 2 === 0 ? 1 : -1);
    }
  });

  it('a red stroke over a blue product turns it red there (iGAN colour strokes)', async () => {
    const set = test();
    const sneaker = set.labels.findIndex((l) => l === 7);
    const target = toTintedFloat(set, [sneaker], [BLUE]);
    const { z } = await invertImages(fam, target, 1, { method: 'hybrid' });
    // The product's box (28×28 source, padded by 2), in the photo pixels of a 28×28 region.
    const m = mappingFor({ x: 0, y: 0, width: 28, height: 28 }, 'normal', fam.domain);
    const masks = rasteriseStrokes([{ kind: 'colour', colour: '#e02010', size: 6, points: [{ x: 6, y: 18 }, { x: 22, y: 18 }] }], m);
    const outcome = await constrainLatent(fam, z, z, masks);
    const [before, after] = [generateValues(fam, z, 1), generateValues(fam, outcome.candidates[0]!.z, 1)];
    const underStroke = (image: Float32Array) => {
      let [sum, n] = [0, 0];
      masks.colourMask.forEach((on, p) => on && ((sum += image[p * 3]! - image[p * 3 + 2]!), (n += 1)));
      return sum / n;
    };
    expect(underStroke(before)).toBeLessThan(0);
    expect(underStroke(after) - underStroke(before)).toBeGreaterThan(0.5);
    expect(outcome.candidates[0]!.constraintError).toBeLessThan(outcome.constraintErrorBefore / 2);
  });

  it('a blue product on white (inverted polarity) comes back blue, and "→ Red" makes the photo redder', async () => {
    // The blue sneaker as a product shot: luminance flipped, colour kept (polarity.ts), 8-bit,
    // 28×28: a light blue shoe on white. Its pixels are where red is below 200 (white is 255).
    const set = test();
    const sneaker = set.labels.findIndex((l) => l === 7);
    const domainImage = toTintedFloat(set, [sneaker], [BLUE]);
    const data = new Uint8Array(28 * 28 * 3);
    for (let y = 0; y < 28; y += 1) {
      for (let x = 0; x < 28; x += 1) {
        const units = [0, 1, 2].map((c) => (domainImage[((y + 2) * 32 + x + 2) * 3 + c]! + 1) / 2);
        flipPixel(units, 0, 3);
        data.set(units.map((u) => Math.round(u * 255)), (y * 28 + x) * 3);
      }
    }
    const photo: RasterImage = { width: 28, height: 28, channels: 3, bitDepth: 8, data, metadata: { name: 'blue-on-white.png' } };
    const whole = { x: 0, y: 0, width: 28, height: 28 };
    const { values, mapping } = photoToDomain(photo, whole, fam.domain);
    expect(mapping.polarity).toBe('inverted');
    const { z, recon } = await invertImages(fam, values, 1, { method: 'hybrid' });
    const shown = domainBytes(recon, fam.domain, true).bytes; // as the Edit panel shows it
    let [red, blue] = [0, 0];
    for (let p = 0; p < 1024; p += 1) if (shown[p * 3]! < 200) (red += shown[p * 3]!), (blue += shown[p * 3 + 2]!);
    expect(blue).toBeGreaterThan(red * 1.3);
    const attrs = await loadAttributes(fam);
    const edited = Float32Array.from(combineLatent(Array.from(z), attributeTerms(attrs, { 'colour-red': 2 })));
    const diff = generateValues(fam, edited, 1).map((v, i) => v - generateValues(fam, z, 1)[i]!);
    const back = domainDeltaToRegion(diff, mapping);
    const out = blendDifference(photo, whole, back.delta, back.width, back.height, 0, back.channels);
    const redness = (img: RasterImage) => {
      let [sum, n] = [0, 0];
      for (let p = 0; p < 28 * 28; p += 1) if (photo.data[p * 3]! < 200) (sum += img.data[p * 3]! - img.data[p * 3 + 2]!), (n += 1);
      return sum / n;
    };
    expect(redness(out) - redness(photo)).toBeGreaterThan(30);
  });

  it('the hue attributes recolour a product and keep what it is; the class ones change it', async () => {
    const set = test();
    const idx = Array.from({ length: 40 }, (_, i) => i);
    const target = toTintedFloat(set, idx, idx.map(() => BLUE));
    const z = encode(fam, target, idx.length);
    const attrs = await loadAttributes(fam);
    const red = attrs.find((a) => a.name === 'colour-red')!;
    const edited = combineLatents(z, 64, attributeTerms(attrs, { 'colour-red': red.strength ?? 1.5 }));
    const [before, after] = [generateValues(fam, z, idx.length), generateValues(fam, edited, idx.length)];
    let redder = 0;
    for (let i = 0; i < idx.length; i += 1) {
      const s = (img: Float32Array) => redMinusBlue(img.subarray(i * PX, (i + 1) * PX), target.subarray(i * PX, (i + 1) * PX));
      if (s(after) > s(before) + 0.2) redder += 1;
    }
    expect(redder / idx.length).toBeGreaterThanOrEqual(0.8);
    const [was, now] = [classify(fam, before, idx.length, 1), classify(fam, after, idx.length, 1)];
    expect(was.filter((c, i) => c[0]!.index === now[i]![0]!.index).length / idx.length).toBeGreaterThanOrEqual(0.7);
    // C itself reads tinted products: most held-out test images get their label.
    const all = Array.from({ length: 200 }, (_, i) => i);
    const labels = classify(fam, toTintedFloat(set, all, all.map((i) => (i % 3 === 0 ? RED : i % 3 === 1 ? BLUE : [0.8, 0.8, 0.8] as const))), 200, 1);
    expect(labels.filter((l, i) => l[0]!.index === set.labels[i]).length / 200).toBeGreaterThanOrEqual(0.7);
  });

  it('GAN completion of colour product photos: far above a flat fill, and above the grey family', async () => {
    // Four t10k products, tinted, scaled ×4 to 112² RGB; a centre hole. In-hole PSNR per family.
    const set = loadFashion('t10k', undefined, 1200);
    const colours = [RED, BLUE, [0.2, 0.85, 0.3], [0.95, 0.8, 0.1]] as const;
    const side = 112;
    const mask = boxMask(side, side, [[38, 38, 74, 74]]);
    const scores = { colour: [] as number[], grey: [] as number[], flat: [] as number[] };
    for (const [i, k] of [1000, 1037, 1074, 1111].entries()) {
      const domain = toTintedFloat(set, [k], [colours[i]!]);
      const small = new Uint8Array(28 * 28 * 3);
      for (let p = 0; p < 28 * 28; p += 1) for (let c = 0; c < 3; c += 1) small[p * 3 + c] = Math.round((domain[((Math.floor(p / 28) + 2) * 32 + (p % 28) + 2) * 3 + c]! + 1) * 127.5);
      const data = new Uint8Array(await sharp(small, { raw: { width: 28, height: 28, channels: 3 } }).resize(side, side, { kernel: 'cubic' }).raw().toBuffer());
      const photo: RasterImage = { width: side, height: side, channels: 3, bitDepth: 8, data, metadata: { name: `t10k-${k}.png` } };
      const mean = [0, 1, 2].map((c) => {
        let [sum, n] = [0, 0];
        for (let p = 0; p < side * side; p += 1) if (!mask[p]) (sum += data[p * 3 + c]!), (n += 1);
        return Math.round(sum / n);
      });
      scores.flat.push(psnr(photo, { ...photo, data: data.map((v, j) => (mask[Math.floor(j / 3)] ? mean[j % 3]! : v)) }, { mask }));
      for (const [key, family] of [['colour', FAMILY], ['grey', 'fashion']] as const) {
        const out = await ganInpaint(photo, mask, quietContext(), { family });
        expect(sameOutside(photo, out, mask)).toBe(true);
        scores[key].push(Math.min(60, psnr(photo, out, { mask })));
      }
    }
    const average = (v: number[]) => v.reduce((a, b) => a + b) / v.length;
    // Measured: colour 28.5, 14.8, 30.8, 23.6 dB; grey 24.3, 14.6, 30.6, 19.1; flat 16.1, 13.3, 18.4, 8.5.
    expect(average(scores.colour) - average(scores.flat)).toBeGreaterThan(6);
    scores.colour.forEach((v, i) => expect(v).toBeGreaterThan(scores.flat[i]!));
    expect(average(scores.colour)).toBeGreaterThan(average(scores.grey) + 1);
  }, 120_000);
});
