import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { LatentshopError } from '../../../preload/contract/errors';
import { UsageError } from '../args';

/** An fs error on `path` in words that name it, instead of "ENOENT: …, open 'x'". */
function readError(path: string, error: unknown, expect: 'file' | 'folder'): LatentshopError {
  const name = basename(path);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return LatentshopError.of('fileNotFound', { name }, path);
  // ENOTDIR: a file where a folder was needed, the path's end itself or a part on the way.
  if (code === 'ENOTDIR') return expect === 'folder' ? LatentshopError.of('notAFolder', { name }, path) : LatentshopError.of('fileNotFound', { name }, path);
  if (code === 'EISDIR') return LatentshopError.of('folderNotFile', { name }, path);
  if (code === 'EACCES' || code === 'EPERM') return LatentshopError.of('readDenied', { name }, path);
  return LatentshopError.of('readFailed', { name, reason: code ?? 'unknown error' }, path);
}

/** A JSON file the user named (z codes, strokes); a syntax error names the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw readError(path, error, 'file');
  });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${path} is not valid JSON (${reason})`);
  }
}

const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff']);

/** The image files directly in a folder, sorted; other files (notes, sidecars) are skipped. */
export async function imagesIn(dir: string, flag: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: unknown) => {
    throw readError(dir, error, 'folder');
  });
  const images = names.filter((n) => IMAGE_EXT.has(extname(n).toLowerCase())).sort();
  if (images.length === 0) throw new UsageError(`${flag} ${dir} holds no images (.png, .jpg, .webp or .tif)`);
  return images.map((n) => join(dir, n));
}
