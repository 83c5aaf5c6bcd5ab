import { describe, expect, it } from 'vitest';
import { formatEta, isActive, onDone, onError, onProgress, onQueued } from './jobs-model';

describe('jobs model', () => {
  it('tracks a job from queue to done', () => {
    let jobs = onQueued([], 'j1', 'resize');
    expect(jobs[0]).toMatchObject({ state: 'queued', fraction: 0 });
    jobs = onProgress(jobs, { jobId: 'j1', op: 'resize', fraction: 0.4, stage: 'resize', etaSeconds: 3 });
    expect(jobs[0]).toMatchObject({ state: 'running', fraction: 0.4, stage: 'resize', etaSeconds: 3 });
    jobs = onDone(jobs, 'j1', 'resize');
    expect(jobs[0]).toMatchObject({ state: 'done', fraction: 1 });
    expect(isActive(jobs[0]!)).toBe(false);
  });

  it('creates a row for progress that arrives before the queued event', () => {
    const jobs = onProgress([], { jobId: 'j2', op: 'resize', fraction: 2, stage: 'encode' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.fraction).toBe(1);
  });

  it('ignores late progress after the end', () => {
    const done = onDone(onQueued([], 'j1', 'resize'), 'j1', 'resize');
    expect(onProgress(done, { jobId: 'j1', op: 'resize', fraction: 0.5, stage: 'x' })).toBe(done);
  });

  it('marks CANCELLED as cancelled and other codes as failed', () => {
    const base = onQueued([], 'j1', 'resize');
    expect(onError(base, 'j1', 'resize', { code: 'CANCELLED', message: 'Cancelled' })[0]?.state).toBe('cancelled');
    const failed = onError(base, 'j1', 'resize', { code: 'OUT_OF_MEMORY', message: 'Not enough memory' })[0];
    expect(failed).toMatchObject({ state: 'failed', error: { message: 'Not enough memory' } });
  });

  it('formats ETA as mm:ss', () => {
    expect(formatEta(undefined)).toBe('');
    expect(formatEta(0)).toBe('00:00');
    expect(formatEta(75.4)).toBe('01:15');
    expect(formatEta(3725)).toBe('1:02:05');
  });
});
