// @vitest-environment jsdom
import * as pinia from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { ImageInfo, JobProgress, LatentSessionResult, LatentshopApi } from '../../../preload/contract';
import { setApi } from '../ipc/api';
import { useDocumentStore } from './document';
import { useEngineStore } from './engine';
import { useJobsStore } from './jobs';
import { useLatentStore } from './latent';

const image = (id: string): ImageInfo => ({
  id, name: `${id}.png`, width: 10, height: 10, channels: 3, bitDepth: 8, hasIcc: false, hasExif: false, previewUrl: `/p/${id}`,
});

const session = (id: string): LatentSessionResult => ({
  kind: 'latent', sessionId: id, family: 'fashion', method: 'hybrid', region: { x: 0, y: 0, width: 10, height: 10 },
  z: [0], psnr: 20, ssim: 0.8, iterations: 10, ms: 5, reconstructionUrl: `data:image/png;base64,${id}`,
});

const progress = (jobId: string, previewUrl: string): JobProgress => ({ jobId, op: 'invert', fraction: 0.1, stage: 'optimise', previewUrl });

/** The latent store against a fake engine whose jobs finish, fail or are cancelled when the test says. */
describe('useLatentStore: the reconstruction of an inversion', () => {
  let onProgress: (p: JobProgress) => void = () => undefined;
  let started: string[] = [];
  const cancelled: string[] = [];

  beforeEach(() => {
    started = [];
    cancelled.length = 0;
    pinia.setActivePinia(pinia.createPinia());
    const fake: Partial<LatentshopApi> = {
      startJob: async () => {
        const jobId = `j${started.length + 1}`;
        started.push(jobId);
        return { jobId };
      },
      cancelJob: async ({ jobId }) => void cancelled.push(jobId),
      closeLatentSession: async () => undefined,
      listAttributes: async () => [],
      releaseImage: async () => undefined,
      onJobProgress: (handler) => {
        onProgress = handler;
        return () => undefined;
      },
    };
    setApi(fake as LatentshopApi);
    useEngineStore().info = {
      backend: { name: 'wasm', reason: 'test' },
      versions: { app: '0', tfjs: '0', node: '0', sharp: '0' },
      models: [{ id: 'fashion', title: 'Fashion', roles: ['generator', 'discriminator', 'encoder'], path: '/m/fashion' }],
      mode: 'browser',
    };
    useDocumentStore().open(image('a'));
  });

  /** Starts an inversion and waits until its job is known, so progress and the end can be sent. */
  async function startInversion(): Promise<{ jobId: string; done: Promise<boolean> }> {
    const latent = useLatentStore();
    const before = started.length;
    const done = latent.invert();
    await expect.poll(() => started.length).toBe(before + 1);
    await nextTick();
    return { jobId: started.at(-1)!, done };
  }

  it('clears the preview of a cancelled run, which would otherwise read as a result', async () => {
    const latent = useLatentStore();
    const { jobId, done } = await startInversion();
    onProgress(progress(jobId, 'data:preview-step-6'));
    expect(latent.reconUrl).toBe('data:preview-step-6');
    useJobsStore().handleError(jobId, { code: 'CANCELLED', message: 'Cancelled' });
    expect(await done).toBe(false);
    expect(latent.session).toBeNull();
    expect(latent.reconUrl).toBe('');
  });

  it('clears it after a failed run that replaced a session (that session was closed when the run began)', async () => {
    const latent = useLatentStore();
    const first = await startInversion();
    useJobsStore().handleDone(first.jobId, session('s1'));
    expect(await first.done).toBe(true);
    expect(latent.reconUrl).toBe(session('s1').reconstructionUrl);

    const second = await startInversion();
    onProgress(progress(second.jobId, 'data:preview-of-rerun'));
    useJobsStore().handleError(second.jobId, { code: 'OUT_OF_MEMORY', message: 'no memory' });
    expect(await second.done).toBe(false);
    expect(latent.reconUrl).toBe('');
  });

  it('keeps the reconstruction of a session restored while the abandoned run ended', async () => {
    const latent = useLatentStore();
    const doc = useDocumentStore();
    const first = await startInversion();
    useJobsStore().handleDone(first.jobId, session('s1'));
    await first.done;
    // An edit of a: its session is parked with a; an inversion of the new step starts, and
    // undo goes back to a (which cancels that inversion and brings a's session back).
    doc.push(image('b'));
    await nextTick();
    const second = await startInversion();
    onProgress(progress(second.jobId, 'data:preview-of-b'));
    doc.undo();
    await nextTick();
    expect(cancelled).toEqual([second.jobId]);
    expect(latent.session?.sessionId).toBe('s1');
    useJobsStore().handleError(second.jobId, { code: 'CANCELLED', message: 'Cancelled' });
    expect(await second.done).toBe(false);
    expect(latent.reconUrl).toBe(session('s1').reconstructionUrl);
  });
});
