import { LatentshopError } from '../../../../preload/contract/errors';
import { DEFAULT_MAX_PIXELS, MAX_SIDE, megapixels } from '../../io/formats';
import type { RasterImage } from '../../io/raster';
import { sharpFromRaster, toRaster } from '../../io/sharp-raster';
import { type OpContext, raceAbort, throwIfCancelled } from '../context';

export interface ResizeSpec {
  /** Scale factor (> 0). Ignored when width or height is given. */
  scale?: number;
  /** Target width in pixels; alone, the height follows the aspect ratio. */
  width?: number;
  /** Target height in pixels; alone, the width follows the aspect ratio. */
  height?: number;
}

export interface Size {
  width: number;
  height: number;
}

/**
 * Lanczos3 resize that keeps bit depth, channels (alpha included: sharp resamples
 * premultiplied, so no dark fringes) and metadata. Progress is reported per stage:
 * libvips gives no finer progress, and banding would not be bit-exact at band seams.
 */
export async function resizeRaster(raster: RasterImage, spec: ResizeSpec, ctx: OpContext): Promise<RasterImage> {
  ctx.progress(0, 'prepare');
  throwIfCancelled(ctx.signal);
  const size = targetSize(raster, spec);
  ctx.progress(0.1, 'resize');
  const pipeline = sharpFromRaster(raster).resize(size.width, size.height, { kernel: 'lanczos3', fit: 'fill' });
  const resized = await raceAbort(toRaster(pipeline, raster.channels, raster.bitDepth, { ...raster.metadata }), ctx.signal);
  ctx.progress(1, 'finish');
  return resized;
}

/** The output size a spec asks for, validated: 1–65535 px per side and within the pixel guard. */
export function targetSize(source: Size, spec: ResizeSpec, maxPixels = DEFAULT_MAX_PIXELS): Size {
  let width: number;
  let height: number;
  if (spec.width !== undefined || spec.height !== undefined) {
    const aspect = source.width / source.height;
    width = spec.width ?? Math.round((spec.height ?? 0) * aspect);
    height = spec.height ?? Math.round((spec.width ?? 0) / aspect);
    if (!Number.isInteger(width) || !Number.isInteger(height)) throw LatentshopError.of('resizeWholePixels', {});
  } else if (spec.scale !== undefined) {
    if (!Number.isFinite(spec.scale) || spec.scale <= 0) throw LatentshopError.of('resizeBadScale', {});
    // A side never scales to nothing: a 5000 × 3 strip at 10 % is 500 × 1, as the dialog previews.
    width = Math.max(1, Math.round(source.width * spec.scale));
    height = Math.max(1, Math.round(source.height * spec.scale));
  } else {
    throw LatentshopError.of('resizeNeedsSize', {});
  }
  if (width < 1 || height < 1) throw LatentshopError.of('resizeTooSmall', { width, height });
  if (width > MAX_SIDE || height > MAX_SIDE) {
    throw LatentshopError.of('resizeSideLimit', { width, height, limit: MAX_SIDE });
  }
  if (width * height > maxPixels) {
    throw LatentshopError.of('resizePixelLimit', { mp: megapixels(width * height), limit: megapixels(maxPixels) });
  }
  return { width, height };
}
