/** Writes images in [-1,1] (NHWC, 1 channel) as a PNG grid, for previews and the README assets. */
import sharp from 'sharp';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export async function writeGrid(path: string, pixels: Float32Array, count: number, side: number, cols: number,
  scale = 2, gap = 2, invert = false): Promise<void> {
  const rows = Math.ceil(count / cols);
  const cell = side * scale + gap;
  const w = cols * cell + gap;
  const h = rows * cell + gap;
  const out = new Uint8Array(w * h).fill(invert ? 255 : 96);
  for (let i = 0; i < count; i++) {
    const ox = gap + (i % cols) * cell;
    const oy = gap + Math.floor(i / cols) * cell;
    for (let y = 0; y < side * scale; y++) {
      for (let x = 0; x < side * scale; x++) {
        const v = pixels[i * side * side + Math.floor(y / scale) * side + Math.floor(x / scale)]!;
        const g = Math.round(Math.min(255, Math.max(0, (v + 1) * 127.5)));
        // Fashion-MNIST is light-on-dark; `invert` shows a dark product on white, like a catalogue.
        out[(oy + y) * w + ox + x] = invert ? 255 - g : g;
      }
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  await sharp(Buffer.from(out), { raw: { width: w, height: h, channels: 1 } }).png().toFile(path);
}
