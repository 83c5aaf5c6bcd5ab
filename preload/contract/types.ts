/** Plain data types shared by every runtime. No imports of runtime code here. */
import type { LatentshopErrorData } from './errors';
import type { LatentJobResult, LatentJobSpec } from './latent';
import type { SrJobSpec } from './sr';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export interface BackendInfo {
  /** The tfjs backend in use. */
  name: BackendName;
  /** Why this backend was chosen, including why better ones were skipped (English, for the CLI and logs). */
  reason: string;
  /** Chosen by LATENTSHOP_BACKEND rather than as the best that runs. */
  forced?: true;
  /** The better rungs that could not run, best first, for a UI to word in its own language. */
  skipped?: SkippedBackend[];
  /** Whether wasm SIMD is on (wasm backend only). */
  simd?: boolean;
}

export interface SkippedBackend {
  /** A rung of the ladder, or the unknown name LATENTSHOP_BACKEND asked for. */
  name: string;
  /** The package is not installed (the usual case for tfjs-node here), rather than failing to start. */
  notInstalled?: true;
  /** Otherwise the library's own first line, e.g. "libtensorflow.so.2: cannot open shared object file". */
  detail?: string;
}

export interface ModelFamilySummary {
  id: string;
  title: string;
  roles: string[];
  path: string;
  /** Image channels of a GAN family's domain (manifest `domain.channels`): 1 grey, 3 RGB. */
  channels?: number;
  /** The title in other languages, by locale (the manifest's `translations`); absent: `title` only. */
  titles?: Record<string, string>;
}

export interface EngineInfo {
  backend: BackendInfo;
  versions: { app: string; tfjs: string; node: string; sharp: string; electron?: string };
  models: ModelFamilySummary[];
  /** 'electron' or 'browser': how the UI is being served. */
  mode: 'electron' | 'browser' | 'cli';
}

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'tiff';

/** An image the engine holds. Pixels stay in the engine; the UI sees a preview URL. */
export interface ImageInfo {
  id: string;
  /** File name for display, e.g. "shoe.jpg". */
  name: string;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  bitDepth: 8 | 16;
  /** The source file's format, when it came from a file. */
  format?: ImageFormat;
  /** The source is a WebP stored losslessly: the Export dialog keeps it lossless by default. */
  lossless?: true;
  hasIcc: boolean;
  hasExif: boolean;
  /** URL of an 8-bit PNG preview, served by the transport (token included where needed). */
  previewUrl: string;
}

/**
 * Where an uploaded image sits on a black frame of `width` × `height`, its top-left corner at
 * `left`, `top`. The UI sends a mask so: only the part around the painted pixels, which on a
 * 24 MP photo is a small fraction of the whole (a whole-photo mask took a second to encode).
 */
export interface UploadFrame {
  width: number;
  height: number;
  left: number;
  top: number;
}

export type JobPriority = 'interactive' | 'batch';

export interface ResizeJobSpec {
  op: 'resize';
  imageId: string;
  /** Scale factor, 0.01–16. Ignored when width and height are given. */
  scale?: number;
  width?: number;
  height?: number;
}

/**
 * Image completion: fills the masked pixels of an image; every other pixel is kept bit for bit.
 * The mask is an image in the store (the UI uploads a PNG): where it has a varying alpha
 * channel, alpha > 50 % marks the hole; otherwise luminance > 50 % does. It must be the
 * image's size.
 */
export interface InpaintJobSpec {
  op: 'inpaint';
  imageId: string;
  maskId: string;
  /**
   * 'fill': content-aware fill (PatchMatch with EM voting) from the image's own pixels.
   * 'model': an installed network whose manifest role is `inpainter`, run around each hole.
   * 'gan': semantic completion with a GAN family (Yeh et al. 2017), for images in its domain.
   */
  method: InpaintMethod;
  /**
   * For 'model': the network's name, or its family's id. Default: the first inpainter installed.
   * For 'gan': the GAN family's id. Default: `fashion`, else the first family with G and D.
   */
  model?: string;
  /** Seed of the patch search ('fill') or of the extra latent starts ('gan'); the same seed gives the same result. Default 1. */
  seed?: number;
}

export type InpaintMethod = 'fill' | 'model' | 'gan';

/**
 * Batch inpainting of one file, main-internal: the batch runner and the CLI submit it so
 * pixels never travel through main. startJob's schema does not accept it (paths must come
 * from a dialog, a drop or the command line, never from the renderer).
 */
export interface InpaintFileJobSpec {
  op: 'inpaintFile';
  inputPath: string;
  maskPath: string;
  /** Written atomically; an existing file is never replaced. Format from the extension. */
  outputPath: string;
  method: InpaintMethod;
  model?: string;
  seed?: number;
}

/** Every long operation, as a tagged union. Later issues add members. */
export type JobSpec = ResizeJobSpec | InpaintJobSpec | InpaintFileJobSpec | LatentJobSpec | SrJobSpec;

export type JobOp = JobSpec['op'];

export interface JobStarted {
  jobId: string;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  jobId: string;
  op: JobOp;
  /** 0–1. */
  fraction: number;
  /** Short stage name, e.g. "decode", "resize", "encode". */
  stage: string;
  /** Estimated seconds left, when known. */
  etaSeconds?: number;
  /** Optional preview of the partial result. */
  previewUrl?: string;
}

export interface ImageResult {
  kind: 'image';
  image: ImageInfo;
  /** Op-specific numbers about the result, e.g. ganUpscale's `consistencyRmse`. */
  metrics?: Record<string, number>;
}

/** Latent jobs (sample, invert, learnAttribute, constrain) return their own kinds; applyEdit returns an image. */
export type JobResult = ImageResult | LatentJobResult;

export interface ExportOptions {
  format: ImageFormat;
  /** 1–100 for JPEG and WebP; default 92. */
  quality?: number;
  /**
   * WebP: store the pixels exactly (quality is then ignored). PNG and TIFF always are; JPEG cannot.
   * Default: lossless when the image came from a lossless WebP and no quality is given.
   */
  lossless?: boolean;
  /** Output bit depth; 16 only for PNG and TIFF. Default: the image's own. */
  bitDepth?: 8 | 16;
  /** Keep EXIF and the ICC profile of the source. Default true. */
  keepMetadata?: boolean;
  /** Allow replacing an existing file, including the source. Default false. */
  overwrite?: boolean;
}

export interface ExportResult {
  path: string;
  bytes: number;
}

/** A file given to a batch: a path main recorded from a drop or dialog (desktop), or a staged upload (browser mode). */
export interface BatchFileRef {
  /** File name, e.g. "photo.jpg" or "photo.mask.png"; masks are paired by it. */
  name: string;
  path?: string;
  /** From uploadBatchFile (browser mode). */
  uploadId?: string;
  /** Browser mode: the dropped folder the file came from ("shoots/a"), so that names pair within it as on disk. */
  folder?: string;
}

export interface BatchStartArgs {
  /** Images and masks together; folders (desktop) are expanded. Masks pair by name: photo.jpg ↔ photo.mask.png. */
  files: BatchFileRef[];
  method: InpaintMethod;
  model?: string;
  /** Name of one of `files` to use as the mask of every image, instead of pairing by name. */
  sharedMask?: string;
  seed?: number;
}

export type BatchItemState = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
export type BatchState = 'running' | 'paused' | 'done' | 'cancelled';

export interface BatchItemStatus {
  /** Input file name. */
  name: string;
  state: BatchItemState;
  /** 0–1 for this file. */
  fraction: number;
  /** Where the result is (or will be) written. */
  output: string;
  error?: BatchItemError;
}

/** Why a file failed, as the engine worded it (its key lets the UI word it in its own language). */
export type BatchItemError = Omit<LatentshopErrorData, 'file'>;

export interface BatchStatus {
  batchId: string;
  state: BatchState;
  method: InpaintMethod;
  outputDir: string;
  items: BatchItemStatus[];
  total: number;
  done: number;
  failed: number;
  /** 0–1 over all files. */
  fraction: number;
  /** Estimated seconds left, when known. */
  etaSeconds?: number;
  /** The JSON report (failures with reasons), written when the batch ends. */
  reportPath?: string;
}
