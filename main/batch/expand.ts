import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LatentshopError } from '../../preload/contract/errors';
import type { BatchSource } from './pairing';

/** Folders deeper than this are not entered: a dropped home folder must not walk the disk. */
const MAX_DEPTH = 4;
const MAX_FILES = 10_000;

/**
 * Turns dropped or named paths into files: a folder contributes the files inside it (and
 * its subfolders, sorted, hidden ones skipped). Missing paths are a clear error.
 */
export async function expandPaths(paths: readonly string[]): Promise<BatchSource[]> {
  const out: BatchSource[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw LatentshopError.of('fileNotFound', { name: basename(path) }, path);
    if (info.isDirectory()) await walk(path, 0, out);
    else out.push({ name: basename(path), path });
  }
  return out;
}

async function walk(dir: string, depth: number, out: BatchSource[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || out.length >= MAX_FILES) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth < MAX_DEPTH) await walk(path, depth + 1, out);
    else if (entry.isFile()) out.push({ name: entry.name, path });
  }
}
