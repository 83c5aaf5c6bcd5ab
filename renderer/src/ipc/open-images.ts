import type { ImageInfo, LatentshopErrorData } from '../../../preload/contract';
import { getApi } from './api';
import { toErrorData } from './errors';
import { droppedPaths, readBase64 } from './files';

/**
 * Opens files in the engine without showing them (e.g. examples for learning an attribute):
 * by path in Electron (the preload has main record the dropped paths first), by upload in
 * browser mode. File by file, so one unreadable file does not stop the rest; `failed` holds each
 * such file with its error (no stack), for the caller to word in the UI's language (see i18n's
 * errorAbout).
 */
export async function openImageFiles(
  files: File[],
  onEach?: (done: number) => void,
): Promise<{ images: ImageInfo[]; failed: { name: string; error: LatentshopErrorData }[] }> {
  const images: ImageInfo[] = [];
  const failed: { name: string; error: LatentshopErrorData }[] = [];
  const paths = await droppedPaths(files);
  for (const [index, file] of files.entries()) {
    const path = paths[index];
    try {
      const opened = path
        ? await getApi().openDropped({ paths: [path] })
        : [await getApi().upload({ name: file.name, dataBase64: await readBase64(file) })];
      images.push(...opened);
    } catch (error) {
      failed.push({ name: file.name, error: toErrorData(error) });
    }
    onEach?.(images.length + failed.length);
  }
  return { images, failed };
}

/** Frees images opened only for a job; best effort. */
export function releaseImages(images: readonly ImageInfo[]): void {
  for (const image of images) void getApi().releaseImage({ imageId: image.id }).catch(() => undefined);
}
