import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../preload/contract/types';
import { gradientPng, nextEvent, startHarness, type Harness } from '../../test/runtime-harness';
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

  it.each([['esrgan-slim', 1000], ['esrgan-thick', 1300]] as const)('cancels %s within %i ms', async (model, limit) => {
    const { runtime } = harness;
    const image = await runtime.service.upload({ name: 'big.png', dataBase64: (await gradientPng(600, 400)).toString('base64') });
    const { jobId } = await runtime.service.startJob({ spec: { op: 'upscale', imageId: image.id, model, scale: 2 } });
    await nextEvent(runtime, 'jobProgress', (p) => p.jobId === jobId);
    const errored = nextEvent(runtime, 'jobError', (e) => e.jobId === jobId);
    const started = performance.now();
    await runtime.service.cancelJob({ jobId });
    expect((await errored).error.code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(limit);
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
