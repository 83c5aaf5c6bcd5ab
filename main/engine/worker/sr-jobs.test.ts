import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobSpecSchema } from '../../../preload/contract/schemas';
import type { UpscaleJobSpec } from '../../../preload/contract/sr';
import { useBackend } from '../backend/test-backend';
import { quietContext } from '../ops/context';
import { maxAbsDiff, photoFixture } from '../ops/sr/fixture.test-util';
import { getSrNet, upscaleRaster } from '../ops/sr';
import { cropRegion } from '../ops/sr/region';
import { ImageStore } from './image-store';
import { srJobHandlers } from './sr-jobs';

useBackend('wasm');
const dir = mkdtempSync(join(tmpdir(), 'latentshop-sr-job-'));
const store = new ImageStore(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => void (await getSrNet('esrgan-slim', 2)));

async function run(spec: Omit<UpscaleJobSpec, 'op'>) {
  const result = await srJobHandlers.upscale({ op: 'upscale', ...spec }, quietContext(), store);
  if (result.kind !== 'image') throw new Error('expected an image');
  return { meta: result.image, raster: await store.get(result.image.id) };
}

describe('upscale job spec', () => {
  it('accepts the documented fields and rejects others', () => {
    const ok = { op: 'upscale', imageId: 'img_1', model: 'esrgan-slim', scale: 2 };
    expect(jobSpecSchema.safeParse(ok).success).toBe(true);
    expect(jobSpecSchema.safeParse({ ...ok, region: { x: 0, y: 0, width: 5, height: 5 } }).success).toBe(true);
    expect(jobSpecSchema.safeParse({ ...ok, scale: 5 }).success).toBe(false);
    expect(jobSpecSchema.safeParse({ ...ok, model: 'esrgan-huge' }).success).toBe(false);
    expect(jobSpecSchema.safeParse({ ...ok, region: { x: -1, y: 0, width: 5, height: 5 } }).success).toBe(false);
    expect(jobSpecSchema.safeParse({ op: 'ganUpscale', imageId: 'img_1', family: 'fashion', steps: 50 }).success).toBe(true);
  });
});

describe('upscale job handler (engine side)', () => {
  it('upscales a region to region × scale, equal to the whole image upscaled over it, without leaking tensors', async () => {
    const image = await photoFixture(64, 56);
    const imageId = await store.put(image);
    const region = { x: 17, y: 15, width: 21, height: 27 };
    const before = tf.memory().numTensors;
    const { meta, raster } = await run({ imageId, model: 'esrgan-slim', scale: 2, region });
    expect(tf.memory().numTensors).toBe(before);
    expect([meta.width, meta.height]).toEqual([42, 54]);
    // The region is read with 8 px of real pixels around it (REGION_CONTEXT): at most a level
    // off the whole image's upscale, where alone its border is far off.
    const whole = await upscaleRaster(image, { model: 'esrgan-slim', scale: 2 }, quietContext());
    const over = cropRegion(whole, { x: 34, y: 30, width: 42, height: 54 });
    expect(maxAbsDiff(raster.data, over.data)).toBeLessThanOrEqual(1);
    // Alone, the crop is read with black beyond its edges, and its border comes out visibly different.
    const alone = await upscaleRaster(cropRegion(image, region), { model: 'esrgan-slim', scale: 2 }, quietContext());
    expect(maxAbsDiff(alone.data, over.data)).toBeGreaterThan(8);
  });

  it('runs batch-priority jobs with big tiles, to the same pixels as interactive ones', async () => {
    // 200×160 is several interactive tiles (~130² for slim) but one batch tile.
    const imageId = await store.put(await photoFixture(200, 160));
    const spec = { op: 'upscale' as const, imageId, model: 'esrgan-slim' as const, scale: 2 as const };
    const [interactive, batch] = await Promise.all([srJobHandlers.upscale(spec, quietContext(), store, 'interactive'), srJobHandlers.upscale(spec, quietContext(), store, 'batch')]);
    if (interactive.kind !== 'image' || batch.kind !== 'image') throw new Error('expected images');
    const [a, b] = await Promise.all([store.get(interactive.image.id), store.get(batch.image.id)]);
    expect([b.width, b.height]).toEqual([400, 320]);
    // slim's tiles are exact (context = receptive radius): only 8-bit rounding may differ.
    expect(maxAbsDiff(a.data, b.data)).toBeLessThanOrEqual(1);
  }, 60_000);

  it.each([
    ['1×1', 1, 1, 3, 8],
    ['odd 13×7', 13, 7, 3, 8],
    ['RGBA', 20, 12, 4, 8],
    ['grey + alpha 16-bit', 15, 9, 2, 16],
    ['16-bit RGB', 11, 10, 3, 16],
  ] as const)('handles %s', async (_label, w, h, channels, depth) => {
    const imageId = await store.put(await photoFixture(w, h, channels, depth));
    const { meta, raster } = await run({ imageId, model: 'esrgan-slim', scale: 2 });
    expect([meta.width, meta.height, meta.channels, meta.bitDepth]).toEqual([w * 2, h * 2, channels, depth]);
    expect(raster.data).toBeInstanceOf(depth === 16 ? Uint16Array : Uint8Array);
    expect(raster.data.length).toBe(w * h * 4 * channels);
  });

  it('refuses a result over 400 megapixels before doing any work', async () => {
    const imageId = await store.put({ width: 5000, height: 3000, channels: 1, bitDepth: 8, data: new Uint8Array(5000 * 3000), metadata: { name: 'big' } });
    await expect(run({ imageId, model: 'esrgan-slim', scale: 8 })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });

  it('rejects a region outside the image with BAD_ARGUMENT', async () => {
    const imageId = await store.put(await photoFixture(10, 10));
    await expect(run({ imageId, model: 'esrgan-slim', scale: 2, region: { x: 5, y: 5, width: 6, height: 2 } })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });

  it('stops with CANCELLED when aborted between tiles, leaving no tensors', async () => {
    const imageId = await store.put(await photoFixture(300, 200));
    const before = tf.memory().numTensors;
    const abort = new AbortController();
    const ctx = { signal: abort.signal, progress: () => abort.abort() };
    await expect(srJobHandlers.upscale({ op: 'upscale', imageId, model: 'esrgan-slim', scale: 2 }, ctx, store)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(tf.memory().numTensors).toBe(before);
  }, 30_000);
});
