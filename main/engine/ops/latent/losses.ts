import * as tf from '@tensorflow/tfjs';
import type { PixelLoss } from '../../../../preload/contract/latent';
import type { LatentFamily } from './family';

export interface ReconstructionWeights {
  /** The pixel term (mean over pixels, domain units). */
  pixel: number;
  /** Its norm: L2 (the default; what PSNR measures) or L1 (mean absolute error). */
  pixelLoss?: PixelLoss;
  /** Each feature layer's squared distance, relative to the target's feature energy. */
  feature: number;
  /** ‖z‖²/dim: keeps z where G was trained (z ~ N(0, I)). */
  prior: number;
}

export const DEFAULT_WEIGHTS: ReconstructionWeights = { pixel: 1, feature: 0.05, prior: 0.002 };

/** Per-row mean of every axis but the first. */
function rowMean(t: tf.Tensor): tf.Tensor1D {
  return t.reshape([t.shape[0]!, -1]).mean(1) as tf.Tensor1D;
}

/** Target features, computed once per inversion; dispose with tf.dispose. */
export function targetFeatures(fam: LatentFamily, target: tf.Tensor4D): tf.Tensor[] {
  return tf.tidy(() => fam.features(target));
}

/**
 * Loss per row of z: pixel L2 + feature distances (D's and C's activations: sharper,
 * more semantic matches than pixels alone) + the latent prior. `target` and `feats`
 * have one row per row of z.
 */
export function reconstructionRows(fam: LatentFamily, z: tf.Tensor, target: tf.Tensor4D, feats: tf.Tensor[], w: ReconstructionWeights = DEFAULT_WEIGHTS): tf.Tensor1D {
  const x = fam.generate(z);
  const error = x.sub(target);
  let loss = rowMean(w.pixelLoss === 'l1' ? error.abs() : error.square()).mul(w.pixel);
  if (w.feature > 0) {
    fam.features(x).forEach((out, k) => {
      const ref = feats[k]!;
      const energy = rowMean(ref.square()).add(1e-6);
      loss = loss.add(rowMean(out.sub(ref).square()).div(energy).mul(w.feature));
    });
  }
  const prior = z.square().mean(1).mul(w.prior);
  return loss.add(prior) as tf.Tensor1D;
}
