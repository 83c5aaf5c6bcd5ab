import { join } from 'node:path';
import { writeFileAtomic } from '../engine/io/atomic-write';
import type { BatchRecord } from './record';

/** The batch report: totals, every failure with its reason, and where the outputs are. */
export interface BatchReport {
  batchId: string;
  state: BatchRecord['state'];
  method: BatchRecord['method'];
  outputDir: string;
  total: number;
  done: number;
  failed: number;
  cancelled: number;
  /** Of `done`: outputs an earlier run had finished, left as they were (not redone with this run's mask or method). */
  kept: number;
  failures: { name: string; input: string; mask?: string; code: string; message: string }[];
  outputs: { name: string; output: string; kept?: true }[];
}

export function buildReport(record: BatchRecord): BatchReport {
  const count = (state: string): number => record.items.filter((i) => i.state === state).length;
  return {
    batchId: record.batchId,
    state: record.state,
    method: record.method,
    outputDir: record.outputDir,
    total: record.items.length,
    done: count('done'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    kept: record.items.filter((i) => i.state === 'done' && i.kept).length,
    failures: record.items
      .filter((i) => i.state === 'failed')
      // Uploads are named as dropped: their staged copies are deleted when the batch ends.
      .map((i) => ({ name: i.name, input: i.shownInput ?? i.input, ...(i.mask && { mask: i.shownMask ?? i.mask }), code: i.error?.code ?? 'INTERNAL', message: i.error?.message ?? '' })),
    outputs: record.items.filter((i) => i.state === 'done').map((i) => ({ name: i.name, output: i.output, ...(i.kept && { kept: true as const }) })),
  };
}

/** Writes the report beside the outputs, or in the state folder if the output folder refuses it. */
export async function writeReport(record: BatchRecord, fallbackDir: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${JSON.stringify(buildReport(record), null, 2)}\n`);
  const name = `latentshop-report-${record.batchId}.json`;
  try {
    await writeFileAtomic(join(record.outputDir, name), bytes);
    return join(record.outputDir, name);
  } catch {
    await writeFileAtomic(join(fallbackDir, name), bytes);
    return join(fallbackDir, name);
  }
}
