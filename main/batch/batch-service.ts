import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { LatentshopError } from '../../preload/contract/errors';
import type { BatchStartArgs, BatchStatus } from '../../preload/contract/types';
import type { PathRegistry } from '../services/path-registry';
import { expandPaths } from './expand';
import type { BatchSource } from './pairing';
import { planBatch } from './plan';
import type { BatchRunner } from './runner';

/** What batch work needs from the platform: where outputs go, and a folder dialog on the desktop. */
export interface BatchPlatform {
  mode: 'electron' | 'browser' | 'cli';
  exportDir: string;
  chooseFolder?(): Promise<string | undefined>;
}

/**
 * The batch half of the contract. Desktop drops give paths (main recorded them at the drop);
 * browser mode uploads each file into the state folder first, so a restart can still resume.
 */
export class BatchService {
  constructor(
    private readonly runner: BatchRunner,
    private readonly paths: PathRegistry,
    private readonly platform: BatchPlatform,
    private readonly stateDir: string,
  ) {
    // Staged uploads are only needed until their batch ends; the outputs and report remain.
    runner.on('finished', (record) => {
      const uploads = join(this.stateDir, 'uploads');
      const dirs = new Set(record.items.flatMap((i) => [i.input, i.mask ?? '']).filter((p) => p.startsWith(uploads)).map((p) => dirname(p)));
      for (const dir of dirs) void rm(dir, { recursive: true, force: true }).catch(() => undefined);
    });
  }

  async uploadBatchFile({ name, dataBase64 }: { name: string; dataBase64: string }): Promise<{ uploadId: string }> {
    const uploadId = `up_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const dir = join(this.stateDir, 'uploads', uploadId);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, name), Buffer.from(dataBase64, 'base64'));
    return { uploadId };
  }

  async startBatch(args: BatchStartArgs): Promise<BatchStatus> {
    const sources = await this.sources(args.files);
    const outputDir = await this.outputDir();
    const options = { method: args.method, ...(args.model !== undefined && { model: args.model }), ...(args.seed !== undefined && { seed: args.seed }) };
    const record = await planBatch(sources, outputDir, { ...options, ...(args.sharedMask !== undefined && { sharedMask: args.sharedMask }) });
    return this.runner.start(record);
  }

  pauseBatch = ({ batchId }: { batchId: string }): Promise<BatchStatus> => this.runner.setState(batchId, 'paused');
  resumeBatch = ({ batchId }: { batchId: string }): Promise<BatchStatus> => this.runner.setState(batchId, 'running');
  cancelBatch = ({ batchId }: { batchId: string }): Promise<BatchStatus> => this.runner.setState(batchId, 'cancelled');

  async batchStatus({ batchId }: { batchId?: string }): Promise<BatchStatus[]> {
    return batchId === undefined ? this.runner.list() : [this.runner.get(batchId)];
  }

  private async sources(files: BatchStartArgs['files']): Promise<BatchSource[]> {
    const staged: BatchSource[] = [];
    const dropped: string[] = [];
    for (const file of files) {
      // Each upload has its own folder (names may repeat across batches); they pair within the
      // dropped folder they came from, as paths do on disk.
      if (file.uploadId) {
        const path = join(this.stateDir, 'uploads', file.uploadId, file.name);
        staged.push({ name: file.name, path, group: `uploads/${file.folder ?? ''}`, shownAs: file.folder ? `${file.folder}/${file.name}` : file.name });
      }
      else if (file.path) dropped.push(file.path);
    }
    if (dropped.length > 0 && this.platform.mode !== 'electron') {
      throw LatentshopError.of('batchDropNeedsDesktop', {});
    }
    return [...staged, ...(await expandPaths(dropped.map((path) => this.paths.assertAllowed(path))))];
  }

  /** Desktop: a folder the user picks. Browser mode: a new subfolder of the export folder per batch. */
  private async outputDir(): Promise<string> {
    if (this.platform.chooseFolder) {
      const chosen = await this.platform.chooseFolder();
      if (!chosen) throw LatentshopError.of('noOutputFolder', {});
      return resolve(chosen);
    }
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    for (let n = 1; ; n++) {
      const dir = join(this.platform.exportDir, `batch-${stamp}${n > 1 ? `-${n}` : ''}`);
      try {
        await mkdir(dir, { recursive: false });
        return dir;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') await mkdir(this.platform.exportDir, { recursive: true });
        else if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }
}
