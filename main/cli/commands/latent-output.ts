import { resolve } from 'node:path';
import { writeFileAtomic } from '../../engine/io/atomic-write';
import type { ImageFormat } from '../../../preload/contract/types';
import { formatFromPath } from '../../engine/io/formats';
import { UsageError } from '../args';
import { checkWritable } from '../output-checks';

/** A file a command will write: `-o` (an image: its extension picks the format) or `--z-out` (JSON). */
export interface OutputTarget {
  flag: '-o' | '--z-out';
  path: string;
  image: boolean;
}

/** An output image's format, from its extension. */
export function imageFormat(path: string, flag = '-o'): ImageFormat {
  const format = formatFromPath(path);
  if (!format) throw new UsageError(`cannot tell the format from "${path}" (${flag}); use .png, .jpg, .webp or .tif`);
  return format;
}

/** The targets actually given, so callers can list flags that may be absent. */
export function targets(list: (OutputTarget | { path: undefined })[]): OutputTarget[] {
  return list.filter((t): t is OutputTarget => t.path !== undefined);
}

/**
 * Everything about the outputs that can be known before the work, checked before it: an
 * inversion takes seconds to minutes, and its result must not be thrown away for a typo.
 * The write itself still refuses to clobber (link, not rename), so a file that appears
 * meanwhile is safe too.
 */
export async function checkOutputs(outputs: OutputTarget[], inputs: string[], overwrite: boolean): Promise<void> {
  for (const { flag, path, image } of outputs) {
    if (image) imageFormat(path, flag);
    // A code is JSON: under an image's name it would pass for a broken image (or be taken for the
    // input); this also keeps -o and --z-out from naming the same file.
    if (!image && formatFromPath(path)) throw new UsageError(`${flag} writes the code as JSON; "${path}" is an image name (use e.g. z.json)`);
  }
  for (const { path } of outputs) await checkWritable(path, inputs, overwrite);
}

/** A latent code as a JSON array, written atomically; an existing file is kept unless `overwrite`. */
export async function writeLatentFile(path: string, z: number[], overwrite: boolean): Promise<string> {
  const target = resolve(path);
  await writeFileAtomic(target, new TextEncoder().encode(`${JSON.stringify(z)}\n`), { overwrite });
  return target;
}
