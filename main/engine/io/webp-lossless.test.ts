import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageBuffer, decodeImageFile } from './decode';
import { encodeRaster } from './encode';
import { makeRaster, makeTempDir } from './test-fixtures';
import { webpIsLossless } from './webp-lossless';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

const rgba = makeRaster(24, 16, 4, 8, (x, y, c) => (c === 3 ? x * 11 : (x * 37 + y * 11 + c * 90) % 256));
const pixels = (): Sharp => sharp(rgba.data, { raw: { width: 24, height: 16, channels: 4 } });

describe('lossless WebP', () => {
  // A VP8X file puts the profile, EXIF and alpha chunks before the bitstream: all of them are stepped over.
  it.each([
    ['plain', true, pixels().removeAlpha().webp({ lossless: true })],
    ['plain', false, pixels().removeAlpha().webp({ quality: 90 })],
    ['with alpha, profile and EXIF (VP8X)', true, pixels().webp({ lossless: true }).withIccProfile('p3').withExif({ IFD0: { Artist: 'x' } })],
    ['with alpha, profile and EXIF (VP8X)', false, pixels().webp({ quality: 90 }).withIccProfile('p3').withExif({ IFD0: { Artist: 'x' } })],
  ] as const)('tells a %s file lossless (%s) from its chunks, from a path and from bytes', async (_, lossless, pipeline) => {
    const bytes = await pipeline.toBuffer();
    const path = join(dir, `${String(lossless)}-${bytes.length}.webp`);
    await pipeline.toFile(path);
    for (const image of [await decodeImageFile(path), await decodeImageBuffer(bytes, 'drop.webp')]) {
      expect(image.metadata.lossless).toBe(lossless ? true : undefined);
    }
  });

  it('exports losslessly on request: every pixel and alpha value comes back, even under alpha 0, where the lossy file differs', async () => {
    const lossless = await decodeImageBuffer(await encodeRaster(rgba, { format: 'webp', lossless: true, quality: 10 }), 'l.webp');
    expect(lossless.metadata.lossless).toBe(true);
    expect(Array.from(lossless.data)).toEqual(Array.from(rgba.data));
    const lossy = await decodeImageBuffer(await encodeRaster(rgba, { format: 'webp', quality: 10 }), 'q.webp');
    expect(lossy.metadata.lossless).toBeUndefined();
    expect(Array.from(lossy.data)).not.toEqual(Array.from(rgba.data));
  });

  it('keeps a lossless source lossless when no quality is given (the CLI, batches), and lossy when one is', async () => {
    const fromLossless = { ...rgba, metadata: { name: 'l.webp', format: 'webp' as const, lossless: true as const } };
    const kept = await decodeImageBuffer(await encodeRaster(fromLossless, { format: 'webp' }), 'k.webp');
    expect(Array.from(kept.data)).toEqual(Array.from(rgba.data));
    expect((await decodeImageBuffer(await encodeRaster(fromLossless, { format: 'webp', quality: 90 }), 'q.webp')).metadata.lossless).toBeUndefined();
    expect((await decodeImageBuffer(await encodeRaster(rgba, { format: 'webp' }), 'd.webp')).metadata.lossless).toBeUndefined();
  });

  it('answers lossy, without throwing, for a truncated or foreign container', async () => {
    const bytes = await pixels().webp({ lossless: true }).toBuffer();
    expect(await webpIsLossless(bytes)).toBe(true);
    expect(await webpIsLossless(bytes.subarray(0, 14))).toBe(false);
    expect(await webpIsLossless(await pixels().png().toBuffer())).toBe(false);
  });
});
