import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from './decode';
import { distinct16, makeRaster, makeTempDir, sample, writeFixture } from './test-fixtures';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

describe('decodeImageFile', () => {
  const rgb = makeRaster(8, 5, 3, 8, (x, y, c) => (x * 30 + y * 17 + c * 60) % 256);

  it.each(['png', 'webp', 'tiff'] as const)('decodes lossless %s exactly', async (format) => {
    const path = join(dir, `rgb.${format}`);
    await writeFixture(path, rgb, format);
    const image = await decodeImageFile(path);
    expect(image).toMatchObject({ width: 8, height: 5, channels: 3, bitDepth: 8 });
    expect(image.metadata).toMatchObject({ name: `rgb.${format}`, format, sourcePath: path });
    expect(Array.from(image.data)).toEqual(Array.from(rgb.data));
  });

  it('decodes JPEG close to the source', async () => {
    const path = join(dir, 'rgb.jpg');
    await writeFixture(path, rgb, 'jpeg');
    const image = await decodeImageFile(path);
    expect(image).toMatchObject({ width: 8, height: 5, channels: 3, bitDepth: 8, metadata: { format: 'jpeg' } });
    const worst = Math.max(...Array.from(image.data, (v, i) => Math.abs(v - (rgb.data[i] ?? 0))));
    expect(worst).toBeLessThan(12);
  });

  it.each([
    [1, 'grey'],
    [2, 'grey + alpha'],
    [4, 'RGBA'],
  ] as const)('keeps %i channels (%s)', async (channels, _label) => {
    const source = makeRaster(6, 4, channels, 8, (x, y, c) => x * 40 + y + c);
    const path = join(dir, `c${channels}.png`);
    await writeFixture(path, source, 'png');
    const image = await decodeImageFile(path);
    expect(image.channels).toBe(channels);
    expect(Array.from(image.data)).toEqual(Array.from(source.data));
  });

  it.each(['png', 'tiff'] as const)('keeps 16-bit %s as exact Uint16Array', async (format) => {
    const source = distinct16(7, 5, 4);
    const path = join(dir, `deep.${format}`);
    await writeFixture(path, source, format);
    const image = await decodeImageFile(path);
    expect(image.bitDepth).toBe(16);
    expect(image.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(image.data)).toEqual(Array.from(source.data));
  });

  it('applies EXIF orientation 6 (rotate 90° clockwise)', async () => {
    // Stored 8×4: left half red, right half blue. Orientation 6 shows it 4×8, red on top.
    const stored = makeRaster(8, 4, 3, 8, (x, _y, c) => (x < 4 ? [255, 0, 0] : [0, 0, 255])[c] ?? 0);
    const path = join(dir, 'rotated.jpg');
    await sharp(stored.data, { raw: { width: 8, height: 4, channels: 3 } }).withMetadata({ orientation: 6 }).jpeg({ quality: 100 }).toFile(path);
    const image = await decodeImageFile(path);
    expect([image.width, image.height]).toEqual([4, 8]);
    expect(sample(image, 1, 1, 0)).toBeGreaterThan(200);
    expect(sample(image, 1, 1, 2)).toBeLessThan(50);
    expect(sample(image, 2, 6, 0)).toBeLessThan(50);
    expect(sample(image, 2, 6, 2)).toBeGreaterThan(200);
  });

  it('keeps the raw ICC profile and EXIF, and the pixels in the profile\'s space', async () => {
    const path = join(dir, 'p3.jpg');
    const fixture = sharp({ create: { width: 4, height: 4, channels: 3, background: { r: 200, g: 30, b: 60 } } })
      .withIccProfile('p3')
      .withExif({ IFD0: { Artist: 'Ada Lovelace', Copyright: '(c) 2026 Ada' } });
    await fixture.jpeg({ quality: 100 }).toFile(path);
    const reference = await sharp(path).metadata();
    const image = await decodeImageFile(path);
    expect(reference.icc).toBeDefined();
    expect(Buffer.from(image.metadata.icc ?? [])).toEqual(reference.icc);
    expect(Buffer.from(image.metadata.exif ?? []).includes('Ada Lovelace')).toBe(true);
    // Untransformed P3 values: sharp's own P3→sRGB conversion would differ.
    const converted = await sharp(path).raw().toBuffer();
    const asStored = await sharp(path).keepIccProfile().raw().toBuffer();
    expect(Array.from(image.data)).toEqual(Array.from(asStored));
    expect(Array.from(image.data)).not.toEqual(Array.from(converted));
  });
});
