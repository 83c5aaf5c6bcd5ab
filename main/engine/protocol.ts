import type { LatentshopErrorData } from '../../preload/contract/errors';
import type { BackendInfo, ImageInfo, JobResult, JobSpec, ExportOptions, ExportResult, EngineInfo } from '../../preload/contract/types';

/** What the engine knows of an image; the transport adds the preview URL. */
export type ImageMeta = Omit<ImageInfo, 'previewUrl'>;

/** Job results as the engine returns them (image results without URLs). */
export type EngineJobResult = JobResult extends infer R
  ? R extends { kind: 'image'; image: ImageInfo }
    ? Omit<R, 'image'> & { image: ImageMeta }
    : R
  : never;

/** Calls the host may make into the engine process. */
export interface EngineMethods {
  info(args: Record<string, never>): Omit<EngineInfo, 'mode'>;
  openFile(args: { path: string }): ImageMeta;
  openBytes(args: { name: string; data: Uint8Array }): ImageMeta;
  preview(args: { imageId: string }): Uint8Array;
  exportImage(args: { imageId: string; path: string; options: ExportOptions }): ExportResult;
  release(args: { imageId: string }): null;
  runJob(args: { jobId: string; spec: JobSpec }): EngineJobResult;
}

export type EngineMethodName = keyof EngineMethods;

export type HostToEngine =
  | { type: 'call'; id: number; method: EngineMethodName; args: unknown }
  | { type: 'cancel'; jobId: string };

export type EngineToHost =
  | { type: 'ready'; backend: BackendInfo }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: LatentshopErrorData }
  | { type: 'progress'; jobId: string; fraction: number; stage: string };
