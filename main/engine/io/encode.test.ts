import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatentshopError } from '../../../preload/contract/errors';
import { decodeImageBuffer, decodeImageFile } from './decode';
import { encodePreviewPng, encodeRaster } from './encode';
import { readExifOrientation } from './exif';
import type { RasterImage } from './raster';
import { distinct16, makeRaster, makeTempDir, sample } from './test-fixtures';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
/** Decoded from a P3 JPEG with Artist/Copyright EXIF and orientation 6. */
let tagged: RasterImage;
let p3Icc: Buffer;

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  const path = join(dir, 'tagged.jpg');
  // Stored 6×4, shown 4×6; left third red so the orientation is visible.
  const raw = Buffer.alloc(6 * 4 * 3);
  for (let i = 0; i < 24; i += 1) raw.set(i % 6 < 2 ? [220, 20, 40] : [20, 40, 220], i * 3);
  const jpeg = await sharp(raw, { raw: { width: 6, height: 4, channels: 3 } })
    .withExif({ IFD0: { Artist: 'Ada Lovelace', Copyright: '(c) 2026 Ada' } })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 100 })
    .toBuffer();
  // Attach P3 without converting pixels: sharp keeps the profile of its input.
  const p3 = await sharp({ create: { width: 1, height: 1, channels: 3, background: 'white' } }).withIccProfile('p3').png().toBuffer();
  p3Icc = (await sharp(p3).metadata()).icc ?? Buffer.alloc(0);
  await writeFile(path, jpeg);
  tagged = await decodeImageFile(path);
  tagged.metadata.icc = new Uint8Array(p3Icc);
});
afterAll(() => cleanup());

const formats = ['png', 'jpeg', 'webp', 'tiff'] as const;

describe('encodeRaster', () => {
  it.each(['png', 'tiff'] as const)('round-trips 16-bit %s exactly', async (format) => {
    const source = distinct16(9, 6, 4);
    const bytes = await encodeRaster(source, { format });
    expect((await sharp(bytes).metadata()).depth).toBe('ushort');
    const back = await decodeImageBuffer(bytes, `x.${format}`);
    expect(back.bitDepth).toBe(16);
    expect(Array.from(back.data)).toEqual(Array.from(source.data));
  });

  it('widens 8-bit to 16-bit PNG on request (v·257)', async () => {
    const source = makeRaster(4, 4, 1, 8, (x, y) => x * 60 + y);
    const back = await decodeImageBuffer(await encodeRaster(source, { format: 'png', bitDepth: 16 }), 'w.png');
    expect(back.bitDepth).toBe(16);
    expect(Array.from(back.data)).toEqual(Array.from(source.data, (v) => v * 257));
  });

  it('writes 8-bit JPEG/WebP from 16-bit, and refuses an explicit 16-bit JPEG', async () => {
    const source = makeRaster(4, 4, 3, 16, () => 0x8080);
    const back = await decodeImageBuffer(await encodeRaster(source, { format: 'webp', quality: 100 }), 'w.webp');
    expect([back.bitDepth, sample(back, 1, 1, 0)]).toEqual([8, 128]);
    const error: unknown = await encodeRaster(source, { format: 'jpeg', bitDepth: 16 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LatentshopError);
    expect((error as LatentshopError).code).toBe('BAD_ARGUMENT');
  });

  it.each(formats)('keeps the ICC profile byte for byte, pixels untouched (%s)', async (format) => {
    const bytes = await encodeRaster(tagged, { format, quality: 100 });
    const meta = await sharp(bytes).metadata();
    expect(meta.icc?.equals(p3Icc)).toBe(true);
    const back = await decodeImageBuffer(bytes, `t.${format}`);
    expect([back.width, back.height]).toEqual([4, 6]);
    // Attached, not applied: the same pixels as the same raster encoded with no profile at all.
    const untagged = { ...tagged, metadata: { ...tagged.metadata, icc: undefined } };
    const plain = await decodeImageBuffer(await encodeRaster(untagged, { format, quality: 100 }), `p.${format}`);
    expect(Array.from(back.data)).toEqual(Array.from(plain.data));
  });

  it.each([...formats.map((f) => [f, 8] as const), ['png', 16], ['tiff', 16]] as const)('converts P3 pixels to sRGB when it drops the profile, so colours stay (%s, %i-bit)', async (format, bitDepth) => {
    const red = makeRaster(8, 8, 3, 8, (_x, _y, c) => [220, 20, 40][c] ?? 0);
    red.metadata.icc = new Uint8Array(p3Icc);
    // What lcms (through sharp) makes of these pixels read as P3: sharp converts a tagged file to sRGB.
    const reference = await sharp(await encodeRaster(red, { format: 'png' })).raw().toBuffer();
    expect(Array.from(reference.subarray(0, 3))).not.toEqual([220, 20, 40]);
    const bare = await encodeRaster(red, { format, bitDepth, quality: 100, keepMetadata: false });
    expect((await sharp(bare).metadata()).icc).toBeUndefined();
    const back = await decodeImageBuffer(bare, `b.${format}`);
    expect(back.bitDepth).toBe(bitDepth);
    // 16-bit output was written unconverted (libvips skipped its implicit transform there).
    const scale = bitDepth === 16 ? 257 : 1;
    const tolerance = format === 'png' || format === 'tiff' ? 1 : 3;
    for (let c = 0; c < 3; c += 1) expect(Math.abs(sample(back, 4, 4, c) / scale - (reference[c] ?? 0)), `channel ${c}`).toBeLessThanOrEqual(tolerance);
  });

  it('leaves the pixels of an sRGB-tagged photo as they are when it drops the profile, at 16 bits too', async () => {
    const srgbOne = await sharp({ create: { width: 1, height: 1, channels: 3, background: 'white' } }).withIccProfile('srgb').png().toBuffer();
    const photo = makeRaster(4, 4, 3, 8, (_x, _y, c) => [202, 49, 51][c] ?? 0);
    photo.metadata.icc = new Uint8Array((await sharp(srgbOne).metadata()).icc ?? Buffer.alloc(0));
    for (const bitDepth of [8, 16] as const) {
      const back = await decodeImageBuffer(await encodeRaster(photo, { format: 'png', bitDepth, keepMetadata: false }), 'p.png');
      // Before, the 16-bit file came out as 186, 63, 58.
      expect([0, 1, 2].map((c) => Math.round(sample(back, 1, 1, c) / (bitDepth === 16 ? 257 : 1)))).toEqual([202, 49, 51]);
    }
  });

  it.each(['png', 'jpeg', 'webp'] as const)('keeps EXIF with orientation reset to 1 (%s)', async (format) => {
    expect(readExifOrientation(tagged.metadata.exif ?? new Uint8Array())).toBe(6);
    const bytes = await encodeRaster(tagged, { format });
    const meta = await sharp(bytes).metadata();
    expect(meta.exif?.includes('Ada Lovelace')).toBe(true);
    expect(meta.exif?.includes('(c) 2026 Ada')).toBe(true);
    expect(readExifOrientation(meta.exif ?? Buffer.alloc(0))).toBe(1);
    // Upright on disk: a viewer honouring EXIF shows what we show.
    const back = await decodeImageBuffer(bytes, `o.${format}`);
    expect([back.width, back.height]).toEqual([4, 6]);
    expect(sample(back, 1, 0, 0)).toBeGreaterThan(180);
  });

  it.each(formats)('adds no EXIF block to a photo that had none, while keeping its profile (%s)', async (format) => {
    const noExif = { ...tagged, metadata: { ...tagged.metadata, exif: undefined } };
    const meta = await sharp(await encodeRaster(noExif, { format })).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc?.equals(p3Icc)).toBe(true);
  });

  it.each(formats)('drops metadata when keepMetadata is false (%s)', async (format) => {
    const meta = await sharp(await encodeRaster(tagged, { format, keepMetadata: false })).metadata();
    expect(meta.icc).toBeUndefined();
    expect(meta.exif?.includes('Ada Lovelace') ?? false).toBe(false);
  });

  it('flattens alpha onto white for JPEG and keeps it elsewhere', async () => {
    const source = makeRaster(2, 1, 4, 8, (x, _y, c) => (c === 3 ? (x === 0 ? 0 : 255) : 10));
    const jpeg = await decodeImageBuffer(await encodeRaster(source, { format: 'jpeg', quality: 100 }), 'a.jpg');
    expect(jpeg.channels).toBe(3);
    expect(sample(jpeg, 0, 0, 0)).toBeGreaterThan(240);
    for (const format of ['png', 'webp', 'tiff'] as const) {
      const back = await decodeImageBuffer(await encodeRaster(source, { format, quality: 100 }), `a.${format}`);
      expect([back.channels, sample(back, 0, 0, 3), sample(back, 1, 0, 3)]).toEqual([4, 0, 255]);
    }
  });

  it('keeps grey + alpha as two channels in PNG and TIFF', async () => {
    const source = makeRaster(3, 3, 2, 8, (x, y, c) => (c === 0 ? x * 80 + y : 255 - x));
    for (const format of ['png', 'tiff'] as const) {
      const back = await decodeImageBuffer(await encodeRaster(source, { format }), `g.${format}`);
      expect(Array.from(back.data)).toEqual(Array.from(source.data));
    }
  });

  it('refuses sizes the format cannot hold', async () => {
    const wide = { ...makeRaster(1, 1, 3, 8, () => 0), width: 20_000, data: new Uint8Array(20_000 * 3) };
    const error: unknown = await encodeRaster(wide, { format: 'webp' }).catch((e: unknown) => e);
    expect((error as LatentshopError).code).toBe('BAD_ARGUMENT');
  });
});

describe('encodePreviewPng', () => {
  it('gives 8-bit RGBA from 16-bit grey, with an RGB profile attached', async () => {
    const grey = makeRaster(5, 3, 1, 16, (x) => x * 10_000);
    const preview = await sharp(await encodePreviewPng(grey)).metadata();
    expect([preview.format, preview.channels, preview.depth]).toEqual(['png', 4, 'uchar']);
    const pixels = await sharp(await encodePreviewPng(grey)).raw().toBuffer();
    expect(pixels[4 * 4]).toBe(Math.round(40_000 / 257));
    expect((await sharp(await encodePreviewPng(tagged)).metadata()).icc?.equals(p3Icc)).toBe(true);
  });

  it('shrinks to maxSide, keeping the aspect ratio, and never enlarges', async () => {
    const wide = makeRaster(300, 100, 3, 8, (x) => x % 256);
    expect(await sharp(await encodePreviewPng(wide, { maxSide: 60 })).metadata()).toMatchObject({ width: 60, height: 20 });
    expect(await sharp(await encodePreviewPng(wide, { maxSide: 1000 })).metadata()).toMatchObject({ width: 300, height: 100 });
  });
});
