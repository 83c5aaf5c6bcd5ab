import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveModelsRoot } from '../../../../../models/loader';
import { DEFAULT_DATA_DIR, loadFashion } from '../../../../../models/training/data';
import { useBackend } from '../../../backend/test-backend';
import type { RasterImage } from '../../../io/raster';
import { psnr } from '../../../metrics/image-metrics';
import { quietContext, type OpContext } from '../../context';
import { mappingFor } from '../../latent/domain';
import { disposeLatentFamilies, type LatentDomain } from '../../latent/family';
import { saveTestFamily } from '../../latent/test-family';
import { Pacer } from '../fill/pacer';
import { boxMask, pattern, sameOutside } from '../fill/test-images';
import { poissonBlend } from './blend';
import { completeLatent, ganFamily, ganInpaint, importanceWeights, maskedToDomain, type GanInpaintOptions } from '.';

useBackend('wasm');
const root = mkdtempSync(join(tmpdir(), 'latentshop-gan-test-'));
afterAll(async () => {
  await disposeLatentFamilies();
  rmSync(root, { recursive: true, force: true });
});
/** Small random nets with the shipped I/O: behaviour, not quality. */
const testFamily: GanInpaintOptions = { family: 'testfam', modelsRoot: root, iterations: 4, starts: 2 };
const FASHION_DOMAIN: LatentDomain = { width: 32, height: 32, channels: 1, range: [-1, 1], sourceSize: [28, 28], pad: 2, background: 'dark' };

describe('gan completion: mechanics (small test family)', () => {
  beforeAll(() => saveTestFamily(root, 'testfam'));

  it('changes only masked pixels, on RGB and on 16-bit grey with alpha', async () => {
    for (const image of [pattern('stripes', 48, 40), pattern('gradient', 40, 36, 2, 16)]) {
      const mask = boxMask(image.width, image.height, [[14, 10, 30, 24]]);
      const out = await ganInpaint(image, mask, quietContext(), testFamily);
      expect(out).toMatchObject({ width: image.width, height: image.height, channels: image.channels, bitDepth: image.bitDepth });
      expect(sameOutside(image, out, mask)).toBe(true);
      expect(psnr(image, out, { mask, peak: image.bitDepth === 16 ? 65535 : 255 })).toBeLessThan(Infinity);
    }
  });

  it('completes with a colour (RGB) family too, RGB and grey photos alike, changing only masked pixels', async () => {
    await saveTestFamily(root, 'colourfam', {}, 3);
    for (const image of [pattern('stripes', 48, 40), pattern('gradient', 40, 36, 1)]) {
      const mask = boxMask(image.width, image.height, [[14, 10, 30, 24]]);
      const out = await ganInpaint(image, mask, quietContext(), { ...testFamily, family: 'colourfam' });
      expect(out).toMatchObject({ width: image.width, height: image.height, channels: image.channels });
      expect(sameOutside(image, out, mask)).toBe(true);
    }
  });

  it('returns the input for an empty mask, and refuses a full mask and a mask of the wrong size', async () => {
    const image = pattern('noise', 40, 30);
    const same = await ganInpaint(image, new Uint8Array(40 * 30), quietContext(), testFamily);
    expect(same.data).not.toBe(image.data);
    expect(Array.from(same.data)).toEqual(Array.from(image.data));
    await expect(ganInpaint(image, new Uint8Array(40 * 30).fill(1), quietContext(), testFamily)).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringContaining('whole image') as unknown as string });
    await expect(ganInpaint(image, { width: 20, height: 20, data: new Uint8Array(400) }, quietContext(), testFamily)).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringContaining('20 × 20 pixels but the image is 40 × 30') as unknown as string,
    });
  });

  it('says clearly when no GAN family is installed', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'latentshop-gan-none-'));
    const mask = boxMask(40, 30, [[10, 10, 20, 20]]);
    await expect(ganInpaint(pattern('noise', 40, 30), mask, quietContext(), { modelsRoot: empty })).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: expect.stringContaining('GAN completion needs a GAN family') as unknown as string,
    });
    rmSync(empty, { recursive: true, force: true });
  });

  it('reports progress per step, cancels between steps, and leaks no tensors', async () => {
    const image = pattern('checker', 48, 48);
    const mask = boxMask(48, 48, [[16, 16, 32, 32]]);
    await ganInpaint(image, mask, quietContext(), testFamily); // loads the family outside the count
    const before = tf.memory().numTensors;
    const stages: string[] = [];
    const fractions: number[] = [];
    await ganInpaint(image, mask, { signal: new AbortController().signal, progress: (f, s) => (fractions.push(f), stages.push(s)) }, testFamily);
    expect(tf.memory().numTensors).toBe(before);
    expect(stages.filter((s) => s.startsWith('iteration '))).toHaveLength(4);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);

    const abort = new AbortController();
    const ctx: OpContext = { signal: abort.signal, progress: (_f, s) => s.startsWith('iteration 2/') && abort.abort() };
    await expect(ganInpaint(image, mask, ctx, { ...testFamily, iterations: 50 })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('gan completion: parts', () => {
  it('weights known pixels by the unknown fraction of their 7×7 window (Yeh et al.)', () => {
    const known = new Float32Array(81).fill(1);
    known[4 * 9 + 4] = 0;
    const w = importanceWeights(known, 9, 9);
    expect(w[4 * 9 + 4]).toBe(0);
    expect(w[4 * 9 + 3]).toBeCloseTo(1 / 49, 6);
    expect(w[1 * 9 + 1]).toBeCloseTo(1 / 25, 6); // window clipped at the border: 5×5
    expect(w[0]).toBe(0); // the hole is outside its window
  });

  it('keeps hole pixels out of the domain image', () => {
    // Black product area, a white "hole" that must not leak into the averages.
    const photo: RasterImage = { width: 56, height: 56, channels: 1, bitDepth: 8, data: new Uint8Array(56 * 56), metadata: { name: 'hole.png' } };
    const mask = boxMask(56, 56, [[20, 20, 36, 36]]);
    mask.forEach((v, p) => v && (photo.data[p] = 255));
    const { values, known, mapping } = maskedToDomain(photo, mask, { x: 0, y: 0, width: 56, height: 56 }, FASHION_DOMAIN, 'normal');
    expect(mapping.scale).toBe(0.5);
    expect(Math.max(...values)).toBe(-1);
    expect(known[16 * 32 + 16]).toBe(0); // photo (28, 28): inside the hole
    expect(known[0]).toBe(1);
  });

  it("Poisson-blends a colour family's completion channel by channel", async () => {
    // A flat grey photo; G's completion has a bump in red only. Red follows the bump, green and blue stay flat.
    const image: RasterImage = { width: 64, height: 64, channels: 3, bitDepth: 8, data: new Uint8Array(64 * 64 * 3).fill(120), metadata: { name: 'flat.png' } };
    const mask = boxMask(64, 64, [[16, 16, 48, 48]]);
    const recon = new Float32Array(32 * 32 * 3);
    for (let p = 0; p < 32 * 32; p += 1) recon[p * 3] = 2 * Math.exp(-(((p % 32) - 16) ** 2 + (Math.floor(p / 32) - 16) ** 2) / 30) - 1;
    const mapping = mappingFor({ x: 0, y: 0, width: 64, height: 64 }, 'normal', { ...FASHION_DOMAIN, channels: 3 });
    const out = await poissonBlend(image, mask, recon, mapping, new Pacer(new AbortController().signal));
    expect(sameOutside(image, out, mask)).toBe(true);
    const at = (x: number, c: number): number => out.data[(32 * 64 + x) * 3 + c]!;
    expect(at(32, 0) - at(20, 0)).toBeGreaterThan(40);
    for (const c of [1, 2]) expect(Math.abs(at(32, c) - at(20, c))).toBeLessThanOrEqual(1);
  });

  it('Poisson-blends with the known pixels as the boundary: flat guidance reproduces a linear ramp', async () => {
    const image = pattern('gradient', 64, 48);
    const mask = boxMask(64, 48, [[20, 12, 44, 36]]);
    const mapping = mappingFor({ x: 0, y: 0, width: 64, height: 48 }, 'normal', FASHION_DOMAIN);
    const out = await poissonBlend(image, mask, new Float32Array(32 * 32).fill(0.3), mapping, new Pacer(new AbortController().signal));
    expect(sameOutside(image, out, mask)).toBe(true);
    let worst = 0;
    for (let i = 0; i < image.data.length; i++) worst = Math.max(worst, Math.abs(out.data[i]! - image.data[i]!));
    expect(worst).toBeLessThanOrEqual(1);
  });
});

const modelsRoot = resolveModelsRoot();
const ready = ['generator', 'discriminator', 'encoder'].every((n) => existsSync(join(modelsRoot, 'fashion', n, 'model.json'))) && existsSync(join(DEFAULT_DATA_DIR, 't10k-images-idx3-ubyte.gz'));

/** t10k image `k` (28×28) scaled to `side`² grey, like a small product photo; `invert` makes it dark on white. */
async function fashionPhoto(k: number, side: number, invert: boolean): Promise<RasterImage> {
  const set = loadFashion('t10k', undefined, k + 1);
  const src = new Uint8Array(28 * 28);
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) src[y * 28 + x] = set.pixels[k * 1024 + (y + 2) * 32 + x + 2]!;
  const data = new Uint8Array(await sharp(src, { raw: { width: 28, height: 28, channels: 1 } }).resize(side, side, { kernel: 'cubic' }).toColourspace('b-w').raw().toBuffer());
  if (invert) data.forEach((v, i) => (data[i] = 255 - v));
  return { width: side, height: side, channels: 1, bitDepth: 8, data, metadata: { name: `t10k-${k}.png` } };
}

describe.skipIf(!ready)('gan completion with the shipped fashion family on held-out Fashion-MNIST', () => {
  it('beats a known-mean fill of a centre hole by a wide margin, in both polarities', async () => {
    const side = 112;
    const mask = boxMask(side, side, [[38, 38, 74, 74]]);
    const gains: number[] = [];
    for (const [i, k] of [1000, 1037, 1074, 1111].entries()) {
      const photo = await fashionPhoto(k, side, i % 2 === 1);
      const out = await ganInpaint(photo, mask, quietContext());
      expect(sameOutside(photo, out, mask)).toBe(true);
      let sum = 0;
      let n = 0;
      photo.data.forEach((v, p) => mask[p] || ((sum += v), n++));
      const flat = { ...photo, data: photo.data.map((v, p) => (mask[p] ? Math.round(sum / n) : v)) };
      gains.push(Math.min(60, psnr(photo, out, { mask })) - psnr(photo, flat, { mask }));
    }
    // Measured: +13.0, +0.7 (a sandal: the hole is mostly a thin strap), +13.1, +13.8 dB.
    expect(gains.reduce((a, b) => a + b) / gains.length).toBeGreaterThan(6);
    expect(Math.min(...gains)).toBeGreaterThan(0);
  }, 120_000);

  it('lowers the completion loss from the encoder start', async () => {
    const count = 4;
    const images = await Promise.all([1000, 1037, 1074, 1111].map((k) => fashionPhoto(k, 56, false)));
    const mask = boxMask(56, 56, [[19, 19, 37, 37]]);
    const targets = new Float32Array(count * 1024);
    const weights = new Float32Array(count * 1024);
    images.forEach((photo, i) => {
      const { values, known } = maskedToDomain(photo, mask, { x: 0, y: 0, width: 56, height: 56 }, FASHION_DOMAIN);
      targets.set(values, i * 1024);
      weights.set(importanceWeights(known, 32, 32), i * 1024);
    });
    const fam = await ganFamily('fashion', modelsRoot);
    const result = await completeLatent(fam, targets, weights, count, { iterations: 40 });
    // The shipped encoder's start is already good on some images (a thin hole in a plain
    // area), so ask for a clear fall on average and some fall on every image.
    const mean = (v: Float32Array): number => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(result.loss)).toBeLessThan(0.75 * mean(result.initialLoss));
    for (let i = 0; i < count; i++) expect(result.loss[i]!).toBeLessThan(result.initialLoss[i]!);
  }, 120_000);
});
