/** The GAN run: resumable loop, periodic checkpoints and preview grids, final export of EMA-G and D. */
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { saveCheckpoint, startingPoint } from './checkpoint.js';
import { type FashionSet, SIDE } from './data.js';
import { createGan, DEFAULT_GAN, type GanConfig, ganStep, latentBatch, recalibrateBatchNorm, updateEma } from './gan.js';
import { writeGrid } from './grid.js';
import { saveModel } from './io.js';
import { Progress } from './progress.js';
import { Rng } from './rng.js';

export interface RunOptions {
  steps: number;
  seed: number;
  batch?: number;
  outDir: string;
  resume: boolean;
  /** Checkpoint/preview period in steps. */
  every?: number;
}

export interface GanResult { steps: number; elapsedMs: number; d: number; g: number }

export async function trainGan(data: FashionSet, opts: RunOptions): Promise<GanResult> {
  const cfg: GanConfig = { ...DEFAULT_GAN, batch: opts.batch ?? DEFAULT_GAN.batch };
  const every = opts.every ?? 250;
  const ckpt = join(opts.outDir, '.ckpt', 'gan');
  let rng = new Rng(opts.seed);
  const gan = createGan(cfg, rng);
  const parts = { models: { G: gan.G, D: gan.D, Gema: gan.Gema }, optimizers: { G: gan.optG, D: gan.optD } };
  const start = await startingPoint(ckpt, parts, opts.resume, rng);
  let step = start.step;
  const elapsedPrior = start.elapsedPrior;
  rng = start.rng;
  let avg = { d: start.metrics?.['d'] ?? 0, g: start.metrics?.['g'] ?? 0 };
  if (step > 0) process.stderr.write(`[gan] resumed at step ${step}\n`);
  // A fixed latent grid, independent of the training stream, so previews are comparable.
  const previewZ = latentBatch(new Rng(opts.seed + 1), 64, cfg.latent);
  const progress = new Progress('gan', opts.steps, step);
  const t0 = Date.now();
  const config = { ...cfg, seed: opts.seed, steps: opts.steps };
  while (step < opts.steps) {
    const l = ganStep(gan, cfg, data, rng);
    step++;
    // Warm-up: a plain average early on, the configured decay later.
    updateEma(gan.G, gan.Gema, Math.min(cfg.emaDecay, (1 + step) / (10 + step)));
    avg = { d: 0.98 * avg.d + 0.02 * l.d, g: 0.98 * avg.g + 0.02 * l.g };
    if (step % 25 === 0) progress.report(step, { d: avg.d, g: avg.g });
    if (step % every === 0 || step === opts.steps) {
      const elapsedMs = elapsedPrior + Date.now() - t0;
      await saveCheckpoint(ckpt, parts, { step, rng: rng.state(), elapsedMs, config, metrics: avg });
      const imgs = tf.tidy(() => gan.Gema.predict(previewZ) as tf.Tensor);
      await writeGrid(join(ckpt, `preview-${String(step).padStart(6, '0')}.png`), imgs.dataSync() as Float32Array, 64, SIDE, 8);
      imgs.dispose();
    }
  }
  const elapsedMs = elapsedPrior + Date.now() - t0;
  recalibrateBatchNorm(gan.Gema, new Rng(opts.seed + 2), cfg.latent);
  await saveModel(gan.Gema, join(opts.outDir, 'generator'));
  await saveModel(gan.D, join(opts.outDir, 'discriminator'));
  const imgs = tf.tidy(() => gan.Gema.predict(previewZ) as tf.Tensor);
  await writeGrid(join(ckpt, 'final.png'), imgs.dataSync() as Float32Array, 64, SIDE, 8);
  tf.dispose([imgs, previewZ]);
  return { steps: step, elapsedMs, ...avg };
}
