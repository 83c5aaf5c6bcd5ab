import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImageInfo, LatentshopApi } from '../../../preload/contract';
import { setApi } from './api';
import { openImageFiles } from './open-images';

function info(id: string): ImageInfo {
  return { id, name: `${id}.png`, width: 28, height: 28, channels: 3, bitDepth: 8, hasIcc: false, hasExif: false, previewUrl: `/preview/${id}` };
}

describe('openImageFiles', () => {
  afterEach(() => {
    setApi(null);
    vi.unstubAllGlobals();
  });

  it('opens dropped paths one by one, so one damaged file is skipped with its name and problem', async () => {
    // Electron: the preload resolves each dropped File to its path.
    vi.stubGlobal('window', { latentshopFiles: { pathForFile: (f: File) => `/shots/${f.name}` } });
    const asked: string[][] = [];
    setApi({
      openDropped: async ({ paths }: { paths: string[] }) => {
        asked.push(paths);
        if (paths[0]?.endsWith('broken.png')) throw { code: 'IMAGE_DECODE_FAILED', message: 'broken.png could not be opened: it is damaged.\n    at decode (stack)' };
        if (paths[0]?.endsWith('odd.png')) throw new Error('disk went away');
        return [info(paths[0]?.slice(7, -4) ?? '')];
      },
    } as unknown as LatentshopApi);
    const files = ['a.png', 'broken.png', 'b.png', 'odd.png'].map((n) => new File([new Uint8Array(4)], n));
    const progress: number[] = [];
    const result = await openImageFiles(files, 'electron', (n) => progress.push(n));
    expect(asked).toEqual([['/shots/a.png'], ['/shots/broken.png'], ['/shots/b.png'], ['/shots/odd.png']]);
    expect(result.images.map((i) => i.id)).toEqual(['a', 'b']);
    // Each failure keeps its file and its error, first line only (no stack), for the UI to word.
    expect(result.failed).toEqual([
      { name: 'broken.png', error: { code: 'IMAGE_DECODE_FAILED', message: 'broken.png could not be opened: it is damaged.' } },
      { name: 'odd.png', error: { code: 'INTERNAL', message: 'disk went away' } },
    ]);
    expect(progress).toEqual([1, 2, 3, 4]);
  });
});
