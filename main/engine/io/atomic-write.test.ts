import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LatentshopError } from '../../../preload/contract/errors';
import { exportRaster, tempName, writeFileAtomic } from './atomic-write';
import { decodeImageFile } from './decode';
import { makeRaster, makeTempDir, writeFixture } from './test-fixtures';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const moduleUrl = new URL('./atomic-write.ts', import.meta.url).href;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LatentshopError);
  return (error as LatentshopError).code;
}

describe('writeFileAtomic', () => {
  it('writes a name that fills the 255-byte limit (its temp file is cut to fit), and names one over it', async () => {
    const longest = `${'长'.repeat(83)}.jpg`; // 249 + 4 bytes
    await writeFileAtomic(join(dir, longest), Buffer.from('x'));
    expect(await readFile(join(dir, longest), 'utf8')).toBe('x');
    expect(Buffer.byteLength(tempName(longest))).toBeLessThanOrEqual(255);
    expect(tempName('a.png')).toMatch(/^\.a\.png\.[0-9a-f]{12}\.tmp$/);
    const tooLong = join(dir, `${'长'.repeat(90)}.jpg`);
    await expect(writeFileAtomic(tooLong, Buffer.from('x'))).rejects.toMatchObject({ code: 'WRITE_FAILED', key: 'nameTooLong' });
  });

  it('writes, replaces, and leaves no temp files', async () => {
    const path = join(dir, 'a.bin');
    await writeFileAtomic(path, Buffer.from('first'));
    await writeFileAtomic(path, Buffer.from('second'));
    expect(await readFile(path, 'utf8')).toBe('second');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never touches an existing file when overwrite is false', async () => {
    const path = join(dir, 'keep.bin');
    await writeFile(path, 'precious');
    expect(await codeOf(writeFileAtomic(path, Buffer.from('new'), { overwrite: false }))).toBe('FILE_EXISTS');
    expect(await readFile(path, 'utf8')).toBe('precious');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a missing folder as WRITE_FAILED naming the file', async () => {
    const path = join(dir, 'no-such-folder', 'out.png');
    const error: unknown = await writeFileAtomic(path, Buffer.from('x')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'WRITE_FAILED', file: path });
    expect((error as Error).message).toBe('out.png could not be saved: the folder does not exist.');
  });

  it('leaves the old file intact when the writer is killed mid-write', async () => {
    const folder = join(dir, 'killed');
    await mkdir(folder);
    const path = join(folder, 'photo.tif');
    await writeFile(path, 'old content');
    const size = 400 * 1024 * 1024;
    const script = `const { writeFileAtomic } = await import(${JSON.stringify(moduleUrl)});
      await writeFileAtomic(${JSON.stringify(path)}, Buffer.alloc(${size}, 97));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: 'ignore' });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    let sawTemp = false;
    for (let i = 0; i < 4000 && child.exitCode === null; i += 1) {
      const names = await readdir(folder);
      if (names.some((n) => n.startsWith('.photo.tif.') && n.endsWith('.tmp'))) {
        sawTemp = true;
        child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await exited;
    expect(sawTemp).toBe(true);
    const after = await readFile(path);
    // Either untouched, or (if the kill lost the race with rename) complete: never partial.
    if (after.length !== size) expect(after.toString()).toBe('old content');
    else expect(after.every((b) => b === 97)).toBe(true);
    const leftovers = (await readdir(folder)).filter((n) => n !== 'photo.tif');
    expect(leftovers.every((n) => /^\.photo\.tif\.[0-9a-f]{12}\.tmp$/.test(n))).toBe(true);
  }, 60_000);
});

describe('exportRaster', () => {
  it('refuses to replace the source, also through a symlink, unless overwrite', async () => {
    const path = join(dir, 'source.png');
    await writeFixture(path, makeRaster(4, 4, 3, 8, () => 50), 'png');
    const original = await readFile(path);
    const image = await decodeImageFile(path);
    expect(await codeOf(exportRaster(image, path, { format: 'png' }))).toBe('WOULD_OVERWRITE_SOURCE');
    const link = join(dir, 'alias.png');
    await symlink(path, link);
    const error: unknown = await exportRaster(image, link, { format: 'png' }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('replace the original');
    expect(await readFile(path)).toEqual(original);
    const result = await exportRaster(image, path, { format: 'png', overwrite: true });
    expect(result).toEqual({ path, bytes: (await readFile(path)).length });
  });

  it('refuses an existing other file and writes a new one', async () => {
    const image = makeRaster(3, 2, 3, 8, () => 1);
    const taken = join(dir, 'taken.jpg');
    await writeFile(taken, 'mine');
    const error: unknown = await exportRaster(image, taken, { format: 'jpeg' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FILE_EXISTS', file: taken });
    expect((error as Error).message).toBe('taken.jpg already exists. Choose another name, or allow overwriting.');
    const fresh = await exportRaster(image, join(dir, 'fresh.webp'), { format: 'webp' });
    expect(fresh.bytes).toBeGreaterThan(0);
    expect((await decodeImageFile(fresh.path)).width).toBe(3);
  });
});
