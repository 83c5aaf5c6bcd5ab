import * as pinia from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImageInfo, LatentshopApi } from '../../../preload/contract';
import { setApi } from '../ipc/api';
import { useDocumentStore } from './document';
import { useJobsStore } from './jobs';

const image = (id: string): ImageInfo => ({
  id, name: `${id}.png`, width: 10, height: 10, channels: 3, bitDepth: 8, hasIcc: false, hasExif: false, previewUrl: `/p/${id}`,
});

describe('useJobsStore', () => {
  beforeEach(() => {
    let next = 0;
    pinia.setActivePinia(pinia.createPinia());
    const fake: Partial<LatentshopApi> = { startJob: async () => ({ jobId: `j${++next}` }), releaseImage: async () => undefined };
    setApi(fake as LatentshopApi);
  });

  it('names what each job works on: the open image, or the subject it was given', async () => {
    useDocumentStore().open(image('shoe'));
    const jobs = useJobsStore();
    const resize = await jobs.start({ op: 'resize', imageId: 'shoe', scale: 0.5 });
    const batch = await jobs.start({ op: 'upscale', imageId: 'uploaded', model: 'esrgan-slim', scale: 2 }, undefined, 'batch', 'p1.jpg');
    const sample = await jobs.start({ op: 'sample', family: 'fashion', count: 4, seed: 1 });
    expect([jobs.subjectOf(resize), jobs.subjectOf(batch), jobs.subjectOf(sample)]).toEqual(['shoe.png', 'p1.jpg', '']);
    jobs.handleError(batch, { code: 'INTERNAL', message: 'x' });
    jobs.dismiss(batch);
    expect(jobs.subjectOf(batch)).toBe('');
  });
});
