import type { ImageInfo } from '../../../preload/contract';
import { getApi } from './api';
import { errorText } from '../i18n';
import { pathOf, readBase64 } from './files';

/**
 * Opens files in the engine without showing them (e.g. examples for learning an attribute):
 * by path in Electron (main records dropped paths), by upload in browser mode. File by file,
 * so one unreadable file does not stop the rest; `failed` holds one message per such file,
 * naming it and the problem (the engine's decode errors begin with the file's name).
 */
export async function openImageFiles(
  files: File[],
  mode: 'electron' | 'browser' | 'cli',
  onEach?: (done: number) => void,
): Promise<{ images: ImageInfo[]; failed: string[] }> {
  const images: ImageInfo[] = [];
  const failed: string[] = [];
  for (const file of files) {
    const path = mode === 'electron' ? pathOf(file) : null;
    try {
      const opened = path
        ? await getApi().openDropped({ paths: [path] })
        : [await getApi().upload({ name: file.name, dataBase64: await readBase64(file) })];
      images.push(...opened);
    } catch (error) {
      const message = errorText(error);
      failed.push(message.includes(file.name) ? message : `${file.name}: ${message}`);
    }
    onEach?.(images.length + failed.length);
  }
  return { images, failed };
}

/** Frees images opened only for a job; best effort. */
export function releaseImages(images: readonly ImageInfo[]): void {
  for (const image of images) void getApi().releaseImage({ imageId: image.id }).catch(() => undefined);
}
