import { EventEmitter } from 'node:events';
import { LatentshopError } from '../../preload/contract/errors';
import type { LatentshopEvents, LatentshopMethods } from '../../preload/contract/service';
import type { BatchStartArgs, BatchStatus, EngineInfo, ImageInfo, JobResult } from '../../preload/contract/types';
import type { AttributeInfo, EditPreview, EditPreviewArgs, ImageAnalysis, Rect, SampleResult } from '../../preload/contract/latent';
import type { BatchService } from '../batch/batch-service';
import type { EngineHost } from '../engine/host/engine-host';
import type { JobQueue } from '../engine/host/job-queue';
import type { EngineJobResult, ImageMeta } from '../engine/protocol';
import { exportFileName, uniqueExportPath } from './export-path';
import { OutputFolders } from './output-folders';
import type { PathRegistry } from './path-registry';

/** What differs between Electron and browser mode; everything else is shared. */
export interface Platform {
  mode: EngineInfo['mode'];
  electronVersion?: string;
  /** Native dialogs (Electron only). */
  dialogs?: {
    openImages(): Promise<string[]>;
    saveImage(suggestedName: string): Promise<string | undefined>;
    /** A folder for batch outputs. */
    chooseFolder?(): Promise<string | undefined>;
  };
  /** Folder for exports when there is no save dialog (browser mode). */
  exportDir: string;
  /** Where persisted state lives (batch queues); default LATENTSHOP_STATE_DIR or ~/.config/latentshop. */
  stateDir?: string;
  previewUrl(imageId: string): string;
}

type ServiceEvents = { [E in keyof LatentshopEvents]: [LatentshopEvents[E]] };

/** Implements the contract once; the IPC registrar and the WebSocket server both call it. */
export class LatentshopService extends EventEmitter<ServiceEvents> implements LatentshopMethods {
  private readonly host: EngineHost;
  private readonly folders: OutputFolders;

  constructor(
    hosts: readonly EngineHost[],
    private readonly jobs: JobQueue,
    private readonly paths: PathRegistry,
    private readonly platform: Platform,
    private readonly batches: BatchService,
  ) {
    super();
    const [first] = hosts;
    if (!first) throw new Error('The service needs at least one engine.');
    this.host = first;
    const chooseFolder = platform.dialogs?.chooseFolder;
    this.folders = new OutputFolders({ exportDir: platform.exportDir, ...(chooseFolder && { chooseFolder }) });
    // Batch files are the batch panel's business (batchProgress), not rows of the jobs panel.
    const hidden = new Set<string>();
    jobs.on('queued', (event) => (event.op === 'inpaintFile' ? hidden.add(event.jobId) : this.emit('jobQueued', event)));
    jobs.on('progress', (event) => hidden.has(event.jobId) || this.emit('jobProgress', event));
    jobs.on('error', (event) => hidden.delete(event.jobId) || this.emit('jobError', event));
    jobs.on('done', ({ jobId, result }) => {
      if (!hidden.delete(jobId) && result.kind !== 'file') this.emit('jobDone', { jobId, result: this.withUrls(result) });
    });
    for (const host of hosts) host.on('restarted', (reason) => this.emit('engineRestarted', { reason }));
  }

  async info(): Promise<EngineInfo> {
    const info = await this.host.call('info', {});
    const versions = { ...info.versions };
    if (this.platform.electronVersion) versions.electron = this.platform.electronVersion;
    return { ...info, versions, mode: this.platform.mode };
  }

  async openDialog(): Promise<ImageInfo[]> {
    if (!this.platform.dialogs) throw LatentshopError.of('noFileDialog', {});
    return this.openPaths(this.paths.allow(await this.platform.dialogs.openImages()));
  }

  async openDropped({ paths }: { paths: string[] }): Promise<ImageInfo[]> {
    if (this.platform.mode !== 'electron') throw LatentshopError.of('dropNeedsDesktop', {});
    // The preload recorded these when they were dropped; anything else is a path the page made up.
    return this.openPaths(paths.map((path) => this.paths.assertAllowed(path)));
  }

  async upload({ name, dataBase64, frame }: Parameters<LatentshopMethods['upload']>[0]): Promise<ImageInfo> {
    const data = new Uint8Array(Buffer.from(dataBase64, 'base64'));
    return this.toInfo(await this.host.call('openBytes', { name, data, ...(frame && { frame }) }));
  }

  async startJob(args: Parameters<LatentshopMethods['startJob']>[0]): Promise<{ jobId: string }> {
    return { jobId: this.jobs.submit(args.spec, args.priority) };
  }

  async cancelJob({ jobId }: { jobId: string }): Promise<void> {
    this.jobs.cancel(jobId);
  }

  async exportImage(args: Parameters<LatentshopMethods['exportImage']>[0]) {
    const suggested = exportFileName(args.name, args.options.format);
    // A chosen output folder (batches) needs no dialog and never replaces a file.
    const path = args.folderId
      ? await uniqueExportPath(this.folders.get(args.folderId), suggested)
      : this.platform.dialogs
        ? await this.platform.dialogs.saveImage(suggested)
        : await uniqueExportPath(this.platform.exportDir, suggested);
    if (!path) throw LatentshopError.of('exportCancelled', {});
    // The save dialog already asked the user whether to replace an existing file.
    const overwrite = this.platform.dialogs && !args.folderId ? args.options.overwrite ?? true : false;
    return this.host.call('exportImage', { imageId: args.imageId, path, options: { ...args.options, overwrite } });
  }

  chooseOutputFolder = (): Promise<{ folderId: string; path: string }> => this.folders.choose();

  async releaseImage({ imageId }: { imageId: string }): Promise<void> {
    await this.host.call('release', { imageId });
  }

  uploadBatchFile = (args: { name: string; dataBase64: string }) => this.batches.uploadBatchFile(args);
  startBatch = (args: BatchStartArgs): Promise<BatchStatus> => this.batches.startBatch(args);
  pauseBatch = (args: { batchId: string }) => this.batches.pauseBatch(args);
  resumeBatch = (args: { batchId: string }) => this.batches.resumeBatch(args);
  cancelBatch = (args: { batchId: string }) => this.batches.cancelBatch(args);
  batchStatus = (args: { batchId?: string }) => this.batches.batchStatus(args);

  // Latent tools' fast paths. Sessions live in the engines' shared cache, so the first engine serves them all.
  previewEdit = (args: EditPreviewArgs): Promise<EditPreview> => this.host.call('previewEdit', args);
  listAttributes = (args: { family: string }): Promise<AttributeInfo[]> => this.host.call('listAttributes', args);
  removeAttribute = (args: { family: string; name: string }): Promise<AttributeInfo[]> => this.host.call('removeAttribute', args);
  closeLatentSession = async (args: { sessionId: string }): Promise<void> => void (await this.host.call('closeLatentSession', args));
  modelSamples = (args: { family: string; count: number; seed?: number }): Promise<SampleResult> => this.host.call('modelSamples', args);
  generate = (args: { family: string; z: number[] }): Promise<{ imageUrl: string }> => this.host.call('generate', args);
  analyzeImage = (args: { imageId: string; family: string; region?: Rect }): Promise<ImageAnalysis> => this.host.call('analyzeImage', args);

  private async openPaths(paths: string[]): Promise<ImageInfo[]> {
    const opened: ImageInfo[] = [];
    for (const path of paths) opened.push(this.toInfo(await this.host.call('openFile', { path })));
    return opened;
  }

  private toInfo(meta: ImageMeta): ImageInfo {
    return { ...meta, previewUrl: this.platform.previewUrl(meta.id) };
  }

  /** Image results get their preview URL; latent results (sessions, samples, attributes) carry data URLs already. */
  private withUrls(result: Exclude<EngineJobResult, { kind: 'file' }>): JobResult {
    return result.kind === 'image' ? { ...result, image: this.toInfo(result.image) } : result;
  }
}
