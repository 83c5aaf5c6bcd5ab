import type { LatentshopErrorData } from './errors';
import type {
  EngineInfo,
  ExportOptions,
  ExportResult,
  ImageInfo,
  JobPriority,
  JobProgress,
  JobResult,
  JobSpec,
  JobStarted,
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
  /** Opens an image from bytes the user picked or dropped in browser mode. Max 512 MiB. */
  upload(args: { name: string; dataBase64: string }): Promise<ImageInfo>;
  /** Queues a long operation and returns its id at once. Default priority: interactive. */
  startJob(args: { spec: JobSpec; priority?: JobPriority }): Promise<JobStarted>;
  /** Cancels a queued or running job; it ends with CANCELLED within 1 s. */
  cancelJob(args: { jobId: string }): Promise<void>;
  /**
   * Exports an image. Electron asks for the path with a save dialog; browser mode
   * writes into its export folder. The write is atomic and never replaces the source
   * unless `options.overwrite` is set.
   */
  exportImage(args: { imageId: string; options: ExportOptions; name?: string }): Promise<ExportResult>;
  /** Frees an image the UI no longer needs (e.g. history steps dropped past the undo limit). */
  releaseImage(args: { imageId: string }): Promise<void>;
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

export const IPC_CHANNEL = 'latentshop:rpc';
export const IPC_EVENT_CHANNEL = 'latentshop:event';
