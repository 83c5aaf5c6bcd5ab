import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { jobSpecSchema } from '../../../../preload/contract/schemas';
import type { RasterImage } from '../../io/raster';
import { quietContext } from '../context';
import { ImageStore } from '../../worker/image-store';
import { runJobSpec } from '../../worker/jobs';
import { decodeMask } from './fill';
import { boxMask, holeErrors, pattern, sameOutside } from './fill/test-images';

const dir = mkdtempSync(join(tmpdir(), 'latentshop-inpaint-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function maskRaster(mask: Uint8Array, width: number, height: number, channels: 1 | 3 | 4): RasterImage {
  const data = new Uint8Array(width * height * channels);
  for (let p = 0; p < mask.length; p++) {
    if (channels === 4) data.set([0, 0, 0, mask[p] ? 255 : 0], p * 4);
    else data.fill(mask[p] ? 255 : 0, p * channels, p * channels + channels);
  }
  return { width, height, channels, bitDepth: 8, data, metadata: { name: 'mask.png' } };
}

describe('inpaint job', () => {
  it('validates the spec', () => {
    expect(jobSpecSchema.safeParse({ op: 'inpaint', imageId: 'a', maskId: 'b', method: 'fill', seed: 3 }).success).toBe(true);
    expect(jobSpecSchema.safeParse({ op: 'inpaint', imageId: 'a', maskId: 'b', method: 'gan', model: 'fashion' }).success).toBe(true);
    expect(jobSpecSchema.safeParse({ op: 'inpaint', imageId: 'a', maskId: 'b', method: 'magic' }).success).toBe(false);
    expect(jobSpecSchema.safeParse({ op: 'inpaint', imageId: 'a', method: 'fill' }).success).toBe(false);
    expect(jobSpecSchema.safeParse({ op: 'inpaint', imageId: 'a', maskId: 'b', method: 'fill', extra: 1 }).success).toBe(false);
  });

  it('loads image and mask from the store, fills, and stores the result', async () => {
    const store = new ImageStore(dir);
    const image = pattern('stripes', 64, 48);
    const mask = boxMask(64, 48, [[20, 10, 36, 26]]);
    const imageId = await store.put(image);
    const maskId = await store.put(maskRaster(mask, 64, 48, 4));
    const result = await runJobSpec({ op: 'inpaint', imageId, maskId, method: 'fill', seed: 2 }, quietContext(), store);
    if (result.kind !== 'image') throw new Error('expected an image result');
    expect(result.image).toMatchObject({ width: 64, height: 48, channels: 3, bitDepth: 8 });
    const filled = await store.get(result.image.id);
    expect(sameOutside(image, filled, mask)).toBe(true);
    const { fill, flatMean } = holeErrors(image, filled, mask);
    expect(fill).toBeLessThan(flatMean * 0.05);
  });

  it('reports a mask of the wrong size with both sizes', async () => {
    const store = new ImageStore(dir);
    const imageId = await store.put(pattern('noise', 40, 30));
    const maskId = await store.put(maskRaster(new Uint8Array(20 * 20), 20, 20, 1));
    await expect(runJobSpec({ op: 'inpaint', imageId, maskId, method: 'fill' }, quietContext(), store)).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringContaining('20 × 20 pixels but the image is 40 × 30') as unknown as string,
    });
  });
});

describe('decodeMask', () => {
  const truth = boxMask(16, 12, [[3, 2, 9, 7]]);
  for (const channels of [1, 3, 4] as const) {
    it(`reads a ${channels}-channel PNG`, async () => {
      const raster = maskRaster(truth, 16, 12, channels);
      const png = await sharp(raster.data, { raw: { width: 16, height: 12, channels } }).png().toBuffer();
      const mask = await decodeMask(new Uint8Array(png));
      expect([mask.width, mask.height]).toEqual([16, 12]);
      expect(Array.from(mask.data)).toEqual(Array.from(truth));
    });
  }

  it('uses luminance when alpha is constant', async () => {
    const raster = maskRaster(truth, 16, 12, 3);
    const rgba = new Uint8Array(16 * 12 * 4);
    for (let p = 0; p < 16 * 12; p++) rgba.set([raster.data[p * 3]!, raster.data[p * 3]!, raster.data[p * 3]!, 255], p * 4);
    const mask = await decodeMask({ ...raster, channels: 4, data: rgba });
    expect(Array.from(mask.data)).toEqual(Array.from(truth));
  });
});
