import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import sharp from 'sharp';
import { LatentshopError } from '../../preload/contract/errors';
import type { ImageFormat } from '../../preload/contract/types';
import { formatFromPath, formatLabel } from '../engine/io/formats';
import { UsageError } from './args';

/**
 * The output's format: --format if given, else its extension's. A name of another format
 * (`-f jpeg -o x.png`) or of none (`-o x.gif`) is refused before any work, rather than a JPEG
 * written under a PNG name, or a PNG under a GIF one.
 */
export function checkedFormat(flag: ImageFormat | undefined, output: string, fallback?: ImageFormat): ImageFormat {
  const named = formatFromPath(output);
  if (flag && named && named !== flag) throw new UsageError(`"${output}" is a ${formatLabel(named)} name but --format is ${flag}; make them agree`);
  const format = flag ?? named ?? fallback;
  if (!format) throw new UsageError(`cannot tell the format from "${output}"; name it .png, .jpg, .webp or .tif, or add --format`);
  return format;
}

/** An output that exists (the input itself, or another file) is refused before the work, not after it. */
export function checkNotThere(output: string, overwrite: boolean, input?: string): void {
  if (overwrite || !existsSync(output)) return;
  const key = input !== undefined && resolve(input) === resolve(output) ? 'wouldOverwriteSource' : 'fileExists';
  throw LatentshopError.of(key, { name: basename(output) }, resolve(output));
}

/** The channels and bit depth of a written file, as it is on disk (a JPEG holds no alpha and 8 bits). */
export async function writtenShape(path: string): Promise<{ channels: number; bitDepth: 8 | 16 }> {
  const meta = await sharp(path).metadata();
  return { channels: meta.channels ?? 0, bitDepth: meta.depth === 'ushort' || meta.depth === 'short' ? 16 : 8 };
}

/** --quality means something only to JPEG and WebP; given with another format it would be ignored without a word. */
export function checkQuality(quality: number | undefined, format: ImageFormat | undefined): void {
  if (quality !== undefined && format !== undefined && format !== 'jpeg' && format !== 'webp') {
    throw new UsageError(`--quality is for JPEG and WebP; ${formatLabel(format)} is lossless`);
  }
}
