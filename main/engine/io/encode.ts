import sharp, { type Sharp } from 'sharp';
import { LatentshopError } from '../../../preload/contract/errors';
import type { ExportOptions } from '../../../preload/contract/types';
import { to8bit, withBitDepth } from './convert';
import { formatLabel, JPEG_MAX_SIDE, MAX_SIDE, WEBP_MAX_SIDE } from './formats';
import { type ColourFamily, metadataChunks } from './metadata-chunks';
import { insertAfterIhdr } from './png-chunks';
import type { RasterImage } from './raster';
import { rasterColourspace, sharpFromRaster } from './sharp-raster';
import { addExifToTiff } from './tiff-exif';

const DEFAULT_QUALITY = 92;

/**
 * Encodes a raster. PNG and TIFF keep 16 bits; JPEG and WebP are 8-bit. With
 * keepMetadata (default) the ICC profile and EXIF go along unchanged, except EXIF
 * orientation, which becomes 1 because the pixels are already upright.
 *
 * How: sharp cannot attach raw ICC/EXIF bytes to raw pixels, but it keeps whatever
 * its *input* carries. So PNG output gets iCCP/eXIf chunks spliced in directly, and
 * other formats are encoded from a fast uncompressed PNG "carrier" holding those chunks.
 * libvips writes no EXIF into TIFF, so for TIFF we append it to the file afterwards.
 */
export async function encodeRaster(raster: RasterImage, options: ExportOptions): Promise<Buffer> {
  const pixels = withBitDepth(raster, outputBitDepth(raster, options));
  checkSize(pixels, options.format);
  const family: ColourFamily = options.format === 'webp' || pixels.channels > 2 ? 'rgb' : 'grey';
  const keep = options.keepMetadata !== false;
  // The profile is read even without metadata: the profile goes, but what it meant stays. Pixels
  // in another colour space (a P3 photo) are converted to sRGB, which a file without one is read as.
  const chunks = metadataChunks(raster.metadata, family, { icc: true, exif: keep });
  try {
    const toSrgb = !keep && chunks.length > 0 ? await carrier(pixels, chunks, false) : undefined;
    if (options.format === 'png' && !toSrgb) return insertAfterIhdr(await withFormat(sharpFromRaster(pixels), pixels, options).toBuffer(), chunks);
    const source = toSrgb ?? (chunks.length > 0 ? await carrier(pixels, chunks) : sharpFromRaster(pixels));
    const bytes = await withFormat(source, pixels, options, toSrgb !== undefined && family === 'rgb').toBuffer();
    const exif = raster.metadata.exif;
    // Orientation is not carried into TIFF (the pixels are upright), so the raw block will do.
    if (options.format === 'tiff' && keep && exif && exif.length > 0) return Buffer.from(addExifToTiff(bytes, exif));
    return bytes;
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw LatentshopError.of('encodeFailed', { name: raster.metadata.name, format: formatLabel(options.format), reason });
  }
}

export interface PreviewOptions {
  /** Shrink (never enlarge) so neither side exceeds this; a 24 MP photo needs no 24 MP preview. */
  maxSide?: number;
}

/** An 8-bit RGBA PNG for display, fast rather than small. An RGB profile goes along so the UI can colour-manage. */
export async function encodePreviewPng(raster: RasterImage, opts: PreviewOptions = {}): Promise<Buffer> {
  let pipeline = sharpFromRaster(to8bit(raster));
  if (opts.maxSide !== undefined) {
    pipeline = pipeline.resize(opts.maxSide, opts.maxSide, { fit: 'inside', withoutEnlargement: true, kernel: 'lanczos3' });
  }
  const png = await pipeline
    .toColourspace('srgb')
    .ensureAlpha()
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer();
  return insertAfterIhdr(png, metadataChunks(raster.metadata, 'rgb', { icc: true, exif: false }));
}

function outputBitDepth(raster: RasterImage, options: ExportOptions): 8 | 16 {
  const sixteenOk = options.format === 'png' || options.format === 'tiff';
  if (options.bitDepth === 16 && !sixteenOk) {
    throw LatentshopError.of('noSixteenBits', { format: formatLabel(options.format) });
  }
  return sixteenOk ? (options.bitDepth ?? raster.bitDepth) : 8;
}

function checkSize(raster: RasterImage, format: ExportOptions['format']): void {
  const limit = format === 'webp' ? WEBP_MAX_SIDE : format === 'jpeg' ? JPEG_MAX_SIDE : MAX_SIDE;
  if (raster.width > limit || raster.height > limit) {
    throw LatentshopError.of('tooLargeForFormat', { width: raster.width, height: raster.height, format: formatLabel(format), limit });
  }
}

/** Uncompressed PNG: cheap to write and read back, and the only input that can carry our chunks. */
/** `keep` false: sharp applies the carrier's profile and writes sRGB with no profile (its default). */
async function carrier(raster: RasterImage, chunks: Buffer[], keep = true): Promise<Sharp> {
  const colourspace = rasterColourspace(raster.channels, raster.bitDepth);
  const png = await sharpFromRaster(raster).toColourspace(colourspace).png({ compressionLevel: 0 }).toBuffer();
  const input = sharp(insertAfterIhdr(png, chunks), { limitInputPixels: false });
  if (!keep) return input;
  // keepExif on a source without EXIF makes libvips write a default block (186 bytes) the photo never had.
  return raster.metadata.exif && raster.metadata.exif.length > 0 ? input.keepIccProfile().keepExif() : input.keepIccProfile();
}

/**
 * `toSrgb`: the pipeline's source carries the photo's profile, and its pixels are converted
 * from it to sRGB by an explicit transform, with no profile attached. libvips's implicit
 * conversion (a tagged input, an untagged output) was skipped for 16-bit output and for some
 * profiles, which wrote a P3 photo's pixels unchanged into a file that is read as sRGB.
 */
function withFormat(pipeline: Sharp, raster: RasterImage, options: ExportOptions, toSrgb = false): Sharp {
  const quality = options.quality ?? DEFAULT_QUALITY;
  const colourspace = options.format === 'webp' ? 'srgb' : rasterColourspace(raster.channels, raster.bitDepth);
  const converted = pipeline.toColourspace(colourspace);
  const out = toSrgb ? converted.withIccProfile('srgb', { attach: false }) : converted;
  switch (options.format) {
    case 'png':
      return out.png({ compressionLevel: 6 });
    case 'jpeg':
      // JPEG has no alpha: composite on white, as other editors do, rather than on black.
      return (raster.channels % 2 === 0 ? out.flatten({ background: '#ffffff' }) : out).jpeg({
        quality,
        // Photographers export at high quality; don't halve colour resolution then.
        chromaSubsampling: quality >= 90 ? '4:4:4' : '4:2:0',
      });
    case 'webp': {
      const lossless = options.lossless ?? (options.quality === undefined && raster.metadata.lossless === true);
      // exact: libwebp would otherwise rewrite the colour under fully transparent pixels, which a later edit of the alpha may show.
      return out.webp(lossless ? { lossless: true, exact: true } : { quality, alphaQuality: 100 });
    }
    case 'tiff':
      // sharp's TIFF default is JPEG compression (8-bit, no alpha); deflate is lossless.
      return out.tiff({ compression: 'deflate', predictor: 'horizontal' });
  }
}
