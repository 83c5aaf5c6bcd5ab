// @vitest-environment jsdom
import * as pinia from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImageInfo, JobSpec, LatentshopApi } from '../../preload/contract';
import { useDocumentGuard } from './document-guard';
import { setApi } from './ipc/api';
import { useConfirmStore } from './stores/confirm';
import { useDocumentStore } from './stores/document';
import { useJobsStore } from './stores/jobs';
import { useToastStore } from './stores/toasts';

const image = (id: string): ImageInfo => ({
  id, name: `${id}.png`, width: 10, height: 10, channels: 3, bitDepth: 8, hasIcc: false, hasExif: false, previewUrl: `/p/${id}`,
});

describe('useDocumentGuard', () => {
  let cancelled: string[];
  let nextJob: number;

  beforeEach(() => {
    cancelled = [];
    nextJob = 0;
    pinia.setActivePinia(pinia.createPinia());
    const fake: Partial<LatentshopApi> = {
      startJob: async () => ({ jobId: `j${++nextJob}` }),
      cancelJob: async ({ jobId }) => void cancelled.push(jobId),
      releaseImage: async () => undefined,
      onJobProgress: () => () => undefined,
    };
    setApi(fake as LatentshopApi);
    useDocumentStore().open(image('a'));
  });

  const resize: JobSpec = { op: 'resize', imageId: 'a', scale: 0.5 };

  it('locks history only while an interactive job that writes into the document runs', async () => {
    const guard = useDocumentGuard();
    const jobs = useJobsStore();
    await jobs.start({ op: 'sample', family: 'fashion', count: 4, seed: 1 });
    await jobs.start({ op: 'upscale', imageId: 'a', model: 'esrgan-slim', scale: 2 }, undefined, 'batch');
    expect(guard.historyLocked()).toBe(false);
    const id = await jobs.start(resize);
    expect(guard.historyLocked()).toBe(true);
    expect(useToastStore().toasts.at(-1)?.message).toContain('Resize is still running');
    jobs.handleDone(id, { kind: 'image', image: image('b') });
    expect(guard.historyLocked()).toBe(false);
  });

  it('opens without a question when nothing would be lost', async () => {
    expect(await useDocumentGuard().mayReplaceDocument('next.png')).toBe(true);
    expect(useConfirmStore().request).toBeNull();
  });

  it('asks before closing an unexported edit, and no keeps it', async () => {
    useDocumentStore().push(image('b'));
    const answer = useDocumentGuard().mayReplaceDocument('next.png');
    expect(useConfirmStore().request?.message).toContain('not exported');
    useConfirmStore().answer(false);
    expect(await answer).toBe(false);
    useDocumentStore().markSaved('b');
    expect(await useDocumentGuard().mayReplaceDocument('next.png')).toBe(true);
  });

  it('asks while a job runs, and yes cancels it', async () => {
    const id = await useJobsStore().start(resize);
    const answer = useDocumentGuard().mayReplaceDocument('next.png');
    expect(useConfirmStore().request?.message).toContain('still running on a.png');
    useConfirmStore().answer(true);
    expect(await answer).toBe(true);
    expect(cancelled).toEqual([id]);
  });
});
