import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
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

/**
 * An output checked before the work, not after it: its folder must exist and it must not be a
 * folder; one that exists is refused unless `overwrite`, as the input itself (the same inode, also
 * through a link or another spelling) or as another file. The write still refuses to clobber.
 */
export async function checkWritable(output: string, inputs: readonly string[], overwrite: boolean): Promise<void> {
  const target = resolve(output);
  const name = basename(target);
  const folder = await stat(dirname(target)).catch(() => undefined);
  if (!folder?.isDirectory()) throw LatentshopError.of('noSuchFolder', { name }, target);
  const existing = await stat(target).catch(() => undefined);
  if (!existing) return;
  if (existing.isDirectory()) throw LatentshopError.of('folderInTheWay', { name }, target);
  if (overwrite) return;
  for (const input of inputs) {
    const source = await stat(input).catch(() => undefined);
    if (source && source.dev === existing.dev && source.ino === existing.ino) throw LatentshopError.of('wouldOverwriteSource', { name }, target);
  }
  throw LatentshopError.of('fileExists', { name }, target);
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
