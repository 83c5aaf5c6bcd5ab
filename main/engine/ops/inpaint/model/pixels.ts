import type { RasterImage } from '../../../io/raster';
import type { HoleWindow } from './windows';

/**
 * The window's pixels as RGB in 0–1 (grey repeated, alpha ignored; beyond the image edge
 * the nearest edge pixel) with hole pixels zeroed, and the hole map (1 = hole) beside it.
 */
export function readWindow(raster: RasterImage, mask: Uint8Array, w: HoleWindow, top: number): { rgb: Float32Array; hole: Float32Array } {
  const { width, height, channels: c, data } = raster;
  const colour = c >= 3;
  const rgb = new Float32Array(w.side * w.side * 3);
  const hole = new Float32Array(w.side * w.side);
  for (let j = 0; j < w.side; j++) {
    const y = Math.min(height - 1, Math.max(0, w.y + j));
    const inY = w.y + j === y;
    for (let i = 0; i < w.side; i++) {
      const x = Math.min(width - 1, Math.max(0, w.x + i));
      const q = j * w.side + i;
      const p = y * width + x;
      // Padding is known context, never a hole: the net must not invent the image's border.
      if (inY && w.x + i === x && mask[p] !== 0) {
        hole[q] = 1;
        continue;
      }
      for (let k = 0; k < 3; k++) rgb[q * 3 + k] = data[p * c + (colour ? k : 0)]! / top;
    }
  }
  return { rgb, hole };
}

/** Pastes the net's output into the hole's masked pixels only; every other sample is untouched. */
export function writeHole(out: RasterImage, mask: Uint8Array, w: HoleWindow, filled: Float32Array, top: number): void {
  const { width, channels: c, data } = out;
  const colourChannels = c >= 3 ? 3 : 1;
  for (let y = w.hole.y0; y < w.hole.y1; y++) {
    for (let x = w.hole.x0; x < w.hole.x1; x++) {
      const p = y * width + x;
      if (mask[p] === 0) continue;
      const q = ((y - w.y) * w.side + (x - w.x)) * 3;
      if (colourChannels === 3) {
        for (let k = 0; k < 3; k++) data[p * c + k] = Math.round(filled[q + k]! * top);
      } else {
        data[p * c] = Math.round(((filled[q]! + filled[q + 1]! + filled[q + 2]!) / 3) * top);
      }
    }
  }
}
