import { randomUUID } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeError } from '../engine/io/atomic-write';
import type { InpaintMethod } from '../../preload/contract/types';
import { type BatchSource, outputName, pairSources, type PairingOptions } from './pairing';
import type { BatchItemRecord, BatchRecord } from './record';

export interface PlanOptions extends PairingOptions {
  method: InpaintMethod;
  model?: string;
  seed?: number;
  /**
   * 'unique' (the app): an output name already taken on disk gets `-2`, `-3`… so nothing is
   * replaced. 'resume' (the CLI): the plain name is kept, and an existing complete output
   * counts as done, so running the same command again finishes an interrupted run.
   */
  names?: 'unique' | 'resume';
}

/** Pairs the sources and gives each image its output path: the queue a runner persists and runs. */
export async function planBatch(sources: readonly BatchSource[], outputDir: string, opts: PlanOptions): Promise<BatchRecord> {
  // "EPERM: operation not permitted, mkdir" becomes "out could not be saved: permission denied".
  await mkdir(outputDir, { recursive: true }).catch((error: unknown) => {
    throw writeError(outputDir, error);
  });
  const taken = new Set<string>();
  const items: BatchItemRecord[] = [];
  for (const pair of pairSources(sources, opts)) {
    let output = '';
    for (let n = 1; ; n++) {
      output = join(outputDir, outputName(pair.name, n));
      if (taken.has(output)) continue;
      if (opts.names === 'resume' || !(await exists(output))) break;
    }
    taken.add(output);
    const item: BatchItemRecord = { name: pair.name, input: pair.input, output, state: pair.error ? 'failed' : 'pending', attempts: 0 };
    if (pair.mask) item.mask = pair.mask;
    if (pair.shownInput !== undefined) item.shownInput = pair.shownInput;
    if (pair.shownMask !== undefined) item.shownMask = pair.shownMask;
    if (pair.error) item.error = pair.error;
    items.push(item);
  }
  const record: BatchRecord = {
    version: 1,
    batchId: `batch_${Date.now().toString(36)}${randomUUID().replaceAll('-', '').slice(0, 8)}`,
    createdAt: new Date().toISOString(),
    state: 'running',
    method: opts.method,
    outputDir,
    items,
  };
  if (opts.model !== undefined) record.model = opts.model;
  if (opts.seed !== undefined) record.seed = opts.seed;
  return record;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
