import { errorText, i18n } from './i18n';
import { getApi } from './ipc/api';
import { useBatchStore } from './stores/batch';
import { useEngineStore } from './stores/engine';
import { useJobsStore } from './stores/jobs';
import { useToastStore } from './stores/toasts';

/** Routes engine events to the stores, once per window. Returns a function that unsubscribes all. */
export function connectEvents(): () => void {
  const api = getApi();
  const jobs = useJobsStore();
  const toasts = useToastStore();
  const engine = useEngineStore();
  const batch = useBatchStore();
  const t = i18n.global.t;

  const offs = [
    api.onJobQueued(({ jobId, op }) => jobs.handleQueued(jobId, op)),
    api.onJobProgress((progress) => jobs.handleProgress(progress)),
    api.onJobDone(({ jobId, result }) => jobs.handleDone(jobId, result)),
    api.onJobError(({ jobId, error }) => {
      jobs.handleError(jobId, error);
      if (error.code === 'CANCELLED') return;
      const op = jobs.jobs.find((j) => j.jobId === jobId)?.op ?? 'resize';
      toasts.show(t('toast.jobFailed', { op: t(`jobs.op.${op}`), message: errorText(error) }), 'error');
    }),
    api.onBatchProgress((status) => batch.handleProgress(status)),
    api.onEngineRestarted(() => {
      toasts.show(t('toast.engineRestarted'), 'info', 8000);
      void engine.load(); // The backend may differ after a restart.
    }),
  ];
  return () => offs.forEach((off) => off());
}
