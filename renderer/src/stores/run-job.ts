import { watch } from 'vue';
import type { JobResult, JobSpec, LatentshopErrorData } from '../../../preload/contract';
import { errorText, i18n } from '../i18n';
import { toErrorData } from '../ipc/errors';
import { useJobsStore } from './jobs';
import { useToastStore } from './toasts';

/**
 * Starts a job through the jobs store (so it shows in the Jobs panel) and resolves with its
 * result, or rejects with its error (CANCELLED included) taken from the store's row. Failures
 * are toasted once: a job's by the event router, a refused start here. Callers only reset state.
 */
export function runJob(spec: JobSpec, onStarted?: (jobId: string) => void): Promise<JobResult> {
  const jobs = useJobsStore();
  return new Promise<JobResult>((resolve, reject) => {
    let settled = false;
    let stop: (() => void) | null = null;
    const finish = (): void => {
      settled = true;
      stop?.();
    };
    jobs
      .start(spec, (result) => {
        finish();
        resolve(result);
      })
      .then((jobId) => {
        if (settled) return; // The result came with the reply.
        onStarted?.(jobId);
        stop = watch(
          () => jobs.jobs.find((j) => j.jobId === jobId),
          (row) => {
            if (!row || (row.state !== 'failed' && row.state !== 'cancelled')) return;
            finish();
            const error: LatentshopErrorData = row.error ?? { code: 'CANCELLED', message: 'Cancelled' };
            reject(error);
          },
          { immediate: true },
        );
      }, (error: unknown) => {
        finish();
        const t = i18n.global.t;
        useToastStore().show(t('toast.jobFailed', { op: t(`jobs.op.${spec.op}`), message: errorText(error) }), 'error');
        reject(error);
      });
  });
}

/** Whether an error (from runJob or a request) is a cancellation, which is not worth a toast. */
export function isCancelled(error: unknown): boolean {
  return toErrorData(error).code === 'CANCELLED';
}
