import { LatentshopError } from '../../../preload/contract/errors';
import { formatFromPath, formatLabel, megapixels, megapixelsOver } from './formats';

/** Errors a photographer can act on; `file` is what the caller named (path or upload name). */
export function tooLarge(file: string, name: string, width: number, height: number, maxPixels: number): LatentshopError {
  return LatentshopError.of('tooManyPixels', { name, width, height, mp: megapixelsOver(width * height, maxPixels), limit: megapixels(maxPixels) }, file);
}

export function unsupported(file: string, name: string, detected?: string): LatentshopError {
  return detected ? LatentshopError.of('wrongFormat', { name, format: formatLabel(detected) }, file) : LatentshopError.of('notAnImage', { name }, file);
}

export function fileError(file: string, name: string, error: unknown): LatentshopError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return LatentshopError.of('fileNotFound', { name }, file);
  }
  if (code === 'EISDIR') {
    return LatentshopError.of('folderNotImage', { name }, file);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return LatentshopError.of('readDenied', { name }, file);
  }
  return LatentshopError.of('readFailed', { name, reason: code ?? 'unknown error' }, file);
}

/** A 0-byte file: an interrupted copy or download, which "damaged" would not explain. */
export function emptyFile(file: string, name: string): LatentshopError {
  return LatentshopError.of('emptyFile', { name }, file);
}

/** Maps a sharp/libvips failure to a stable code. Its raw text is only a hint, never shown. */
export function decodeFailure(file: string, name: string, error: unknown): LatentshopError {
  if (error instanceof LatentshopError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/exceeds pixel limit/i.test(message)) {
    return LatentshopError.of('tooLargeToOpen', { name }, file);
  }
  if (/unsupported image format/i.test(message)) {
    // Unrecognisable bytes under a name we support are a damaged file, not a wrong format.
    const claimed = formatFromPath(name);
    if (!claimed) return unsupported(file, name);
    return LatentshopError.of('damagedAs', { name, format: formatLabel(claimed) }, file);
  }
  return LatentshopError.of('damaged', { name }, file);
}
