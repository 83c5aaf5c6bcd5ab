import * as tf from '@tensorflow/tfjs';
import { LatentshopError } from '../../../../preload/contract/errors';
import type { InversionMethod, PixelLoss } from '../../../../preload/contract/latent';
import { Rng } from '../../../../models/training/rng';
import { throwIfCancelled } from '../context';
import { cosineLr, LatentAdam, yieldToEventLoop } from './adam';
import { emptyBest, keepBest, meanLoss } from './best-z';
import { encoderStarts } from './encoder-starts';
import { domainTensor, type LatentFamily } from './family';
import { DEFAULT_WEIGHTS, reconstructionRows, targetFeatures, type ReconstructionWeights } from './losses';
import { LatentCoordinates } from './whiten';

export interface InvertOptions {
  method: InversionMethod;
  /** Optimiser steps; defaults: optimize 500, hybrid 50 (encoder: none). */
  iterations?: number;
  /**
   * Starts per image (the best is kept); defaults: optimize 4 (random), hybrid 1 (E's code; more
   * are E's ReStyle iterates, see encoder-starts.ts).
   */
  starts?: number;
  /** Seed of optimize's random starts (hybrid's starts are deterministic). */
  seed?: number;
  /**
   * One seed per image for its random starts, instead of one stream from `seed` for the
   * whole batch: an image's result then does not depend on which batch it is in (sharded
   * benches reproduce unsharded runs exactly).
   */
  imageSeeds?: ArrayLike<number>;
  /** Peak Adam step size, in Adam's coordinates (whitened or z); defaults in DEFAULT_SCHEDULE. */
  lr?: number;
  /** Steps of linear lr warm-up (see cosineLr); defaults in DEFAULT_SCHEDULE. */
  warmup?: number;
  /** Adam in whitened coordinates (see whiteningMaps); default true. False: Adam on z itself. */
  whiten?: boolean;
  /** Steps between re-centrings of the whitened coordinates (0: never); defaults in DEFAULT_SCHEDULE. */
  recentreEvery?: number;
  weights?: ReconstructionWeights;
  /** The pixel term's norm, over `weights`' (default L2). */
  pixelLoss?: PixelLoss;
  signal?: AbortSignal;
  /** After every step: mean best loss over the images so far. */
  onStep?(step: number, total: number, loss: number): void;
  /** Every `previewEvery` steps (default 10): the best reconstruction of image 0 so far. */
  onPreview?(recon: Float32Array): void | Promise<void>;
  previewEvery?: number;
  /** Reconstructions of every image after these step counts (benches: PSNR against iterations). */
  checkpoints?: number[];
  onCheckpoint?(step: number, recon: Float32Array): void;
}

export interface InversionResult {
  /** Best z per image, count × latentSize. */
  z: Float32Array;
  /** G(z) per image, count × h × w × channels, domain range. */
  recon: Float32Array;
  loss: Float32Array;
  iterations: number;
  ms: number;
}

/**
 * Adam's schedule per method: peak lr, a warm-up of `warmup` steps or WARMUP_SHARE of the run
 * (whichever is shorter, see cosineLr), and how often the whitened coordinates (whiten.ts) are
 * re-centred on the current z (0: never). Chosen on held-out *training* images (the last
 * 2 000, which no network trained on):
 * - hybrid stays in E's basin, so the centre at E's code serves all 50 steps. Whitening gained
 *   0.70 dB at 50 steps (80 images: 20.95 → 21.65 dB); peaks 0.3–0.4 and warm-ups 35–50 were
 *   within 0.01 dB; re-centring every 25 or 40 steps lost 0.07–0.33 dB (Adam restarts).
 * - optimize's random starts travel far and G's curvature changes on the way (12 images, 4
 *   starts, 500 steps): re-centring every 50 steps gave 21.37 dB, every 100 21.33, one centre
 *   21.03, and the best unwhitened schedule (lr 0.8) 20.95; peaks 0.05–0.4 were within 0.07 dB.
 */
export const DEFAULT_SCHEDULE = {
  optimize: { lr: 0.1, warmup: 50, recentreEvery: 50 },
  hybrid: { lr: 0.4, warmup: 35, recentreEvery: 0 },
} as const;
/** Short runs still spend their last 30% of steps decaying. */
const WARMUP_SHARE = 0.7;
/** Damping of the whitening (see whiteningMaps): 0.003–0.1 were within 0.05 dB (hybrid, 80 images). */
const WHITENING_DAMPING = 0.01;

/**
 * Inverts `count` domain images (count × h × w × channels, packed) in one batch: every start of
 * every image is a row of z, so one G/D/C pass per step serves them all.
 * optimize: Adam from random z; encoder: one pass of E; hybrid: E's z, then Adam
 * (In-Domain GAN inversion / iGAN's cnn_opt). Adam moves in whitened coordinates around the
 * start (whiten.ts) unless `whiten` is false. The best z seen per image is kept.
 */
export async function invertImages(fam: LatentFamily, targets: Float32Array, count: number, opts: InvertOptions): Promise<InversionResult> {
  const t0 = performance.now();
  const L = fam.latentSize;
  if (opts.method !== 'optimize' && !fam.nets.E) throw LatentshopError.of('noEncoderUseOptimize', { family: fam.id });
  const iterations = opts.method === 'encoder' ? 0 : (opts.iterations ?? (opts.method === 'optimize' ? 500 : 50));
  const starts = opts.method === 'encoder' ? 1 : (opts.starts ?? (opts.method === 'optimize' ? 4 : 1));
  const schedule = DEFAULT_SCHEDULE[opts.method === 'optimize' ? 'optimize' : 'hybrid'];
  const lr = opts.lr ?? schedule.lr;
  const warmup = opts.warmup ?? Math.min(schedule.warmup, Math.round(WARMUP_SHARE * iterations));
  const recentreEvery = opts.recentreEvery ?? schedule.recentreEvery;
  const w = opts.pixelLoss ? { ...(opts.weights ?? DEFAULT_WEIGHTS), pixelLoss: opts.pixelLoss } : (opts.weights ?? DEFAULT_WEIGHTS);
  const rows = count * starts;
  const targetRows = tf.tidy(() => {
    const t = domainTensor(fam, targets, count);
    return starts === 1 ? t : (t.expandDims(1).tile([1, starts, 1, 1, 1]).reshape([rows, ...t.shape.slice(1)]) as tf.Tensor4D);
  });
  const feats = targetFeatures(fam, targetRows);
  const coords = new LatentCoordinates(fam, iterations > 0 && (opts.whiten ?? true) ? WHITENING_DAMPING : null, opts.signal);
  // Adam's coordinates: z itself until the first centring.
  let u: tf.Tensor = initialZ(fam, targetRows, count, starts, opts);
  const adam = new LatentAdam([rows, L]);
  const best = emptyBest(count, L);
  try {
    u = await recentre(coords, u, adam);
    for (let step = 0; step < iterations; step += 1) {
      if (opts.signal) throwIfCancelled(opts.signal);
      if (recentreEvery > 0 && step > 0 && step % recentreEvery === 0) u = await recentre(coords, u, adam);
      let rowLoss: Float32Array<ArrayBufferLike> = new Float32Array(rows);
      let zValues: Float32Array<ArrayBufferLike> = new Float32Array(rows * L);
      const grad = tf.tidy(() =>
        tf.grad((uu: tf.Tensor) => {
          const z = coords.toLatent(uu);
          zValues = z.dataSync() as Float32Array;
          const r = reconstructionRows(fam, z, targetRows, feats, w);
          rowLoss = r.dataSync() as Float32Array;
          return r.sum();
        })(u),
      );
      keepBest(best, rowLoss, zValues, starts, L);
      const next = adam.step(u, grad, cosineLr(lr, step, iterations, warmup));
      tf.dispose([u, grad]);
      u = next;
      const done = step + 1;
      opts.onStep?.(done, iterations, meanLoss(best.loss));
      if (opts.onCheckpoint && opts.checkpoints?.includes(done)) opts.onCheckpoint(done, generateValues(fam, best.z, count));
      if (opts.onPreview && done % (opts.previewEvery ?? 10) === 0) await opts.onPreview(generateValues(fam, best.z.subarray(0, L), 1));
      await yieldToEventLoop();
    }
    // The last update (or the encoder's z) has not been scored yet.
    const last = tf.tidy(() => reconstructionRows(fam, coords.toLatent(u), targetRows, feats, w).dataSync() as Float32Array);
    keepBest(best, last, coords.values(u), starts, L);
    const recon = generateValues(fam, best.z, count);
    return { z: best.z, recon, loss: best.loss, iterations, ms: performance.now() - t0 };
  } finally {
    tf.dispose([targetRows, u, ...feats]);
    adam.dispose();
    coords.dispose();
  }
}

/**
 * Centres the whitened coordinates on the latents at u (again, along a long path: G's curvature
 * changes on the way); Adam restarts there. On a throw (cancel) u is left to the caller.
 */
async function recentre(coords: LatentCoordinates, u: tf.Tensor, adam: LatentAdam): Promise<tf.Tensor> {
  const z = coords.latent(u);
  try {
    const fresh = await coords.centreOn(z);
    u.dispose();
    adam.reset();
    return fresh;
  } finally {
    z.dispose();
  }
}

/** N(0, I) noise for every start row (row r belongs to image ⌊r / starts⌋). */
function startNoise(L: number, count: number, starts: number, opts: InvertOptions): Float32Array {
  const seeds = opts.imageSeeds;
  if (!seeds) return new Rng(opts.seed ?? 1).normals(count * starts * L);
  const noise = new Float32Array(count * starts * L);
  for (let i = 0; i < count; i += 1) noise.set(new Rng(seeds[i] ?? i).normals(starts * L), i * starts * L);
  return noise;
}

function initialZ(fam: LatentFamily, targetRows: tf.Tensor4D, count: number, starts: number, opts: InvertOptions): tf.Tensor2D {
  const rows = targetRows.shape[0];
  if (opts.method === 'optimize') return tf.tensor2d(startNoise(fam.latentSize, count, starts, opts), [rows, fam.latentSize]);
  // E's code, then (starts > 1) its ReStyle iterates (encoder-starts.ts), from each image's first row.
  return tf.tidy(() => {
    const images = targetRows.reshape([count, starts, ...targetRows.shape.slice(1)]).gather(0, 1) as tf.Tensor4D;
    return encoderStarts(fam, images, starts);
  });
}

/** G(z) for packed z rows, as packed domain images (a copy; no tensors kept). */
export function generateValues(fam: LatentFamily, z: Float32Array, count: number): Float32Array {
  return tf.tidy(() => fam.generate(tf.tensor2d(z, [count, fam.latentSize])).dataSync() as Float32Array).slice();
}
