import { i18n } from './i18n';
import { useConfirmStore } from './stores/confirm';
import { useDocumentStore } from './stores/document';
import { useJobsStore } from './stores/jobs';
import { useLatentStore } from './stores/latent';
import { useMaskStore } from './stores/mask';
import { usePaintStore } from './stores/paint';
import { useSrStore } from './stores/sr';
import { useToastStore } from './stores/toasts';

/**
 * Guards that keep work from being lost: a job's result must land on the step it was computed
 * from, and closing the document (opening another) asks first when something would go.
 */
export function useDocumentGuard() {
  const doc = useDocumentStore();
  const jobs = useJobsStore();
  const latent = useLatentStore();
  const sr = useSrStore();
  const paint = usePaintStore();
  const mask = useMaskStore();
  const confirm = useConfirmStore();
  const toasts = useToastStore();
  const t = i18n.global.t;

  /** Refuses (with a word) to move through history while a job writes into this document. */
  function historyLocked(): boolean {
    const running = jobs.documentJobs[0];
    if (running) toasts.show(t('toast.waitForJob', { op: t(`jobs.op.${running.op}`) }), 'info');
    return running !== undefined;
  }

  /** Work on the photo not applied yet: an upscale, moved sliders, painted strokes, a mask. */
  function unappliedResult(): boolean {
    const movedSlider = Object.values(latent.values).some((alpha) => alpha !== 0);
    return sr.result?.kind === 'full' || (latent.session !== null && movedSlider) || paint.strokes.length > 0 || mask.hasMask;
  }

  /** The reason closing the document needs a question, or null when nothing would be lost. */
  function lossMessage(next: string): string | null {
    const image = doc.current;
    if (!image) return null;
    const running = jobs.documentJobs[0];
    if (running) return t('confirm.replaceRunning', { op: t(`jobs.op.${running.op}`), name: image.name, next });
    if (doc.dirty) return t('confirm.replaceUnsaved', { name: image.name, next });
    if (unappliedResult()) return t('confirm.replaceUnapplied', { name: image.name, next });
    return null;
  }

  /** Asks before `next` replaces the open document; on yes, cancels the jobs that wrote into it. */
  async function mayReplaceDocument(next: string): Promise<boolean> {
    const message = lossMessage(next);
    if (message === null) return true;
    const title = t('confirm.replaceTitle', { name: doc.current?.name ?? '' });
    const ok = await confirm.ask({ title, message, confirmLabel: t('confirm.replaceConfirm', { next }) });
    if (ok) for (const job of jobs.documentJobs) void jobs.cancel(job.jobId);
    return ok;
  }

  return { historyLocked, mayReplaceDocument, unappliedResult };
}
