import type { LatentshopErrorData } from '../../preload/contract/errors';
import type { BatchItemError, BatchItemState, BatchState, BatchStatus, InpaintMethod } from '../../preload/contract/types';

/** A file lost to an engine crash is retried this many times before it counts as failed. */
export const MAX_ATTEMPTS = 2;

/** One file of a batch as persisted: enough to resume it after a restart. */
export interface BatchItemRecord {
  name: string;
  input: string;
  mask?: string;
  /** The report's names for a staged (uploaded) input and mask: the paths as the user dropped them. */
  shownInput?: string;
  shownMask?: string;
  /** Chosen when the batch was created, so a resumed run writes (and finds) the same file. */
  output: string;
  state: BatchItemState;
  error?: BatchItemError;
  /** Runs lost to an engine crash; a file is retried once before it counts as failed. */
  attempts: number;
  /** Done because an earlier run's complete output was found and left as it was (the CLI's resume). */
  kept?: true;
}

/** The persisted queue: `<state dir>/batches/<batchId>.json`, rewritten atomically after every file. */
export interface BatchRecord {
  version: 1;
  batchId: string;
  createdAt: string;
  state: BatchState;
  method: InpaintMethod;
  model?: string;
  seed?: number;
  outputDir: string;
  items: BatchItemRecord[];
  reportPath?: string;
}

/** What the UI sees: per-file state and fraction, totals, and the overall fraction and ETA. */
export function toStatus(record: BatchRecord, fractions: ReadonlyMap<number, number>, etaSeconds?: number): BatchStatus {
  const finished = (s: BatchItemState): boolean => s === 'done' || s === 'failed' || s === 'cancelled';
  const items = record.items.map((item, i) => {
    const fraction = finished(item.state) ? 1 : (fractions.get(i) ?? 0);
    return { name: item.name, state: item.state, fraction, output: item.output, ...(item.error && { error: item.error }) };
  });
  const total = items.length;
  const status: BatchStatus = {
    batchId: record.batchId,
    state: record.state,
    method: record.method,
    outputDir: record.outputDir,
    items,
    total,
    done: items.filter((i) => i.state === 'done').length,
    failed: items.filter((i) => i.state === 'failed').length,
    fraction: total === 0 ? 1 : items.reduce((sum, i) => sum + i.fraction, 0) / total,
  };
  if (etaSeconds !== undefined && record.state === 'running') status.etaSeconds = etaSeconds;
  if (record.reportPath) status.reportPath = record.reportPath;
  return status;
}

/**
 * The status with an ETA from this session's pace: fraction gained since `since` (when the
 * batch started or resumed here), so time spent before a restart does not skew it.
 */
export function statusWithEta(record: BatchRecord, fractions: ReadonlyMap<number, number>, since: number, fractionAtStart: number): BatchStatus {
  const base = toStatus(record, fractions);
  const gained = base.fraction - fractionAtStart;
  const elapsed = (performance.now() - since) / 1000;
  if (gained < 0.01 || elapsed < 0.5) return base;
  return toStatus(record, fractions, Math.round((elapsed * (1 - base.fraction)) / gained));
}

/**
 * What a failed run means for its file: cancelled with the batch; queued again after a
 * pause-cancel or an engine crash (once); otherwise failed, with the reason for the report.
 */
export function settleFailure(item: BatchItemRecord, error: LatentshopErrorData, batchCancelled: boolean): void {
  if (error.code === 'ENGINE_CRASHED') item.attempts += 1;
  if (batchCancelled) item.state = 'cancelled';
  else if (error.code === 'CANCELLED' || (error.code === 'ENGINE_CRASHED' && item.attempts < MAX_ATTEMPTS)) item.state = 'pending';
  else {
    item.state = 'failed';
    const { file: _file, ...reason } = error; // The item names its file already.
    item.error = reason;
  }
}
