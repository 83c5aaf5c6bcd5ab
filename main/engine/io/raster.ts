import type { ImageFormat } from '../../../preload/contract/types';

/**
 * Decoded pixels as the engine keeps them: interleaved, top-left origin, EXIF
 * orientation already applied. 16-bit images keep a Uint16Array so nothing is lost.
 */
export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  bitDepth: 8 | 16;
  data: Uint8Array | Uint16Array;
  /** Metadata carried from the source so export can keep it. */
  metadata: RasterMetadata;
}

export interface RasterMetadata {
  /** Display name, e.g. "shoe.jpg". */
  name: string;
  format?: ImageFormat;
  /** Raw ICC profile bytes of the source, if it had one. */
  icc?: Uint8Array;
  /** Raw EXIF block of the source (orientation is reset to 1 on export, since pixels are already upright). */
  exif?: Uint8Array;
  /** A WebP stored losslessly: export offers to keep it so. */
  lossless?: true;
  /** Absolute path of the file it came from, so export can refuse to overwrite it. */
  sourcePath?: string;
}

/** Rec. 601 luma of the pixel whose first channel is at `i` (a grey image's grey value). */
export function lumaAt(px: Uint8Array | Uint16Array, i: number, channels: number): number {
  return channels >= 3 ? 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]! : px[i]!;
}

export function maxValue(bitDepth: 8 | 16): number {
  return bitDepth === 16 ? 65535 : 255;
}
