import { LatentshopError } from '../../../preload/contract/errors';
import { formatFromPath, formatLabel, megapixels } from './formats';

/** Errors a photographer can act on; `file` is what the caller named (path or upload name). */
export function tooLarge(file: string, name: string, width: number, height: number, maxPixels: number): LatentshopError {
  return new LatentshopError(
    'IMAGE_TOO_LARGE',
    `${name} is ${width} × ${height} pixels (${megapixels(width * height)} MP), more than the ${megapixels(maxPixels)} MP Latentshop can open safely.`,
    file,
  );
}

export function unsupported(file: string, name: string, detected?: string): LatentshopError {
  const what = detected ? `in ${formatLabel(detected)} format` : 'not an image Latentshop can read';
  return new LatentshopError(
    'UNSUPPORTED_FORMAT',
    `${name} is ${what}. Latentshop opens JPEG, PNG, WebP and TIFF files.`,
    file,
  );
}

export function fileError(file: string, name: string, error: unknown): LatentshopError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new LatentshopError('FILE_NOT_FOUND', `${name} was not found. It may have been moved or deleted.`, file);
  }
  if (code === 'EISDIR') {
    return new LatentshopError('IMAGE_DECODE_FAILED', `${name} is a folder, not an image file.`, file);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new LatentshopError('IMAGE_DECODE_FAILED', `${name} could not be read: permission denied.`, file);
  }
  return new LatentshopError('IMAGE_DECODE_FAILED', `${name} could not be read (${code ?? 'unknown error'}).`, file);
}

/** A 0-byte file: an interrupted copy or download, which "damaged" would not explain. */
export function emptyFile(file: string, name: string): LatentshopError {
  return new LatentshopError('IMAGE_DECODE_FAILED', `${name} is empty (0 bytes): the copy or download may not have finished.`, file);
}

/** Maps a sharp/libvips failure to a stable code. Its raw text is only a hint, never shown. */
export function decodeFailure(file: string, name: string, error: unknown): LatentshopError {
  if (error instanceof LatentshopError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/exceeds pixel limit/i.test(message)) {
    return new LatentshopError('IMAGE_TOO_LARGE', `${name} is larger than Latentshop can open safely.`, file);
  }
  if (/unsupported image format/i.test(message)) {
    // Unrecognisable bytes under a name we support are a damaged file, not a wrong format.
    const claimed = formatFromPath(name);
    if (!claimed) return unsupported(file, name);
    return new LatentshopError(
      'IMAGE_DECODE_FAILED',
      `${name} could not be opened: it is damaged or is not really a ${formatLabel(claimed)} file.`,
      file,
    );
  }
  return new LatentshopError('IMAGE_DECODE_FAILED', `${name} could not be opened: the file is damaged or incomplete.`, file);
}
