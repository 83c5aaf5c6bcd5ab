import { mkdir, access } from 'node:fs/promises';
import { extname, join, basename } from 'node:path';

/** Picks `name`, or `name-2`, `name-3`… so an export never silently replaces a file. */
export async function uniqueExportPath(dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const extension = extname(name);
  const stem = basename(name, extension);
  for (let n = 1; n < 10_000; n += 1) {
    const candidate = join(dir, n === 1 ? name : `${stem}-${n}${extension}`);
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
  return join(dir, `${stem}-${Date.now()}${extension}`);
}
