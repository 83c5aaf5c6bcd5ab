import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatentshopError } from '../../../preload/contract/errors';
import { decodeImageBuffer, decodeImageFile } from './decode';
import { tooLarge } from './decode-errors';
import { makeRaster, makeTempDir, writeFixture } from './test-fixtures';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

async function rejection(promise: Promise<unknown>): Promise<LatentshopError> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LatentshopError);
  return error as LatentshopError;
}

describe('decode guards and errors', () => {
  /** A PNG whose header claims 20000×20000 px; its pixels are never decoded. */
  function bombPng(): Buffer {
    const chunk = (type: string, data: Buffer): Buffer => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length);
      head.write(type, 4, 'latin1');
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))));
      return Buffer.concat([head, data, crc]);
    };
    const ihdr = Buffer.from([0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 2, 0, 0, 0]);
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0, 0, 0, 0, 1])), chunk('IEND', Buffer.alloc(0))]);
  }

  it('says a 0-byte file is empty, by path and by upload', async () => {
    const path = join(dir, 'empty.png');
    await writeFile(path, Buffer.alloc(0));
    for (const error of [await rejection(decodeImageFile(path)), await rejection(decodeImageBuffer(new Uint8Array(0), 'empty.png'))]) {
      expect(error.code).toBe('IMAGE_DECODE_FAILED');
      expect(error.message).toMatch(/^empty\.png is empty \(0 bytes\)/);
    }
  });

  it('refuses a decompression bomb with IMAGE_TOO_LARGE naming the file', async () => {
    const path = join(dir, 'bomb.png');
    await writeFile(path, bombPng());
    const error = await rejection(decodeImageFile(path));
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.message).toContain('bomb.png');
    expect(error.message).toContain('20000 × 20000');
    expect(error.file).toBe(path);
  });

  it('honours a lower maxPixels', async () => {
    const path = join(dir, 'small.png');
    await writeFixture(path, makeRaster(100, 100, 3, 8, () => 9), 'png');
    expect((await rejection(decodeImageFile(path, { maxPixels: 5000 }))).code).toBe('IMAGE_TOO_LARGE');
    expect((await decodeImageFile(path, { maxPixels: 10_000 })).width).toBe(100);
  });

  it('tells a size just over the limit from the limit itself', () => {
    // 20001 × 10000 against 200 MP read "(200 MP), more than the 200 MP".
    expect(tooLarge('/p/wide.png', 'wide.png', 20001, 10000, 200_000_000).message).toContain('(200.01 MP), more than the 200 MP');
    expect(tooLarge('/p/big.png', 'big.png', 30000, 10000, 200_000_000).message).toContain('(300 MP), more than the 200 MP');
  });

  it('reports a missing file as FILE_NOT_FOUND', async () => {
    const path = join(dir, 'nowhere', 'gone.jpg');
    const error = await rejection(decodeImageFile(path));
    expect([error.code, error.file]).toEqual(['FILE_NOT_FOUND', path]);
    expect(error.message).toContain('gone.jpg');
  });

  it('reports a truncated PNG as IMAGE_DECODE_FAILED', async () => {
    const whole = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#123456' } })
      .composite([{ input: Buffer.alloc(300 * 300 * 3, 7), raw: { width: 300, height: 300, channels: 3 }, blend: 'difference' }])
      .png({ compressionLevel: 0 })
      .toBuffer();
    const path = join(dir, 'cut.png');
    await writeFile(path, whole.subarray(0, whole.length >> 1));
    const error = await rejection(decodeImageFile(path));
    expect(error.code).toBe('IMAGE_DECODE_FAILED');
    expect(error.message).toContain('cut.png');
  });

  it('reports garbage named .jpg as IMAGE_DECODE_FAILED', async () => {
    const path = join(dir, 'noise.jpg');
    await writeFile(path, Buffer.from('this is not a jpeg at all'));
    const error = await rejection(decodeImageFile(path));
    expect(error.code).toBe('IMAGE_DECODE_FAILED');
    expect(error.message).toMatch(/noise\.jpg.*not really a JPEG/);
  });

  it.each([
    ['notes.txt', Buffer.from('hello, photographer')],
    ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>')],
  ])('reports %s as UNSUPPORTED_FORMAT', async (name, bytes) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    const error = await rejection(decodeImageFile(path));
    expect([error.code, error.file]).toEqual(['UNSUPPORTED_FORMAT', path]);
    expect(error.message).toContain(name);
  });

  it('reports a GIF as UNSUPPORTED_FORMAT, also from bytes', async () => {
    const gif = await sharp({ create: { width: 2, height: 2, channels: 3, background: 'red' } }).gif().toBuffer();
    const error = await rejection(decodeImageBuffer(gif, 'anim.gif'));
    expect([error.code, error.file]).toEqual(['UNSUPPORTED_FORMAT', 'anim.gif']);
    expect(error.message).toBe('anim.gif is in GIF format. Latentshop opens JPEG, PNG, WebP and TIFF files.');
  });

  it('decodes from bytes without a source path', async () => {
    const png = await sharp({ create: { width: 3, height: 2, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 0.5 } } }).png().toBuffer();
    const image = await decodeImageBuffer(new Uint8Array(png), 'drop.png');
    expect(image).toMatchObject({ width: 3, height: 2, channels: 4, metadata: { name: 'drop.png', format: 'png' } });
    expect(image.metadata.sourcePath).toBeUndefined();
  });
});
