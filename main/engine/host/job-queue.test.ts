import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { JobPriority, JobSpec } from '../../../preload/contract/types';
import type { EngineJobResult } from '../protocol';
import type { EngineHost } from './engine-host';
import { JobQueue } from './job-queue';
import { srSplitRunner } from './sr-split-job';

/** An engine whose runJob calls stay open until the test settles them. */
class FakeEngine extends EventEmitter {
  readonly running: Array<{ jobId: string; priority?: JobPriority; finish(): void }> = [];
  calls = 0;

  async call(method: string, args: { jobId: string; priority?: JobPriority }): Promise<EngineJobResult> {
    if (method !== 'runJob') throw new Error(`unexpected ${method}`);
    this.calls += 1;
    return new Promise((resolve) => {
      const entry = { jobId: args.jobId, ...(args.priority && { priority: args.priority }), finish: () => resolve({ kind: 'image', image: { id: args.jobId, name: 'x', width: 2, height: 2, channels: 3, bitDepth: 8, hasIcc: false, hasExif: false } }) };
      this.running.push(entry);
    });
  }

  cancel(): void {}
  restart(): void {}
}

const upscale = (imageId: string): JobSpec => ({ op: 'upscale', imageId, model: 'esrgan-slim', scale: 2 });
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('job queue: batch upscales', () => {
  it('runs batch upscales whole, one per engine, on every engine at once, and tells the engine the priority', async () => {
    const engines = [new FakeEngine(), new FakeEngine()];
    const queue = new JobQueue(engines as unknown as EngineHost[], srSplitRunner);
    const done: string[] = [];
    queue.on('done', ({ jobId }) => done.push(jobId));
    const ids = ['a', 'b', 'c'].map((id) => queue.submit(upscale(id), 'batch'));
    await tick();
    // Two files in flight, one per engine (not split: srSplitRunner only takes interactive jobs).
    expect(engines.map((e) => e.running.length)).toEqual([1, 1]);
    expect(engines.flatMap((e) => e.running.map((r) => r.priority))).toEqual(['batch', 'batch']);
    // The third starts on whichever engine frees first.
    engines[1]!.running.shift()!.finish();
    await tick();
    expect(engines.map((e) => e.running.length)).toEqual([1, 1]);
    engines.forEach((e) => e.running.splice(0).forEach((r) => r.finish()));
    await tick();
    expect(done.sort()).toEqual([...ids].sort());
    expect(engines.map((e) => e.calls)).toEqual([1, 2]);
  });
});
