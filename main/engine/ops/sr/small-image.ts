import type { RasterImage } from '../../io/raster';

/**
 * ESRGAN reads beyond a tile's edge as black. Every image is grown by EDGE_PAD repeated edge
 * pixels (edge-pad.ts), which keeps a photo's border right; but in an image a few pixels wide the
 * net's receptive radius (10–18 px) still reaches the black, and a flat 1×1 came out almost black
 * (2×2: grey-brown for orange). Such images are first grown to this side by repeating their edge
 * pixels, and the result cropped back.
 */
export const MIN_SR_SIDE = 32;

/** The raster grown to at least `side` per side by repeating edge pixels, centred; and where the original sits in it. */
export function growByEdges(raster: RasterImage, side: number): { grown: RasterImage; left: number; top: number } {
  const width = Math.max(side, raster.width);
  const height = Math.max(side, raster.height);
  const left = Math.floor((width - raster.width) / 2);
  const top = Math.floor((height - raster.height) / 2);
  if (width === raster.width && height === raster.height) return { grown: raster, left: 0, top: 0 };
  const c = raster.channels;
  const data = raster.bitDepth === 16 ? new Uint16Array(width * height * c) : new Uint8Array(width * height * c);
  for (let y = 0; y < height; y += 1) {
    const sy = Math.min(raster.height - 1, Math.max(0, y - top));
    for (let x = 0; x < width; x += 1) {
      const sx = Math.min(raster.width - 1, Math.max(0, x - left));
      const from = (sy * raster.width + sx) * c;
      data.set(raster.data.subarray(from, from + c), (y * width + x) * c);
    }
  }
  return { grown: { ...raster, width, height, data, metadata: { ...raster.metadata } }, left, top };
}
