/** Shared by the io, ops and cli tests: temp folders and images with known pixels. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { RasterImage } from './raster';

export async function makeTempDir(prefix = 'latentshop-test-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A raster whose sample (x, y, c) is `value(x, y, c)`. */
export function makeRaster(
  width: number,
  height: number,
  channels: RasterImage['channels'],
  bitDepth: 8 | 16,
  value: (x: number, y: number, c: number) => number,
  name = 'test.png',
): RasterImage {
  const data = bitDepth === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      for (let c = 0; c < channels; c += 1) data[(y * width + x) * channels + c] = value(x, y, c);
    }
  }
  return { width, height, channels, bitDepth, data, metadata: { name } };
}

export function sample(raster: RasterImage, x: number, y: number, c: number): number {
  return raster.data[(y * raster.width + x) * raster.channels + c] ?? Number.NaN;
}

/** 16-bit RGB(A) pixels where every sample differs, so any loss of precision shows. */
export function distinct16(width: number, height: number, channels: 3 | 4 = 3): RasterImage {
  return makeRaster(width, height, channels, 16, (x, y, c) => (x * 4099 + y * 257 + c * 13_001 + 7) % 65536);
}

/** Encodes raw pixels as a file of the given format, with sharp alone (independent of our encoder). */
export async function writeFixture(path: string, raster: RasterImage, format: 'png' | 'jpeg' | 'webp' | 'tiff'): Promise<void> {
  const grey = raster.channels <= 2;
  const space = raster.bitDepth === 16 ? (grey ? 'grey16' : 'rgb16') : grey ? 'b-w' : 'srgb';
  const base = sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: raster.channels } }).toColourspace(space);
  const out =
    format === 'png'
      ? base.png()
      : format === 'jpeg'
        ? base.jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
        : format === 'webp'
          ? base.webp({ lossless: true })
          : base.tiff({ compression: 'lzw' });
  await out.toFile(path);
}
