import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../../../../models/training/rng';
import { throwIfCancelled } from '../../context';
import { cosineLr, LatentAdam, yieldToEventLoop } from '../../latent/adam';
import { clampedEncoding, emptyBest, keepBest, meanLoss } from '../../latent/best-z';
import type { LatentFamily } from '../../latent/family';

export interface CompletionOptions {
  /** Adam steps. Default 100. */
  iterations?: number;
  /** Starts per image; the lowest final loss wins. Row 0 is E's code, the rest E's code + noise. Default 4. */
  starts?: number;
  /** Adam step size on z (cosine-decayed to a tenth). Default 0.1. */
  lr?: number;
  /** λ, weight of the prior loss softplus(−D(G(z))) against the (normalised) context loss. Default 0.01. */
  realism?: number;
  /** Weight of ‖z‖²/dim, keeping z where G was trained. Default 0.002. */
  latentPrior?: number;
  seed?: number;
  signal?: AbortSignal;
  /** After every step: the mean over images of the best loss so far. */
  onStep?(step: number, total: number, loss: number): void | Promise<void>;
}

export interface CompletionResult {
  /** Best z per image, count × latentSize. */
  z: Float32Array;
  /** G(z*) per image, count × h × w × channels, domain range. */
  recon: Float32Array;
  /** Best loss per image. */
  loss: Float32Array;
  /** Loss of E's code (row 0) before any step, per image. */
  initialLoss: Float32Array;
  ms: number;
}

/** Spread of the extra starts around E's code: far enough to find another mode, near enough to keep its class. */
const SPREAD = 0.7;

/**
 * Semantic completion in the generator's domain (Yeh et al. 2017): z* = argmin over z of
 *   Σ W⊙|G(z) − y| / ΣW  +  λ·softplus(−D(G(z)))  +  μ‖z‖²/dim
 * with W the importance weights (0 in the hole). The prior is the non-saturating form of
 * the paper's log(1 − D(G(z))): the same minimiser, but its gradient does not vanish
 * where D is sure the image is fake. `count` images (targets packed h × w × channels,
 * weights h × w, each) × `starts` rows go through G and D as one batch per step.
 */
export async function completeLatent(fam: LatentFamily, targets: Float32Array, weights: Float32Array, count: number, opts: CompletionOptions = {}): Promise<CompletionResult> {
  const t0 = performance.now();
  const { width, height, channels } = fam.domain;
  const L = fam.latentSize;
  const iterations = opts.iterations ?? 100;
  const starts = opts.starts ?? 4;
  const [lr, lambda, mu] = [opts.lr ?? 0.1, opts.realism ?? 0.01, opts.latentPrior ?? 0.002];
  const rows = count * starts;
  const tile = (values: Float32Array, c: number): tf.Tensor4D =>
    tf.tidy(() => tf.tensor4d(values, [count, height, width, c]).expandDims(1).tile([1, starts, 1, 1, 1]).reshape([rows, height, width, c]) as tf.Tensor4D);
  const y = tile(targets, channels);
  // One weight per pixel, broadcast over its channels; the context loss is then a mean over channels.
  const w = tile(weights, 1);
  const wSum = tf.tidy(() => w.sum([1, 2, 3]).mul(channels).maximum(1e-6));
  const lossRows = (z: tf.Tensor): tf.Tensor1D =>
    tf.tidy(() => {
      const x = fam.generate(z);
      const context = x.sub(y).abs().mul(w).sum([1, 2, 3]).div(wSum);
      const prior = tf.softplus(fam.discriminate(x).neg());
      return context.add(prior.mul(lambda)).add(z.square().mean(1).mul(mu)) as tf.Tensor1D;
    });
  let z: tf.Tensor = initialZ(fam, y, starts, opts.seed ?? 1);
  const adam = new LatentAdam([rows, L]);
  const best = emptyBest(count, L);
  const initialLoss = new Float32Array(count);
  try {
    for (let step = 0; step < iterations; step += 1) {
      if (opts.signal) throwIfCancelled(opts.signal);
      let rowLoss: Float32Array<ArrayBufferLike> = new Float32Array(rows);
      const grad = tf.tidy(() =>
        tf.grad((zz: tf.Tensor) => {
          const r = lossRows(zz);
          rowLoss = r.dataSync() as Float32Array;
          return r.sum();
        })(z),
      );
      if (step === 0) for (let i = 0; i < count; i += 1) initialLoss[i] = rowLoss[i * starts] ?? 0;
      keepBest(best, rowLoss, z.dataSync() as Float32Array, starts, L);
      const next = adam.step(z, grad, cosineLr(lr, step, iterations));
      tf.dispose([z, grad]);
      z = next;
      await opts.onStep?.(step + 1, iterations, meanLoss(best.loss));
      await yieldToEventLoop();
    }
    // The last update has not been scored yet (with no steps: E's code itself).
    const last = tf.tidy(() => lossRows(z).dataSync() as Float32Array);
    if (iterations === 0) for (let i = 0; i < count; i += 1) initialLoss[i] = last[i * starts] ?? 0;
    keepBest(best, last, z.dataSync() as Float32Array, starts, L);
    const recon = tf.tidy(() => fam.generate(tf.tensor2d(best.z, [count, L])).dataSync() as Float32Array).slice();
    return { z: best.z, recon, loss: best.loss, initialLoss, ms: performance.now() - t0 };
  } finally {
    tf.dispose([y, w, wSum, z]);
    adam.dispose();
  }
}

/** E's code of the masked image (row 0 of each image), the other rows around it; random z when the family has no encoder. */
function initialZ(fam: LatentFamily, masked: tf.Tensor4D, starts: number, seed: number): tf.Tensor2D {
  const rows = masked.shape[0];
  const L = fam.latentSize;
  const encoder = fam.nets.E;
  return tf.tidy(() => {
    const noise = tf.tensor2d(new Rng(seed).normals(rows * L), [rows, L]);
    if (!encoder) return noise;
    const encoded = clampedEncoding(encoder, masked, L);
    const spread = tf.tensor2d(Array.from({ length: rows }, (_, r) => (r % starts === 0 ? 0 : SPREAD)), [rows, 1]);
    return encoded.add(noise.mul(spread)) as tf.Tensor2D;
  });
}
