import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { JobOp, JobPriority, JobProgress, JobResult, JobSpec, LatentshopErrorData } from '../../../preload/contract';
import { getApi } from '../ipc/api';
import { useDocumentStore } from './document';
import * as m from './jobs-model';

/** How long a finished (done or cancelled) job stays listed before it fades out. */
export const FINISHED_LINGER_MS = 4000;

type ResultHandler = (result: JobResult) => void;

/**
 * Ops whose result lands in the open document: a history step, an overlay to apply, or a
 * latent session of its image. While one runs interactively, the document's history must
 * stay where it started, or the result would land on another step (or be dropped).
 */
const DOCUMENT_OPS: ReadonlySet<JobOp> = new Set<JobOp>(['resize', 'inpaint', 'upscale', 'ganUpscale', 'invert', 'applyEdit', 'constrain']);

/** Jobs started from this window and those pushed by the engine, with their progress. */
export const useJobsStore = defineStore('jobs', () => {
  const jobs = shallowRef<m.JobEntry[]>([]);
  // Not reactive: callbacks and results are plumbing, not UI state.
  const handlers = new Map<string, ResultHandler>();
  const earlyResults = new Map<string, JobResult>();
  const ops = new Map<string, JobOp>();

  /** What each job works on, for rows that would otherwise read alike ("Upscale", "Upscale"). */
  const subjects = shallowRef<ReadonlyMap<string, string>>(new Map());
  const doc = useDocumentStore();

  function imageName(spec: JobSpec): string | undefined {
    const imageId = 'imageId' in spec ? spec.imageId : undefined;
    return imageId === undefined ? undefined : doc.steps.find((step) => step.id === imageId)?.name;
  }

  /** Ids of this window's interactive jobs in DOCUMENT_OPS; reactive so `documentJobs` follows. */
  const documentJobIds = shallowRef<ReadonlySet<string>>(new Set());

  const active = computed(() => jobs.value.filter(m.isActive));
  /** Running or queued jobs that will write into the open document. */
  const documentJobs = computed(() => active.value.filter((j) => documentJobIds.value.has(j.jobId)));

  /**
   * Queues a job; `onResult` runs once it completes (even if it finished before the reply). Batch
   * work passes priority 'batch'. `subject` names what it works on in the Jobs panel (a batch's
   * file); by default, the open image it was started on.
   */
  async function start(spec: JobSpec, onResult?: ResultHandler, priority?: JobPriority, subject?: string): Promise<string> {
    const { jobId } = await getApi().startJob(priority ? { spec, priority } : { spec });
    ops.set(jobId, spec.op);
    const named = subject ?? imageName(spec);
    if (named) subjects.value = new Map([...subjects.value, [jobId, named]]);
    if (priority !== 'batch' && DOCUMENT_OPS.has(spec.op)) documentJobIds.value = new Set([...documentJobIds.value, jobId]);
    if (!jobs.value.some((j) => j.jobId === jobId)) jobs.value = m.onQueued(jobs.value, jobId, spec.op);
    const early = earlyResults.get(jobId);
    earlyResults.delete(jobId);
    if (early && onResult) onResult(early);
    else if (onResult) handlers.set(jobId, onResult);
    return jobId;
  }

  /** Asks the engine to cancel; the job's own jobError (CANCELLED) updates the row. */
  async function cancel(jobId: string): Promise<void> {
    // A job that finished meanwhile cannot be cancelled; its done/error event tells the story.
    await getApi().cancelJob({ jobId }).catch(() => undefined);
  }

  function dismiss(jobId: string): void {
    jobs.value = m.remove(jobs.value, jobId);
    forgetJob(jobId);
  }

  function subjectOf(jobId: string): string {
    return subjects.value.get(jobId) ?? '';
  }

  function forgetJob(jobId: string): void {
    if (subjects.value.has(jobId)) subjects.value = new Map([...subjects.value].filter(([id]) => id !== jobId));
    if (!documentJobIds.value.has(jobId)) return;
    const next = new Set(documentJobIds.value);
    next.delete(jobId);
    documentJobIds.value = next;
  }

  function lingerThenDismiss(jobId: string): void {
    setTimeout(() => {
      dismiss(jobId);
      earlyResults.delete(jobId); // A result nobody here claimed (another window's job).
      ops.delete(jobId);
    }, FINISHED_LINGER_MS);
  }

  function opOf(jobId: string): JobOp {
    return ops.get(jobId) ?? jobs.value.find((j) => j.jobId === jobId)?.op ?? 'resize';
  }

  // Event handlers, wired up once by connectEvents().
  function handleQueued(jobId: string, op: JobOp): void {
    ops.set(jobId, op);
    jobs.value = m.onQueued(jobs.value, jobId, op);
  }

  function handleProgress(p: JobProgress): void {
    ops.set(p.jobId, p.op);
    jobs.value = m.onProgress(jobs.value, p);
  }

  function handleDone(jobId: string, result: JobResult): void {
    jobs.value = m.onDone(jobs.value, jobId, opOf(jobId));
    const handler = handlers.get(jobId);
    handlers.delete(jobId);
    if (handler) handler(result);
    else earlyResults.set(jobId, result);
    lingerThenDismiss(jobId);
  }

  function handleError(jobId: string, error: LatentshopErrorData): void {
    jobs.value = m.onError(jobs.value, jobId, opOf(jobId), error);
    handlers.delete(jobId);
    // Failures stay listed until dismissed so the message can be read; cancellations fade.
    if (error.code === 'CANCELLED') lingerThenDismiss(jobId);
  }

  return { jobs, active, documentJobs, subjectOf, start, cancel, dismiss, handleQueued, handleProgress, handleDone, handleError };
});
