import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { RasterImage } from '../main/engine/io/raster';
import { psnr, ssim } from '../main/engine/metrics/image-metrics';
import { quietContext } from '../main/engine/ops/context';
import { contentAwareFill } from '../main/engine/ops/inpaint/fill';
import { ganInpaint } from '../main/engine/ops/inpaint/gan';
import { loadFashion } from '../models/training/data';
import { openCvInpaint } from './inpaint/opencv';
import { randomMask } from './inpaint/photos';
import { mean } from './stats';

/** Product-photo size: t10k's 28×28 scaled ×4 (cubic), like a small catalogue shot. */
const SIDE = 112;
/** Held-out images start here (t10k: never seen in training; the unit tests use 1000–1111). */
const FIRST = 5000;
/** A perfect in-hole match is Infinity dB (holes on plain background): cap each image's PSNR so the mean stays finite. */
const CAP_DB = 60;
const METHODS = ['gan', 'fill', 'telea', 'ns', 'mean'] as const;
type Method = (typeof METHODS)[number];

interface Case {
  name: string;
  image: RasterImage;
  mask: Uint8Array;
}

/**
 * `gan` completion on its own domain: held-out Fashion-MNIST test images at 112×112, with
 * random stroke-and-box masks of 1–10 % and a centre box (36×36, 10 %: the hole cuts into
 * the product). Each method is scored by PSNR and SSIM inside the hole, against
 * content-aware fill, OpenCV's Telea and Navier–Stokes (same machine, same run) and the
 * trivial known-mean fill. Times are per image; the ratio to fill's is what carries over.
 */
export async function run({ quick }: { quick: boolean }): Promise<Record<string, unknown>> {
  await tf.setBackend('wasm');
  await tf.ready();
  const count = quick ? 50 : 100;
  const centreCount = quick ? 20 : 50;
  const photos = await fashionPhotos(count);
  const centre = new Uint8Array(SIDE * SIDE);
  for (let y = 38; y < 74; y++) centre.fill(1, y * SIDE + 38, y * SIDE + 74);
  const random = photos.map((image, i) => ({ name: `r${i}`, image, mask: randomMask(SIDE, SIDE, 0.01 + (0.09 * i) / Math.max(1, count - 1), 2000 + i) }));
  const boxed = photos.slice(0, centreCount).map((image, i) => ({ name: `c${i}`, image, mask: centre }));
  return {
    protocol: `t10k[${FIRST}…${FIRST + count - 1}] at ${SIDE}×${SIDE} grey; in-hole PSNR (each capped at ${CAP_DB} dB; pooled = over all hole pixels) and SSIM; gan at its defaults (100 Adam steps, 4 starts, wasm)`,
    random: await score(random),
    centreBox: await score(boxed),
  };
}

async function score(cases: Case[]): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'latentshop-inpaint-gan-'));
  try {
    const outputs = new Map<string, Map<Method, { image: RasterImage; ms: number }>>();
    for (const c of cases) {
      const row = new Map<Method, { image: RasterImage; ms: number }>();
      let t = performance.now();
      row.set('gan', { image: await ganInpaint(c.image, c.mask, quietContext()), ms: performance.now() - t });
      t = performance.now();
      row.set('fill', { image: await contentAwareFill(c.image, c.mask, quietContext(), { seed: 1 }), ms: performance.now() - t });
      t = performance.now();
      row.set('mean', { image: knownMean(c.image, c.mask), ms: performance.now() - t });
      outputs.set(c.name, row);
    }
    const cv = await openCvInpaint(dir, cases);
    for (const c of cases) {
      const o = cv.outputs.get(c.name)!;
      outputs.get(c.name)!.set('telea', { image: o.telea, ms: o.teleaMs }).set('ns', { image: o.ns, ms: o.nsMs });
    }
    const result: Record<string, unknown> = { images: cases.length, meanHole: mean(cases.map((c) => c.mask.reduce((a, v) => a + (v ? 1 : 0), 0) / c.mask.length)), opencv: cv.version };
    const ssims = new Map<Method, number[]>();
    for (const m of METHODS) {
      const rows = cases.map((c) => ({ c, out: outputs.get(c.name)!.get(m)! }));
      const s = rows.map(({ c, out }) => ssim(c.image, out.image, { mask: c.mask }));
      ssims.set(m, s);
      result[m] = {
        psnr: mean(rows.map(({ c, out }) => Math.min(CAP_DB, psnr(c.image, out.image, { mask: c.mask })))),
        pooledPsnr: pooled(rows.map(({ c, out }) => [c.image, out.image, c.mask] as const)),
        ssim: mean(s),
        ms: mean(rows.map(({ out }) => out.ms)),
      };
    }
    const wins = cases.filter((_, i) => METHODS.every((m) => m === 'gan' || ssims.get('gan')![i]! >= ssims.get(m)![i]!)).length;
    result['ganBestSsimOn'] = `${wins}/${cases.length}`;
    result['ganTimeVsFill'] = (result['gan'] as { ms: number }).ms / (result['fill'] as { ms: number }).ms;
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fashionPhotos(count: number): Promise<RasterImage[]> {
  const set = loadFashion('t10k', undefined, FIRST + count);
  const out: RasterImage[] = [];
  for (let k = FIRST; k < FIRST + count; k++) {
    const src = new Uint8Array(28 * 28);
    for (let y = 0; y < 28; y++) src.set(set.pixels.subarray(k * 1024 + (y + 2) * 32 + 2, k * 1024 + (y + 2) * 32 + 30), y * 28);
    const resized = await sharp(src, { raw: { width: 28, height: 28, channels: 1 } }).resize(SIDE, SIDE, { kernel: 'cubic' }).toColourspace('b-w').raw().toBuffer();
    out.push({ width: SIDE, height: SIDE, channels: 1, bitDepth: 8, data: new Uint8Array(resized), metadata: { name: `t10k-${k}.png` } });
  }
  return out;
}

/** The trivial baseline: every hole pixel set to the mean of the known pixels. */
function knownMean(image: RasterImage, mask: Uint8Array): RasterImage {
  let sum = 0;
  let n = 0;
  image.data.forEach((v, p) => mask[p] || ((sum += v), n++));
  return { ...image, data: image.data.map((v, p) => (mask[p] ? Math.round(sum / n) : v)) };
}

function pooled(rows: (readonly [RasterImage, RasterImage, Uint8Array])[]): number {
  let se = 0;
  let n = 0;
  for (const [a, b, mask] of rows) mask.forEach((m, p) => m && ((se += (a.data[p]! - b.data[p]!) ** 2), n++));
  return 10 * Math.log10((255 * 255) / Math.max(1e-12, se / n));
}

