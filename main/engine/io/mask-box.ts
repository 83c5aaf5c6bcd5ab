/** A rectangle in image pixels; x1 and y1 are exclusive. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The bounding box of the mask's nonzero pixels (one byte per pixel, row-major), grown by
 * `margin` pixels on every side and clamped to the image; undefined when the mask is empty.
 * Work that only matters near a hole (a fill's boundary, SSIM's window) then stays cheap
 * on a large photo.
 */
export function maskBox(mask: Uint8Array, width: number, height: number, margin = 0): Box | undefined {
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (mask[y * width + x] === 0) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  if (x1 < 0) return undefined;
  return { x0: Math.max(0, x0 - margin), y0: Math.max(0, y0 - margin), x1: Math.min(width, x1 + margin + 1), y1: Math.min(height, y1 + margin + 1) };
}
