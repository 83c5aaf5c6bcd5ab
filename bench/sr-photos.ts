import sharp from 'sharp';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findPackageRoot } from '../models/loader';
import { photoFixture } from '../main/engine/ops/sr/fixture.test-util';

export interface Photo {
  name: string;
  width: number;
  height: number;
  /** Interleaved 8-bit RGB. */
  rgb: Uint8Array;
}

/**
 * Test photos: UpscalerJS's own fixture (a real photo, always installed), any files in
 * LATENTSHOP_BENCH_PHOTOS (colon-separated; e.g. real JPEGs on the machine), and
 * synthetic photo-like images (gradients, shapes, noise) so the bench always runs.
 */
export async function benchPhotos(quick: boolean): Promise<Photo[]> {
  const root = findPackageRoot('@upscalerjs/esrgan-slim', process.cwd());
  const files = [root ? join(root, 'assets', 'fixture.png') : '', ...(process.env['LATENTSHOP_BENCH_PHOTOS'] ?? '').split(':')];
  const photos: Photo[] = [];
  for (const file of files.filter((f) => f !== '' && existsSync(f))) {
    const { data, info } = await sharp(file).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    photos.push({ name: `${file.split('/').at(-2) ?? dirname(file)}/${file.split('/').at(-1)}`, width: info.width, height: info.height, rgb: new Uint8Array(data) });
  }
  const sizes: Array<[number, number]> = quick ? [[192, 128]] : [[256, 192], [384, 256]];
  for (const [w, h] of sizes) {
    const r = await photoFixture(w, h, 3, 8);
    photos.push({ name: `synthetic-${w}x${h}`, width: w, height: h, rgb: r.data as Uint8Array });
  }
  return quick ? photos.slice(0, 3) : photos;
}

/** Area-downscales by `factor` (what a camera's lower resolution looks like). */
export async function downscale(photo: Photo, factor: number): Promise<Photo> {
  const w = Math.floor(photo.width / factor);
  const h = Math.floor(photo.height / factor);
  const cropped = await sharp(photo.rgb, { raw: { width: photo.width, height: photo.height, channels: 3 } })
    .extract({ left: 0, top: 0, width: w * factor, height: h * factor })
    .resize(w, h, { kernel: 'cubic' }).raw().toBuffer();
  return { name: photo.name, width: w, height: h, rgb: new Uint8Array(cropped) };
}

export async function bicubicUp(photo: Photo, factor: number): Promise<Uint8Array> {
  const out = await sharp(photo.rgb, { raw: { width: photo.width, height: photo.height, channels: 3 } })
    .resize(photo.width * factor, photo.height * factor, { kernel: 'cubic' }).raw().toBuffer();
  return new Uint8Array(out);
}
