import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import sharp from 'sharp';
import { queueExecutor } from '../main/batch/executor';
import { expandPaths } from '../main/batch/expand';
import { planBatch } from '../main/batch/plan';
import { BatchRunner } from '../main/batch/runner';
import { EngineHost } from '../main/engine/host/engine-host';
import { engineEntry } from '../main/engine/host/entry';
import { JobQueue } from '../main/engine/host/job-queue';
import { forkSpawner } from '../main/engine/host/spawner';
import { benchImages, randomMask } from './inpaint/photos';

/**
 * Batch inpainting throughput: the same photos (Debian's scikit-image samples, topped up
 * with synthetic scenes) with random masks of ~3 %, run through the batch runner on a
 * pool of 1 engine process and then of 2, in the same run. Engines are started before
 * the clock starts, so the ratio is of the work, not of start-up.
 */
export async function run({ quick }: { quick: boolean }): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'latentshop-bench-batch-'));
  try {
    const images = await benchImages(quick ? 4 : 12);
    for (const [i, { name, image }] of images.entries()) {
      const raw = { raw: { width: image.width, height: image.height, channels: image.channels } };
      await sharp(image.data, raw).png().toFile(join(dir, `${name}.png`));
      const mask = Uint8Array.from(randomMask(image.width, image.height, 0.03, 500 + i), (v) => (v ? 255 : 0));
      await sharp(mask, { raw: { width: image.width, height: image.height, channels: 1 } }).png().toFile(join(dir, `${name}.mask.png`));
    }
    // Alternating order twice and keeping each one's best evens out drift in the machine's other load.
    const oneA = await timeBatch(dir, join(dir, 'out-1a'), 1);
    const twoA = await timeBatch(dir, join(dir, 'out-2a'), 2);
    const oneB = await timeBatch(dir, join(dir, 'out-1b'), 1);
    const twoB = await timeBatch(dir, join(dir, 'out-2b'), 2);
    const one = best(oneA, oneB);
    const two = best(twoA, twoB);
    const perMinute = (seconds: number): number => (images.length * 60) / seconds;
    return {
      images: images.length,
      pixelsMean: Math.round(images.reduce((s, c) => s + c.image.width * c.image.height, 0) / images.length),
      workers1: { seconds: one.seconds, imagesPerMinute: perMinute(one.seconds), failed: one.failed },
      workers2: { seconds: two.seconds, imagesPerMinute: perMinute(two.seconds), failed: two.failed },
      speedup2vs1: one.seconds / two.seconds,
      note: 'Ratio of throughputs on the same set in one run; on a shared 2-core machine other load lowers it.',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function best(a: { seconds: number; failed: number }, b: { seconds: number; failed: number }): { seconds: number; failed: number } {
  return a.seconds <= b.seconds ? a : b;
}

async function timeBatch(inputs: string, out: string, workers: number): Promise<{ seconds: number; failed: number }> {
  const env = { ...process.env, LATENTSHOP_CACHE_DIR: join(out, '.cache'), LATENTSHOP_BACKEND: 'wasm' };
  const hosts = Array.from({ length: workers }, () => new EngineHost(forkSpawner(engineEntry(env))));
  try {
    await Promise.all(hosts.map((h) => h.start()));
    const runner = new BatchRunner(queueExecutor(new JobQueue(hosts), workers));
    const sources = (await expandPaths([inputs])).filter((s) => !s.path.includes('/out-'));
    // Warm-up: one file per engine first, so JIT and wasm start-up are not in the timing.
    const warm = await planBatch(sources.slice(0, 2 * workers), `${out}-warm`, { method: 'fill', seed: 1 });
    await runner.start(warm);
    await runner.whenFinished(warm.batchId);
    const record = await planBatch(sources, out, { method: 'fill', seed: 1 });
    const started = performance.now();
    await runner.start(record);
    const status = await runner.whenFinished(record.batchId);
    return { seconds: (performance.now() - started) / 1000, failed: status.failed };
  } finally {
    hosts.forEach((h) => h.stop());
  }
}
