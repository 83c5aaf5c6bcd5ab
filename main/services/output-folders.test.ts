import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputFolders } from './output-folders';

const root = mkdtempSync(join(tmpdir(), 'latentshop-folders-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('OutputFolders', () => {
  it('browser mode: a new subfolder of the export folder each time, known only by id', async () => {
    const folders = new OutputFolders({ exportDir: join(root, 'exports') });
    const a = await folders.choose();
    const b = await folders.choose();
    expect(a.path.startsWith(join(root, 'exports', 'upscaled-'))).toBe(true);
    expect(a.path).not.toBe(b.path);
    expect(statSync(a.path).isDirectory()).toBe(true);
    expect(folders.get(a.folderId)).toBe(a.path);
    expect(() => folders.get('dir_unknown')).toThrow(expect.objectContaining({ code: 'PATH_NOT_ALLOWED' }));
  });

  it('desktop: the folder the dialog returns; a cancelled dialog is CANCELLED', async () => {
    const picked = join(root, 'picked');
    expect((await new OutputFolders({ exportDir: root, chooseFolder: async () => picked }).choose()).path).toBe(picked);
    await expect(new OutputFolders({ exportDir: root, chooseFolder: async () => undefined }).choose()).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
