import type { ImageFormat, ImageInfo } from '../../../preload/contract';
import { getApi } from '../ipc/api';
import { errorText } from '../i18n';
import { droppedPaths, readBase64 } from '../ipc/files';
import { useSrStore } from '../stores/sr';
import { startAndWait } from './wait-job';

/** Files in flight at once: the engine pool has one engine per core, up to 4. */
const CONCURRENCY = 2;
const FORMATS: Record<string, ImageFormat> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', webp: 'webp', tif: 'tiff', tiff: 'tiff' };

/**
 * Batch super-resolution of many files: one output folder (desktop: a folder dialog;
 * browser mode: a new subfolder of the export folder), then per file open → `upscale`
 * job at 'batch' priority (listed with progress in the Jobs panel) → export as
 * `<name>.x<S>.<ext>` into that folder (atomic, never over an existing file) → release.
 */
export async function upscaleFiles(files: File[]): Promise<void> {
  const sr = useSrStore();
  if (files.length === 0) return;
  const folder = await getApi().chooseOutputFolder({});
  sr.batchFolder = folder.path;
  sr.batchItems = files.map((f) => ({ name: f.name, state: 'waiting' }));
  const { model, scale } = sr;
  const paths = await droppedPaths(files);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const file = files[index]!;
      const opened: ImageInfo[] = [];
      try {
        sr.updateItem(index, { state: 'running' });
        const path = paths[index];
        const image = path ? (await getApi().openDropped({ paths: [path] }))[0]! : await getApi().upload({ name: file.name, dataBase64: await readBase64(file) });
        opened.push(image);
        const result = await startAndWait({ op: 'upscale', imageId: image.id, model, scale }, 'batch', (jobId) => sr.updateItem(index, { jobId }), file.name);
        if (result.kind !== 'image') throw new Error('unexpected result');
        opened.push(result.image);
        const extension = file.name.split('.').pop()?.toLowerCase() ?? 'png';
        const format = FORMATS[extension] ?? 'png';
        const base = file.name.replace(/\.[^.]+$/, '');
        const written = await getApi().exportImage({ imageId: result.image.id, options: { format }, name: `${base}.x${scale}.${extension in FORMATS ? extension : 'png'}`, folderId: folder.folderId });
        sr.updateItem(index, { state: 'done', output: written.path });
      } catch (error) {
        sr.updateItem(index, { state: 'failed', error: errorText(error) });
      } finally {
        for (const image of opened) void getApi().releaseImage({ imageId: image.id }).catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
}
