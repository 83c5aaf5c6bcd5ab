/**
 * DCGAN training step with the non-saturating logistic loss (softplus form,
 * numerically safe) and an EMA copy of G, which is what we ship: EMA weights
 * give visibly cleaner samples than the last iterate of a GAN.
 */
import * as tf from '@tensorflow/tfjs';
import { type FashionSet, sampleIndices, SIDE, toFloat } from './data.js';
import { reseed } from './init.js';
import { buildDiscriminator, buildGenerator, DEFAULT_WIDTHS, type GanWidths, LATENT_SIZE } from './nets.js';
import type { Rng } from './rng.js';

export interface GanConfig {
  batch: number;
  latent: number;
  lr: number;
  beta1: number;
  emaDecay: number;
  widths: GanWidths;
}

export const DEFAULT_GAN: GanConfig = { batch: 64, latent: LATENT_SIZE, lr: 2e-4, beta1: 0.5, emaDecay: 0.999,
  widths: DEFAULT_WIDTHS };

export interface Gan {
  G: tf.LayersModel;
  D: tf.LayersModel;
  Gema: tf.LayersModel;
  optG: tf.Optimizer;
  optD: tf.Optimizer;
}

export function createGan(cfg: GanConfig, rng: Rng): Gan {
  const G = buildGenerator(cfg.latent, cfg.widths);
  const D = buildDiscriminator(cfg.widths);
  const Gema = buildGenerator(cfg.latent, cfg.widths);
  reseed(G, rng, 'dcgan');
  reseed(D, rng, 'dcgan');
  Gema.setWeights(G.getWeights());
  return { G, D, Gema, optG: tf.train.adam(cfg.lr, cfg.beta1, 0.999), optD: tf.train.adam(cfg.lr, cfg.beta1, 0.999) };
}

function vars(model: tf.LayersModel): tf.Variable[] {
  // LayerVariable wraps a core tf.Variable in `val`; optimizers need the core ones.
  return model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
}

export function latentBatch(rng: Rng, n: number, latent: number): tf.Tensor2D {
  return tf.tensor2d(rng.normals(n * latent), [n, latent]);
}

/** One D update then one G update; returns the two losses (synchronously read, cheap scalars). */
export function ganStep(gan: Gan, cfg: GanConfig, data: FashionSet, rng: Rng): { d: number; g: number } {
  const { G, D } = gan;
  const real = tf.tensor4d(toFloat(data, sampleIndices(rng, data.count, cfg.batch)), [cfg.batch, SIDE, SIDE, 1]);
  const z1 = latentBatch(rng, cfg.batch, cfg.latent);
  const z2 = latentBatch(rng, cfg.batch, cfg.latent);
  // Fakes for the D step are made outside the loss so no gradient flows into G there.
  const fake = tf.tidy(() => G.apply(z1, { training: true }) as tf.Tensor);
  const dLoss = gan.optD.minimize(() => tf.tidy(() => {
    const lr = D.apply(real, { training: true }) as tf.Tensor;
    const lf = D.apply(fake, { training: true }) as tf.Tensor;
    return tf.add(tf.softplus(tf.neg(lr)).mean(), tf.softplus(lf).mean()) as tf.Scalar;
  }), true, vars(D));
  const gLoss = gan.optG.minimize(() => tf.tidy(() => {
    const logits = D.apply(G.apply(z2, { training: true }), { training: true }) as tf.Tensor;
    return tf.softplus(tf.neg(logits)).mean() as tf.Scalar;
  }), true, vars(G));
  const out = { d: dLoss!.dataSync()[0]!, g: gLoss!.dataSync()[0]! };
  tf.dispose([real, z1, z2, fake, dLoss!, gLoss!]);
  return out;
}

/** Gema ← decay·Gema + (1−decay)·G for trainable weights; BN moving stats are copied. */
export function updateEma(G: tf.LayersModel, Gema: tf.LayersModel, decay: number): void {
  const trainable = new Set(G.trainableWeights.map((w) => w.name));
  tf.tidy(() => {
    G.weights.forEach((w, i) => {
      const e = Gema.weights[i]!;
      e.write(trainable.has(w.name) ? e.read().mul(decay).add(w.read().mul(1 - decay)) : w.read().clone());
    });
  });
}

/**
 * Re-estimates Gema's BatchNorm moving statistics with its own weights: the
 * copied stats belong to the raw G, and a mismatch greys out samples.
 */
export function recalibrateBatchNorm(Gema: tf.LayersModel, rng: Rng, latent: number, batches = 60, batch = 256): void {
  for (let i = 0; i < batches; i++) {
    tf.tidy(() => { Gema.apply(latentBatch(rng, batch, latent), { training: true }); });
  }
}
