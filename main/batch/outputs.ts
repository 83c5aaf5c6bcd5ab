import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import sharp from 'sharp';
import { LatentshopError } from '../../preload/contract/errors';
import type { InpaintFileJobSpec } from '../../preload/contract/types';
import type { BatchExecutor } from './executor';
import type { BatchItemRecord, BatchRecord } from './record';

/**
 * Produces one file's output unless it is already complete (a resumed batch). Resolves
 * only once the output is on disk, with 'kept' when an earlier run's output was found and
 * left as it was (so a report can say so); a run whose reply was lost in a crash, but whose
 * file was written, counts as done rather than being redone.
 */
export async function runFile(
  executor: BatchExecutor,
  record: BatchRecord,
  item: BatchItemRecord,
  progress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<'made' | 'kept'> {
  if (!item.mask) throw LatentshopError.of('noMaskFor', { name: item.name }, item.input);
  if (await outputComplete(item.input, item.output)) return 'kept';
  const spec: InpaintFileJobSpec = { op: 'inpaintFile', inputPath: item.input, maskPath: item.mask, outputPath: item.output, method: record.method };
  if (record.model !== undefined) spec.model = record.model;
  if (record.seed !== undefined) spec.seed = record.seed;
  await executor.run(spec, progress, signal).catch(async (error: unknown) => {
    if (!(await outputComplete(item.input, item.output))) throw error;
  });
  return 'made';
}

/**
 * Whether a batch output already holds a complete image of the input's size. Outputs are
 * written atomically, so one that exists was finished: a file whose reply was lost in a
 * crash is found here and not redone. Half-written temp files of that output are removed.
 */
export async function outputComplete(input: string, output: string): Promise<boolean> {
  await removeStaleTemps(output);
  if (!(await stat(output).catch(() => undefined))) return false;
  try {
    const [a, b] = await Promise.all([sharp(input).metadata(), sharp(output).metadata()]);
    // EXIF orientation is applied on read, so the output may be the input turned a quarter.
    return (a.width === b.width && a.height === b.height) || (a.width === b.height && a.height === b.width);
  } catch {
    return false;
  }
}

/** writeFileAtomic's temp names are `.<name>.<random>.tmp`; a killed engine can leave one behind. */
async function removeStaleTemps(output: string): Promise<void> {
  const dir = dirname(output);
  const prefix = `.${basename(output)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp')).map((n) => rm(join(dir, n), { force: true }).catch(() => undefined)),
  );
}
