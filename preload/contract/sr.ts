/** Contract types of super-resolution: ESRGAN upscaling and GAN-prior (PULSE-style) upscaling. */

export type SrModel = 'esrgan-slim' | 'esrgan-medium' | 'esrgan-thick';
export type SrScaleFactor = 2 | 3 | 4 | 8;

/** A rectangle of image pixels (integers, inside the image). */
export interface SrRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * `upscale`: ESRGAN super-resolution of an image, or of `region` of it. The result is a new
 * image of (region or image size) × scale, same channels and bit depth (alpha is resampled
 * with Lanczos-3). Progress is per tile, with ETA; cancel lands within about a second
 * (thick: by restarting the engine if one tile runs longer).
 */
export interface UpscaleJobSpec {
  op: 'upscale';
  imageId: string;
  /** slim is fastest; thick is sharpest and ~30× slower. */
  model: SrModel;
  scale: SrScaleFactor;
  /** Default: the whole image. */
  region?: SrRegion;
}

/**
 * `ganUpscale`: super-resolution for images in a GAN family's domain (e.g. Fashion-MNIST
 * products): finds z whose G(z), area-downscaled to the input's size, matches the input
 * (Adam on z with a latent-norm prior), and returns G(z*) resized to the output size. The
 * result's `metrics` hold `consistencyRmse` (downscaled G(z*) vs the input, 0–1 units),
 * `initialRmse` (the same at the start) and `steps`.
 */
export interface GanUpscaleJobSpec {
  op: 'ganUpscale';
  imageId: string;
  /** A model family with a generator, e.g. "fashion". */
  family: string;
  /** Output = input × scale. Default 4. */
  scale?: SrScaleFactor;
  region?: SrRegion;
  /** Adam steps, 1–2000. Default 200 (~0.03–0.1 s each on wasm). */
  steps?: number;
  /** Random starts (the best is kept), 1–16. Default 4. */
  restarts?: number;
  /** Weight of the latent-norm prior. Default 0.01. */
  priorWeight?: number;
  seed?: number;
}

export type SrJobSpec = UpscaleJobSpec | GanUpscaleJobSpec;
