import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradientPng, imageOf, nextEvent, startHarness, type Harness } from '../../test/runtime-harness';

describe('engine process', () => {
  let harness: Harness;
  beforeAll(() => {
    harness = startHarness();
  });
  afterAll(() => harness.close());

  it('starts in its own process and reports the backend it chose', async () => {
    const info = await harness.runtime.service.info();
    expect(harness.runtime.host.pid).toBeTypeOf('number');
    expect(harness.runtime.host.pid).not.toBe(process.pid);
    expect(info.backend.name).toBe('wasm');
    expect(info.versions.tfjs).toMatch(/^4\./);
    expect(info.mode).toBe('browser');
  });

  it('restarts after a crash, fails the call in flight with ENGINE_CRASHED, and keeps the images', async () => {
    const { runtime } = harness;
    const image = await runtime.service.upload({ name: 'g.png', dataBase64: (await gradientPng(64, 48)).toString('base64') });
    const oldPid = runtime.host.pid;
    const restarted = nextEvent(runtime, 'engineRestarted');
    const inFlight = runtime.service.upload({ name: 'big.png', dataBase64: (await gradientPng(2000, 2000)).toString('base64') });
    process.kill(oldPid ?? 0, 'SIGKILL');
    await expect(inFlight).rejects.toMatchObject({ code: 'ENGINE_CRASHED', key: 'engineRestarted' });
    await restarted;
    const info = await runtime.service.info();
    expect(info.backend.name).toBe('wasm');
    expect(runtime.host.pid).not.toBe(oldPid);
    // The app keeps working on the image opened before the crash.
    const png = await runtime.host.call('preview', { imageId: image.id });
    expect(png.byteLength).toBeGreaterThan(100);
  });

  it('runs resize as a job with progress and returns the new size', async () => {
    const { runtime } = harness;
    const image = await runtime.service.upload({ name: 'g.png', dataBase64: (await gradientPng(120, 80)).toString('base64') });
    const progress: number[] = [];
    runtime.service.on('jobProgress', (p) => progress.push(p.fraction));
    const { jobId } = await runtime.service.startJob({ spec: { op: 'resize', imageId: image.id, scale: 0.5 } });
    const done = await nextEvent(runtime, 'jobDone', (e) => e.jobId === jobId);
    expect(imageOf(done.result)).toMatchObject({ width: 60, height: 40, channels: 3, bitDepth: 8 });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
  });

  it('cancels a running job within 1 s', async () => {
    const { runtime } = harness;
    const image = await runtime.service.upload({ name: 'big.png', dataBase64: (await gradientPng(3000, 2000)).toString('base64') });
    const { jobId } = await runtime.service.startJob({ spec: { op: 'resize', imageId: image.id, scale: 4 } });
    await nextEvent(runtime, 'jobProgress', (p) => p.jobId === jobId);
    const errored = nextEvent(runtime, 'jobError', (e) => e.jobId === jobId);
    const started = performance.now();
    await runtime.service.cancelJob({ jobId });
    const { error } = await errored;
    expect(error.code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('runs interactive jobs before queued batch jobs', async () => {
    const { runtime } = harness;
    const image = await runtime.service.upload({ name: 'g.png', dataBase64: (await gradientPng(800, 600)).toString('base64') });
    const order: string[] = [];
    runtime.service.on('jobDone', (e) => order.push(e.jobId));
    const batch: string[] = [];
    for (let i = 0; i < 3; i += 1) batch.push((await runtime.service.startJob({ spec: { op: 'resize', imageId: image.id, scale: 2 }, priority: 'batch' })).jobId);
    const interactive = (await runtime.service.startJob({ spec: { op: 'resize', imageId: image.id, scale: 0.5 } })).jobId;
    await nextEvent(runtime, 'jobDone', (e) => e.jobId === batch[2]);
    // The first batch job was already running; the interactive one goes next.
    expect(order.indexOf(interactive)).toBeLessThan(order.indexOf(batch[1] ?? ''));
  });

  // Last: it stops this harness's engine for good.
  it('fails a call in flight at shutdown as a shutdown, not with a restart that will not come', async () => {
    const { runtime } = harness;
    const inFlight = runtime.service.upload({ name: 'big.png', dataBase64: (await gradientPng(2000, 2000)).toString('base64') });
    runtime.host.stop();
    await expect(inFlight).rejects.toMatchObject({ code: 'ENGINE_CRASHED', key: 'engineShutDown' });
  });
});
