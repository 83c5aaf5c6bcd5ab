import type { LatentshopErrorData } from './errors';
import type { AttributeInfo, EditPreview, EditPreviewArgs, SampleResult, ImageAnalysis, Rect } from './latent';
import type {
  BatchStartArgs,
  BatchStatus,
  EngineInfo,
  ExportOptions,
  ExportResult,
  ImageInfo,
  JobPriority,
  JobProgress,
  JobResult,
  JobSpec,
  JobStarted,
  UploadFrame,
} from './types';

/**
 * The one service contract between the UI and main. Every method takes a single
 * argument object (validated by zod in main) and returns a promise.
 */
export interface LatentshopMethods {
  /** Backend, the reason it was chosen, versions and installed model families. */
  info(args: Record<string, never>): Promise<EngineInfo>;
  /** Shows the native open dialog (Electron only) and opens the chosen images. */
  openDialog(args: Record<string, never>): Promise<ImageInfo[]>;
  /** Opens files dropped on the window (Electron only: paths come from the drop). */
  openDropped(args: { paths: string[] }): Promise<ImageInfo[]>;
  /**
   * Opens an image from bytes the user picked or dropped in browser mode, max 512 MiB. With a
   * frame, the image is a mask's crop: its grey values placed on a black frame (see UploadFrame).
   */
  upload(args: { name: string; dataBase64: string; frame?: UploadFrame }): Promise<ImageInfo>;
  /** Queues a long operation and returns its id at once. Default priority: interactive. */
  startJob(args: { spec: JobSpec; priority?: JobPriority }): Promise<JobStarted>;
  /** Cancels a queued or running job; it ends with CANCELLED within 1 s. */
  cancelJob(args: { jobId: string }): Promise<void>;
  /**
   * Exports an image. Electron asks for the path with a save dialog; browser mode
   * writes into its export folder. The write is atomic and never replaces the source
   * unless `options.overwrite` is set.
   */
  exportImage(args: { imageId: string; options: ExportOptions; name?: string; folderId?: string }): Promise<ExportResult>;
  /**
   * A folder for batch outputs (super-resolution batches): the desktop asks with a folder
   * dialog; browser mode makes a new subfolder of its export folder. Pass the id as
   * exportImage's `folderId` to write there without a dialog, never over an existing file.
   */
  chooseOutputFolder(args: Record<string, never>): Promise<{ folderId: string; path: string }>;
  /** Frees an image the UI no longer needs (e.g. history steps dropped past the undo limit). */
  releaseImage(args: { imageId: string }): Promise<void>;
  /** Stages a file for a batch in browser mode (kept on disk so a restart can resume). Max 512 MiB. */
  uploadBatchFile(args: { name: string; dataBase64: string }): Promise<{ uploadId: string }>;
  /**
   * Starts batch inpainting. Outputs are `<name>.inpainted.<ext>`, never over an original:
   * in a folder the user picks (desktop) or a subfolder of the export folder (browser mode).
   * The queue is persisted after every file; a restart resumes it.
   */
  startBatch(args: BatchStartArgs): Promise<BatchStatus>;
  /** Stops starting new files; files already running finish. */
  pauseBatch(args: { batchId: string }): Promise<BatchStatus>;
  resumeBatch(args: { batchId: string }): Promise<BatchStatus>;
  /** Cancels running files (within 1 s) and every file not yet done. */
  cancelBatch(args: { batchId: string }): Promise<BatchStatus>;
  /** One batch, or every known batch (newest first) when no id is given. */
  batchStatus(args: { batchId?: string }): Promise<BatchStatus[]>;
  /**
   * Renders a latent session's edit (attribute strengths, optionally the painted-constraint
   * result) blended into the region at preview resolution (default longest side 512 px).
   * Fast path for sliders, not a job: aims at < 100 ms.
   */
  previewEdit(args: EditPreviewArgs): Promise<EditPreview>;
  /** The family's named latent directions: shipped ones merged with those the user learned. */
  listAttributes(args: { family: string }): Promise<AttributeInfo[]>;
  /** Deletes an attribute the user learned (built-in ones cannot be removed); returns the list afterwards. */
  removeAttribute(args: { family: string; name: string }): Promise<AttributeInfo[]>;
  /** Forgets a latent session (its z and candidates); later edits of it fail with BAD_ARGUMENT. */
  closeLatentSession(args: { sessionId: string }): Promise<void>;
  /** A grid of `count` (1–64) samples for the Models panel, from seeds seed…seed+count−1 (default seed 1). */
  modelSamples(args: { family: string; count: number; seed?: number }): Promise<SampleResult>;
  /** G(z) for a given code, as a data URL at generator resolution. */
  generate(args: { family: string; z: number[] }): Promise<{ imageUrl: string }>;
  /** Encodes, discriminates and classifies a region of an image (default: all of it) in the family's domain. */
  analyzeImage(args: { imageId: string; family: string; region?: Rect }): Promise<ImageAnalysis>;
}

export type MethodName = keyof LatentshopMethods;
export type MethodArgs<M extends MethodName> = Parameters<LatentshopMethods[M]>[0];
export type MethodResult<M extends MethodName> = Awaited<ReturnType<LatentshopMethods[M]>>;

/** Events pushed from main to every subscribed window. */
export interface LatentshopEvents {
  jobQueued: { jobId: string; op: JobSpec['op'] };
  jobProgress: JobProgress;
  jobDone: { jobId: string; result: JobResult };
  jobError: { jobId: string; error: LatentshopErrorData };
  engineRestarted: { reason: string };
  /** A batch changed: a file's progress or state, or the batch's own state. */
  batchProgress: BatchStatus;
}

export type EventName = keyof LatentshopEvents;

/** The wire format on the single channel: a tagged union of requests and replies. */
export interface WireRequest {
  id: number;
  method: string;
  args: unknown;
}

export type WireReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: LatentshopErrorData };

export interface WireEvent {
  event: EventName;
  payload: unknown;
}

/** What the preload (or the browser-mode WebSocket client) gives the renderer. */
export interface LatentshopBridge {
  request(request: Omit<WireRequest, 'id'>): Promise<unknown>;
  subscribe(listener: (event: WireEvent) => void): () => void;
}

/** The typed API the renderer uses: methods plus `onX` subscriptions. */
export type LatentshopApi = LatentshopMethods & {
  [E in EventName as `on${Capitalize<E>}`]: (listener: (payload: LatentshopEvents[E]) => void) => () => void;
};

/**
 * The Electron preload's helper for files the user dropped or picked (absent in browser mode).
 * It resolves each File to its path on disk and has main record the paths, so that
 * openDropped and startBatch accept them. A File the page built itself has no path: null.
 */
export interface LatentshopFiles {
  recordDropped(files: File[]): Promise<(string | null)[]>;
}

export const IPC_CHANNEL = 'latentshop:rpc';
export const IPC_EVENT_CHANNEL = 'latentshop:event';
/** Carries the paths of dropped files from the preload (never from page script) to main. */
export const IPC_DROP_CHANNEL = 'latentshop:drop';
