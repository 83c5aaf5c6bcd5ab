// @vitest-environment jsdom
import * as pinia from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { ConstrainResult, ImageInfo, JobSpec, LatentSessionResult, LatentshopApi, Stroke } from '../../../preload/contract';
import { setApi } from '../ipc/api';
import { useDocumentStore } from './document';
import { useJobsStore } from './jobs';
import { useLatentStore } from './latent';
import { usePaintStore } from './paint';

const image: ImageInfo = {
  id: 'a', name: 'a.png', width: 600, height: 400, channels: 3, bitDepth: 8, hasIcc: false, hasExif: false, previewUrl: '/p/a',
};

/** A session whose region is the middle of the photo: x 100–300, y 100–300. */
const session = (id: string): LatentSessionResult => ({
  kind: 'latent', sessionId: id, family: 'fashion', method: 'hybrid', region: { x: 100, y: 100, width: 200, height: 200 },
  z: [0], psnr: 20, ssim: 0.8, iterations: 10, ms: 5, reconstructionUrl: `data:image/png;base64,${id}`,
});

const constrained = (sessionId: string): ConstrainResult => ({
  kind: 'constrained', sessionId, constraintErrorBefore: 1, ms: 5,
  candidates: [0, 1, 2, 3].map((i) => ({ z: [i], constraintError: 0.1 * i, realism: 0, imageUrl: `data:c${i}` })),
});

const line = (y: number, x0: number, x1: number, size = 12): Stroke => ({
  kind: 'colour', colour: '#ff0000', size, points: [{ x: x0, y }, { x: (x0 + x1) / 2, y }, { x: x1, y }],
});

/** The paint store against a fake engine whose jobs finish when the test says. */
describe('usePaintStore', () => {
  let specs: { jobId: string; spec: JobSpec }[] = [];
  let cancelled: string[] = [];

  beforeEach(() => {
    specs = [];
    cancelled = [];
    pinia.setActivePinia(pinia.createPinia());
    const fake: Partial<LatentshopApi> = {
      startJob: async ({ spec }) => {
        const jobId = `j${specs.length + 1}`;
        specs.push({ jobId, spec });
        return { jobId };
      },
      cancelJob: async ({ jobId }) => void cancelled.push(jobId),
      closeLatentSession: async () => undefined,
      listAttributes: async () => [],
      releaseImage: async () => undefined,
      onJobProgress: () => () => undefined,
    };
    setApi(fake as LatentshopApi);
    useDocumentStore().open(image);
  });

  const ops = (op: JobSpec['op']) => specs.filter((s) => s.spec.op === op);

  /** Waits for the constrain job the last change schedules (after the debounce), and returns it. */
  async function nextConstrain(count: number): Promise<{ jobId: string; strokes: number }> {
    await expect.poll(() => ops('constrain').length).toBe(count);
    await nextTick(); // runJob learns the id in a continuation of the reply.
    const { jobId, spec } = ops('constrain')[count - 1]!;
    return { jobId, strokes: spec.op === 'constrain' ? spec.strokes.length : -1 };
  }

  /** The session is put aside (an Apply, a step to another image), `meanwhile` runs, and it comes back (an undo). */
  async function putAsideAndBack(s: LatentSessionResult, meanwhile: () => void = () => undefined): Promise<void> {
    const latent = useLatentStore();
    latent.session = null;
    await nextTick();
    meanwhile();
    latent.session = s;
    await nextTick();
  }

  async function withSession(id = 's1'): Promise<LatentSessionResult> {
    const s = session(id);
    useLatentStore().session = s;
    await nextTick();
    return s;
  }

  it('does not apply while it follows a new stroke: the candidates would leave the stroke out', async () => {
    await withSession();
    const paint = usePaintStore();
    paint.addStroke(line(200, 120, 280));
    const first = await nextConstrain(1);
    useJobsStore().handleDone(first.jobId, constrained('s1'));
    await expect.poll(() => paint.appliable).toBe(true);

    // A sketch line: Apply is off at once (during the pause before the run, as well as during it).
    paint.addStroke({ kind: 'sketch', size: 4, points: [{ x: 150, y: 150 }, { x: 250, y: 250 }] });
    expect(paint.following).toBe(true);
    expect(paint.appliable).toBe(false);
    // Not awaited: a refused apply returns at once, one that got through would wait on its job.
    void paint.apply();
    expect(ops('applyEdit')).toHaveLength(0);
    const second = await nextConstrain(2);
    expect(second.strokes).toBe(2);
    void paint.apply();
    expect(ops('applyEdit')).toHaveLength(0);
    expect(cancelled).not.toContain(second.jobId);

    useJobsStore().handleDone(second.jobId, constrained('s1'));
    await expect.poll(() => paint.appliable).toBe(true);
    expect(paint.following).toBe(false);
    void paint.apply();
    await expect.poll(() => ops('applyEdit').length).toBe(1);
  });

  it('keeps Apply off when a run fails, until a change runs it again', async () => {
    await withSession();
    const paint = usePaintStore();
    paint.addStroke(line(200, 120, 280));
    useJobsStore().handleDone((await nextConstrain(1)).jobId, constrained('s1'));
    await expect.poll(() => paint.appliable).toBe(true);
    paint.stayClose = 0.2; // The weights are inputs too.
    await nextTick();
    expect(paint.appliable).toBe(false);
    useJobsStore().handleError((await nextConstrain(2)).jobId, { code: 'OUT_OF_MEMORY', message: 'no memory' });
    await expect.poll(() => paint.following).toBe(false);
    expect(paint.result).not.toBeNull();
    expect(paint.fresh).toBe(false);
    expect(paint.appliable).toBe(false);
  });

  it('follows strokes again when they come back with candidates computed for fewer of them', async () => {
    const s1 = await withSession();
    const paint = usePaintStore();
    paint.addStroke(line(200, 120, 280));
    useJobsStore().handleDone((await nextConstrain(1)).jobId, constrained('s1'));
    await expect.poll(() => paint.appliable).toBe(true);
    paint.addStroke(line(150, 120, 280));
    await nextConstrain(2);

    // The session is put aside while that run follows the second stroke (cancelled), then comes back.
    await putAsideAndBack(s1, () => expect(paint.strokes).toHaveLength(0));
    expect(paint.strokes).toHaveLength(2);
    expect(paint.result?.candidates).toHaveLength(4);
    expect(paint.fresh).toBe(false);
    expect(paint.appliable).toBe(false);
    expect(paint.following).toBe(true);
    const rerun = await nextConstrain(3);
    expect(rerun.strokes).toBe(2);
    useJobsStore().handleDone(rerun.jobId, constrained('s1'));
    await expect.poll(() => paint.appliable).toBe(true);
  });

  it('brings back candidates that match their strokes as they were, without a new run', async () => {
    const s1 = await withSession();
    const paint = usePaintStore();
    paint.addStroke(line(200, 120, 280));
    useJobsStore().handleDone((await nextConstrain(1)).jobId, constrained('s1'));
    await expect.poll(() => paint.appliable).toBe(true);
    await putAsideAndBack(s1);
    expect(paint.strokes).toHaveLength(1);
    expect(paint.appliable).toBe(true);
    expect(paint.following).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 150)); // Past the pause: nothing was scheduled.
    expect(ops('constrain')).toHaveLength(1);
  });

  it('follows strokes again when they come back with matching candidates but were put aside mid-run', async () => {
    const s1 = await withSession();
    const paint = usePaintStore();
    paint.addStroke(line(200, 120, 280));
    paint.addStroke(line(150, 120, 280));
    useJobsStore().handleDone((await nextConstrain(1)).jobId, constrained('s1'));
    await expect.poll(() => paint.appliable).toBe(true);
    // Undo, then redo: the strokes are those of the candidates again, but a run for the undone
    // state has started on the engine, whose session candidates it overwrites.
    paint.undo();
    await nextConstrain(2);
    paint.redo();
    expect(paint.fresh).toBe(true);
    await putAsideAndBack(s1);
    expect(paint.appliable).toBe(false);
    const rerun = await nextConstrain(3);
    expect(rerun.strokes).toBe(2);
    useJobsStore().handleDone(rerun.jobId, constrained('s1'));
    await expect.poll(() => paint.appliable).toBe(true);
  });

  it('refuses a stroke wholly outside the region, and says so until the next stroke is taken', async () => {
    await withSession();
    const paint = usePaintStore();
    expect(paint.addStroke(line(350, 120, 280))).toBe(false); // Below the region (y 100–300).
    expect(paint.addStroke(line(200, 400, 580))).toBe(false); // Right of it.
    expect(paint.refusedOutside).toBe(true);
    expect(paint.strokes).toHaveLength(0);
    expect(paint.following).toBe(false);

    // A dab that only reaches in (centre 5 px out, radius 6) counts, and the note goes.
    expect(paint.addStroke(line(305, 120, 280))).toBe(true);
    expect(paint.refusedOutside).toBe(false);
    expect(paint.strokes).toHaveLength(1);
    // So does a line crossing the region with every point outside it.
    expect(paint.addStroke({ kind: 'sketch', size: 2, points: [{ x: 50, y: 200 }, { x: 350, y: 200 }] })).toBe(true);
    expect(paint.strokes).toHaveLength(2);
    await nextConstrain(1);
  });
});
