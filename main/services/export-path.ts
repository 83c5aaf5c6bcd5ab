import { mkdir, access } from 'node:fs/promises';
import { extname, join, basename } from 'node:path';
import type { ImageFormat } from '../../preload/contract/types';
import { formatFromPath } from '../engine/io/formats';

/**
 * The file name an export gets: the name as typed when its extension already says the format
 * (`shot.tif`, `shot.jpeg` stay so); another image extension is replaced (`shot.png` → `shot.jpg`);
 * anything else is kept and the format's extension added (`shot.v2` → `shot.v2.jpg`).
 */
export function exportFileName(name: string | undefined, format: ImageFormat): string {
  const typed = (name ?? 'latentshop-export').trim().replace(/\.+$/, '');
  if (formatFromPath(typed) === format) return typed;
  const stem = formatFromPath(typed) ? typed.slice(0, typed.length - extname(typed).length) : typed;
  return `${stem || 'latentshop-export'}.${format === 'jpeg' ? 'jpg' : format}`;
}

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
