import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LatentshopError } from '../../preload/contract/errors';

export interface OutputFolderPlatform {
  exportDir: string;
  /** The desktop's folder dialog; absent in browser mode. */
  chooseFolder?(): Promise<string | undefined>;
}

/**
 * Output folders for batch exports (super-resolution batches). The renderer never sends a
 * path: it gets an id for a folder the user picked in a dialog (desktop) or for a fresh
 * subfolder of the export folder (browser mode), and exports by that id.
 */
export class OutputFolders {
  private readonly folders = new Map<string, string>();

  constructor(private readonly platform: OutputFolderPlatform) {}

  async choose(prefix = 'upscaled'): Promise<{ folderId: string; path: string }> {
    const path = this.platform.chooseFolder ? await this.platform.chooseFolder() : await freshSubfolder(this.platform.exportDir, prefix);
    if (!path) throw LatentshopError.of('noOutputFolder', {});
    const folderId = `dir_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    this.folders.set(folderId, resolve(path));
    return { folderId, path: resolve(path) };
  }

  get(folderId: string): string {
    const path = this.folders.get(folderId);
    if (!path) throw LatentshopError.of('folderNotChosen', {});
    return path;
  }
}

async function freshSubfolder(root: string, prefix: string): Promise<string> {
  await mkdir(root, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  for (let n = 1; ; n += 1) {
    const dir = join(root, `${prefix}-${stamp}${n > 1 ? `-${n}` : ''}`);
    try {
      await mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
