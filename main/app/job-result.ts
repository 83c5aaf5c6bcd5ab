import type { JobResult } from '../../preload/contract/types';
import type { Runtime } from './runtime';

/**
 * Resolves with a job's result on its jobDone, or rejects with its jobError's message. Both
 * listeners go when either event arrives, so a caller that runs many jobs on one runtime (benches,
 * tests) leaves no listener behind.
 */
export function jobResult(runtime: Runtime, jobId: string): Promise<JobResult> {
  return new Promise<JobResult>((resolve, reject) => {
    const done = (e: { jobId: string; result: JobResult }): void => {
      if (e.jobId !== jobId) return;
      off();
      resolve(e.result);
    };
    const failed = (e: { jobId: string; error: { message: string } }): void => {
      if (e.jobId !== jobId) return;
      off();
      reject(new Error(e.error.message));
    };
    const off = (): void => {
      runtime.service.off('jobDone', done);
      runtime.service.off('jobError', failed);
    };
    runtime.service.on('jobDone', done);
    runtime.service.on('jobError', failed);
  });
}
