import { extname } from 'node:path';
import type { ImageFormat } from '../../../preload/contract/types';

/** Formats Latentshop reads and writes, in the order we name them to people. */
export const IMAGE_FORMATS: readonly ImageFormat[] = ['jpeg', 'png', 'webp', 'tiff'];

/** Decompression-bomb guard: 200 MP is a 16-bit RGBA raster of 1.6 GB. */
export const DEFAULT_MAX_PIXELS = 200_000_000;

/** Largest side PNG and TIFF encoders accept; libjpeg stops at 65500, WebP at 16383. */
export const MAX_SIDE = 65535;
export const JPEG_MAX_SIDE = 65500;
export const WEBP_MAX_SIDE = 16383;

const EXTENSIONS: Record<string, ImageFormat> = {
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.jpe': 'jpeg',
  '.png': 'png',
  '.webp': 'webp',
  '.tif': 'tiff',
  '.tiff': 'tiff',
};

export function isImageFormat(value: string): value is ImageFormat {
  return (IMAGE_FORMATS as readonly string[]).includes(value);
}

/** The format a file name implies, e.g. "out.JPG" → "jpeg"; undefined when unknown. */
export function formatFromPath(path: string): ImageFormat | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

/** Short name people recognise, for messages: "JPEG", "WebP". */
export function formatLabel(format: string): string {
  return format === 'webp' ? 'WebP' : format.toUpperCase();
}

export function megapixels(pixels: number): string {
  const mp = pixels / 1_000_000;
  return mp >= 10 ? mp.toFixed(0) : mp.toFixed(1);
}

/**
 * A size against a limit, in megapixels, with as many decimals as it takes to tell them apart:
 * 20001 × 10000 is "200.01 MP" against a 200 MP limit, not "200 MP, more than the 200 MP".
 */
export function megapixelsOver(pixels: number, limit: number): string {
  const plain = megapixels(pixels);
  if (plain !== megapixels(limit) || pixels <= limit) return plain;
  for (let digits = 1; digits < 6; digits += 1) {
    const shown = (pixels / 1_000_000).toFixed(digits);
    if (Number(shown) * 1_000_000 > limit) return shown;
  }
  return (pixels / 1_000_000).toFixed(6);
}
