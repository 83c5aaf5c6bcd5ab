import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImageInfo, LatentshopApi } from '../../../preload/contract';
import { setApi } from './api';
import { openImageFiles } from './open-images';

function info(id: string): ImageInfo {
  return { id, name: `${id}.png`, width: 28, height: 28, channels: 3, bitDepth: 8, hasIcc: false, hasExif: false, previewUrl: `/preview/${id}` };
}

/** Node has no FileReader; upload only needs readAsDataURL. */
class FakeReader {
  result = 'data:image/png;base64,AAAA';
  error = null;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readAsDataURL(): void {
    queueMicrotask(() => this.onload?.());
  }
}

describe('openImageFiles', () => {
  afterEach(() => {
    setApi(null);
    vi.unstubAllGlobals();
  });

  it('opens dropped paths one by one, so one damaged file is skipped with its name and problem', async () => {
    // Electron: the preload resolves the dropped Files to their paths and has main record them.
    const recorded: string[][] = [];
    const recordDropped = async (files: File[]) => {
      recorded.push(files.map((f) => f.name));
      return files.map((f) => `/shots/${f.name}`);
    };
    vi.stubGlobal('window', { latentshopFiles: { recordDropped } });
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
    const result = await openImageFiles(files, (n) => progress.push(n));
    // All recorded at once, before the first open.
    expect(recorded).toEqual([['a.png', 'broken.png', 'b.png', 'odd.png']]);
    expect(asked).toEqual([['/shots/a.png'], ['/shots/broken.png'], ['/shots/b.png'], ['/shots/odd.png']]);
    expect(result.images.map((i) => i.id)).toEqual(['a', 'b']);
    // Each failure keeps its file and its error, first line only (no stack), for the UI to word.
    expect(result.failed).toEqual([
      { name: 'broken.png', error: { code: 'IMAGE_DECODE_FAILED', message: 'broken.png could not be opened: it is damaged.' } },
      { name: 'odd.png', error: { code: 'INTERNAL', message: 'disk went away' } },
    ]);
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('uploads a file the preload found no path for, and every file when recording fails', async () => {
    const uploaded: string[] = [];
    const opened: string[] = [];
    setApi({
      openDropped: async ({ paths }: { paths: string[] }) => (opened.push(...paths), [info('p')]),
      upload: async ({ name }: { name: string }) => (uploaded.push(name), info('u')),
    } as unknown as LatentshopApi);
    vi.stubGlobal('FileReader', FakeReader);
    const files = ['real.png', 'made.png'].map((n) => new File([new Uint8Array(4)], n));
    // A File built by page script has no path on disk: the preload gives null for it.
    vi.stubGlobal('window', { latentshopFiles: { recordDropped: async () => ['/shots/real.png', null] } });
    await openImageFiles(files);
    expect(opened).toEqual(['/shots/real.png']);
    expect(uploaded).toEqual(['made.png']);
    vi.stubGlobal('window', { latentshopFiles: { recordDropped: () => Promise.reject(new Error('Refused a drop from an untrusted frame.')) } });
    uploaded.length = 0;
    const result = await openImageFiles(files);
    expect(uploaded).toEqual(['real.png', 'made.png']);
    expect(result.failed).toEqual([]);
  });
});
