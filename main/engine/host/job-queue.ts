import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import PQueue from 'p-queue';
import { LatentshopError, toErrorData, type LatentshopErrorData } from '../../../preload/contract/errors';
import type { JobPriority, JobProgress, JobSpec } from '../../../preload/contract/types';
import type { OpContext } from '../ops/context';
import type { EngineJobResult } from '../protocol';
import type { EngineHost } from './engine-host';
import { EtaEstimator } from './eta';

export interface JobQueueEvents {
  queued: [{ jobId: string; op: JobSpec['op'] }];
  progress: [JobProgress];
  done: [{ jobId: string; result: EngineJobResult }];
  error: [{ jobId: string; error: LatentshopErrorData }];
}

interface JobEntry {
  spec: JobSpec;
  priority: JobPriority;
  abort: AbortController;
  eta: EtaEstimator;
  /** The engine running the job, once it started. */
  host?: EngineHost;
}

/**
 * Jobs that can use several engines at once (an interactive whole-image upscale split into
 * bands): such a job takes every engine idle when it starts, so the user's one big job
 * gets all the cores, and gives them back when it ends.
 */
export interface MultiEngineRunner {
  wants(spec: JobSpec, priority: JobPriority): boolean;
  run(spec: JobSpec, hosts: readonly EngineHost[], ctx: OpContext): Promise<EngineJobResult>;
}

/** How long a running job may ignore cancel before the engine is restarted under it. */
export const CANCEL_GRACE_MS = 800;
const PRIORITY: Record<JobPriority, number> = { interactive: 10, batch: 0 };

/**
 * Jobs run one at a time per engine, on as many engines as the pool has (one per core by
 * default); interactive jobs jump ahead of batch jobs.
 */
export class JobQueue extends EventEmitter<JobQueueEvents> {
  private readonly queue: PQueue;
  private readonly jobs = new Map<string, JobEntry>();
  private readonly idle: EngineHost[];

  constructor(hosts: readonly EngineHost[], private readonly multi?: MultiEngineRunner) {
    super();
    if (hosts.length === 0) throw new Error('A job queue needs at least one engine.');
    this.idle = [...hosts];
    this.queue = new PQueue({ concurrency: hosts.length });
    for (const host of hosts) host.on('progress', (jobId, fraction, stage, previewUrl) => this.onProgress(jobId, fraction, stage, previewUrl));
  }

  submit(spec: JobSpec, priority: JobPriority = 'interactive'): string {
    const jobId = `job_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const entry: JobEntry = { spec, priority, abort: new AbortController(), eta: new EtaEstimator() };
    this.jobs.set(jobId, entry);
    this.emit('queued', { jobId, op: spec.op });
    // No p-queue signal: it would settle a running job at once on abort and free its slot while
    // the engine is still busy. A job ends when its engine stops (cancel() handles queued ones).
    this.queue
      .add(() => this.run(jobId, entry), { priority: PRIORITY[priority] })
      .catch((error: unknown) => this.finishWithError(jobId, entry.abort.signal.aborted ? cancelled() : error));
    return jobId;
  }

  cancel(jobId: string): void {
    const entry = this.jobs.get(jobId);
    if (!entry || entry.abort.signal.aborted) return;
    entry.abort.abort();
    const host = entry.host;
    // Not started yet: it ends now, and run() skips it when its turn comes.
    if (!host) return this.finishWithError(jobId, cancelled());
    host.cancel(jobId);
    // A job stuck in one long native call cannot see the signal: restart the engine under it.
    setTimeout(() => {
      if (this.jobs.has(jobId) && entry.host === host) host.restart('a job did not stop when cancelled');
    }, CANCEL_GRACE_MS).unref();
  }

  get size(): number {
    return this.jobs.size;
  }

  private async run(jobId: string, entry: JobEntry): Promise<void> {
    if (entry.abort.signal.aborted) return;
    // p-queue never runs more jobs than there are engines, so one is always idle here.
    const host = this.idle.shift();
    if (!host) throw new Error('No idle engine for a started job.');
    entry.host = host;
    entry.eta.start();
    // Engines borrowed by a multi-engine job: p-queue may not start other jobs on them meanwhile.
    const borrowed = this.multi?.wants(entry.spec, entry.priority) === true ? this.idle.splice(0) : [];
    this.queue.concurrency -= borrowed.length;
    try {
      const ctx: OpContext = { signal: entry.abort.signal, progress: (fraction, stage) => this.onProgress(jobId, fraction, stage) };
      const result = this.multi && borrowed.length > 0 ? await this.multi.run(entry.spec, [host, ...borrowed], ctx) : await host.call('runJob', { jobId, spec: entry.spec, priority: entry.priority });
      if (!this.jobs.delete(jobId)) return;
      this.emit('done', { jobId, result });
    } catch (error) {
      this.finishWithError(jobId, entry.abort.signal.aborted ? cancelled() : error);
    } finally {
      entry.host = undefined;
      this.idle.push(host, ...borrowed);
      this.queue.concurrency += borrowed.length;
    }
  }

  private onProgress(jobId: string, fraction: number, stage: string, previewUrl?: string): void {
    const entry = this.jobs.get(jobId);
    if (!entry || entry.abort.signal.aborted) return;
    const progress: JobProgress = { jobId, op: entry.spec.op, fraction, stage };
    if (previewUrl) progress.previewUrl = previewUrl;
    const etaSeconds = entry.eta.update(fraction);
    if (etaSeconds !== undefined) progress.etaSeconds = etaSeconds;
    this.emit('progress', progress);
  }

  private finishWithError(jobId: string, error: unknown): void {
    if (!this.jobs.delete(jobId)) return;
    this.emit('error', { jobId, error: toErrorData(error) });
  }
}

function cancelled(): LatentshopError {
  return LatentshopError.of('cancelled', {});
}
