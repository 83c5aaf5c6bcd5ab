import { LatentshopError } from '../../preload/contract/errors';
import type { InpaintFileJobSpec } from '../../preload/contract/types';
import type { JobQueue } from '../engine/host/job-queue';

/** Runs one file of a batch. The runner keeps at most `concurrency` of them in flight. */
export interface BatchExecutor {
  readonly concurrency: number;
  /** Resolves once the output is written; rejects with a LatentshopError (CANCELLED on abort). */
  run(spec: InpaintFileJobSpec, progress: (fraction: number) => void, signal: AbortSignal): Promise<void>;
}

/**
 * Files as 'batch' jobs on the engine pool: the queue spreads them over the engines and
 * lets interactive jobs go first. One file per engine keeps pause and cancel prompt.
 */
export function queueExecutor(jobs: JobQueue, concurrency: number): BatchExecutor {
  return {
    concurrency,
    run: (spec, progress, signal) =>
      new Promise<void>((resolve, reject) => {
        const jobId = jobs.submit(spec, 'batch');
        const onProgress = (p: { jobId: string; fraction: number }): void => {
          if (p.jobId === jobId) progress(p.fraction);
        };
        const onDone = (e: { jobId: string }): void => {
          if (e.jobId !== jobId) return;
          off();
          resolve();
        };
        const onError = (e: { jobId: string; error: { code: LatentshopError['code']; message: string; file?: string } }): void => {
          if (e.jobId !== jobId) return;
          off();
          reject(LatentshopError.fromData(e.error));
        };
        const onAbort = (): void => jobs.cancel(jobId);
        const off = (): void => {
          jobs.off('progress', onProgress);
          jobs.off('done', onDone);
          jobs.off('error', onError);
          signal.removeEventListener('abort', onAbort);
        };
        jobs.on('progress', onProgress);
        jobs.on('done', onDone);
        jobs.on('error', onError);
        signal.addEventListener('abort', onAbort, { once: true });
      }),
  };
}

/** The CLI's single worker: the same operation, run in this process without an engine. */
export function inProcessExecutor(): BatchExecutor {
  return {
    concurrency: 1,
    run: async (spec, progress, signal) => {
      // Imported here, not at the top: inpaint-file pulls in TensorFlow.js and its wasm backend,
      // which Electron main and browser mode (they import queueExecutor) never use; loading them
      // there cost about 0.45 s and 45 MB at every start.
      const { inpaintFile } = await import('../engine/ops/inpaint/inpaint-file');
      await inpaintFile(spec, { signal, progress: (fraction) => progress(fraction) });
    },
  };
}
