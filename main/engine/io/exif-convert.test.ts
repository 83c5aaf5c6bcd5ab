import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fromFloat32, toFloat32, withBitDepth } from './convert';
import { exifTiffBody, readExifOrientation, resetExifOrientation } from './exif';
import { makeRaster } from './test-fixtures';

describe('exif', () => {
  it('resets orientation in a real EXIF block, leaving the rest and the input alone', async () => {
    const jpeg = await sharp({ create: { width: 2, height: 2, channels: 3, background: 'red' } })
      .withExif({ IFD0: { Artist: 'Ada' } })
      .withMetadata({ orientation: 8 })
      .jpeg()
      .toBuffer();
    const exif = (await sharp(jpeg).metadata()).exif ?? Buffer.alloc(0);
    expect(readExifOrientation(exif)).toBe(8);
    const reset = resetExifOrientation(exif);
    expect(readExifOrientation(reset)).toBe(1);
    expect(readExifOrientation(exif)).toBe(8);
    expect(Buffer.from(reset).includes('Ada')).toBe(true);
    expect(Buffer.from(exifTiffBody(reset)).subarray(0, 2).toString('latin1')).toBe('II');
  });

  it('handles big-endian blocks and leaves garbage unchanged', () => {
    // MM header, IFD0 at 8 with one entry: Orientation SHORT 1 value 3.
    const mm = Uint8Array.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(readExifOrientation(mm)).toBe(3);
    expect(readExifOrientation(resetExifOrientation(mm))).toBe(1);
    const junk = Uint8Array.from([1, 2, 3]);
    expect(Array.from(resetExifOrientation(junk))).toEqual([1, 2, 3]);
  });
});

describe('convert', () => {
  it('16 → 8 rounds, 8 → 16 is exact and reversible', () => {
    const deep = makeRaster(4, 1, 1, 16, (x) => [0, 128, 129, 65535][x] ?? 0);
    expect(Array.from(withBitDepth(deep, 8).data)).toEqual([0, 0, 1, 255]);
    const flat = makeRaster(256, 1, 1, 8, (x) => x);
    expect(Array.from(withBitDepth(withBitDepth(flat, 16), 8).data)).toEqual(Array.from(flat.data));
    expect(withBitDepth(flat, 8)).toBe(flat);
  });

  it('maps to 0..1 floats and back, clamping and zeroing NaN', () => {
    const deep = makeRaster(2, 1, 2, 16, (x, _y, c) => (x + c) * 30_000);
    const floats = toFloat32(deep);
    expect(floats[3]).toBeCloseTo(60_000 / 65535, 6);
    const back = fromFloat32(floats, deep, 16, deep.metadata);
    expect(Array.from(back.data)).toEqual(Array.from(deep.data));
    const odd = fromFloat32(Float32Array.from([-1, 2, Number.NaN, 0.5]), { width: 2, height: 1, channels: 2 }, 8, { name: 'x' });
    expect(Array.from(odd.data)).toEqual([0, 255, 0, 128]);
  });
});
