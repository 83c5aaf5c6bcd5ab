import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveModelsRoot } from '../../../../models/loader';
import { DEFAULT_DATA_DIR, loadFashion, SIDE } from '../../../../models/training/data';
import { startHarness, type Harness } from '../../../test/runtime-harness';

const ready =
  existsSync(join(resolveModelsRoot(), 'fashion', 'encoder', 'model.json')) && existsSync(join(DEFAULT_DATA_DIR, 't10k-images-idx3-ubyte.gz'));

/** Fashion-MNIST test images of one class, as 128×128 PNG "photos" (light product on black). */
async function productPhotos(label: number, count: number): Promise<Buffer[]> {
  const set = loadFashion('t10k', undefined, 500);
  const photos: Buffer[] = [];
  for (let i = 0; i < set.count && photos.length < count; i += 1) {
    if (set.labels[i] !== label) continue;
    const pixels = set.pixels.subarray(i * SIDE * SIDE, (i + 1) * SIDE * SIDE);
    photos.push(await sharp(Buffer.from(pixels), { raw: { width: SIDE, height: SIDE, channels: 1 } }).resize(128, 128, { kernel: 'cubic' }).png().toBuffer());
  }
  return photos;
}

describe.skipIf(!ready)('analyzeImage and generate through the contract (shipped fashion family)', () => {
  let harness: Harness;
  beforeAll(() => {
    harness = startHarness();
  });
  afterAll(() => harness.close());

  it('classifies sneakers as sneakers, encodes a 64-d code, and G renders that code', async () => {
    const { service } = harness.runtime;
    const photos = await productPhotos(7, 5);
    const results = [];
    for (const [i, png] of photos.entries()) {
      const image = await service.upload({ name: `sneaker${i}.png`, dataBase64: png.toString('base64') });
      results.push(await service.analyzeImage({ imageId: image.id, family: 'fashion' }));
    }
    const sneakers = results.filter((r) => r.classes[0]?.label === 'Sneaker').length;
    expect(sneakers).toBeGreaterThanOrEqual(4);
    for (const r of results) {
      expect(r.z).toHaveLength(64);
      expect(Number.isFinite(r.realism)).toBe(true);
      expect(r.classes[0]?.probability ?? 0).toBeGreaterThanOrEqual(r.classes[1]?.probability ?? 0);
    }
    const { imageUrl } = await service.generate({ family: 'fashion', z: results[0]?.z ?? [] });
    const rendered = await sharp(Buffer.from(imageUrl.split(',')[1] ?? '', 'base64')).metadata();
    expect(rendered.width).toBe(128);
  });

  it('refuses a code of the wrong length with a clear error', async () => {
    await expect(harness.runtime.service.generate({ family: 'fashion', z: [0, 1] })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
