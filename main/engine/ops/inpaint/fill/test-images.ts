import type { RasterImage } from '../../../io/raster';

export type Pattern = 'stripes' | 'checker' | 'gradient' | 'noise';

/** Synthetic test scenes: textures a patch method must reproduce, and a gradient it must not break. */
export function pattern(kind: Pattern, width: number, height: number, channels: 1 | 2 | 3 | 4 = 3, bitDepth: 8 | 16 = 8): RasterImage {
  const data = bitDepth === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
  const scale = bitDepth === 16 ? 257 : 1;
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number];
      if (kind === 'stripes') {
        const on = Math.floor((x + y) / 6) % 2 === 1;
        rgb = on ? [220, 110, 40] : [30, 20, 200];
      } else if (kind === 'checker') {
        const v = (Math.floor(x / 8) + Math.floor(y / 8)) % 2 === 1 ? 200 : 50;
        rgb = [v, v, v];
      } else if (kind === 'gradient') {
        rgb = [(255 * x) / (width - 1), (255 * y) / (height - 1), 128];
      } else {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        const v = 64 + ((seed >>> 16) % 128);
        rgb = [v, v, v];
      }
      const p = (y * width + x) * channels;
      const grey = (rgb[0] + rgb[1] + rgb[2]) / 3;
      const values = channels <= 2 ? [grey] : rgb;
      for (let k = 0; k < values.length; k++) data[p + k] = Math.round(values[k]! * scale);
      if (channels === 2 || channels === 4) data[p + channels - 1] = Math.round((128 + ((x * 3) % 128)) * scale);
    }
  }
  return { width, height, channels, bitDepth, data, metadata: { name: `${kind}.png` } };
}

/** A mask with the given rectangles set (x0, y0, x1, y1 exclusive). */
export function boxMask(width: number, height: number, boxes: [number, number, number, number][]): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const [x0, y0, x1, y1] of boxes) {
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) mask.fill(1, y * width + Math.max(0, x0), y * width + Math.min(width, x1));
  }
  return mask;
}

/** Mean squared error over the masked samples, and that of filling every hole pixel with the known pixels' mean. */
export function holeErrors(truth: RasterImage, filled: RasterImage, mask: Uint8Array): { fill: number; flatMean: number } {
  const c = truth.channels;
  const mean = new Float64Array(c);
  let known = 0;
  for (let p = 0; p < mask.length; p++) {
    if (mask[p] !== 0) continue;
    for (let k = 0; k < c; k++) mean[k] = mean[k]! + truth.data[p * c + k]!;
    known++;
  }
  let fill = 0;
  let flatMean = 0;
  let n = 0;
  for (let p = 0; p < mask.length; p++) {
    if (mask[p] === 0) continue;
    for (let k = 0; k < c; k++) {
      const t = truth.data[p * c + k]!;
      fill += (filled.data[p * c + k]! - t) ** 2;
      flatMean += (mean[k]! / known - t) ** 2;
      n++;
    }
  }
  return { fill: fill / n, flatMean: flatMean / n };
}

/** True when every pixel outside the mask is bit-identical. */
export function sameOutside(a: RasterImage, b: RasterImage, mask: Uint8Array): boolean {
  const c = a.channels;
  for (let p = 0; p < mask.length; p++) {
    if (mask[p] !== 0) continue;
    for (let k = 0; k < c; k++) if (a.data[p * c + k] !== b.data[p * c + k]) return false;
  }
  return true;
}
