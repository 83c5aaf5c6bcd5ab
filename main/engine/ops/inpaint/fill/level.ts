import type { Box } from '../../../io/mask-box';
import type { RasterImage } from '../../../io/raster';

/** One scale of a region: float pixels (interleaved) and its hole (1 = unknown). */
export interface Level {
  w: number;
  h: number;
  c: number;
  img: Float32Array;
  hole: Uint8Array;
}

/** Copies a region of the raster to float32, with the mask cropped to it. */
export function extractLevel(raster: RasterImage, mask: Uint8Array, box: Box): Level {
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const c = raster.channels;
  const img = new Float32Array(w * h * c);
  const hole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const src = ((box.y0 + y) * raster.width + box.x0) * c;
    img.set(raster.data.subarray(src, src + w * c), y * w * c);
    const m = (box.y0 + y) * raster.width + box.x0;
    for (let x = 0; x < w; x++) hole[y * w + x] = mask[m + x] === 0 ? 0 : 1;
  }
  return { w, h, c, img, hole };
}

/**
 * Halves a level (Wexler et al. 2007, §4 multi-scale). Known pixels average only the
 * known pixels below them; a coarse pixel is a hole if any pixel below it is, so no
 * coarse source patch borrows from the hole.
 */
export function downsample(fine: Level): Level {
  const { c } = fine;
  const w = Math.ceil(fine.w / 2);
  const h = Math.ceil(fine.h / 2);
  const img = new Float32Array(w * h * c);
  const hole = new Uint8Array(w * h);
  const acc = new Float64Array(c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let count = 0;
      let anyHole = 0;
      acc.fill(0);
      for (let yy = 2 * y; yy < Math.min(2 * y + 2, fine.h); yy++) {
        for (let xx = 2 * x; xx < Math.min(2 * x + 2, fine.w); xx++) {
          const f = yy * fine.w + xx;
          if (fine.hole[f] !== 0) {
            anyHole = 1;
            continue;
          }
          for (let k = 0; k < c; k++) acc[k] = (acc[k] as number) + (fine.img[f * c + k] as number);
          count++;
        }
      }
      const o = y * w + x;
      hole[o] = anyHole;
      if (count > 0) for (let k = 0; k < c; k++) img[o * c + k] = (acc[k] as number) / count;
    }
  }
  return { w, h, c, img, hole };
}

/** Sets the fine level's hole pixels by bilinear interpolation of the coarse solution (Wexler §4: upsample, then refine). */
export function upsampleHole(coarse: Level, fine: Level): void {
  const { c } = fine;
  for (let y = 0; y < fine.h; y++) {
    const cy = Math.min(coarse.h - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
    const y0 = Math.floor(cy);
    const y1 = Math.min(coarse.h - 1, y0 + 1);
    const fy = cy - y0;
    for (let x = 0; x < fine.w; x++) {
      const p = y * fine.w + x;
      if (fine.hole[p] === 0) continue;
      const cx = Math.min(coarse.w - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
      const x0 = Math.floor(cx);
      const x1 = Math.min(coarse.w - 1, x0 + 1);
      const fx = cx - x0;
      const a = (y0 * coarse.w + x0) * c;
      const b = (y0 * coarse.w + x1) * c;
      const d = (y1 * coarse.w + x0) * c;
      const e = (y1 * coarse.w + x1) * c;
      for (let k = 0; k < c; k++) {
        const top = (coarse.img[a + k] as number) * (1 - fx) + (coarse.img[b + k] as number) * fx;
        const bottom = (coarse.img[d + k] as number) * (1 - fx) + (coarse.img[e + k] as number) * fx;
        fine.img[p * c + k] = top * (1 - fy) + bottom * fy;
      }
    }
  }
}
