import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Temporary folders this process made and has not removed yet. */
const live = new Set<string>();

/** A new folder in the system's temp folder, remembered so that an interrupted run can remove it (removeTempDirs). */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  live.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  live.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Removes every folder makeTempDir made that is still there. For a CLI stopped with Ctrl+C:
 * Node then exits without running `finally` blocks, which left the engines' caches in /tmp.
 */
export function removeTempDirs(): void {
  for (const dir of live) removeTempDir(dir);
}
