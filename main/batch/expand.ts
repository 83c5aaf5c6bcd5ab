import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { LatentshopError } from '../../preload/contract/errors';
import { formatFromPath } from '../engine/io/formats';
import { type BatchSource, DEFAULT_MASK_SUFFIX, isMaskName } from './pairing';

/** Folders deeper than this are not entered: a dropped home folder must not walk the disk. */
const MAX_DEPTH = 4;
const MAX_FILES = 10_000;

/** The mask names the default suffix pairs besides `.mask.png` (pairing.ts reads any of them). */
const OTHER_MASK_EXTENSIONS = ['.mask.jpg', '.mask.jpeg', '.mask.webp', '.mask.tif', '.mask.tiff'];

/**
 * Turns dropped or named paths into files: a folder contributes the files inside it (and
 * its subfolders, sorted, hidden ones skipped). An image named on its own brings the masks
 * beside it on disk, so `photo.jpg` finds `photo.mask.png` as the pairing rule says, as it
 * would in its folder. Missing paths are a clear error.
 */
export async function expandPaths(paths: readonly string[], maskSuffix = DEFAULT_MASK_SUFFIX): Promise<BatchSource[]> {
  const out: BatchSource[] = [];
  const named: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw LatentshopError.of('fileNotFound', { name: basename(path) }, path);
    if (info.isDirectory()) await walk(path, 0, out);
    else {
      out.push({ name: basename(path), path });
      named.push(path);
    }
  }
  const listed = new Set(out.map((s) => s.path));
  for (const path of named) {
    for (const mask of await masksBeside(path, maskSuffix)) {
      if (listed.has(mask)) continue;
      listed.add(mask);
      out.push({ name: basename(mask), path: mask });
    }
  }
  return out;
}

/** The mask files on disk beside an image, by the pairing rule's names; none for a mask itself. */
async function masksBeside(image: string, suffix: string): Promise<string[]> {
  const name = basename(image);
  if (isMaskName(name, suffix) || !formatFromPath(name)) return [];
  const stem = join(dirname(image), name.slice(0, name.length - extname(name).length));
  const candidates = [suffix, ...(suffix === DEFAULT_MASK_SUFFIX ? OTHER_MASK_EXTENSIONS : [])].map((s) => stem + s);
  const found = await Promise.all(candidates.map(async (path) => ((await stat(path).catch(() => undefined))?.isFile() ? path : undefined)));
  return found.filter((path): path is string => path !== undefined);
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
