import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeImageFile } from '../main/engine/io/decode';
import type { RasterImage } from '../main/engine/io/raster';
import { psnr, ssim } from '../main/engine/metrics/image-metrics';
import { quietContext } from '../main/engine/ops/context';
import { contentAwareFill } from '../main/engine/ops/inpaint/fill';
import { Rng } from '../main/engine/ops/inpaint/fill/rng';
import { openCvInpaint } from './inpaint/opencv';
import { benchImages, randomMask } from './inpaint/photos';

interface Scores {
  ms: number;
  psnr: number;
  ssim: number;
}

/**
 * Content-aware fill against OpenCV's Telea and Navier–Stokes inpainting, in the same
 * run: every photo gets a mask of random strokes and boxes covering 1–10 %, and each
 * method is scored by PSNR and SSIM inside the hole. Then one 24 MP photo with a 1 %
 * hole: the fill alone is timed on the decoded raster (decoding is timed apart), next
 * to sharp decoding and re-encoding the same file.
 */
export async function run({ quick }: { quick: boolean }): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'latentshop-inpaint-'));
  try {
    const cases = (await benchImages(quick ? 6 : 8)).map((c, i, all) => {
      const coverage = 0.01 + (0.09 * i) / Math.max(1, all.length - 1);
      return { ...c, coverage, mask: randomMask(c.image.width, c.image.height, coverage, 1000 + i) };
    });
    const images: Record<string, unknown> = {};
    const fills = new Map<string, Scores>();
    for (const c of cases) {
      const started = performance.now();
      const filled = await contentAwareFill(c.image, c.mask, quietContext(), { seed: 1 });
      fills.set(c.name, { ms: performance.now() - started, ...score(c.image, filled, c.mask) });
      await sharp(filled.data, { raw: { width: filled.width, height: filled.height, channels: filled.channels } })
        .png()
        .toFile(join(dir, `${c.name}.fill.png`));
    }
    const cv = await openCvInpaint(dir, cases);
    const totals = { fill: [0, 0], telea: [0, 0], ns: [0, 0] } as Record<string, [number, number]>;
    let beatsBoth = 0;
    for (const c of cases) {
      const other = cv.outputs.get(c.name)!;
      const fill = fills.get(c.name)!;
      const telea = { ms: other.teleaMs, ...score(c.image, other.telea, c.mask) };
      const ns = { ms: other.nsMs, ...score(c.image, other.ns, c.mask) };
      for (const [key, s] of Object.entries({ fill, telea, ns })) totals[key] = [totals[key]![0] + s.ssim, totals[key]![1] + s.psnr];
      if (fill.ssim > telea.ssim && fill.ssim > ns.ssim) beatsBoth++;
      const holeFraction = c.mask.reduce((a, v) => a + (v === 0 ? 0 : 1), 0) / c.mask.length;
      images[c.name] = { size: `${c.image.width}x${c.image.height}x${c.image.channels}`, synthetic: c.synthetic, hole: holeFraction, fill, telea, ns };
    }
    const mean = (key: string, i: 0 | 1): number => totals[key]![i] / cases.length;
    return {
      opencv: cv.version,
      images,
      meanSsim: { fill: mean('fill', 0), telea: mean('telea', 0), ns: mean('ns', 0) },
      meanPsnr: { fill: mean('fill', 1), telea: mean('telea', 1), ns: mean('ns', 1) },
      fillBestSsimOn: `${beatsBoth}/${cases.length}`,
      large: await large(dir, cases[2]?.image ?? cases[0]!.image),
      outputs: dir,
    };
  } finally {
    if (!process.env['LATENTSHOP_KEEP_BENCH']) rmSync(dir, { recursive: true, force: true });
  }
}

function score(truth: RasterImage, out: RasterImage, mask: Uint8Array): Omit<Scores, 'ms'> {
  return { psnr: psnr(truth, out, { mask }), ssim: ssim(truth, out, { mask }) };
}

/** A 6000×4000 JPEG made from a photo (upscaled, with sensor-like grain), a 1 % square hole in it. */
async function large(dir: string, photo: RasterImage): Promise<Record<string, number | string>> {
  const width = 6000;
  const height = 4000;
  const { data } = await sharp(photo.data, { raw: { width: photo.width, height: photo.height, channels: photo.channels } })
    .resize(width, height, { fit: 'fill' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rng = new Rng(9);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + Math.round((rng.next() + rng.next() - 1) * 8)));
  const file = join(dir, 'large.jpg');
  await sharp(data, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toFile(file);
  let started = performance.now();
  await sharp(file).jpeg({ quality: 92 }).toBuffer();
  const sharpMs = performance.now() - started;
  started = performance.now();
  const image = await decodeImageFile(file);
  const decodeMs = performance.now() - started;
  const side = Math.round(Math.sqrt(0.01 * width * height));
  const mask = new Uint8Array(width * height);
  const x0 = Math.round(width * 0.55);
  const y0 = Math.round(height * 0.4);
  for (let y = y0; y < y0 + side; y++) mask.fill(1, y * width + x0, y * width + x0 + side);
  const load = loadavg()[0]!;
  started = performance.now();
  const cpu = process.cpuUsage();
  const filled = await contentAwareFill(image, mask, quietContext(), { seed: 1 });
  const fillMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  return {
    size: `${width}x${height}`,
    hole: `${side}x${side}`,
    fillMs,
    // CPU time of this process during the fill: what the fill costs when the shared cores are busy (wall time then is not).
    fillCpuMs: (user + system) / 1000,
    loadAverage1m: load,
    decodeMs,
    sharpDecodeEncodeMs: sharpMs,
    ratio: fillMs / sharpMs,
    goalMs: 5000,
    ...score(image, filled, mask),
  };
}
