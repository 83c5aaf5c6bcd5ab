import type { JobOp, JobProgress, JobState, LatentshopErrorData } from '../../../preload/contract';

/** One row of the jobs panel. Pure data so the update rules are testable without Vue. */
export interface JobEntry {
  jobId: string;
  op: JobOp;
  /** 0–1. */
  fraction: number;
  stage: string;
  etaSeconds?: number;
  state: JobState;
  error?: LatentshopErrorData;
}

function upsert(jobs: JobEntry[], jobId: string, op: JobOp, patch: Partial<JobEntry>): JobEntry[] {
  const existing = jobs.find((j) => j.jobId === jobId);
  if (!existing) return [...jobs, { jobId, op, fraction: 0, stage: '', state: 'queued', ...patch }];
  return jobs.map((j) => (j.jobId === jobId ? { ...j, ...patch } : j));
}

export function onQueued(jobs: JobEntry[], jobId: string, op: JobOp): JobEntry[] {
  return upsert(jobs, jobId, op, {});
}

export function onProgress(jobs: JobEntry[], p: JobProgress): JobEntry[] {
  const existing = jobs.find((j) => j.jobId === p.jobId);
  // Late progress after the end (events can race) must not resurrect a finished job.
  if (existing && existing.state !== 'queued' && existing.state !== 'running') return jobs;
  const patch: Partial<JobEntry> = { fraction: clamp01(p.fraction), stage: p.stage, state: 'running' };
  patch.etaSeconds = p.etaSeconds;
  return upsert(jobs, p.jobId, p.op, patch);
}

export function onDone(jobs: JobEntry[], jobId: string, op: JobOp): JobEntry[] {
  return upsert(jobs, jobId, op, { state: 'done', fraction: 1, etaSeconds: 0 });
}

export function onError(jobs: JobEntry[], jobId: string, op: JobOp, error: LatentshopErrorData): JobEntry[] {
  const state: JobState = error.code === 'CANCELLED' ? 'cancelled' : 'failed';
  return upsert(jobs, jobId, op, { state, error, etaSeconds: undefined });
}

export function remove(jobs: JobEntry[], jobId: string): JobEntry[] {
  return jobs.filter((j) => j.jobId !== jobId);
}

export function isActive(job: JobEntry): boolean {
  return job.state === 'queued' || job.state === 'running';
}

/** Formats an ETA as mm:ss (h:mm:ss past an hour); empty when unknown. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
