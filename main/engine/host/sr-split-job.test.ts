import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelAndSettle, imageOf, nextEvent, startHarness, type Harness } from '../../test/runtime-harness';
import { useBackend } from '../backend/test-backend';
import { decodeImageBuffer } from '../io/decode';
import { quietContext } from '../ops/context';
import { getSrNet, upscaleRasterWith } from '../ops/sr';
import { maxAbsDiff, photoFixture } from '../ops/sr/fixture.test-util';

useBackend('wasm');

/** The app's interactive upscale over both engines of a 2-engine runtime (sr-split-job.ts). */
describe('split upscale job (2 engines)', () => {
  let harness: Harness;
  let png: Buffer;
  beforeAll(async () => {
    harness = startHarness(2);
    const img = await photoFixture(96, 180, 4);
    png = await sharp(img.data, { raw: { width: 96, height: 180, channels: 4 } }).png().toBuffer();
  });
  afterAll(() => harness.close());

  it('runs bands on both engines and equals an in-process upscale (alpha kept)', async () => {
    const { runtime } = harness;
    const image = await runtime.service.upload({ name: 'split.png', dataBase64: png.toString('base64') });
    // Band progress arrives from each engine under its band id.
    const busy = new Set<number>();
    runtime.hosts.forEach((h, k) => h.on('progress', (id) => id.startsWith('band_') && busy.add(k)));
    const { jobId } = await runtime.service.startJob({ spec: { op: 'upscale', imageId: image.id, model: 'esrgan-slim', scale: 2 } });
    const done = await nextEvent(runtime, 'jobDone', (e) => e.jobId === jobId);
    const result = imageOf(done.result);
    expect(result).toMatchObject({ width: 192, height: 360, channels: 4, bitDepth: 8 });
    expect([...busy].sort()).toEqual([0, 1]);
    const path = join(harness.dir, 'split-x2.png');
    await runtime.host.call('exportImage', { imageId: result.id, path, options: { format: 'png' } });
    const ours = await sharp(path).raw().toBuffer();
    const { tileNet } = await getSrNet('esrgan-slim', 2);
    const ref = await upscaleRasterWith(await decodeImageBuffer(new Uint8Array(png), 'split.png'), tileNet, {}, quietContext());
    // slim's tiles are exact (context = receptive radius): only 8-bit rounding may differ.
    expect(maxAbsDiff(new Uint8Array(ours), ref.data)).toBeLessThanOrEqual(1);

    // A rectangle inside the photo: split too, it is the whole photo's upscale over the rectangle.
    const region = { x: 30, y: 50, width: 40, height: 90 };
    const part = await runtime.service.startJob({ spec: { op: 'upscale', imageId: image.id, model: 'esrgan-slim', scale: 2, region } });
    const partResult = imageOf((await nextEvent(runtime, 'jobDone', (e) => e.jobId === part.jobId)).result);
    expect(partResult).toMatchObject({ width: 80, height: 180, channels: 4 });
    const partPath = join(harness.dir, 'split-part-x2.png');
    await runtime.host.call('exportImage', { imageId: partResult.id, path: partPath, options: { format: 'png' } });
    const partRgb = await sharp(partPath).removeAlpha().raw().toBuffer();
    const refRgb = await sharp(Buffer.from(ref.data), { raw: { width: 192, height: 360, channels: 4 } }).extract({ left: 60, top: 100, width: 80, height: 180 }).removeAlpha().raw().toBuffer();
    expect(maxAbsDiff(new Uint8Array(partRgb), new Uint8Array(refRgb))).toBeLessThanOrEqual(1);
  }, 120_000);

  it('runs batch upscales whole, one file per engine', async () => {
    const { runtime } = harness;
    const files = await Promise.all([200, 220].map((side) => sharp(png).resize(side, side).png().toBuffer()));
    const images = await Promise.all(files.map((f, k) => runtime.service.upload({ name: `batch-${k}.png`, dataBase64: f.toString('base64') })));
    // Which engine reports progress for which id.
    const seen = runtime.hosts.map(() => new Set<string>());
    const listeners = runtime.hosts.map((h, k) => {
      const listener = (id: string): void => void seen[k]!.add(id);
      h.on('progress', listener);
      return listener;
    });
    const ids = await Promise.all(images.map(async (image) => (await runtime.service.startJob({ spec: { op: 'upscale', imageId: image.id, model: 'esrgan-slim', scale: 2 }, priority: 'batch' })).jobId));
    const results = await Promise.all(ids.map(async (id) => imageOf((await nextEvent(runtime, 'jobDone', (e) => e.jobId === id)).result)));
    runtime.hosts.forEach((h, k) => h.off('progress', listeners[k]!));
    expect(results.map((r) => r.width)).toEqual([400, 440]);
    // Not split: no band ids; each job on its own engine.
    expect(seen.flatMap((ids) => [...ids]).some((id) => id.startsWith('band_'))).toBe(false);
    expect(seen.map((set) => ids.filter((id) => set.has(id)).length)).toEqual([1, 1]);
    // That they overlap in time is job-queue.test.ts's (a single-tile job reports progress only at its end).
  }, 120_000);

  it('cancels within 1 s on both engines, without restarting either', async () => {
    const { runtime } = harness;
    const big = await sharp(png).resize(300, 400).png().toBuffer();
    const image = await runtime.service.upload({ name: 'big.png', dataBase64: big.toString('base64') });
    const pids = runtime.hosts.map((h) => h.pid);
    const restarts: string[] = [];
    runtime.service.on('engineRestarted', ({ reason }) => restarts.push(reason));
    const { jobId } = await runtime.service.startJob({ spec: { op: 'upscale', imageId: image.id, model: 'esrgan-thick', scale: 2 } });
    await nextEvent(runtime, 'jobProgress', (p) => p.jobId === jobId);
    const cancelled = await cancelAndSettle(runtime, jobId);
    expect(cancelled.code).toBe('CANCELLED');
    expect(cancelled.ms).toBeLessThan(1000);
    expect(restarts).toEqual([]);
    expect(runtime.hosts.map((h) => h.pid)).toEqual(pids);
    // Both engines are free again: a small job runs right after.
    const again = await runtime.service.startJob({ spec: { op: 'upscale', imageId: image.id, model: 'esrgan-slim', scale: 2, region: { x: 0, y: 0, width: 32, height: 32 } } });
    expect(imageOf((await nextEvent(runtime, 'jobDone', (e) => e.jobId === again.jobId)).result).width).toBe(64);
  }, 180_000);
});
