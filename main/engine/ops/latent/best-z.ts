import * as tf from '@tensorflow/tfjs';

/**
 * Pieces shared by every optimiser over z (inversion, GAN completion): the batch holds
 * `starts` rows per image, and each image keeps the lowest-loss row it has seen.
 */
export interface BestZ {
  loss: Float32Array;
  z: Float32Array;
}

export function emptyBest(count: number, latentSize: number): BestZ {
  return { loss: new Float32Array(count).fill(Infinity), z: new Float32Array(count * latentSize) };
}

/** Row r belongs to image ⌊r / starts⌋; a row replaces the image's best only if its loss is lower. */
export function keepBest(best: BestZ, rowLoss: Float32Array, z: Float32Array, starts: number, L: number): void {
  for (let r = 0; r < rowLoss.length; r += 1) {
    const image = Math.floor(r / starts);
    const loss = rowLoss[r] ?? Infinity;
    if (!(loss < (best.loss[image] ?? Infinity))) continue;
    best.loss[image] = loss;
    best.z.set(z.subarray(r * L, (r + 1) * L), image * L);
  }
}

export function meanLoss(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / Math.max(1, values.length);
}

/** E's code for each image, pulled back inside ‖z‖ ≤ 1.5·√dim: far out, G saturates and gradients vanish. */
export function clampedEncoding(encoder: tf.LayersModel, images: tf.Tensor4D, latentSize: number): tf.Tensor2D {
  return tf.tidy(() => {
    const raw = encoder.apply(images, { training: false }) as tf.Tensor2D;
    const limit = 1.5 * Math.sqrt(latentSize);
    return raw.mul(tf.minimum(1, tf.div(limit, raw.norm('euclidean', 1, true).add(1e-6)))) as tf.Tensor2D;
  });
}
