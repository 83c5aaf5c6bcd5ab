import { randomBytes } from 'node:crypto';
import { link, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { LatentshopError } from '../../../preload/contract/errors';
import type { ExportOptions, ExportResult } from '../../../preload/contract/types';
import { encodeRaster } from './encode';
import type { RasterImage } from './raster';

export interface AtomicWriteOptions {
  /** Replace an existing file (default true, like fs.writeFile). When false an existing file is never touched. */
  overwrite?: boolean;
}

/**
 * Writes `data` so that `path` holds either its old content or all of the new: a
 * unique temp file in the same folder (same filesystem, so rename is atomic) is
 * written, fsynced, then renamed over `path`. A crash leaves at most a hidden
 * `.name.<random>.tmp` file, never a partial `path`.
 */
export async function writeFileAtomic(path: string, data: Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const target = resolve(path);
  const temp = join(dirname(target), tempName(basename(target)));
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (opts.overwrite === false) await linkNoClobber(temp, target);
    else await rename(temp, target);
    await syncFolder(dirname(target));
  } catch (error) {
    throw writeError(target, error);
  } finally {
    // On failure, and after link() (which leaves the temp name), remove the temp file.
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/** Encodes and writes atomically. Never replaces the source or an existing file unless `options.overwrite`. */
export async function exportRaster(raster: RasterImage, path: string, options: ExportOptions): Promise<ExportResult> {
  const target = resolve(path);
  const overwrite = options.overwrite === true;
  if (!overwrite) await refuseExisting(target, raster.metadata.sourcePath);
  const data = await encodeRaster(raster, options);
  await writeFileAtomic(target, data, { overwrite });
  return { path: target, bytes: data.byteLength };
}

async function refuseExisting(target: string, sourcePath: string | undefined): Promise<void> {
  const existing = await stat(target).catch(() => undefined);
  if (!existing) return;
  const source = sourcePath ? await stat(sourcePath).catch(() => undefined) : undefined;
  // Same inode catches the source reached through a symlink, a hard link or another letter case.
  if (source && source.dev === existing.dev && source.ino === existing.ino) {
    throw LatentshopError.of('wouldOverwriteSource', { name: basename(target) }, target);
  }
  throw exists(target);
}

/** link() fails if the target exists, so no check-then-write race can clobber a file. */
async function linkNoClobber(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw exists(target);
    // Filesystems without hard links (FAT, some network shares): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    if (await stat(target).catch(() => undefined)) throw exists(target);
    await rename(temp, target);
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable; folders cannot be opened this way on Windows.
  const handle = await open(folder, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}

function exists(target: string): LatentshopError {
  return LatentshopError.of('fileExists', { name: basename(target) }, target);
}

/** Most file systems take 255 bytes per name. */
const MAX_NAME_BYTES = 255;

/**
 * `.name.<random>.tmp`, with the name cut (at a whole character) so that the temp file is no
 * longer than the limit: a valid 240-byte name must not fail for its temp file's 18 more.
 */
export function tempName(name: string): string {
  const suffix = `.${randomBytes(6).toString('hex')}.tmp`;
  const room = MAX_NAME_BYTES - 1 - suffix.length;
  const chars = Array.from(name);
  while (Buffer.byteLength(chars.join('')) > room) chars.pop();
  return `.${chars.join('')}${suffix}`;
}

/** A failed write (or folder creation) worded with the file's name: "photo.jpg could not be saved: permission denied". */
export function writeError(target: string, error: unknown): LatentshopError {
  if (error instanceof LatentshopError) return error;
  const name = basename(target);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, 'diskFull' | 'quotaFull' | 'writeDenied' | 'readOnlyDisk' | 'noSuchFolder' | 'folderInTheWay' | 'nameTooLong'> = {
    ENOSPC: 'diskFull',
    EDQUOT: 'quotaFull',
    EACCES: 'writeDenied',
    EPERM: 'writeDenied',
    EROFS: 'readOnlyDisk',
    ENOENT: 'noSuchFolder',
    // A file where a folder of the path should be: that folder does not exist either.
    ENOTDIR: 'noSuchFolder',
    EISDIR: 'folderInTheWay',
    ENAMETOOLONG: 'nameTooLong',
  };
  const known = code ? reasons[code] : undefined;
  return known ? LatentshopError.of(known, { name }, target) : LatentshopError.of('writeFailed', { name, reason: code ?? 'unknown' }, target);
}
