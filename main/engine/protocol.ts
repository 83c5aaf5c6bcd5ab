import type { LatentshopErrorData } from '../../preload/contract/errors';
import type { AttributeInfo, EditPreview, EditPreviewArgs, ImageAnalysis, Rect, SampleResult } from '../../preload/contract/latent';
import type { SrImagePlan, SrPlanArgs, UpscaleBandArgs } from './ops/sr/band-methods';
import type { Band, BandPlan, BandResult } from './ops/sr/bands';
import type { UpscaleJobSpec } from '../../preload/contract/sr';
import type { RasterImage } from './io/raster';
import type { BackendInfo, ImageInfo, JobPriority, JobResult, JobSpec, ExportOptions, ExportResult, EngineInfo, UploadFrame } from '../../preload/contract/types';

/** What the engine knows of an image; the transport adds the preview URL. */
export type ImageMeta = Omit<ImageInfo, 'previewUrl'>;

/** A result written to disk: batch work (`inpaintFile`), which main never forwards to the UI as an image. */
export interface FileJobResult {
  kind: 'file';
  path: string;
  bytes: number;
}

/** Job results as the engine returns them (image results without URLs). */
export type EngineJobResult =
  | FileJobResult
  | (JobResult extends infer R ? (R extends { kind: 'image'; image: ImageInfo } ? Omit<R, 'image'> & { image: ImageMeta } : R) : never);

/** Calls the host may make into the engine process. */
export interface EngineMethods {
  info(args: Record<string, never>): Omit<EngineInfo, 'mode'>;
  openFile(args: { path: string }): ImageMeta;
  /** With a frame, the decoded image is a mask's crop, placed on black (io/place-on-black.ts). */
  openBytes(args: { name: string; data: Uint8Array; frame?: UploadFrame }): ImageMeta;
  preview(args: { imageId: string }): Uint8Array;
  exportImage(args: { imageId: string; path: string; options: ExportOptions }): ExportResult;
  release(args: { imageId: string }): null;
  /** `priority` lets a handler trade progress granularity for throughput on batch jobs. */
  runJob(args: { jobId: string; spec: JobSpec; priority?: JobPriority }): EngineJobResult;
  /** Split super-resolution (CLI, bench): the band plan of one image, see ops/sr/bands.ts. */
  srPlan(args: SrPlanArgs): BandPlan;
  /** Runs one band of a split upscale; progress and cancel go by args.jobId. */
  upscaleBand(args: UpscaleBandArgs): BandResult;
  /** In-app split upscale (worker/sr-split.ts): plan, run a band, and store the stitched result, by image id. */
  srPlanImage(args: SrSplitSource & { workers: number; maxRows?: number }): SrImagePlan;
  upscaleImageBand(args: SrSplitSource & { jobId: string; plan: BandPlan; band: Band }): BandResult;
  srStoreResult(args: SrSplitSource & { raster: RasterImage }): ImageMeta;
  /** Latent tools' fast paths (not jobs); sessions live in the shared cache, so any engine serves them. */
  previewEdit(args: EditPreviewArgs): EditPreview;
  listAttributes(args: { family: string }): AttributeInfo[];
  removeAttribute(args: { family: string; name: string }): AttributeInfo[];
  closeLatentSession(args: { sessionId: string }): null;
  modelSamples(args: { family: string; count: number; seed?: number }): SampleResult;
  generate(args: { family: string; z: number[] }): { imageUrl: string };
  analyzeImage(args: { imageId: string; family: string; region?: Rect }): ImageAnalysis;
}

export type EngineMethodName = keyof EngineMethods;

type SrSplitSource = Pick<UpscaleJobSpec, 'imageId' | 'model' | 'scale' | 'region'>;

export type HostToEngine =
  | { type: 'call'; id: number; method: EngineMethodName; args: unknown }
  | { type: 'cancel'; jobId: string };

export type EngineToHost =
  | { type: 'ready'; backend: BackendInfo }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: LatentshopErrorData }
  | { type: 'progress'; jobId: string; fraction: number; stage: string; previewUrl?: string };
