import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradientPng, imageOf, nextEvent, startHarness, type Harness } from '../../test/runtime-harness';

describe('engine pool', () => {
  let harness: Harness;
  beforeAll(() => {
    harness = startHarness(2);
  });
  afterAll(() => harness.close());

  it('spreads jobs over two engine processes that share the session images', async () => {
    const { runtime } = harness;
    const image = await runtime.service.upload({ name: 'g.png', dataBase64: (await gradientPng(1500, 1000)).toString('base64') });
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      ids.push((await runtime.service.startJob({ spec: { op: 'resize', imageId: image.id, scale: 1.5 }, priority: 'batch' })).jobId);
    }
    const results = await Promise.all(ids.map((id) => nextEvent(runtime, 'jobDone', (e) => e.jobId === id)));
    expect(results.map((r) => imageOf(r.result).width)).toEqual([2250, 2250, 2250, 2250]);
    const pids = runtime.hosts.map((h) => h.pid);
    expect(pids.every((pid) => typeof pid === 'number')).toBe(true);
    expect(new Set(pids).size).toBe(2);
    // An image made by the second engine is readable through the first (shared session cache).
    const previews = await Promise.all(results.map((r) => runtime.host.call('preview', { imageId: imageOf(r.result).id })));
    expect(previews.every((png) => png.byteLength > 1000)).toBe(true);
  });
});
