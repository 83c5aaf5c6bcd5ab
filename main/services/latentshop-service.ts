import { EventEmitter } from 'node:events';
import { LatentshopError } from '../../preload/contract/errors';
import type { LatentshopEvents, LatentshopMethods } from '../../preload/contract/service';
import type { EngineInfo, ImageInfo, JobResult } from '../../preload/contract/types';
import type { EngineHost } from '../engine/host/engine-host';
import type { JobQueue } from '../engine/host/job-queue';
import type { EngineJobResult, ImageMeta } from '../engine/protocol';
import { uniqueExportPath } from './export-path';
import type { PathRegistry } from './path-registry';

/** What differs between Electron and browser mode; everything else is shared. */
export interface Platform {
  mode: EngineInfo['mode'];
  electronVersion?: string;
  /** Native dialogs (Electron only). */
  dialogs?: {
    openImages(): Promise<string[]>;
    saveImage(suggestedName: string): Promise<string | undefined>;
  };
  /** Folder for exports when there is no save dialog (browser mode). */
  exportDir: string;
  previewUrl(imageId: string): string;
}

type ServiceEvents = { [E in keyof LatentshopEvents]: [LatentshopEvents[E]] };

/** Implements the contract once; the IPC registrar and the WebSocket server both call it. */
export class LatentshopService extends EventEmitter<ServiceEvents> implements LatentshopMethods {
  private readonly host: EngineHost;

  constructor(
    hosts: readonly EngineHost[],
    private readonly jobs: JobQueue,
    private readonly paths: PathRegistry,
    private readonly platform: Platform,
  ) {
    super();
    const [first] = hosts;
    if (!first) throw new Error('The service needs at least one engine.');
    this.host = first;
    jobs.on('queued', (event) => this.emit('jobQueued', event));
    jobs.on('progress', (event) => this.emit('jobProgress', event));
    jobs.on('error', (event) => this.emit('jobError', event));
    jobs.on('done', ({ jobId, result }) => this.emit('jobDone', { jobId, result: this.withUrls(result) }));
    for (const host of hosts) host.on('restarted', (reason) => this.emit('engineRestarted', { reason }));
  }

  async info(): Promise<EngineInfo> {
    const info = await this.host.call('info', {});
    const versions = { ...info.versions };
    if (this.platform.electronVersion) versions.electron = this.platform.electronVersion;
    return { ...info, versions, mode: this.platform.mode };
  }

  async openDialog(): Promise<ImageInfo[]> {
    if (!this.platform.dialogs) throw new LatentshopError('BAD_ARGUMENT', 'There is no file dialog in browser mode; drop files instead.');
    return this.openPaths(this.paths.allow(await this.platform.dialogs.openImages()));
  }

  async openDropped({ paths }: { paths: string[] }): Promise<ImageInfo[]> {
    if (this.platform.mode !== 'electron') throw new LatentshopError('PATH_NOT_ALLOWED', 'Paths can only be dropped in the desktop app.');
    return this.openPaths(this.paths.allow(paths));
  }

  async upload({ name, dataBase64 }: { name: string; dataBase64: string }): Promise<ImageInfo> {
    const data = new Uint8Array(Buffer.from(dataBase64, 'base64'));
    return this.toInfo(await this.host.call('openBytes', { name, data }));
  }

  async startJob(args: Parameters<LatentshopMethods['startJob']>[0]): Promise<{ jobId: string }> {
    return { jobId: this.jobs.submit(args.spec, args.priority) };
  }

  async cancelJob({ jobId }: { jobId: string }): Promise<void> {
    this.jobs.cancel(jobId);
  }

  async exportImage(args: Parameters<LatentshopMethods['exportImage']>[0]) {
    const extension = args.options.format === 'jpeg' ? 'jpg' : args.options.format;
    const base = (args.name ?? 'latentshop-export').replace(/\.[A-Za-z0-9]+$/, '');
    const suggested = `${base}.${extension}`;
    const path = this.platform.dialogs
      ? await this.platform.dialogs.saveImage(suggested)
      : await uniqueExportPath(this.platform.exportDir, suggested);
    if (!path) throw new LatentshopError('CANCELLED', 'Export cancelled.');
    // The save dialog already asked the user whether to replace an existing file.
    const overwrite = this.platform.dialogs ? args.options.overwrite ?? true : false;
    return this.host.call('exportImage', { imageId: args.imageId, path, options: { ...args.options, overwrite } });
  }

  async releaseImage({ imageId }: { imageId: string }): Promise<void> {
    await this.host.call('release', { imageId });
  }

  private async openPaths(paths: string[]): Promise<ImageInfo[]> {
    const opened: ImageInfo[] = [];
    for (const path of paths) opened.push(this.toInfo(await this.host.call('openFile', { path })));
    return opened;
  }

  private toInfo(meta: ImageMeta): ImageInfo {
    return { ...meta, previewUrl: this.platform.previewUrl(meta.id) };
  }

  private withUrls(result: EngineJobResult): JobResult {
    return { ...result, image: this.toInfo(result.image) };
  }
}
