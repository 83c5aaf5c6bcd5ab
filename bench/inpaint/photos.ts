import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { benchPhotos } from '../photos';
import { decodeImageFile } from '../../main/engine/io/decode';
import type { RasterImage } from '../../main/engine/io/raster';
import { Rng } from '../../main/engine/ops/inpaint/fill/rng';

/** The photographs the bench prefers, in order (Debian python3-skimage's samples: see bench/photos.ts). */
const PREFERRED = ['astronaut', 'chelsea', 'coffee', 'rocket', 'motorcycle_left', 'camera', 'brick', 'grass'];

function photoDirs(): string[] {
  try {
    return [...new Set(benchPhotos().map((path) => dirname(path)))];
  } catch {
    return [];
  }
}

/** Up to `count` real photos, topped up with synthetic scenes when fewer are found. Alpha is dropped. */
export async function benchImages(count: number): Promise<{ name: string; image: RasterImage; synthetic: boolean }[]> {
  const out: { name: string; image: RasterImage; synthetic: boolean }[] = [];
  for (const dir of photoDirs()) {
    const files = readdirSync(dir);
    for (const stem of PREFERRED) {
      const file = files.find((f) => f.startsWith(`${stem}.`) && /\.(png|jpe?g)$/i.test(f));
      if (!file || out.some((o) => o.name === stem) || out.length >= count) continue;
      const image = await decodeImageFile(join(dir, file));
      if (image.bitDepth === 8 && (image.channels === 1 || image.channels === 3)) out.push({ name: stem, image, synthetic: false });
    }
  }
  for (let i = 0; out.length < count; i++) out.push({ name: `synthetic${i}`, image: syntheticScene(512, 384, i), synthetic: true });
  return out;
}

/** A sky gradient over textured ground with a few objects: smooth and textured areas, as in a landscape photo. */
export function syntheticScene(width: number, height: number, seed: number): RasterImage {
  const rng = new Rng(seed + 101);
  const data = new Uint8Array(width * height * 3);
  const horizon = height * (0.35 + 0.2 * rng.next());
  const blobs = Array.from({ length: 4 }, () => [rng.next() * width, horizon + rng.next() * (height - horizon), 20 + rng.next() * 50]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      let rgb: number[];
      if (y < horizon) {
        const t = y / horizon;
        rgb = [90 + 80 * t, 140 + 60 * t, 230 - 20 * t];
      } else {
        const grain = 30 * Math.sin(x * 0.35 + Math.sin(y * 0.21) * 3) * Math.cos(y * 0.5) + 20 * (rng.next() - 0.5);
        rgb = [90 + grain, 120 + grain * 0.8, 60 + grain * 0.5];
      }
      for (const [bx, by, br] of blobs as [number, number, number][]) {
        if ((x - bx) ** 2 + (y - by) ** 2 < br * br) rgb = [150 + 40 * Math.sin(x * 0.9), 70, 50];
      }
      for (let k = 0; k < 3; k++) data[p + k] = Math.max(0, Math.min(255, Math.round(rgb[k]!)));
    }
  }
  return { width, height, channels: 3, bitDepth: 8, data, metadata: { name: `synthetic${seed}.png` } };
}

/** A mask of random brush strokes and boxes covering about `coverage` of the image (0.01–0.10 in the bench). */
export function randomMask(width: number, height: number, coverage: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  const mask = new Uint8Array(width * height);
  const side = Math.min(width, height);
  let covered = 0;
  const dab = (cx: number, cy: number, radius: number): void => {
    for (let y = Math.max(0, Math.floor(cy - radius)); y <= Math.min(height - 1, Math.ceil(cy + radius)); y++) {
      for (let x = Math.max(0, Math.floor(cx - radius)); x <= Math.min(width - 1, Math.ceil(cx + radius)); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 > radius * radius || mask[y * width + x] !== 0) continue;
        mask[y * width + x] = 1;
        covered++;
      }
    }
  };
  for (let shape = 0; covered < coverage * width * height; shape++) {
    if (shape % 3 === 2) {
      const bw = side * (0.04 + 0.1 * rng.next());
      const bh = side * (0.04 + 0.1 * rng.next());
      const x0 = rng.next() * (width - bw);
      const y0 = rng.next() * (height - bh);
      for (let y = Math.floor(y0); y < y0 + bh; y++) for (let x = Math.floor(x0); x < x0 + bw; x++) dab(x, y, 0.5);
      continue;
    }
    const radius = side * (0.008 + 0.02 * rng.next());
    let x = rng.next() * width;
    let y = rng.next() * height;
    let angle = rng.next() * 2 * Math.PI;
    for (let segment = 0; segment < 4; segment++) {
      const length = side * (0.05 + 0.15 * rng.next());
      for (let t = 0; t < length; t += radius / 2) dab(x + Math.cos(angle) * t, y + Math.sin(angle) * t, radius);
      x += Math.cos(angle) * length;
      y += Math.sin(angle) * length;
      angle += (rng.next() - 0.5) * 2;
    }
  }
  return mask;
}
