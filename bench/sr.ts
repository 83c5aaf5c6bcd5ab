/**
 * Super-resolution bench: Latentshop's tiled ESRGAN vs UpscalerJS 1.0, same model
 * (@upscalerjs/esrgan-slim), same backend (wasm), same photos, each timed in its own
 * process (steady state after one warm-up) for a clean peak RSS. Also PSNR/SSIM vs
 * bicubic on ×4-downscaled photos, and achieved GFLOP/s next to a 1024³ matmul.
 * Two throughputs: per image (one photo at a time; latentshop2w splits it over two
 * engines) and for the set (latentshopBatch2w: the panel's batch mode, a file per engine).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietContext } from '../main/engine/ops/context';
import { chooseTileSize, DEFAULT_TILE_FLOPS, defaultFeather, getSrNet, planAxis, THROUGHPUT_TILE_FLOPS, upscaleRasterWith, type SrScale } from '../main/engine/ops/sr';
import { fitTiles } from '../main/engine/ops/sr/tile-size';
import type { ChildJob, ChildResult } from './sr-child';
import { benchPhotos, bicubicUp, downscale, qualityPhotos, type Photo } from './sr-photos';
import { conv3x3Gflops, luma, matmulGflops, maxAbsDiff, maxAbsDiffInside, psnr, ssim } from './sr-metrics';

/**
 * How far in from the photo's border UpscalerJS's black surround reaches: esrgan-slim's receptive
 * radius in input pixels (10). Inside it the two must agree; see engine/ops/sr/edge-pad.ts.
 */
const ZERO_PAD_REACH = 10;

type Impl = { label: string; impl: ChildJob['impl']; workers?: number; patchSize?: number; padding?: number };

export async function run(options: { quick?: boolean } = {}): Promise<Record<string, unknown>> {
  const quick = options.quick ?? process.argv.includes('--quick');
  await tf.setBackend('wasm');
  const photos = await benchPhotos(quick);
  // latentshop: one process (one wasm thread); latentshop2w: the app's upscale job on a runtime of two
  // engine processes, which splits the image into bands over both (engine/host/sr-split-job.ts).
  const impls: Impl[] = [{ label: 'latentshop', impl: 'latentshop' }, { label: 'latentshop2w', impl: 'latentshop', workers: 2 }, { label: 'upscalerjs', impl: 'upscalerjs' }];
  if (!quick) impls.push({ label: 'upscalerjsPatch128', impl: 'upscalerjs', patchSize: 128, padding: 16 });
  const speed: Record<string, unknown> = {};
  for (const scale of [2, 4] as const) speed[`x${scale}`] = await compare(photos, scale, impls);
  const qualitySet = await qualityPhotos(quick);
  return { backend: tf.getBackend(), cores: availableParallelism(), loadAverage: loadavg()[0], photos: photos.map((p) => `${p.name} ${p.width}×${p.height}`), speed, quality: await quality(qualitySet), compute: await compute(quick) };
}

async function compare(photos: Photo[], scale: SrScale, impls: Impl[]): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'sr-bench-'));
  const totals = new Map<string, { seconds: number; cpu: number; rss: number; failed: string[] }>();
  let maxDiff = 0;
  let insideDiff = 0;
  let splitDiff = 0;
  let megapixels = 0;
  let batchRow: Record<string, unknown> = {};
  try {
    const theirsByPhoto: Array<Uint8Array | undefined> = [];
    for (const [index, photo] of photos.entries()) {
      const input = join(dir, `in-${index}.raw`);
      writeFileSync(input, photo.rgb);
      megapixels += (photo.width * photo.height * scale * scale) / 1e6;
      const outputs = new Map<string, Uint8Array>();
      for (const im of impls) {
        const job: ChildJob = { impl: im.impl, input, width: photo.width, height: photo.height, scale, out: join(dir, `${im.label}.raw`), ...(im.workers && { workers: im.workers }), ...(im.patchSize && { patchSize: im.patchSize, padding: im.padding }) };
        const total = totals.get(im.label) ?? { seconds: 0, cpu: 0, rss: 0, failed: [] };
        totals.set(im.label, total);
        try {
          const result = runChild(job);
          total.seconds += result.seconds;
          total.cpu += result.cpuSeconds;
          total.rss = Math.max(total.rss, result.maxRssMB);
          outputs.set(im.label, new Uint8Array(readFileSync(job.out)));
        } catch (error) {
          total.failed.push(`${photo.name}: ${(error instanceof Error ? error.message : String(error)).split('\n').slice(-3).join(' ').slice(0, 200)}`);
        }
      }
      const theirs = outputs.get('upscalerjs');
      theirsByPhoto.push(theirs);
      for (const label of ['latentshop', 'latentshop2w']) {
        const ours = outputs.get(label);
        if (ours && theirs) maxDiff = Math.max(maxDiff, maxAbsDiff(ours, theirs));
        if (ours && theirs) insideDiff = Math.max(insideDiff, maxAbsDiffInside(ours, theirs, photo.width * scale, ZERO_PAD_REACH * scale));
      }
      const [one, two] = [outputs.get('latentshop'), outputs.get('latentshop2w')];
      if (one && two) splitDiff = Math.max(splitDiff, maxAbsDiff(one, two));
    }
    batchRow = batchThroughput(photos, scale, dir, theirsByPhoto, totals.get('upscalerjs'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Untiled UpscalerJS output is the exactness reference inside the photo; at its border we differ on
  // purpose (UpscalerJS reads black beyond it, we its repeated edge pixels); 2w vs 1w shows the split is seamless.
  const row: Record<string, unknown> = { outputMegapixels: megapixels, maxAbsDiffVsUpscalerJs: maxDiff, maxAbsDiffVsUpscalerJsInside: insideDiff, maxAbsDiff2wVs1w: splitDiff };
  for (const [label, t] of totals) {
    row[label] = { seconds: t.seconds, cpuSeconds: t.cpu, mpPerSecond: megapixels / t.seconds, peakRssMB: Math.round(t.rss), ...(t.failed.length > 0 && { failed: t.failed }) };
  }
  const theirs = totals.get('upscalerjs');
  for (const ours of ['latentshop', 'latentshop2w']) {
    const t = totals.get(ours);
    if (t && theirs) row[`${ours}SpeedupVsUpscalerJs`] = theirs.seconds / t.seconds;
    // CPU seconds are what a shared machine cannot inflate much: the work per image, on all cores together.
    if (t && theirs) row[`${ours}CpuRatioVsUpscalerJs`] = theirs.cpu / t.cpu;
  }
  return { ...row, ...batchRow };
}

/**
 * The photo SET as the product processes one: the Super-resolution panel's batch mode on a
 * 2-engine runtime (one whole-image job per engine at a time, sr-app.ts appBatchUpscaler),
 * every photo submitted at once, timed first submit → last result. UpscalerJS's side is its
 * per-photo times summed: its Node API upscales one image after another in one process.
 */
function batchThroughput(photos: Photo[], scale: SrScale, dir: string, theirs: Array<Uint8Array | undefined>, upscalerjs: { seconds: number; cpu: number } | undefined): Record<string, unknown> {
  const label = 'latentshopBatch2w';
  const batch = photos.map((p, k) => ({ input: join(dir, `in-${k}.raw`), width: p.width, height: p.height, out: join(dir, `batch-${k}.raw`) }));
  const job: ChildJob = { impl: 'latentshopBatch', workers: 2, scale, batch, input: '', width: 0, height: 0, out: '' };
  const megapixels = photos.reduce((mp, p) => mp + (p.width * p.height * scale * scale) / 1e6, 0);
  try {
    const result = runChild(job);
    let diff = 0;
    batch.forEach((b, k) => {
      const ours = new Uint8Array(readFileSync(b.out));
      const ref = theirs[k];
      diff = Math.max(diff, ref && ref.length === ours.length ? maxAbsDiffInside(ours, ref, b.width * scale, ZERO_PAD_REACH * scale) : Infinity);
    });
    return {
      [label]: { seconds: result.seconds, cpuSeconds: result.cpuSeconds, mpPerSecond: megapixels / result.seconds, peakRssMB: Math.round(result.maxRssMB) },
      maxAbsDiffBatchVsUpscalerJsInside: diff,
      ...(upscalerjs && { [`${label}SpeedupVsUpscalerJs`]: upscalerjs.seconds / result.seconds, [`${label}CpuRatioVsUpscalerJs`]: upscalerjs.cpu / result.cpuSeconds }),
    };
  } catch (error) {
    return { [label]: { failed: (error instanceof Error ? error.message : String(error)).split('\n').slice(-3).join(' ').slice(0, 200) } };
  }
}

function runChild(job: ChildJob): ChildResult {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sr-child.ts'), JSON.stringify(job)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
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

/** Achieved GFLOP/s (model FLOPs actually executed, overlap included, and useful) vs matmul, for interactive and batch tiles. */
async function compute(quick: boolean): Promise<Record<string, unknown>> {
  const { tileNet } = await getSrNet('esrgan-slim', 2);
  const [w, h] = quick ? [300, 200] : [600, 400];
  const { photoFixture } = await import('../main/engine/ops/sr/fixture.test-util');
  const img = await photoFixture(w, h);
  await upscaleRasterWith(await photoFixture(64, 64), tileNet, {}, quietContext());
  const feather = defaultFeather(tileNet);
  const measure = async (tileFlops: number): Promise<Record<string, unknown>> => {
    const t0 = performance.now();
    await upscaleRasterWith(img, tileNet, { tileFlops }, quietContext());
    const seconds = (performance.now() - t0) / 1000;
    const fit = fitTiles(w, h, chooseTileSize(tileNet, { tileFlops, feather }), tileNet.context, feather);
    const px = planAxis(w, fit.tileWidth, tileNet.context, feather);
    const py = planAxis(h, fit.tileHeight, tileNet.context, feather);
    const executed = px.starts.length * py.starts.length * px.tile * py.tile * tileNet.flopsPerPixel;
    const useful = w * h * tileNet.flopsPerPixel;
    return { tile: `${px.tile}×${py.tile}`, tiles: px.starts.length * py.starts.length, seconds, executedGflops: executed / seconds / 1e9, usefulGflops: useful / seconds / 1e9 };
  };
  return {
    image: `${w}×${h} slim x2, context ${tileNet.context} (receptive radius), feather ${feather}`,
    interactiveTiles: await measure(DEFAULT_TILE_FLOPS),
    batchTiles: await measure(THROUGHPUT_TILE_FLOPS),
    matmul1024Gflops: await matmulGflops(quick ? 3 : 8),
    conv3x3x64Gflops: await conv3x3Gflops(),
  };
}
