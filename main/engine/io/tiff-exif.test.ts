import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from './decode';
import { encodeRaster } from './encode';
import type { RasterImage } from './raster';
import { makeTempDir } from './test-fixtures';
import { addExifToTiff, EXIF_IFD, firstIfd, GPS_IFD, type IfdEntry, openTiff, pointerValue, readIfd } from './tiff-exif';

// sharp reads no EXIF from TIFF, so the asserts read the file with our own reader.
const ARTIST = 315;
const COPYRIGHT = 33432;
const ORIENTATION = 274;
const ICC = 34675;
const EXPOSURE_TIME = 33434;
const ISO = 34855;
const DATE_TIME_ORIGINAL = 36867;
const MAKER_NOTE = 37500;
const GPS_LATITUDE_REF = 1;

function tagsOf(tiff: Uint8Array) {
  const file = openTiff(tiff);
  if (!file) throw new Error('not a classic TIFF');
  const ifd0 = readIfd(file, firstIfd(file), file.little);
  const exif = readIfd(file, pointerValue(ifd0, EXIF_IFD, file.little), file.little);
  const gps = readIfd(file, pointerValue(ifd0, GPS_IFD, file.little), file.little);
  return { little: file.little, ifd0, exif, gps };
}

function text(entries: IfdEntry[], tag: number): string | undefined {
  const entry = entries.find((e) => e.tag === tag);
  return entry && Buffer.from(entry.data).toString('latin1').replace(/\0+$/, '');
}

function numbers(entries: IfdEntry[], tag: number, little: boolean): number[] {
  const entry = entries.find((e) => e.tag === tag);
  if (!entry) return [];
  const view = new DataView(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
  const size = entry.type === 3 ? 2 : 4;
  return Array.from({ length: entry.data.length / size }, (_, i) => (size === 2 ? view.getUint16(i * 2, little) : view.getUint32(i * 4, little)));
}

/** Opens strictly (libvips warnings fail) and returns the raw pixels. */
async function strictPixels(bytes: Uint8Array): Promise<Buffer> {
  return sharp(Buffer.from(bytes), { failOn: 'warning' }).raw({ depth: 'ushort' }).toBuffer();
}

let cleanup: () => Promise<void> = async () => undefined;
let tagged: RasterImage;

beforeAll(async () => {
  let dir = '';
  ({ dir, cleanup } = await makeTempDir());
  const raw = Buffer.alloc(5 * 3 * 3);
  for (let i = 0; i < raw.length; i += 1) raw[i] = (i * 37) % 256;
  const jpeg = await sharp(raw, { raw: { width: 5, height: 3, channels: 3 } })
    .withIccProfile('p3')
    .withExif({
      IFD0: { Artist: 'Latentshop', Copyright: 'CC0' },
      IFD2: { DateTimeOriginal: '2026:01:02 03:04:05', ExposureTime: '1/125', ISOSpeedRatings: '400' },
      IFD3: { GPSLatitudeRef: 'N' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 100 })
    .toBuffer();
  const path = join(dir, 'tagged.jpg');
  await writeFile(path, jpeg);
  tagged = await decodeImageFile(path);
});
afterAll(() => cleanup());

describe('TIFF export keeps EXIF', () => {
  it.each([8, 16] as const)('carries IFD0, Exif and GPS tags into a %i-bit TIFF, ICC and pixels untouched', async (bitDepth) => {
    const bytes = await encodeRaster(tagged, { format: 'tiff', bitDepth });
    const { little, ifd0, exif, gps } = tagsOf(bytes);
    expect([text(ifd0, ARTIST), text(ifd0, COPYRIGHT)]).toEqual(['Latentshop', 'CC0']);
    expect(numbers(ifd0, ORIENTATION, little).every((v) => v === 1)).toBe(true);
    expect(ifd0.map((e) => e.tag)).toContain(ICC);
    expect(ifd0.map((e) => e.tag)).toEqual([...ifd0.map((e) => e.tag)].sort((a, b) => a - b));
    expect(text(exif, DATE_TIME_ORIGINAL)).toBe('2026:01:02 03:04:05');
    expect(numbers(exif, EXPOSURE_TIME, little)).toEqual([1, 125]);
    expect(numbers(exif, ISO, little)).toEqual([400]);
    expect(text(gps, GPS_LATITUDE_REF)).toBe('N');

    const meta = await sharp(bytes).metadata();
    expect(meta.depth).toBe(bitDepth === 16 ? 'ushort' : 'uchar');
    expect(meta.icc?.equals(Buffer.from(tagged.metadata.icc ?? []))).toBe(true);
    expect([meta.width, meta.height]).toEqual([3, 5]);
    // Same export without EXIF (ICC kept): the patch must not change a single sample.
    const withoutExif = { ...tagged, metadata: { ...tagged.metadata, exif: undefined } };
    const plain = await encodeRaster(withoutExif, { format: 'tiff', bitDepth });
    expect(tagsOf(plain).exif).toEqual([]);
    expect((await strictPixels(bytes)).equals(await strictPixels(plain))).toBe(true);
  });

  it('converts a big-endian EXIF block, dropping MakerNote, Orientation and out-of-range values', async () => {
    const tiff = await sharp({ create: { width: 4, height: 2, channels: 3, background: '#336699' } })
      .tiff({ compression: 'deflate' })
      .toBuffer();
    const patched = addExifToTiff(tiff, bigEndianExif());
    expect(patched.length).toBeGreaterThan(tiff.length);
    const { little, ifd0, exif } = tagsOf(patched);
    expect(little).toBe(true);
    expect([text(ifd0, ARTIST), text(ifd0, COPYRIGHT)]).toEqual(['Big Endian', 'CC0']);
    expect(numbers(ifd0, ORIENTATION, little).every((v) => v === 1)).toBe(true);
    expect(numbers(exif, EXPOSURE_TIME, little)).toEqual([1, 125]);
    expect(numbers(exif, ISO, little)).toEqual([400]);
    expect(text(exif, DATE_TIME_ORIGINAL)).toBe('2026:01:02 03:04:05');
    expect(exif.map((e) => e.tag)).toEqual([EXPOSURE_TIME, ISO, DATE_TIME_ORIGINAL]);
    expect(exif.some((e) => e.tag === MAKER_NOTE)).toBe(false);
    expect((await strictPixels(patched)).equals(await strictPixels(tiff))).toBe(true);
  });

  it('leaves the TIFF alone when either side cannot be parsed', async () => {
    const tiff = await sharp({ create: { width: 2, height: 2, channels: 3, background: 'red' } }).tiff().toBuffer();
    expect(addExifToTiff(tiff, new Uint8Array([1, 2, 3]))).toBe(tiff);
    const bigTiff = Uint8Array.from([0x49, 0x49, 43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(addExifToTiff(bigTiff, bigEndianExif())).toBe(bigTiff);
  });
});

/**
 * A hand-made "Exif\0\0" + big-endian block. IFD0: Orientation 6, Artist (out of line),
 * Copyright (inline), ExifIFD. Exif IFD: ExposureTime 1/125, ISO 400, DateTimeOriginal,
 * a MakerNote and a LensModel whose offset points past the end.
 */
function bigEndianExif(): Uint8Array {
  const body = Buffer.alloc(168);
  body.write('MM', 0, 'latin1');
  body.writeUInt16BE(42, 2);
  body.writeUInt32BE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: (b: Buffer, at: number) => void): void => {
    body.writeUInt16BE(tag, at);
    body.writeUInt16BE(type, at + 2);
    body.writeUInt32BE(count, at + 4);
    value(body, at + 8);
  };
  body.writeUInt16BE(4, 8); // IFD0: 8 + 2 + 4×12 + 4 = 62
  entry(10, ORIENTATION, 3, 1, (b, at) => b.writeUInt16BE(6, at));
  entry(22, ARTIST, 2, 11, (b, at) => b.writeUInt32BE(62, at));
  entry(34, COPYRIGHT, 2, 4, (b, at) => b.write('CC0\0', at, 'latin1'));
  entry(46, EXIF_IFD, 4, 1, (b, at) => b.writeUInt32BE(74, at));
  body.write('Big Endian\0', 62, 'latin1');
  body.writeUInt16BE(5, 74); // Exif IFD: 74 + 2 + 5×12 + 4 = 140
  entry(76, EXPOSURE_TIME, 5, 1, (b, at) => b.writeUInt32BE(140, at));
  entry(88, ISO, 3, 1, (b, at) => b.writeUInt16BE(400, at));
  entry(100, DATE_TIME_ORIGINAL, 2, 20, (b, at) => b.writeUInt32BE(148, at));
  entry(112, MAKER_NOTE, 7, 4, (b, at) => b.write('ABCD', at, 'latin1'));
  entry(124, 42036, 2, 50, (b, at) => b.writeUInt32BE(9999, at));
  body.writeUInt32BE(1, 140);
  body.writeUInt32BE(125, 144);
  body.write('2026:01:02 03:04:05\0', 148, 'latin1');
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), body]);
}
