/**
 * 24-megapixel ×2 upscale (esrgan-slim, wasm) with streaming output: the tiler hands
 * over finished rows band by band, we quantise them straight into the 8-bit output
 * (96 MP × 3 = 288 MB) and never hold a whole-image float buffer. Reports peak RSS.
 * Input: LATENTSHOP_BENCH_LARGE (any photo) resized to the target size, else synthetic.
 * --quick: 1600×1200 instead of 6000×4000. --workers N (default 2): split over N engine
 * processes (UpscalePool); peak RSS is then the sum of every process's peak.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import sharp from 'sharp';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpscalePool } from '../main/engine/host/sr-pool';
import { getSrNet, tileWithRetry } from '../main/engine/ops/sr';
import { rasterRgbSource } from '../main/engine/ops/sr/pixels';
import { photoFixture } from '../main/engine/ops/sr/fixture.test-util';

export async function run(options: { quick?: boolean; args?: string[] } = {}): Promise<Record<string, unknown>> {
  const quick = options.quick ?? process.argv.includes('--quick');
  const args = options.args ?? process.argv;
  const workers = Number(args[args.indexOf('--workers') + 1] ?? 2) || 2;
  if (workers > 1) return runSplit(quick, workers);
  const [width, height] = quick ? [1600, 1200] : [6000, 4000];
  await tf.setBackend('wasm');
  const rgb = await largeInput(width, height);
  const { tileNet } = await getSrNet('esrgan-slim', 2);
  const outW = width * 2;
  const out = new Uint8Array(outW * height * 2 * 3);
  let lastReport = 0;
  const started = performance.now();
  const { tile } = await tileWithRetry(
    rasterRgbSource({ width, height, channels: 3, bitDepth: 8, data: rgb, metadata: { name: 'large' } }),
    tileNet,
    {},
    (y, rows, data) => {
      const base = y * outW * 3;
      for (let i = 0; i < rows * outW * 3; i += 1) {
        const v = data[i]!;
        out[base + i] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
      }
    },
    {
      signal: new AbortController().signal,
      progress: (fraction) => {
        if (fraction - lastReport >= 0.1) process.stderr.write(`sr-large ${(fraction * 100).toFixed(0)}% ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
        if (fraction - lastReport >= 0.1) lastReport = fraction;
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const dir = mkdtempSync(join(tmpdir(), 'sr-large-'));
  const file = join(dir, 'out.jpg');
  await sharp(out, { raw: { width: outW, height: height * 2, channels: 3 }, limitInputPixels: false }).jpeg({ quality: 92 }).toFile(file);
  const bytes = statSync(file).size;
  rmSync(dir, { recursive: true, force: true });
  return {
    input: `${width}×${height}`,
    output: `${outW}×${height * 2}`,
    tile,
    seconds,
    inputMegapixelsPerSecond: (width * height) / 1e6 / seconds,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    wasmHeapMB: Math.round(tf.memory().numBytes / 1e6),
    jpegMB: bytes / 1e6,
  };
}

/** The same image over `workers` engine processes; the result is held whole (it is encoded afterwards anyway). */
async function runSplit(quick: boolean, workers: number): Promise<Record<string, unknown>> {
  const [width, height] = quick ? [1600, 1200] : [6000, 4000];
  const rgb = await largeInput(width, height);
  const pool = new UpscalePool(workers);
  try {
    let lastReport = 0;
    const started = performance.now();
    const progress = (fraction: number): void => {
      if (fraction - lastReport < 0.1) return;
      lastReport = fraction;
      process.stderr.write(`sr-large ${(fraction * 100).toFixed(0)}% ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    };
    const out = await pool.upscale({ width, height, channels: 3, bitDepth: 8, data: rgb, metadata: { name: 'large' } }, { model: 'esrgan-slim', scale: 2 }, { signal: new AbortController().signal, progress });
    const seconds = (performance.now() - started) / 1000;
    const dir = mkdtempSync(join(tmpdir(), 'sr-large-'));
    const file = join(dir, 'out.jpg');
    await sharp(out.data, { raw: { width: out.width, height: out.height, channels: 3 }, limitInputPixels: false }).jpeg({ quality: 92 }).toFile(file);
    const bytes = statSync(file).size;
    rmSync(dir, { recursive: true, force: true });
    return { input: `${width}×${height}`, output: `${out.width}×${out.height}`, workers, seconds, inputMegapixelsPerSecond: (width * height) / 1e6 / seconds, peakRssMBSumOverProcesses: pool.peakRssMB(), jpegMB: bytes / 1e6 };
  } finally {
    pool.dispose();
  }
}

async function largeInput(width: number, height: number): Promise<Uint8Array> {
  const file = process.env['LATENTSHOP_BENCH_LARGE'];
  const image = file && existsSync(file) ? sharp(file) : sharp((await photoFixture(600, 400)).data as Uint8Array, { raw: { width: 600, height: 400, channels: 3 } });
  const data = await image.removeAlpha().resize(width, height, { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer();
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
