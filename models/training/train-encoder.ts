/**
 * E: image → z for the frozen EMA generator. Initialised from D's conv trunk
 * (D already learnt what matters in these images). Loss = MSE on z for G(z)
 * samples (exact targets) + pixel L2 of G(E(x)) against real images (the
 * case the editor meets: a user's photo, not a G sample).
 */
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { saveCheckpoint, startingPoint } from './checkpoint.js';
import { type FashionSet, sampleIndices, SIDE, toFloat } from './data.js';
import { latentBatch } from './gan.js';
import { reseed } from './init.js';
import { loadModel, saveModel } from './io.js';
import { buildAttributes, writeAttributes } from './attributes.js';
import { runAttributesTask } from './attributes-task.js';
import { buildEncoder, copyConvWeights } from './nets.js';
import { Progress } from './progress.js';
import { Rng } from './rng.js';
import type { RunOptions } from './train-gan.js';

export interface EncoderResult { steps: number; elapsedMs: number; zLoss: number; pixelLoss: number }

/** Weight of the pixel term: pixel MSE in [-1,1] is ~5× smaller than z MSE at the start. */
const PIXEL_WEIGHT = 4;

export async function trainEncoder(train: FashionSet, opts: RunOptions): Promise<EncoderResult> {
  const batch = opts.batch ?? 64;
  const ckpt = join(opts.outDir, '.ckpt', 'encoder');
  let rng = new Rng(opts.seed);
  const G = await loadModel(join(opts.outDir, 'generator'));
  const D = await loadModel(join(opts.outDir, 'discriminator'));
  G.trainable = false;
  const latent = G.inputs[0]!.shape[1]!;
  const E = buildEncoder(latent);
  reseed(E, rng, 'glorot');
  const copied = copyConvWeights(D, E);
  D.dispose();
  process.stderr.write(`[encoder] copied ${copied} conv layers from D\n`);
  const opt = tf.train.adam(5e-4, 0.9, 0.999);
  const parts = { models: { E }, optimizers: { E: opt } };
  const start = await startingPoint(ckpt, parts, opts.resume === true, rng);
  let step = start.step;
  const elapsedPrior = start.elapsedPrior;
  rng = start.rng;
  const progress = new Progress('encoder', opts.steps, step);
  const t0 = Date.now();
  const vars = E.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  let avg = { z: 1, px: 0.2 };
  while (step < opts.steps) {
    const z = latentBatch(rng, batch, latent);
    const real = tf.tensor4d(toFloat(train, sampleIndices(rng, train.count, batch)), [batch, SIDE, SIDE, 1]);
    const fake = tf.tidy(() => G.predict(z) as tf.Tensor);
    let zl = 0;
    let pl = 0;
    const loss = opt.minimize(() => tf.tidy(() => {
      const zLoss = tf.losses.meanSquaredError(z, E.apply(fake, { training: true }) as tf.Tensor);
      const recon = G.apply(E.apply(real, { training: true }), { training: false }) as tf.Tensor;
      const pxLoss = tf.losses.meanSquaredError(real, recon);
      zl = zLoss.dataSync()[0]!;
      pl = pxLoss.dataSync()[0]!;
      return tf.add(zLoss, tf.mul(pxLoss, PIXEL_WEIGHT)) as tf.Scalar;
    }), false, vars);
    tf.dispose([z, real, fake]);
    avg = { z: 0.98 * avg.z + 0.02 * zl, px: 0.98 * avg.px + 0.02 * pl };
    step++;
    if (step % 25 === 0) progress.report(step, { z: avg.z, px: avg.px });
    if (step % 250 === 0 || step === opts.steps) {
      await saveCheckpoint(ckpt, parts, { step, rng: rng.state(), elapsedMs: elapsedPrior + Date.now() - t0,
        config: { batch, seed: opts.seed, steps: opts.steps, pixelWeight: PIXEL_WEIGHT }, metrics: avg });
    }
  }
  await saveModel(E, join(opts.outDir, 'encoder'));
  // The shipped attributes: G-sampled + C-labelled directions merged with E's (attributes-task.ts);
  // E's alone when there is no classifier yet.
  try {
    await runAttributesTask(train, { outDir: opts.outDir, seed: opts.seed });
  } catch {
    writeAttributes(opts.outDir, buildAttributes(E, train));
  }
  G.dispose();
  return { steps: step, elapsedMs: elapsedPrior + Date.now() - t0, zLoss: avg.z, pixelLoss: avg.px };
}
