import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { pattern } from '../engine/ops/inpaint/fill/test-images';

/** The hole every fixture mask marks: x0, y0, x1, y1 (exclusive). */
export const HOLE = [40, 30, 72, 54] as const;

/** Small textured PNGs with `<name>.mask.png` beside each (white box on black), for batch tests. */
export async function writeBatchFixtures(dir: string, count: number, width = 128, height = 96): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const image = pattern(i % 2 === 0 ? 'stripes' : 'checker', width, height);
    const name = `photo${i + 1}.png`;
    await sharp(image.data, { raw: { width, height, channels: 3 } }).png().toFile(join(dir, name));
    await writeMask(join(dir, `photo${i + 1}.mask.png`), width, height);
    names.push(name);
  }
  return names;
}

export async function writeMask(path: string, width: number, height: number): Promise<void> {
  const data = new Uint8Array(width * height);
  const [x0, y0, x1, y1] = HOLE;
  for (let y = y0; y < Math.min(y1, height); y++) data.fill(255, y * width + x0, y * width + Math.min(x1, width));
  await sharp(data, { raw: { width, height, channels: 1 } }).png().toFile(path);
}

/** True when every pixel outside the fixture hole is identical in both files (RGB, 8-bit). */
export async function sameOutsideHole(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([a, b].map((p) => sharp(p).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
  if (!x || !y || x.info.width !== y.info.width || x.info.height !== y.info.height) return false;
  const [x0, y0, x1, y1] = HOLE;
  const { width, height } = x.info;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      if (px >= x0 && px < x1 && py >= y0 && py < y1) continue;
      const o = (py * width + px) * 3;
      if (x.data[o] !== y.data[o] || x.data[o + 1] !== y.data[o + 1] || x.data[o + 2] !== y.data[o + 2]) return false;
    }
  }
  return true;
}
