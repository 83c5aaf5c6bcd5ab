import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../preload/contract/types';
import { cancelAndSettle, gradientPng, nextEvent, startHarness, type Harness } from '../../test/runtime-harness';
import { useBackend } from '../backend/test-backend';
import { quietContext } from '../ops/context';
import { getSrNet, upscaleRasterWith } from '../ops/sr';
import { maxAbsDiff, photoFixture } from '../ops/sr/fixture.test-util';
import { UpscalePool } from './sr-pool';

useBackend('wasm');

describe('upscale job through a real engine', () => {
  let harness: Harness;
  beforeAll(() => void (harness = startHarness(1)));
  afterAll(() => harness.close());

  it('upscales a region ×2 with per-tile progress and an ETA', async () => {
    const { runtime } = harness;
    const image = await runtime.service.upload({ name: 'g.png', dataBase64: (await gradientPng(400, 300)).toString('base64') });
    const progress: JobProgress[] = [];
    runtime.service.on('jobProgress', (p) => progress.push(p));
    const { jobId } = await runtime.service.startJob({ spec: { op: 'upscale', imageId: image.id, model: 'esrgan-slim', scale: 2, region: { x: 10, y: 20, width: 300, height: 250 } } });
    const done = await nextEvent(runtime, 'jobDone', (e) => e.jobId === jobId);
    if (done.result.kind !== 'image') throw new Error('expected an image');
    expect(done.result.image).toMatchObject({ width: 600, height: 500, channels: 3, bitDepth: 8 });
    const mine = progress.filter((p) => p.jobId === jobId);
    expect(mine.length).toBeGreaterThanOrEqual(3); // several tiles
    expect(mine.some((p) => p.etaSeconds !== undefined)).toBe(true);
    const png = await runtime.host.call('preview', { imageId: done.result.image.id });
    expect((await sharp(png).metadata()).width).toBe(600);
  }, 60_000);

  // Thick tiles take ≥ 1.4 s; cancel must still land inside one second, by the stepped
  // inference noticing it mid-tile, not by the job queue killing the engine after 800 ms.
  it.each(['esrgan-slim', 'esrgan-thick'] as const)('cancels %s within 1 s without restarting the engine', async (model) => {
    const { runtime } = harness;
    const image = await runtime.service.upload({ name: 'big.png', dataBase64: (await gradientPng(600, 400)).toString('base64') });
    const pid = runtime.host.pid;
    const restarts: string[] = [];
    runtime.service.on('engineRestarted', ({ reason }) => restarts.push(reason));
    const { jobId } = await runtime.service.startJob({ spec: { op: 'upscale', imageId: image.id, model, scale: 2 } });
    await nextEvent(runtime, 'jobProgress', (p) => p.jobId === jobId);
    // Now well inside the next tile (a thick one takes seconds).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cancelled = await cancelAndSettle(runtime, jobId);
    expect(cancelled.code).toBe('CANCELLED');
    expect(cancelled.ms).toBeLessThan(1000);
    // Past the queue's restart grace: the engine that ran the job is still the same process.
    expect(restarts).toEqual([]);
    expect(runtime.host.pid).toBe(pid);
    expect(await runtime.host.call('info', {})).toHaveProperty('backend');
  }, 90_000);
});

describe('UpscalePool (one image over two engine processes)', () => {
  it('matches in-process upscaling and uses both engines', async () => {
    const pool = new UpscalePool(2);
    try {
      const img = await photoFixture(64, 150, 4);
      const { tileNet } = await getSrNet('esrgan-slim', 2);
      const fractions: number[] = [];
      const out = await pool.upscale(img, { model: 'esrgan-slim', scale: 2, tileFlops: 50 * 50 * tileNet.flopsPerPixel }, { signal: new AbortController().signal, progress: (f) => fractions.push(f) });
      const ref = await upscaleRasterWith(img, tileNet, { tileSize: 1 << 20 }, quietContext());
      expect([out.width, out.height, out.channels]).toEqual([128, 300, 4]);
      expect(maxAbsDiff(out.data, ref.data)).toBeLessThanOrEqual(1);
      expect(fractions.at(-1)).toBeCloseTo(1, 5);
      expect(pool.peakRssMB()).toBeGreaterThan(100);
    } finally {
      pool.dispose();
    }
  }, 90_000);
});
