import sharp from 'sharp';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findPackageRoot } from '../models/loader';
import { photoFixture } from '../main/engine/ops/sr/fixture.test-util';
import { benchPhotos as benchPhotoPaths } from './photos';

export interface Photo {
  name: string;
  width: number;
  height: number;
  /** Interleaved 8-bit RGB. */
  rgb: Uint8Array;
}

/** Speed set: UpscalerJS's own fixture plus real photos (bench/photos.ts: Debian's scikit-image data). */
const SPEED = ['chelsea.png', 'coffee.png', 'astronaut.png'];

export async function benchPhotos(quick: boolean): Promise<Photo[]> {
  const root = findPackageRoot('@upscalerjs/esrgan-slim', process.cwd());
  const fixture = root ? join(root, 'assets', 'fixture.png') : '';
  const real = realPhotos().filter((f) => SPEED.slice(0, quick ? 1 : SPEED.length).some((n) => f.endsWith(`/${n}`)));
  return loadAll([fixture, ...real]);
}

/** Quality set: every scikit-image photo (PSNR/SSIM of ×4 SR vs bicubic, per photo). */
export async function qualityPhotos(quick: boolean): Promise<Photo[]> {
  const all = await loadAll(realPhotos());
  return quick ? all.slice(0, 2) : all;
}

async function loadAll(files: string[]): Promise<Photo[]> {
  const photos: Photo[] = [];
  for (const file of files.filter((f) => f !== '' && existsSync(f))) {
    const { data, info } = await sharp(file).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    photos.push({ name: `${file.split('/').at(-2) ?? dirname(file)}/${file.split('/').at(-1)}`, width: info.width, height: info.height, rgb: new Uint8Array(data) });
  }
  if (photos.length === 0) {
    const r = await photoFixture(256, 192, 3, 8);
    photos.push({ name: 'synthetic-256x192', width: 256, height: 192, rgb: r.data as Uint8Array });
  }
  return photos;
}

function realPhotos(): string[] {
  try {
    return benchPhotoPaths();
  } catch {
    return [];
  }
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
