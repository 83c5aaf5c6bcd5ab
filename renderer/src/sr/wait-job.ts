import { watch } from 'vue';
import type { JobPriority, JobResult, JobSpec, LatentshopErrorData } from '../../../preload/contract';
import { useJobsStore } from '../stores/jobs';

/**
 * Starts a job through the jobs store (so it is listed, with progress, in the Jobs panel)
 * and settles with its result, or its error (CANCELLED included) from the store's row.
 */
export function startAndWait(spec: JobSpec, priority?: JobPriority, onStarted?: (jobId: string) => void, subject?: string): Promise<JobResult> {
  const jobs = useJobsStore();
  return new Promise<JobResult>((resolve, reject) => {
    let stop: (() => void) | null = null;
    let settled = false;
    const onResult = (result: JobResult): void => {
      settled = true;
      stop?.();
      resolve(result);
    };
    jobs.start(spec, onResult, priority, subject).then((jobId) => {
      if (settled) return;
      onStarted?.(jobId);
      stop = watch(
        () => jobs.jobs.find((j) => j.jobId === jobId),
        (row) => {
          if (!row || (row.state !== 'failed' && row.state !== 'cancelled')) return;
          settled = true;
          stop?.();
          const error: LatentshopErrorData = row.error ?? { code: 'CANCELLED', message: 'Cancelled' };
          reject(error);
        },
        { immediate: true },
      );
    }, reject);
  });
}
