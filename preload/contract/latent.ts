/** Contract types of the latent tools: sampling, inversion, attribute edits and painted constraints. */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type InversionMethod = 'optimize' | 'encoder' | 'hybrid';

/**
 * The norm of the inversion's pixel term: 'l2' (mean squared error, the default: what PSNR
 * measures) or 'l1' (mean absolute error). See the README for how they compare.
 */
export type PixelLoss = 'l2' | 'l1';

/** `sample`: n images from seeds, as one grid image (and each z). */
export interface SampleJobSpec {
  op: 'sample';
  family: string;
  /** 1–256. */
  count: number;
  /** Default 1; image i uses seed + i. */
  seed?: number;
}

/** `invert`: find z for a region of an image; opens a latent session for edits. */
export interface InvertJobSpec {
  op: 'invert';
  imageId: string;
  family: string;
  method: InversionMethod;
  /** Pixels of the image to map into the generator's domain. Default: the whole image. */
  region?: Rect;
  /** Optimiser steps for optimize/hybrid. Defaults: optimize 500, hybrid 50. */
  iterations?: number;
  /** Starts for optimize/hybrid (the best is kept): optimize's are random (default 4), hybrid's E's code and its ReStyle iterates (default 1). */
  starts?: number;
  /** The pixel term's norm for optimize/hybrid. Default 'l2'. */
  pixelLoss?: PixelLoss;
}

/** `applyEdit`: the session's edit at full resolution, blended into the photo: a new image. */
export interface ApplyEditJobSpec {
  op: 'applyEdit';
  sessionId: string;
  /** Attribute name → strength α in [-3, 3]. */
  attributes: Record<string, number>;
  /** Use the painted-constraint result z* (blended with `interpolation`) instead of the inverted z. */
  useConstrained?: boolean;
  /** 0 = z0, 1 = z*; default 1. */
  interpolation?: number;
  /** Which constrained candidate (gallery index) to apply; default 0, the best. */
  candidate?: number;
  /** Feather of the blend at the region's edge, in pixels of the photo. Default: 4% of the region. */
  feather?: number;
}

/** `learnAttribute`: mean z of positives minus mean z of negatives, stored in the family's attributes. */
export interface LearnAttributeJobSpec {
  op: 'learnAttribute';
  family: string;
  name: string;
  /** Images opened in this session (from two dropped folders). At least 1 each. */
  positives: string[];
  negatives: string[];
  method: InversionMethod;
}

/** A colour or sketch stroke, in photo pixel coordinates. */
export interface Stroke {
  kind: 'colour' | 'sketch' | 'erase';
  /** CSS hex colour for colour strokes, e.g. "#ff0000". */
  colour?: string;
  /** Brush diameter in photo pixels. */
  size: number;
  points: { x: number; y: number }[];
}

/** `constrain`: z* = argmin U(G(z)) + λ1‖z−z0‖² − λ2·D(G(z)) for the session's strokes (iGAN). */
export interface ConstrainJobSpec {
  op: 'constrain';
  sessionId: string;
  strokes: Stroke[];
  /** "Stay close" weight λ1 ≥ 0. Default 0.05. */
  stayClose?: number;
  /** "Realism" weight λ2 ≥ 0. Default 0.1. */
  realism?: number;
  /** Candidates from different starts (iGAN's gallery). Default 4. */
  candidates?: number;
  /** Optimiser steps per candidate. Default 60. */
  iterations?: number;
}

export type LatentJobSpec = SampleJobSpec | InvertJobSpec | ApplyEditJobSpec | LearnAttributeJobSpec | ConstrainJobSpec;

export interface LatentSessionResult {
  kind: 'latent';
  sessionId: string;
  family: string;
  method: InversionMethod;
  region: Rect;
  /** The code found, length = the family's latent size. */
  z: number[];
  /** Reconstruction quality in the generator's domain. */
  psnr: number;
  ssim: number;
  iterations: number;
  ms: number;
  /** Data URL of the reconstruction G(z) (generator resolution). */
  reconstructionUrl: string;
}

export interface SampleResult {
  kind: 'samples';
  family: string;
  /** Data URL of the grid of samples. */
  gridUrl: string;
  latents: number[][];
}

export interface AttributeInfo {
  name: string;
  /** What the panel shows, e.g. "Sneaker → Ankle boot" or "→ Dress" for a class direction; absent: the name. */
  label?: string;
  /** `label` in other languages, by locale, for a shipped attribute whose family translates it. */
  labels?: Record<string, string>;
  /** How it was made: method and counts, or 'built-in from labels'. */
  provenance: { method: InversionMethod | 'labels'; positives: number; negatives: number; createdAt?: string };
  /** Strength α at which the built-in vector reaches its target class; the panel marks it. */
  recommendedStrength?: number;
  /** From the user's own file (Learn attribute): the panel offers to remove it. */
  learned?: true;
}

export interface AttributeResult {
  kind: 'attribute';
  family: string;
  attribute: AttributeInfo;
}

export interface ConstrainCandidate {
  z: number[];
  /** Masked colour + edge error of the strokes for this candidate. */
  constraintError: number;
  /** D(G(z)) (logit). */
  realism: number;
  /** Data URL of G(z) at generator resolution. */
  imageUrl: string;
}

export interface ConstrainResult {
  kind: 'constrained';
  sessionId: string;
  /** Best first. */
  candidates: ConstrainCandidate[];
  constraintErrorBefore: number;
  ms: number;
}

export type LatentJobResult = LatentSessionResult | SampleResult | AttributeResult | ConstrainResult;

/** What the family's networks say about a region of an image: E's code, D's score, C's labels. */
export interface ImageAnalysis {
  family: string;
  region: Rect;
  /** E(x): the encoder's latent code. */
  z: number[];
  /** D(x) (logit): higher looks more like the training data. */
  realism: number;
  /** C's top labels, best first. */
  classes: { label: string; probability: number }[];
}

/** Fast, non-job preview of an attribute edit for sliders (target < 100 ms). */
export interface EditPreviewArgs {
  sessionId: string;
  attributes: Record<string, number>;
  useConstrained?: boolean;
  interpolation?: number;
  /** Longest side of the preview in pixels; default 512. */
  maxSide?: number;
  /** Which constrained candidate to use (gallery index); default 0 (the best). */
  candidate?: number;
}

export interface EditPreview {
  /** Data URL of the edited region, blended, at preview resolution. */
  dataUrl: string;
  region: Rect;
  ms: number;
}
