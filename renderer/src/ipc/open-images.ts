import type { ImageInfo } from '../../../preload/contract';
import { getApi } from './api';
import { pathOf, readBase64 } from './files';

/**
 * Opens files in the engine without showing them (e.g. examples for learning an attribute):
 * by path in Electron (main records dropped paths), by upload in browser mode. One failed
 * upload does not stop the rest; `failed` names what could not be opened.
 */
export async function openImageFiles(
  files: File[],
  mode: 'electron' | 'browser' | 'cli',
  onEach?: (done: number) => void,
): Promise<{ images: ImageInfo[]; failed: string[] }> {
  const paths = files.map(pathOf);
  if (mode === 'electron' && paths.every((p) => p !== null)) {
    const images = await getApi().openDropped({ paths: paths as string[] });
    onEach?.(files.length);
    return { images, failed: [] };
  }
  const images: ImageInfo[] = [];
  const failed: string[] = [];
  for (const file of files) {
    try {
      images.push(await getApi().upload({ name: file.name, dataBase64: await readBase64(file) }));
    } catch {
      failed.push(file.name);
    }
    onEach?.(images.length + failed.length);
  }
  return { images, failed };
}

/** Frees images opened only for a job; best effort. */
export function releaseImages(images: readonly ImageInfo[]): void {
  for (const image of images) void getApi().releaseImage({ imageId: image.id }).catch(() => undefined);
}
