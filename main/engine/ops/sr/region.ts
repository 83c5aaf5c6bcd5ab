import { LatentshopError } from '../../../../preload/contract/errors';
import type { SrRegion } from '../../../../preload/contract/sr';
import type { RasterImage } from '../../io/raster';

/** Copies `region` out of a raster (all channels, same depth); the whole raster when no region is given. */
export function cropRegion(raster: RasterImage, region: SrRegion | undefined): RasterImage {
  if (!region) return raster;
  const { x, y, width, height } = region;
  if (x < 0 || y < 0 || width < 1 || height < 1 || x + width > raster.width || y + height > raster.height) {
    throw LatentshopError.of('selectionOutside', { width, height, x, y, imageWidth: raster.width, imageHeight: raster.height });
  }
  if (x === 0 && y === 0 && width === raster.width && height === raster.height) return raster;
  const c = raster.channels;
  const data = raster.bitDepth === 16 ? new Uint16Array(width * height * c) : new Uint8Array(width * height * c);
  for (let r = 0; r < height; r += 1) {
    const from = ((y + r) * raster.width + x) * c;
    data.set(raster.data.subarray(from, from + width * c), r * width * c);
  }
  return { ...raster, width, height, data, metadata: { ...raster.metadata } };
}
