import { exifChunk, iccColourSpace, iccpChunk } from './png-chunks';
import { exifTiffBody, resetExifOrientation } from './exif';
import type { RasterMetadata } from './raster';

/** Whether the pixels an encoder writes are grey or RGB: a profile must match them. */
export type ColourFamily = 'grey' | 'rgb';

export interface ChunkChoice {
  icc: boolean;
  exif: boolean;
}

/**
 * PNG chunks carrying the source's ICC profile and EXIF (orientation reset to 1).
 * A profile whose colour space does not match the output pixels is left out: an RGB
 * profile on grey pixels (or the reverse) makes viewers reject or misdraw the image.
 */
export function metadataChunks(metadata: RasterMetadata, family: ColourFamily, choice: ChunkChoice): Buffer[] {
  const chunks: Buffer[] = [];
  const { icc, exif } = metadata;
  if (choice.icc && icc && iccColourSpace(icc) === (family === 'grey' ? 'GRAY' : 'RGB')) chunks.push(iccpChunk(icc));
  if (choice.exif && exif && exif.length > 0) chunks.push(exifChunk(exifTiffBody(resetExifOrientation(exif))));
  return chunks;
}
