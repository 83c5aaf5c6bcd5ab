import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { decodeFailure, emptyFile, fileError, tooLarge, unsupported } from './decode-errors';
import { DEFAULT_MAX_PIXELS, isImageFormat } from './formats';
import type { RasterImage, RasterMetadata } from './raster';
import { toRaster } from './sharp-raster';
import { webpIsLossless } from './webp-lossless';

export interface DecodeOptions {
  /** Refuse images with more pixels than this (decompression-bomb guard). Default 200 MP. */
  maxPixels?: number;
}

/** Colour spaces whose embedded profile still describes the pixels we return. */
const PROFILE_KEPT_SPACES = new Set(['srgb', 'rgb', 'rgb16', 'b-w', 'grey16']);

/** Decodes a JPEG, PNG, WebP or TIFF file: upright, at its own bit depth, ICC and EXIF kept. */
export async function decodeImageFile(path: string, opts: DecodeOptions = {}): Promise<RasterImage> {
  const name = basename(path);
  const stats = await stat(path).catch((error: unknown) => {
    throw fileError(path, name, error);
  });
  if (!stats.isFile()) throw fileError(path, name, Object.assign(new Error('not a file'), { code: 'EISDIR' }));
  if (stats.size === 0) throw emptyFile(path, name);
  const raster = await decode(path, path, name, opts);
  raster.metadata.sourcePath = resolve(path);
  return raster;
}

/** Decodes image bytes (a browser upload, a drop). `name` is used in messages and as the display name. */
export async function decodeImageBuffer(bytes: Uint8Array, name: string, opts: DecodeOptions = {}): Promise<RasterImage> {
  if (bytes.byteLength === 0) throw emptyFile(name, name);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return decode(input, name, name, opts);
}

async function decode(input: string | Buffer, file: string, name: string, opts: DecodeOptions): Promise<RasterImage> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  let meta: Metadata;
  try {
    // Header only: size and format are known before a single pixel is decompressed.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw decodeFailure(file, name, error);
  }
  if (!isImageFormat(meta.format)) throw unsupported(file, name, meta.format);
  if (meta.width * meta.height > maxPixels) throw tooLarge(file, name, meta.width, meta.height, maxPixels);

  const bitDepth = meta.depth === 'uchar' || meta.depth === 'char' ? 8 : 16;
  const keepProfile = PROFILE_KEPT_SPACES.has(meta.space);
  const grey = meta.space === 'b-w' || meta.space === 'grey16';
  const channels = grey ? (meta.hasAlpha ? 2 : 1) : meta.hasAlpha ? 4 : 3;
  // keepIccProfile stops sharp converting to sRGB: pixels stay in the source's own
  // space, so the profile we re-embed on export still describes them. CMYK (and other
  // exotic spaces) are converted to sRGB instead, and their profile dropped.
  let pipeline = sharp(input, { limitInputPixels: maxPixels, failOn: 'truncated', autoOrient: true });
  if (keepProfile) pipeline = pipeline.keepIccProfile();
  try {
    const metadata: RasterMetadata = { name, format: meta.format };
    if (meta.icc && keepProfile) metadata.icc = new Uint8Array(meta.icc);
    if (meta.exif) metadata.exif = new Uint8Array(meta.exif);
    if (meta.format === 'webp' && (await webpIsLossless(input))) metadata.lossless = true;
    return await toRaster(pipeline, channels, bitDepth, metadata);
  } catch (error) {
    throw decodeFailure(file, name, error);
  }
}
