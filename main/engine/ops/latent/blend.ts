import type { RasterImage } from '../../io/raster';
import { maxValue } from '../../io/raster';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Adds an edit back into the full-resolution photo. Only the *difference* the generator
 * made is transferred (upsampled bilinearly), so the photo keeps its own detail and
 * colour; a feathered ramp at the region's edge hides the seam. Pixels outside the
 * region are copied untouched. `delta` is grey, `deltaWidth`×`deltaHeight`, in units of
 * the full intensity range (1 = white minus black).
 */
export function blendDifference(
  photo: RasterImage,
  region: Rect,
  delta: Float32Array,
  deltaWidth: number,
  deltaHeight: number,
  feather: number,
): RasterImage {
  const data = photo.data.slice();
  const top = maxValue(photo.bitDepth);
  const colourChannels = photo.channels === 2 || photo.channels === 4 ? photo.channels - 1 : photo.channels;
  for (let y = 0; y < region.height; y += 1) {
    const sy = ((y + 0.5) * deltaHeight) / region.height - 0.5;
    for (let x = 0; x < region.width; x += 1) {
      const weight = featherWeight(x, y, region.width, region.height, feather);
      if (weight <= 0) continue;
      const sx = ((x + 0.5) * deltaWidth) / region.width - 0.5;
      const change = weight * bilinear(delta, deltaWidth, deltaHeight, sx, sy) * top;
      const offset = ((region.y + y) * photo.width + region.x + x) * photo.channels;
      for (let c = 0; c < colourChannels; c += 1) {
        data[offset + c] = Math.min(top, Math.max(0, Math.round((data[offset + c] ?? 0) + change)));
      }
    }
  }
  return { ...photo, data, metadata: { ...photo.metadata } };
}

/** 0 at the region's border, rising smoothly to 1 at `feather` pixels inside. */
export function featherWeight(x: number, y: number, width: number, height: number, feather: number): number {
  if (feather <= 0) return 1;
  const inside = Math.min(x + 0.5, y + 0.5, width - x - 0.5, height - y - 0.5);
  const t = Math.min(1, inside / feather);
  return t * t * (3 - 2 * t);
}

function bilinear(values: Float32Array, width: number, height: number, x: number, y: number): number {
  const cx = Math.min(width - 1, Math.max(0, x));
  const cy = Math.min(height - 1, Math.max(0, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(width - 1, x0 + 1);
  const y1 = Math.min(height - 1, y0 + 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const at = (px: number, py: number) => values[py * width + px] ?? 0;
  return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
}
