/**
 * Super-resolution bench: Latentshop's tiled ESRGAN vs UpscalerJS 1.0, same model
 * (@upscalerjs/esrgan-slim), same backend (wasm), same photos, each timed in its own
 * process (steady state after one warm-up) for a clean peak RSS. Also PSNR/SSIM vs
 * bicubic on ×4-downscaled photos, and achieved GFLOP/s next to a 1024³ matmul.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietContext } from '../main/engine/ops/context';
import { chooseTileSize, getSrNet, planAxis, upscaleRasterWith, type SrScale } from '../main/engine/ops/sr';
import { fitTiles } from '../main/engine/ops/sr/tile-size';
import type { ChildJob, ChildResult } from './sr-child';
import { benchPhotos, bicubicUp, downscale, type Photo } from './sr-photos';
import { conv3x3Gflops, luma, matmulGflops, maxAbsDiff, psnr, ssim } from './sr-metrics';

type Impl = { label: string; impl: ChildJob['impl']; patchSize?: number; padding?: number };

export async function run(options: { quick?: boolean } = {}): Promise<Record<string, unknown>> {
  const quick = options.quick ?? process.argv.includes('--quick');
  await tf.setBackend('wasm');
  const photos = await benchPhotos(quick);
  const impls: Impl[] = [{ label: 'latentshop', impl: 'latentshop' }, { label: 'upscalerjs', impl: 'upscalerjs' }];
  if (!quick) impls.push({ label: 'upscalerjsPatch128', impl: 'upscalerjs', patchSize: 128, padding: 16 });
  const speed: Record<string, unknown> = {};
  for (const scale of [2, 4] as const) speed[`x${scale}`] = await compare(photos, scale, impls);
  return { backend: tf.getBackend(), photos: photos.map((p) => `${p.name} ${p.width}×${p.height}`), speed, quality: await quality(photos), compute: await compute(quick) };
}

async function compare(photos: Photo[], scale: SrScale, impls: Impl[]): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'sr-bench-'));
  const totals = new Map<string, { seconds: number; rss: number; failed: string[] }>();
  let maxDiff = 0;
  let megapixels = 0;
  try {
    for (const photo of photos) {
      const input = join(dir, 'in.raw');
      writeFileSync(input, photo.rgb);
      megapixels += (photo.width * photo.height * scale * scale) / 1e6;
      const outputs = new Map<string, Uint8Array>();
      for (const im of impls) {
        const job: ChildJob = { impl: im.impl, input, width: photo.width, height: photo.height, scale, out: join(dir, `${im.label}.raw`), ...(im.patchSize && { patchSize: im.patchSize, padding: im.padding }) };
        const total = totals.get(im.label) ?? { seconds: 0, rss: 0, failed: [] };
        totals.set(im.label, total);
        try {
          const result = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sr-child.ts'), JSON.stringify(job)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 20 }).trim().split('\n').at(-1) ?? '{}') as ChildResult;
          total.seconds += result.seconds;
          total.rss = Math.max(total.rss, result.maxRssMB);
          outputs.set(im.label, new Uint8Array(readFileSync(job.out)));
        } catch (error) {
          total.failed.push(`${photo.name}: ${(error instanceof Error ? error.message : String(error)).split('\n').slice(-3).join(' ').slice(0, 200)}`);
        }
      }
      const ours = outputs.get('latentshop');
      const theirs = outputs.get('upscalerjs');
      if (ours && theirs) maxDiff = Math.max(maxDiff, maxAbsDiff(ours, theirs));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const row: Record<string, unknown> = { outputMegapixels: megapixels, maxAbsDiffVsUpscalerJs: maxDiff };
  const base = totals.get('latentshop');
  for (const [label, t] of totals) {
    row[label] = { seconds: t.seconds, mpPerSecond: megapixels / t.seconds, peakRssMB: Math.round(t.rss), ...(t.failed.length > 0 && { failed: t.failed }) };
    if (base && label !== 'latentshop') row[`speedupVs_${label}`] = t.seconds / base.seconds;
  }
  return row;
}

/** PSNR/SSIM (luma, 4 px border cropped) of slim ×4 and bicubic vs the original photo. */
async function quality(photos: Photo[]): Promise<Record<string, unknown>> {
  const { tileNet } = await getSrNet('esrgan-slim', 4);
  const out: Record<string, unknown> = {};
  for (const hr of photos) {
    const lr = await downscale(hr, 4);
    const raster = { width: lr.width, height: lr.height, channels: 3 as const, bitDepth: 8 as const, data: lr.rgb, metadata: { name: lr.name } };
    const sr = (await upscaleRasterWith(raster, tileNet, {}, quietContext())).data;
    const bic = await bicubicUp(lr, 4);
    const w = lr.width * 4;
    const h = lr.height * 4;
    const ref = luma(cropTo(hr, w, h), w, h, 4);
    const a = luma(sr, w, h, 4);
    const b = luma(bic, w, h, 4);
    out[hr.name] = { esrganSlimX4: { psnr: psnr(a.y, ref.y), ssim: ssim(a.y, ref.y, a.w, a.h) }, bicubic: { psnr: psnr(b.y, ref.y), ssim: ssim(b.y, ref.y, b.w, b.h) } };
  }
  return out;
}

function cropTo(photo: Photo, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y += 1) out.set(photo.rgb.subarray(y * photo.width * 3, (y * photo.width + w) * 3), y * w * 3);
  return out;
}

/** Achieved GFLOP/s (model FLOPs actually executed, overlap included, and useful) vs matmul. */
async function compute(quick: boolean): Promise<Record<string, unknown>> {
  const { tileNet } = await getSrNet('esrgan-slim', 2);
  const [w, h] = quick ? [300, 200] : [600, 400];
  const { photoFixture } = await import('../main/engine/ops/sr/fixture.test-util');
  const img = await photoFixture(w, h);
  await upscaleRasterWith(await photoFixture(64, 64), tileNet, {}, quietContext());
  const t0 = performance.now();
  await upscaleRasterWith(img, tileNet, {}, quietContext());
  const seconds = (performance.now() - t0) / 1000;
  const fit = fitTiles(w, h, chooseTileSize(tileNet), tileNet.context, 4);
  const px = planAxis(w, fit.tileWidth, tileNet.context, 4);
  const py = planAxis(h, fit.tileHeight, tileNet.context, 4);
  const executed = px.starts.length * py.starts.length * px.tile * py.tile * tileNet.flopsPerPixel;
  const useful = w * h * tileNet.flopsPerPixel;
  return {
    image: `${w}×${h} slim x2`,
    tile: `${px.tile}×${py.tile}`,
    tiles: px.starts.length * py.starts.length,
    seconds,
    executedGflops: executed / seconds / 1e9,
    usefulGflops: useful / seconds / 1e9,
    matmul1024Gflops: await matmulGflops(quick ? 3 : 8),
    conv3x3x64Gflops: await conv3x3Gflops(),
  };
}
