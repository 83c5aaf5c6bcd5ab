import sharp, { type OutputInfo, type Sharp } from 'sharp';
import { withBitDepth } from './convert';
import type { RasterImage, RasterMetadata } from './raster';

export type RasterColourspace = 'srgb' | 'rgb16' | 'b-w' | 'grey16';

/**
 * The libvips interpretation that matches a raster as-is. Every pipeline ends with
 * `toColourspace(this)`, because sharp otherwise converts to 8-bit sRGB (grey → RGB,
 * 16 → 8 bit) on output.
 */
export function rasterColourspace(channels: number, bitDepth: 8 | 16): RasterColourspace {
  const grey = channels <= 2;
  if (bitDepth === 16) return grey ? 'grey16' : 'rgb16';
  return grey ? 'b-w' : 'srgb';
}

/** A sharp pipeline reading the raster's pixels. The pixel guard ran at decode, so sharp's is off. */
export function sharpFromRaster(raster: RasterImage): Sharp {
  return sharp(raster.data, {
    raw: { width: raster.width, height: raster.height, channels: raster.channels },
    limitInputPixels: false,
  });
}

/**
 * Runs a pipeline to raw pixels of the given layout, without colour conversion.
 * sharp's raw output drops the alpha of 8-bit grey ('b-w' keeps only band 0), so
 * grey + alpha goes through 'grey16' (exactly v·257) and back to 8 bits here.
 */
export async function toRaster(
  pipeline: Sharp,
  channels: RasterImage['channels'],
  bitDepth: 8 | 16,
  metadata: RasterMetadata,
): Promise<RasterImage> {
  const viaGrey16 = channels === 2 && bitDepth === 8;
  const depth = viaGrey16 ? 16 : bitDepth;
  const { data, info } = await pipeline
    .toColourspace(rasterColourspace(channels, depth))
    .raw({ depth: depth === 16 ? 'ushort' : 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) throw new Error(`sharp returned ${info.channels} channels, expected ${channels}`);
  const raster = rasterFromRaw(data, info, depth, metadata);
  return viaGrey16 ? withBitDepth(raster, 8) : raster;
}

/** Wraps sharp's raw output as a raster; 16-bit data is viewed (or, if misaligned, copied) as Uint16Array. */
function rasterFromRaw(data: Buffer, info: OutputInfo, bitDepth: 8 | 16, metadata: RasterMetadata): RasterImage {
  const pixels =
    bitDepth === 16
      ? data.byteOffset % 2 === 0
        ? new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2)
        : new Uint16Array(new Uint8Array(data).buffer)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const expected = info.width * info.height * info.channels;
  if (pixels.length !== expected) throw new Error(`sharp returned ${pixels.length} samples, expected ${expected}`);
  return { width: info.width, height: info.height, channels: info.channels, bitDepth, data: pixels, metadata };
}
