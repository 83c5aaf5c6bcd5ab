import { LatentshopError } from '../../../../../preload/contract/errors';
import { decodeImageBuffer } from '../../../io/decode';
import { lumaAt, maxValue, type RasterImage } from '../../../io/raster';

/** A hole mask: one byte per pixel, nonzero where the image is to be filled. */
export interface MaskImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Reads a mask from a decoded image or from encoded bytes (a PNG the UI uploaded).
 * Grey, RGB and their alpha variants are accepted: a painted alpha channel marks the
 * hole when it varies (strokes on a transparent layer); otherwise a pixel is a hole
 * where its luminance is above half. Feathering is the UI's business, not the fill's.
 */
export async function decodeMask(source: RasterImage | Uint8Array, name = 'mask.png'): Promise<MaskImage> {
  const raster = source instanceof Uint8Array ? await decodeImageBuffer(source, name) : source;
  return maskFromRaster(raster);
}

export function maskFromRaster(raster: RasterImage): MaskImage {
  const { width, height, channels: c, data: px } = raster;
  const n = width * height;
  const half = maxValue(raster.bitDepth) / 2;
  const data = new Uint8Array(n);
  const hasAlpha = c === 2 || c === 4;
  if (hasAlpha && !constantChannel(px, c, c - 1)) {
    for (let i = 0; i < n; i++) data[i] = px[i * c + c - 1]! > half ? 1 : 0;
    return { width, height, data };
  }
  for (let i = 0; i < n; i++) {
    // Luma: a red stroke on black counts as a hole as readily as a white one.
    data[i] = lumaAt(px, i * c, c) > half ? 1 : 0;
  }
  return { width, height, data };
}

/** The mask as bytes, checked against the image: a clear BAD_ARGUMENT naming both sizes otherwise. */
export function maskPixels(raster: RasterImage, mask: Uint8Array | MaskImage): Uint8Array {
  const { width, height } = raster;
  if (mask instanceof Uint8Array) {
    if (mask.length === width * height) return mask;
    throw LatentshopError.of('maskPixelCount', { count: mask.length, width, height, pixels: width * height });
  }
  if (mask.width === width && mask.height === height && mask.data.length === width * height) return mask.data;
  throw LatentshopError.of('maskSize', { maskWidth: mask.width, maskHeight: mask.height, width, height, pixels: width * height });
}

function constantChannel(px: Uint8Array | Uint16Array, c: number, k: number): boolean {
  const first = px[k];
  for (let i = k; i < px.length; i += c) if (px[i] !== first) return false;
  return true;
}
